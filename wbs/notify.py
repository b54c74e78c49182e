"""The only mail a WBS reporter ever gets: "there is news", and only if they asked.

A reporter who left an address (KontakPelapor) hears that something changed, nothing
more: no reference number, no status, no word of what the report is about or that it is
a whistle-blowing report, because a mailbox is read by more people than its owner and
mail crosses servers outside the unit. They read the news with their receipt code.

The mail goes out from a background task that receives only the report's id, so the
address is never written into the task queue; failures are logged without it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.utils import translation
from django.utils.translation import gettext as _

from accounts import profiles

logger = logging.getLogger(__name__)


def news_for_reporter(case) -> None:
    """Queue the news mail for the reporter of `case` (call after commit)."""
    from .tasks import send_reporter_news

    send_reporter_news.enqueue(case.pk)


def compose(email: str) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        base = getattr(settings, "SIGAP_BASE_URL", "").rstrip("/") or "SIGAP"
        body = "\n".join(
            [
                _("Ada kabar baru tentang laporan yang Anda kirim melalui SIGAP."),
                "",
                _("Untuk membacanya, buka %(site)s dan masukkan kode tanda terima Anda.") % {"site": base},
                "",
                _(
                    "Demi kerahasiaan, isi laporan dan kabarnya tidak pernah dikirim lewat e-mail. Anda dapat "
                    "berhenti menerima pemberitahuan ini dari halaman laporan Anda."
                ),
                "",
                # The agency's own name and contacts: never the unit the report is about.
                *profiles.signature_lines(profiles.top_profile()),
            ]
        )
        return EmailMessage(subject=_("[SIGAP] Ada kabar baru"), body=body, to=[email])


def send_news(case_id: int) -> bool:
    """Send the news mail if the reporter left an address; True when one went out."""
    from .models import KontakPelapor

    kontak = KontakPelapor.objects.filter(laporan_id=case_id).first()
    if kontak is None:
        return False
    try:
        mailers.default.send_messages([compose(kontak.email)])
    except Exception:
        # Never the address in the log.
        logger.exception("Could not send the news mail of WBS case %s", case_id)
        return False
    return True
