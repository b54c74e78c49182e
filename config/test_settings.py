"""Settings for the test suite: the ordinary settings in the "test" environment."""

import os

os.environ["SIGAP_ENV"] = "test"

from .settings import *  # noqa: E402,F403
