"""A session ends after SESSION_COOKIE_AGE idle seconds, and its row is written only
when something in it changed or its expiry needs moving on.

Django moves a database session's expiry only when it saves the row. Saving it on every
request (SESSION_SAVE_EVERY_REQUEST) costs an UPDATE of the session table on every page,
a few milliseconds each on PostgreSQL, to move the expiry by the seconds since the last
page. Instead, the session keeps the moment its expiry was last moved (RENEWED_AT), and a
request renews it (which marks the session changed, so SessionMiddleware saves the row
with a fresh expiry) only when that moment is at least RENEW_SECONDS old.

The idle timeout is never longer than before: the row expires SESSION_COOKIE_AGE after
the last renewal, which is at most RENEW_SECONDS before the last request, so a session
can end up to RENEW_SECONDS sooner than the full idle time, never later.

Only a session that exists is renewed: a request without one (a first visit, or a WBS
reporter page, whose staff cookie wbs.privacy hides) creates none here.
"""

from __future__ import annotations

import time

#: The session key holding when the expiry was last moved (seconds since the epoch).
RENEWED_AT = "_sigap_renewed_at"
#: How stale that moment may grow before a request renews it.
RENEW_SECONDS = 60


class IdleSessionMiddleware:
    """Right after SessionMiddleware in settings.MIDDLEWARE: its response phase runs just
    before SessionMiddleware's, which saves the session when this marked it changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        renew_if_due(getattr(request, "session", None))
        return response


def renew_if_due(session, *, now: float | None = None) -> None:
    if session is None or session.session_key is None:
        return
    renewed_at = session.get(RENEWED_AT)  # loaded already on any signed-in page
    if session.is_empty():
        return  # the cookie named no live session: nothing to keep alive
    now = time.time() if now is None else now
    # A session saved anyway (something in it changed) gets a fresh expiry for free.
    if session.modified or not isinstance(renewed_at, int | float) or now - renewed_at >= RENEW_SECONDS:
        session[RENEWED_AT] = int(now)


def stamp_at_sign_in(sender, request, user, **kwargs) -> None:
    """On user_logged_in: the sign-in saves the session, and with it a fresh expiry."""
    session = getattr(request, "session", None)
    if session is not None:
        session[RENEWED_AT] = int(time.time())
