"""What a request to the WBS reporter pages (/wbs/) may carry into SIGAP: nothing that
tells who or where the reporter is.

ReporterPrivacyMiddleware runs first of all middleware, so every other part of Django
(sessions, authentication, CSRF, error handling, logging) sees the request already
stripped:

- the client's address is turned into a throttling token under a per-process secret
  (wbs.throttle.client_token) and then removed with every header that carries an address
  or describes the device (forwarding headers, user agent);
- cookies other than CSRF, language and the reporter's own (wbs.cookies) are hidden, so a
  staff session in the same browser is neither read nor refreshed: the view sees an
  anonymous visitor whatever account is signed in, and the session row's expiry time does
  not record the visit;
- every response, errors included, is kept out of caches (no-store) and sends the
  Referer only to this site ("same-origin": "no-referrer" would make browsers send
  "Origin: null" with the page's own form posts, which the CSRF check rightly refuses).

ReporterLogFilter is on the log handlers and on Django's loggers that attach the request
or the client to their records (config.settings.LOGGING): a record about a reporter page
loses the request object, and the development server's line about it is dropped.
"""

from __future__ import annotations

import logging

from django.conf import settings

from security.client import address_from_meta

from .cookies import NAMES as REPORTER_COOKIES
from .cookies import REPORTER_PATH

#: Request headers and WSGI keys that hold an address or describe the device.
IDENTIFYING_KEYS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "REMOTE_PORT",
    "REMOTE_USER",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_FORWARDED_FOR",
    "HTTP_CLIENT_IP",
    "HTTP_X_CLIENT_IP",
    "HTTP_X_CLUSTER_CLIENT_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_VIA",
    "HTTP_USER_AGENT",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_FROM",
    "gunicorn.socket",
)


def is_reporter_path(path: str) -> bool:
    return (path or "").startswith(REPORTER_PATH)


def _kept_cookies(header: str) -> str:
    allowed = REPORTER_COOKIES | {settings.CSRF_COOKIE_NAME, settings.LANGUAGE_COOKIE_NAME}
    chunks = [chunk for chunk in header.split(";") if chunk.split("=", 1)[0].strip() in allowed]
    return ";".join(chunks).strip()


def strip_request(request) -> None:
    """Remove from `request` everything that identifies the client, after noting the
    throttling token. Django reads META and the cookies from the WSGI environ: both get
    the cleaned copy (the server's own environ dict is left alone)."""
    from . import throttle

    meta = dict(request.META)
    request.wbs_client = throttle.client_token(address_from_meta(meta))
    for key in IDENTIFYING_KEYS:
        meta.pop(key, None)
    meta["REMOTE_ADDR"] = ""
    if "HTTP_COOKIE" in meta:
        meta["HTTP_COOKIE"] = _kept_cookies(meta["HTTP_COOKIE"])
    request.META = meta
    request.environ = meta
    request.__dict__.pop("COOKIES", None)  # parsed again, from the cleaned header


def private_response(response):
    response["Cache-Control"] = "no-store, max-age=0"
    response["Referrer-Policy"] = "same-origin"
    return response


class ReporterPrivacyMiddleware:
    """First in settings.MIDDLEWARE: see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_reporter_path(request.path_info):
            return self.get_response(request)
        strip_request(request)
        return private_response(self.get_response(request))


class ReporterLogFilter(logging.Filter):
    """Keep reporter requests out of the log (see the module docstring).

    Django's request and security loggers attach the request to their records (a JSON or
    mail handler would print its headers); the development server attaches its socket,
    whose text holds the client's address, and logs every request line.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None and is_reporter_path(getattr(request, "path", "")):
            del record.request
        if record.name == "django.server":
            if any(is_reporter_path(_request_path(arg)) for arg in _args(record)):
                return False
            record.__dict__.pop("request", None)  # the socket
            record.args = tuple("-" if isinstance(arg, tuple) else arg for arg in _args(record))
        return True


def _args(record) -> tuple:
    return record.args if isinstance(record.args, tuple) else ()


def _request_path(arg) -> str:
    """The path of a request line such as 'GET /wbs/lapor/ HTTP/1.1'."""
    parts = arg.split() if isinstance(arg, str) else []
    return parts[1] if len(parts) >= 2 else ""
