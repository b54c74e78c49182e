"""A signed stamp of when a public form was shown: half of the robot trap every public
form uses (the other half is a honeypot field of the form's own).

A person takes some time to fill a form; a robot posts at once, or posts a form it never
fetched. The form puts sign_started() in a hidden field when it is shown, and on the post
seconds_since_started() says how long ago that was, or None when the stamp is missing,
forged or older than SIGAP_FORM_STAMP_MAX_HOURS. Each form decides how quick is too
quick. No outside service and nothing stored: the stamp is signed with SECRET_KEY.

A refused form is shown again with the stamp it was first shown with (carried()): the
time a person spent on the form counts once for all their tries, so correcting a typo
in a second is not taken for a robot. That gives a robot nothing it did not have: any
stamp it can send is one the server signed when it showed the form, and it still ages
out after the maximum, whether it comes back on a refused page or not.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core import signing

# The salt the complaint form used when the stamp was its own, kept so that a form shown
# before an upgrade still verifies when it is sent after it.
_SALT = "pengaduan.intake.started"


def sign_started(at: float | None = None) -> str:
    """The signed time a form is shown (now, or `at` in seconds since the epoch), for
    its hidden "started" field."""
    return signing.Signer(salt=_SALT).sign(str(int(at if at is not None else time.time())))


def seconds_since_started(token: str) -> float | None:
    """Seconds since sign_started() made `token`; None when it is missing, forged, or
    older than SIGAP_FORM_STAMP_MAX_HOURS (a stamp kept to be replayed)."""
    try:
        started = int(signing.Signer(salt=_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    elapsed = time.time() - started
    if elapsed > settings.SIGAP_FORM_STAMP_MAX_HOURS * 3600:
        return None
    return elapsed


def carried(token: str) -> str:
    """The stamp for a refused form shown again: the one it was first shown with while
    that is still good, else a new one (its time starts now)."""
    return token if seconds_since_started(token) is not None else sign_started()
