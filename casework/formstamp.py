"""A signed stamp of when a public form was shown: half of the robot trap every public
form uses (the other half is a honeypot field of the form's own).

A person takes some time to fill a form; a robot posts at once, or posts a form it never
fetched. The form puts sign_started() in a hidden field when it is shown, and on the post
seconds_since_started() says how long ago that was, or None when the stamp is missing or
forged. Each form decides how quick is too quick. No outside service and nothing stored:
the stamp is signed with SECRET_KEY.
"""

from __future__ import annotations

import time

from django.core import signing

# The salt the complaint form used when the stamp was its own, kept so that a form shown
# before an upgrade still verifies when it is sent after it.
_SALT = "pengaduan.intake.started"


def sign_started(at: float | None = None) -> str:
    """The signed time a form is shown (now, or `at` in seconds since the epoch), for
    its hidden "started" field."""
    return signing.Signer(salt=_SALT).sign(str(int(at if at is not None else time.time())))


def seconds_since_started(token: str) -> float | None:
    """Seconds since sign_started() made `token`, or None when it is missing or forged."""
    try:
        started = int(signing.Signer(salt=_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return time.time() - started
