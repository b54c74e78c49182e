"""What SIGAP tells a complainant who left a contact, and when.

Two messages, each by e-mail (if an address was given) and by SMS/WhatsApp (if a number
was given, through casework.sms):

- the **receipt**, once, when a complaint is filed from any channel: reference number,
  tracking code and how to track. pengaduan.services.pengaduan_create schedules it after
  commit (send_receipt_after_commit).
- a **status notice** after every state change: reference, the new status, what it means
  and what happens next by when (the words and dates of the tracking page,
  pengaduan.status_guide), and how to track. Nothing else: never the complaint's
  content, the complainant's identity or the tracking code. Mail and gateways are
  outside the unit's control, and a phone is read by more people than its owner.

Every transition of a complaint reaches this module through django-fsm's post_transition
signal, whoever ran it (a handler on the complaint pages or on the generic case page, the
complainant on the tracking page, the system closing a silent case): the signal fires
inside casework.services.run_transition, and the notice is queued with
transaction.on_commit, so a transition that is refused never fires it and one that rolls
back has its notice discarded with it. A hook in each pengaduan service would miss the
paths that do not go through them; the signal sees the state machine itself.

Sending runs in background tasks (pengaduan.tasks). Their arguments are stored in the
database, so they carry the case id, never an address, and the receipt's tracking code
only encrypted with security.crypto. A failing mail server or gateway never reaches the
transition: the task logs it and tries that channel again later, up to MAX_ATTEMPTS.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from accounts import profiles
from casework import sms
from casework.datetext import received_text
from casework.next_step import next_step
from security import crypto

from .choices import State
from .models import Pengaduan

logger = logging.getLogger(__name__)

EMAIL = "email"
SMS = "sms"
CHANNELS = (EMAIL, SMS)
MAX_ATTEMPTS = 5
# Wait before attempt 2, 3, 4, 5: a mail server or gateway that is down is often down a while.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6))


@dataclass(frozen=True)
class Notice:
    subject: str  # e-mail subject
    body: str  # e-mail body
    short: str  # SMS/WhatsApp text


# --- Links ------------------------------------------------------------------------------


def tracking_url(request=None) -> str:
    """Where the complainant follows the complaint: absolute under SIGAP_BASE_URL, else
    the address the request came to (checked against ALLOWED_HOSTS), else the path."""
    path = reverse("track")
    base = getattr(settings, "SIGAP_BASE_URL", "").rstrip("/")
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


# --- The tracking code in transit ---------------------------------------------------------


def seal_code(code: str) -> str:
    """The code encrypted for a task argument or a session: never stored in clear."""
    return crypto.encrypt_text(code)


def unseal_code(sealed: str) -> str:
    """The code back from seal_code(); raises crypto.DecryptionError if it was altered."""
    return crypto.decrypt_text(sealed)


# --- What is said -------------------------------------------------------------------------


def _signed(case, *, subject: str, lines: list[str], short: str) -> Notice:
    """The notice with its closing: an automatic message, and who sends it and how to
    reach them (the profile of the complaint's unit, or the agency's), read once for the
    e-mail and the SMS."""
    profile = profiles.profile_for(case.unit)
    body = [*lines, "", _("Pesan ini dikirim otomatis oleh SIGAP; mohon tidak membalas pesan ini."), ""]
    body += profiles.signature_lines(profile)
    signature = profiles.sms_signature(profile)
    return Notice(subject=subject, body="\n".join(body), short=f"{short} ({signature})" if signature else short)


def receipt_notice(case, *, code: str, url: str | None = None) -> Notice:
    """The receipt: reference, tracking code, when, and how to track. Call in the
    language of the message."""
    url = url or tracking_url()
    values = {"reference": case.reference, "code": code, "url": url}
    return _signed(
        case,
        subject=_("[SIGAP] Tanda terima pengaduan %(reference)s") % values,
        lines=[
            _("Pengaduan Anda telah kami terima."),
            "",
            _("Nomor pengaduan: %(reference)s") % values,
            _("Kode pelacakan: %(code)s") % values,
            _("Diterima: %(when)s") % {"when": received_text(case)},
            "",
            _("Untuk melihat perkembangan dan jawaban, buka %(url)s lalu masukkan kode pelacakan di atas.") % values,
            _(
                "Simpan kode ini dan jangan berikan kepada siapa pun: siapa saja yang memegangnya dapat membuka "
                "pengaduan Anda. Kami tidak menyimpan kode ini dan tidak dapat mengirimkannya ulang."
            ),
        ],
        short=_("SIGAP: pengaduan %(reference)s diterima. Kode pelacakan: %(code)s (rahasiakan). Lacak di %(url)s")
        % values,
    )


def status_notice(case, *, state: str, url: str | None = None) -> Notice:
    """A status change: reference, new status, what it means and what happens next by
    when (the tracking page's own words, casework.next_step), and how to track; never
    the complaint's content. The next step is told only while the complaint is still in
    `state`: a notice sent late for a state already left would name another step's date
    (the notice of the later state tells that one)."""
    values = {"reference": case.reference, "status": State(state).label, "url": url or tracking_url()}
    step = next_step(case) if case.state == state else None
    lines = [_("Status pengaduan Anda dengan nomor %(reference)s berubah menjadi: %(status)s.") % values]
    short = _("SIGAP: status pengaduan %(reference)s kini %(status)s.") % values
    if step is not None:
        lines += [step.meaning]
        if step.text:
            lines += [_("Langkah berikutnya: %(step)s") % {"step": step.text}]
            short += " " + step.text
    return _signed(
        case,
        subject=_("[SIGAP] Status pengaduan %(reference)s: %(status)s") % values,
        lines=[
            *lines,
            "",
            _("Untuk melihat perkembangan dan jawaban petugas, buka %(url)s lalu masukkan kode pelacakan Anda.")
            % values,
            _("Isi pengaduan dan kode pelacakan tidak pernah dikirim lewat pesan ini."),
        ],
        short=short + " " + _("Lihat di %(url)s dengan kode pelacakan Anda.") % values,
    )


# --- Scheduling ---------------------------------------------------------------------------


def has_contact(case) -> bool:
    return bool(case.email or case.telepon)


def send_receipt_after_commit(case, code: str) -> None:
    """Queue the receipt once the complaint is stored (at once outside a transaction).
    Call from pengaduan_create with the code case_open returned."""
    if has_contact(case):
        _queue_after_commit("send_receipt", case_id=case.pk, sealed_code=seal_code(code))


def after_deferred_open(case, data: dict) -> None:
    """The receipt of a complaint the public form accepted before it was opened
    (casework.intake): queued once the task worker has opened it."""
    if data.get("sealed_code") and has_contact(case):
        _queue_after_commit("send_receipt", case_id=case.pk, sealed_code=data["sealed_code"])


@receiver(post_transition, sender=Pengaduan, dispatch_uid="pengaduan.notify.status_changed")
def _status_changed(sender, instance, target, **kwargs):
    """Every transition of a complaint queues one status notice, after its commit."""
    if has_contact(instance):
        _queue_after_commit("send_status_update", case_id=instance.pk, state=str(target))


def _queue_after_commit(task_name: str, **arguments) -> None:
    """Queue a task of pengaduan.tasks once the current transaction commits (at once
    outside one); nothing if it rolls back."""

    def enqueue():
        # Imported here: pengaduan.tasks imports the services, which import this module.
        from . import tasks

        getattr(tasks, task_name).enqueue(**arguments)

    # robust: the change is stored; a queue that is down must not turn that into an error.
    transaction.on_commit(enqueue, robust=True)


# --- Sending ------------------------------------------------------------------------------


def deliver(case, notice: Notice, channels=CHANNELS) -> list[str]:
    """Send `notice` to the complainant's contacts on `channels`; returns the channels
    that failed and are worth trying again. Call from a task."""
    failed = []
    if EMAIL in channels and case.email:
        message = EmailMessage(subject=notice.subject, body=notice.body, to=[case.email])
        try:
            mailers.default.send_messages([message])
        except Exception as exc:
            # The reference only: the address is personal data and stays out of logs.
            logger.warning("E-mail to the complainant of %s failed: %s", case.reference, exc.__class__.__name__)
            failed.append(EMAIL)
    if SMS in channels and case.telepon:
        try:
            sms.send_sms(case.telepon, notice.short)
        except ValueError:
            logger.warning("The phone number of %s cannot receive SMS/WhatsApp; not sent", case.reference)
        except Exception as exc:
            logger.warning("SMS/WhatsApp to the complainant of %s failed: %s", case.reference, exc)
            failed.append(SMS)
    return failed


def retry_later(task, *, failed: list[str], attempt: int, reference: str, **arguments) -> bool:
    """Queue `task` again for the `failed` channels, later, unless MAX_ATTEMPTS is reached
    (then log an error for an operator to see). True when queued again."""
    if not failed:
        return False
    if attempt >= MAX_ATTEMPTS:
        logger.error(
            "Gave up telling the complainant of %s by %s after %d attempts", reference, ", ".join(failed), attempt
        )
        return False
    if task.get_backend().supports_defer:
        delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
        task = task.using(run_after=timezone.now() + delay)
    task.enqueue(channels=failed, attempt=attempt + 1, **arguments)
    return True


def in_site_language():
    """Messages to complainants are written in the site's language (they have no account
    to keep a preference in)."""
    return translation.override(settings.LANGUAGE_CODE)
