"""The two things a WBS reporter's browser holds between requests, each in an encrypted
cookie of its own rather than in the server's session table.

- The receipt (RECEIPT): the new report's reference and receipt code, from the filing
  POST until the reporter says they saved the code (or SIGAP_WBS_RECEIPT_MINUTES pass).
- The reporter's session (SESSION): which report this browser opened with its code,
  until the reporter leaves or SIGAP_WBS_SESSION_MINUTES pass without a request.

Why not Django's session: its rows live in the database, where a session key would sit
next to the report it opened (and, for an employee who is also signed in as staff, next
to their account), and every request would rewrite the row's expiry time, a clock of the
reporter's visits. These cookies are encrypted with security.crypto (the server keeps
nothing; a tampered or stale cookie reads as none), HttpOnly, SameSite=Strict, scoped to
the WBS reporter paths only and gone when the browser closes. Their content is data the
reporter may see (the report's id and reference, their own code) and a one-word notice.
"""

from __future__ import annotations

import json
import time

from django.conf import settings

from security import crypto

from .traces import REPORTER_PATH


class EncryptedCookie:
    def __init__(self, name: str, path: str, minutes_setting: str):
        self.name = name
        self.path = path
        self.minutes_setting = minutes_setting

    @property
    def seconds(self) -> int:
        return int(getattr(settings, self.minutes_setting)) * 60

    def read(self, request) -> dict | None:
        """The cookie's data, or None when there is none, it was altered or it expired."""
        stored = request.COOKIES.get(self.name)
        if not stored:
            return None
        try:
            data = json.loads(crypto.decrypt_text(stored))
        except (crypto.DecryptionError, ValueError):
            return None
        if not isinstance(data, dict) or time.time() > data.get("until", 0):
            return None
        return data

    def write(self, response, data: dict, *, until: float | None = None) -> None:
        """Hand `data` to the browser, valid until `until` (default: the setting's
        minutes from now). A browser-session cookie: no expiry date is sent."""
        data = {**data, "until": until if until is not None else time.time() + self.seconds}
        response.set_cookie(
            self.name,
            crypto.encrypt_text(json.dumps(data)),
            path=self.path,
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Strict",
        )

    def delete(self, response) -> None:
        response.delete_cookie(self.name, path=self.path, samesite="Strict")


RECEIPT = EncryptedCookie("sigap_wbs_tanda_terima", REPORTER_PATH + "tanda-terima/", "SIGAP_WBS_RECEIPT_MINUTES")
SESSION = EncryptedCookie("sigap_wbs_sesi", REPORTER_PATH, "SIGAP_WBS_SESSION_MINUTES")
#: Every cookie of the reporter pages; any other cookie is kept from them (wbs.privacy).
NAMES = frozenset({RECEIPT.name, SESSION.name})
