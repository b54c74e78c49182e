"""Settings for the benchmarks: the production settings plus one bare view to compare
against (bench/urls.py). Nothing else differs, so both go through the same middleware."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
