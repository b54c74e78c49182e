"""Background tasks of the conflict-of-interest app (Django's tasks framework).

`remind_yearly_declarations` e-mails every employee who has not answered an open yearly
declaration campaign, at most once per SIGAP_CAMPAIGN_REMINDER_DAYS: the first run after
a campaign opens tells everyone obliged, later runs only those still silent. `manage.py
run_scheduler` queues it with the other periodic tasks (SIGAP_PERIODIC_TASKS); it is safe
to run as often and from as many workers as you like, since each reminder is claimed by
one conditional UPDATE of its row before the mail goes out, and a mail that fails is
released for the next run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import F, Q
from django.tasks import task
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from security import audit

from .models import KewajibanDeklarasi
from .services_campaign import EVENT_REMINDED

logger = logging.getLogger(__name__)


@task
def remind_yearly_declarations() -> dict[str, int]:
    """Send the reminders that are due (see send_campaign_reminders)."""
    return send_campaign_reminders()


def reminder_interval() -> timedelta:
    return timedelta(days=settings.SIGAP_CAMPAIGN_REMINDER_DAYS)


def _due(now: datetime) -> Q:
    """Rows not reminded within the interval (or never)."""
    return Q(diingatkan_pada__isnull=True) | Q(diingatkan_pada__lte=now - reminder_interval())


def reminder_candidates(now: datetime):
    """Who is due a reminder: not declared yet, in an open campaign, still an active
    account with an e-mail address, not reminded within the interval (for any campaign:
    one mail per person per interval, even with two campaigns open)."""
    recently = KewajibanDeklarasi.objects.filter(diingatkan_pada__gt=now - reminder_interval()).values("pegawai_id")
    return (
        KewajibanDeklarasi.objects.filter(
            _due(now),
            dinyatakan_pada__isnull=True,
            kampanye__ditutup_pada__isnull=True,
            pegawai__is_active=True,
        )
        .exclude(pegawai__email="")
        .exclude(pegawai_id__in=recently)
        .select_related("kampanye", "pegawai")
        .order_by("pk")
    )


def claim(row: KewajibanDeklarasi, now: datetime) -> bool:
    """Mark the row as reminded now if nobody did within the interval and it is still
    unanswered; True for the one caller that did."""
    with transaction.atomic():
        return bool(
            KewajibanDeklarasi.objects.filter(_due(now), pk=row.pk, dinyatakan_pada__isnull=True).update(
                diingatkan_pada=now, jumlah_pengingat=F("jumlah_pengingat") + 1
            )
        )


def _release(row: KewajibanDeklarasi, now: datetime) -> None:
    # Only our own claim is undone, never a later one.
    KewajibanDeklarasi.objects.filter(pk=row.pk, diingatkan_pada=now).update(
        diingatkan_pada=row.diingatkan_pada, jumlah_pengingat=F("jumlah_pengingat") - 1
    )


def _message(row: KewajibanDeklarasi) -> EmailMessage:
    campaign = row.kampanye
    link = getattr(settings, "SIGAP_BASE_URL", "").rstrip("/") + reverse("benturan:campaign", args=[campaign.pk])
    user = row.pegawai
    lines = [
        _("Yth. %(name)s,") % {"name": user.get_full_name() or user.get_username()},
        "",
        _(
            "Anda belum menyatakan ada atau tidak ada benturan kepentingan dalam deklarasi tahunan %(year)s. "
            "Pernyataan itu wajib bagi setiap pegawai unit yang dicakup."
        )
        % {"year": campaign.tahun},
        "",
        _("Batas waktu: %(due)s") % {"due": formats.date_format(campaign.batas_waktu, "l, j F Y")},
        _("Buat pernyataan (perlu masuk dengan verifikasi dua langkah): %(link)s") % {"link": link},
        "",
        _("Pesan ini dikirim otomatis oleh SIGAP."),
    ]
    subject = _("[SIGAP] Deklarasi benturan kepentingan %(year)s menunggu Anda") % {"year": campaign.tahun}
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def send(row: KewajibanDeklarasi) -> None:
    """E-mail the reminder of `row`, in the site's language; raises when the mail server
    refuses, so the caller can release the claim."""
    with translation.override(settings.LANGUAGE_CODE):
        mailers.default.send_messages([_message(row)])


def send_campaign_reminders(*, now: datetime | None = None) -> dict[str, int]:
    """E-mail each employee due a reminder; call through the task (directly from a shell
    or a test). Returns the counts."""
    now = now or timezone.now()
    counts = {"reminded": 0, "skipped": 0, "failed": 0}
    reminded: set[int] = set()
    for row in list(reminder_candidates(now)):
        if row.pegawai_id in reminded or not claim(row, now):
            counts["skipped"] += 1
            continue
        try:
            send(row)
        except Exception:
            logger.exception("Could not send the yearly declaration reminder of row %s; will retry", row.pk)
            _release(row, now)
            counts["failed"] += 1
            continue
        audit.record(EVENT_REMINDED, obj=row, data={"campaign": row.kampanye_id, "pegawai": row.pegawai_id})
        reminded.add(row.pegawai_id)
        counts["reminded"] += 1
    if counts["reminded"] or counts["failed"]:
        logger.info("Yearly declaration reminders: %s", counts)
    return counts
