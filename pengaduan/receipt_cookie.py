"""Where a new complaint's receipt waits between the form's POST and the receipt page: an
encrypted cookie in the complainant's own browser, not the server's session table.

The tracking code must never reach the database, not even encrypted in a session row,
and a public submission should cost no session writes. So the whole receipt (reference,
filing time, code, until when the code is shown, whether a copy was sent) is encrypted
with security.crypto and handed to the browser as an HttpOnly cookie scoped to the
receipt pages. Another browser has nothing to show; a tampered or stale cookie shows
nothing; once the complainant says they saved the code, or its minutes pass, the cookie
is rewritten without it.
"""

from __future__ import annotations

import json
import time
from datetime import datetime

from django.conf import settings

from security import crypto

COOKIE = "sigap_tanda_terima"
PATH = "/pengaduan/tanda-terima/"


def new_slot(*, reference: str, opened_at, code: str, emailed: bool, texted: bool) -> dict:
    return {
        "reference": reference,
        "opened": opened_at.isoformat(),
        "code": code,
        "until": time.time() + settings.SIGAP_RECEIPT_CODE_MINUTES * 60,
        "emailed": emailed,
        "texted": texted,
    }


def read(request) -> dict | None:
    """The receipt this browser holds, with its code dropped once its time has passed;
    None when there is none or it was altered."""
    stored = request.COOKIES.get(COOKIE)
    if not stored:
        return None
    try:
        slot = json.loads(crypto.decrypt_text(stored))
    except (crypto.DecryptionError, ValueError):
        return None
    if not isinstance(slot, dict) or "reference" not in slot:
        return None
    if slot.get("code") and time.time() > slot.get("until", 0):
        slot["code"] = ""
        slot["changed"] = True
    return slot


def without_code(slot: dict) -> dict:
    return {**slot, "code": "", "changed": True}


def opened_at(slot: dict) -> datetime:
    return datetime.fromisoformat(slot["opened"])


def write(response, slot: dict) -> None:
    """Store `slot` in the browser (call on the response that should carry it)."""
    slot = {key: value for key, value in slot.items() if key != "changed"}
    response.set_cookie(
        COOKIE,
        crypto.encrypt_text(json.dumps(slot)),
        # The reference stays readable a little longer than the code, so the page can
        # still say which complaint it was and that the code is gone.
        max_age=max(settings.SIGAP_RECEIPT_CODE_MINUTES * 60, 3600) * 2,
        path=PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def write_if_changed(response, slot: dict | None) -> None:
    if slot is not None and slot.get("changed"):
        write(response, slot)
