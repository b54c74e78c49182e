"""A session ends after SESSION_COOKIE_AGE idle seconds, and its row is written only
when something in it changed or its expiry needs moving on.

Django moves a database session's expiry only when it saves the row. Saving it on every
request (SESSION_SAVE_EVERY_REQUEST) costs an UPDATE of the session table on every page,
a few milliseconds each on PostgreSQL, to move the expiry by the seconds since the last
page. Instead, the session store remembers the expiry its row had when it was read
(SessionStore.stored_expiry), and a request saves the row again, with a fresh expiry,
only when that expiry was set at least RENEW_SECONDS ago. Nothing is added to the
session's data: a reporter's tracking session still holds the case id alone.

The idle timeout is never longer than before: the row expires SESSION_COOKIE_AGE after
its last save, which is at most RENEW_SECONDS before the last request, so a session can
end up to RENEW_SECONDS sooner than the full idle time, never later.

Only a session that exists is renewed: a request without one (a first visit, or a WBS
reporter page, whose staff cookie wbs.privacy hides) creates none here.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.utils import timezone

#: How long ago a session's expiry may have been set before a request moves it on.
RENEW_SECONDS = 60


class SessionStore(DatabaseSessionStore):
    """Django's database session (settings.SESSION_ENGINE), remembering the expiry of the
    row it read."""

    stored_expiry = None

    def _get_session_from_db(self):
        row = super()._get_session_from_db()
        self.stored_expiry = row.expire_date if row is not None else None
        return row


class IdleSessionMiddleware:
    """Right after SessionMiddleware in settings.MIDDLEWARE: its response phase runs just
    before SessionMiddleware's, which saves the session when this marked it changed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        renew_if_due(getattr(request, "session", None))
        return response


def renew_if_due(session, *, now=None) -> None:
    if session is None or session.session_key is None or session.modified:
        return  # no session, or one saved anyway (with a fresh expiry)
    if not session.keys():  # reads the row, as any signed-in page has already
        return  # the cookie named no live session: nothing to keep alive
    expiry = getattr(session, "stored_expiry", None)
    now = now or timezone.now()
    if expiry is None or expiry - now <= timedelta(seconds=session.get_expiry_age() - RENEW_SECONDS):
        session.modified = True
