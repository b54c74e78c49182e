"""Short messages (SMS or WhatsApp) to people without an account, through a pluggable backend.

Like Django's mail backends: settings.SIGAP_SMS_BACKEND names a class by its dotted path,
and code sends with `send_sms(to, body)` without knowing which gateway is behind it.

- `DisabledBackend` (the production default) sends nothing: a unit turns short messages
  on only once it has a gateway contract.
- `ConsoleBackend` (the development default) prints each message.
- `LocmemBackend` (the test default) keeps them in `casework.sms.outbox`.
- `WebhookBackend` POSTs each message as JSON to SIGAP_SMS_WEBHOOK_URL with the bearer
  token SIGAP_SMS_WEBHOOK_TOKEN, the shape most Indonesian SMS and WhatsApp gateways accept
  (directly or through a small adapter): ``{"to": "6281234567890", "message": "..."}``.

A backend raises SmsError when the gateway refuses or cannot be reached, so the caller (a
background task) can try again later; nothing here retries or swallows errors itself.
Messages leave the unit through a third party: callers put in them only what may be read
by others (a reference number, a status, a link), never a case's content.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

DISABLED = "casework.sms.DisabledBackend"
CONSOLE = "casework.sms.ConsoleBackend"
LOCMEM = "casework.sms.LocmemBackend"
WEBHOOK = "casework.sms.WebhookBackend"

# What LocmemBackend has "sent" (tests empty it between cases).
outbox: list[SmsMessage] = []

_INDONESIA = "62"


class SmsError(Exception):
    """The message could not be handed to the gateway; try again later."""


@dataclass(frozen=True)
class SmsMessage:
    to: str  # international digits without "+", e.g. 6281234567890
    body: str


def normalize_number(number: str) -> str | None:
    """A phone number as international digits (6281234567890), or None when it has too
    few or too many digits to be one. A number written the Indonesian way (0812…) gets the
    country code; one written with + or 00 keeps its own."""
    raw = (number or "").strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+"):
        pass
    elif digits.startswith("00"):
        digits = digits[2:]
    elif digits.startswith("0"):
        digits = _INDONESIA + digits[1:]
    elif digits.startswith("8"):
        # "812…" as often written on forms, without the trunk 0.
        digits = _INDONESIA + digits
    return digits if 8 <= len(digits) <= 15 else None


class BaseSmsBackend:
    """Subclasses implement send_one(); send_messages() sends a batch through it."""

    def send_one(self, message: SmsMessage) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send each message; returns how many were sent. Raises SmsError at the first
        one that fails (the ones before it were sent)."""
        for message in messages:
            self.send_one(message)
        return len(messages)


class DisabledBackend(BaseSmsBackend):
    """Sends nothing and says so: no gateway is configured."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        return 0


class ConsoleBackend(BaseSmsBackend):
    """Prints each message, for development."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send_one(self, message: SmsMessage) -> None:
        self.stream.write(f"--- SMS/WhatsApp to {message.to} ---\n{message.body}\n---\n")
        self.stream.flush()


class LocmemBackend(BaseSmsBackend):
    """Keeps each message in casework.sms.outbox, for tests."""

    def send_one(self, message: SmsMessage) -> None:
        outbox.append(message)


class WebhookBackend(BaseSmsBackend):
    """JSON POST of each message to a gateway, authorised with a bearer token.

    `opener` is anything with urllib's OpenerDirector.open(request, timeout=...); tests pass
    a fake one. Any answer other than 2xx, and any network error, raises SmsError.
    """

    def __init__(self, *, url: str | None = None, token: str | None = None, timeout: float | None = None, opener=None):
        self.url = url if url is not None else settings.SIGAP_SMS_WEBHOOK_URL
        self.token = token if token is not None else settings.SIGAP_SMS_WEBHOOK_TOKEN
        self.timeout = timeout if timeout is not None else settings.SIGAP_SMS_WEBHOOK_TIMEOUT
        if not self.url.startswith(("https://", "http://")):
            raise ImproperlyConfigured("SIGAP_SMS_WEBHOOK_URL must be an http(s) URL for the webhook SMS backend")
        self.opener = opener or urllib.request.build_opener()

    def send_one(self, message: SmsMessage) -> None:
        payload = json.dumps({"to": message.to, "message": message.body}).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        # The scheme is checked in __init__ (http or https only).
        request = urllib.request.Request(self.url, data=payload, headers=headers, method="POST")  # noqa: S310
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                status = getattr(response, "status", None) or response.getcode()
        except urllib.error.HTTPError as exc:
            # Never the body or the number: a log line must not carry who was messaged.
            raise SmsError(f"Gateway answered HTTP {exc.code}") from None
        except (urllib.error.URLError, OSError) as exc:
            raise SmsError(f"Gateway unreachable: {exc.__class__.__name__}") from None
        if not 200 <= status < 300:
            raise SmsError(f"Gateway answered HTTP {status}")


def get_backend(path: str | None = None, **kwargs) -> BaseSmsBackend:
    """The configured backend (or the one at `path`), built with `kwargs`."""
    path = path or settings.SIGAP_SMS_BACKEND
    try:
        backend_class = import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(f"SIGAP_SMS_BACKEND {path!r} cannot be imported: {exc}") from exc
    return backend_class(**kwargs)


def is_enabled() -> bool:
    """Whether short messages go anywhere at all (callers may skip composing them)."""
    return settings.SIGAP_SMS_BACKEND != DISABLED


def send_sms(to: str, body: str, *, backend: BaseSmsBackend | None = None) -> int:
    """Send one message to the number `to` as people write it; returns 1 when sent, 0 when
    the backend is disabled. Raises ValueError for a number that cannot be one and SmsError
    when the gateway fails."""
    number = normalize_number(to)
    if number is None:
        raise ValueError("not a phone number")
    return (backend or get_backend()).send_messages([SmsMessage(to=number, body=body)])
