"""Second-factor changes to a staff account: enrol, verify, backup codes, reset (approved).

Each function makes one change, writes its audit entry and returns what the view needs
to tell the user. Marking the *session* verified (django_otp.login) stays in the views,
because only they hold the session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import django_otp
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import audit

BACKUP_CODE_COUNT = 10
# Device names are stored data shown in the admin, not interface text.
TOTP_DEVICE_NAME = "Aplikasi autentikator"
BACKUP_DEVICE_NAME = "Kode cadangan"

METHOD_TOTP = "totp"
METHOD_BACKUP = "backup"

_TOTP_SHAPE = re.compile(r"\d{6,8}")


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of one token check.

    `locked_until` is set when the attempt was refused without checking, because of too
    many recent failures (django-otp's exponential throttling).
    """

    ok: bool
    method: str
    device: object | None = None
    locked_until: datetime | None = None
    backup_codes_left: int | None = None

    @property
    def throttled(self) -> bool:
        return self.locked_until is not None


def normalise_code(code: str) -> str:
    """Codes as typed on a phone: spaces, hyphens and capitals do not matter."""
    return re.sub(r"[\s-]", "", code or "").lower()


def confirmed_totp_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_device(user) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def backup_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def _locked_until(device) -> datetime | None:
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    return (info or {}).get("locked_until")


def _check(user, device, code: str) -> bool:
    # django_otp.verify_token re-reads the device with a row lock, so two requests racing
    # with the same code cannot both succeed.
    return django_otp.verify_token(user, device.persistent_id, code) is not None


def totp_enrolment_start(*, user, pending_device_id: int | None) -> TOTPDevice:
    """The unconfirmed authenticator device this enrolment shows as a QR code.

    The same device is kept while the session that created it lasts, so reloading the
    page does not invalidate a QR code already scanned. A new session gets a new secret,
    so a secret shown to someone else earlier can never become the confirmed one.
    """
    with transaction.atomic():
        pending = None
        if pending_device_id is not None:
            pending = TOTPDevice.objects.filter(pk=pending_device_id, user=user, confirmed=False).first()
        if pending is None:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            pending = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
        return pending


def totp_enrolment_confirm(*, user, device: TOTPDevice, token: str, request=None) -> VerifyResult:
    """Confirm a pending authenticator with a current code from it.

    On success the device becomes the user's only authenticator. Backup codes are issued
    separately (backup_codes_issue) so the view can show them once.
    """
    locked_until = _locked_until(device)
    if locked_until is not None:
        audit.record(
            audit.Event.OTP_FAILED,
            actor=user,
            request=request,
            data={"method": METHOD_TOTP, "stage": "enrolment", "throttled": True},
        )
        return VerifyResult(ok=False, method=METHOD_TOTP, locked_until=locked_until)
    with transaction.atomic():
        if not _check(user, device, normalise_code(token)):
            audit.record(
                audit.Event.OTP_FAILED,
                actor=user,
                request=request,
                data={"method": METHOD_TOTP, "stage": "enrolment"},
            )
            return VerifyResult(ok=False, method=METHOD_TOTP)
        device.refresh_from_db()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        audit.record(audit.Event.OTP_ENROLLED, actor=user, request=request, data={"device": device.persistent_id})
    return VerifyResult(ok=True, method=METHOD_TOTP, device=device)


def backup_codes_issue(*, user, request=None) -> list[str]:
    """Replace the user's backup codes with BACKUP_CODE_COUNT new ones; return them.

    The device itself is kept (only its codes change): a session verified with a backup
    code stays verified while its owner makes new ones.
    """
    codes: set[str] = set()
    while len(codes) < BACKUP_CODE_COUNT:
        code = StaticToken.random_token()
        # A code of digits only would be taken for an authenticator code when typed.
        if not code.isdigit():
            codes.add(code)
    ordered = sorted(codes)
    with transaction.atomic():
        device = backup_device(user)
        if device is None:
            StaticDevice.objects.filter(user=user).delete()
            device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
        device.token_set.all().delete()
        StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in ordered])
        audit.record(audit.Event.OTP_BACKUP_GENERATED, actor=user, request=request, data={"count": BACKUP_CODE_COUNT})
    return ordered


def second_factor_verify(*, user, code: str, request=None) -> VerifyResult:
    """Check a code from the authenticator app or a backup code (which is then used up).

    A code of digits only is an authenticator code; anything else is a backup code
    (those are eight letters and digits). Each device throttles its own failures.
    """
    code = normalise_code(code)
    if _TOTP_SHAPE.fullmatch(code):
        method, device = METHOD_TOTP, confirmed_totp_device(user)
    else:
        method, device = METHOD_BACKUP, backup_device(user)
    if device is None:
        audit.record(audit.Event.OTP_FAILED, actor=user, request=request, data={"method": method, "no_device": True})
        return VerifyResult(ok=False, method=method)
    locked_until = _locked_until(device)
    if locked_until is not None:
        audit.record(audit.Event.OTP_FAILED, actor=user, request=request, data={"method": method, "throttled": True})
        return VerifyResult(ok=False, method=method, locked_until=locked_until)
    if not _check(user, device, code):
        audit.record(audit.Event.OTP_FAILED, actor=user, request=request, data={"method": method})
        return VerifyResult(ok=False, method=method)
    left = None
    with transaction.atomic():
        if method == METHOD_BACKUP:
            left = device.token_set.count()
            audit.record(audit.Event.OTP_BACKUP_USED, actor=user, request=request, data={"codes_left": left})
        audit.record(audit.Event.OTP_VERIFIED, actor=user, request=request, data={"method": method})
    return VerifyResult(ok=True, method=method, device=device, backup_codes_left=left)


def second_factor_reset(*, user, actor, request=None) -> int:
    """Remove every second-factor device of `user` (lost phone); return how many.

    The user enrols again at the next login, and any session of theirs verified with a
    removed device stops counting as verified at its next request. Whoever removed the
    devices could enrol their own, so an administrator only asks for this and it runs
    when a second person approves (accounts.access_requests); never call it from a view.
    """
    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            devices = model.objects.filter(user=user)
            removed += devices.count()
            devices.delete()
        audit.record(
            audit.Event.OTP_RESET,
            actor=actor,
            obj=user,
            request=request,
            data={"user_id": user.pk, "user": str(user), "devices_removed": removed},
        )
    return removed
