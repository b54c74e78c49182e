"""What SIGAP tells a declarant about their declaration: that its status changed.

One e-mail per state change the UPG makes (registration, a request to complete the
report, forwarding to KPK, KPK's decision recorded, closing...), to the address the
declarant gave on the declaration or else their account's. It says the reference
number, the new status and where to read more (the declarant's page, behind the login
with a second factor); never what the gift was, who gave it or what the UPG wrote: a
mailbox is read by more people than its owner.

Every transition reaches this module through django-fsm's post_transition signal,
whoever ran it, and the mail is queued with transaction.on_commit, so a refused or
rolled-back change sends nothing. The declarant's own step (completing the report)
sends nothing: they know. Sending runs in a background task (gratifikasi.tasks) whose
argument is the case id, never an address.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.dispatch import receiver
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_fsm.signals import post_transition

from .choices import State
from .models import Gratifikasi

logger = logging.getLogger(__name__)

#: Transitions the declarant makes themselves: nothing to tell them.
DECLARANT_TRANSITIONS = frozenset({"lengkapi"})


def declarant_url(case) -> str:
    """The declarant's page of the declaration (their list while it is not mounted yet),
    absolute under SIGAP_BASE_URL."""
    base = getattr(settings, "SIGAP_BASE_URL", "").rstrip("/")
    for name, args in (("gratifikasi:detail", [case.pk]), ("gratifikasi:list", [])):
        try:
            return base + reverse(name, args=args)
        except NoReverseMatch:
            continue
    return base + "/gratifikasi/"


def recipient(case) -> str:
    """Where the declarant is told: the address on the declaration, else the account's."""
    return (case.email or "").strip() or (getattr(case.declarant, "email", "") or "").strip()


def status_email(case, *, state: str) -> EmailMessage | None:
    """The status e-mail for `case` now in `state`, in the site's language; None when the
    declarant has no address."""
    address = recipient(case)
    if not address:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        values = {"reference": case.reference, "status": State(state).label, "url": declarant_url(case)}
        body = [
            _("Status laporan gratifikasi Anda dengan nomor %(reference)s berubah menjadi: %(status)s.") % values,
            "",
            _("Rinciannya dapat dilihat setelah masuk ke SIGAP: %(url)s") % values,
            _("Isi laporan tidak pernah dikirim lewat e-mail."),
            "",
            _("Pesan ini dikirim otomatis oleh SIGAP; mohon tidak membalas pesan ini."),
        ]
        subject = _("[SIGAP] Status laporan gratifikasi %(reference)s: %(status)s") % values
    return EmailMessage(subject=subject, body="\n".join(body), to=[address])


def send_status(case_id: int, state: str) -> bool:
    """Send the status e-mail of case `case_id`; True when one went out. Call from the task."""
    case = Gratifikasi.objects.select_related("declarant").filter(pk=case_id).first()
    if case is None:
        return False
    message = status_email(case, state=state)
    if message is None:
        return False
    try:
        mailers.default.send_messages([message])
    except Exception:
        # The reference only: the address is personal data and stays out of logs.
        logger.exception("Could not tell the declarant of %s about its status", case.reference)
        return False
    return True


@receiver(post_transition, sender=Gratifikasi, dispatch_uid="gratifikasi.notify.status_changed")
def _status_changed(sender, instance, name, target, **kwargs):
    """Every UPG transition of a declaration queues one status e-mail, after its commit."""
    if name in DECLARANT_TRANSITIONS:
        return

    def enqueue():
        from .tasks import send_status_notice

        send_status_notice.enqueue(case_id=instance.pk, state=str(target))

    # robust: the change is stored; a queue that is down must not turn that into an error.
    transaction.on_commit(enqueue, robust=True)
