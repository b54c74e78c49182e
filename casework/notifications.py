"""E-mails about deadlines: who receives them and what they say.

A deadline e-mail carries only what a staff member needs to find the case: its reference
number, kind, stage (the clock), due date and a link to the staff page, which asks for a
login with a second factor. Never the title, narrative or any party's identity: mail
passes through servers outside the unit's control, and a mailbox is read by more people
than its owner. Recused users, and anyone the case names, never receive mail about it.

The link is absolute when SIGAP_BASE_URL (e.g. "https://sigap.example.go.id") is set.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, mailers
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from accounts import roles

from . import access, named_persons
from .kinds import get_kind
from .models import Case, Deadline, NamedPerson, Recusal
from .selectors import handler_roles_for

# The staff page every kind has (casework.urls_case), used when a kind names none.
GENERIC_CASE_URL = "case:detail"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    """What a deadline e-mail may say about its case (and nothing else)."""

    reference: str
    kind_label: str
    stage: str
    due_date_text: str
    link: str


def _reachable(users) -> list:
    """Active users with an e-mail address, each once, in a stable order."""
    seen, result = set(), []
    for user in users:
        if user is None or user.pk in seen or not user.is_active or not user.email:
            continue
        seen.add(user.pk)
        result.append(user)
    return sorted(result, key=lambda u: u.pk)


def _without_recused(case: Case, users) -> list:
    recused = set(Recusal.objects.filter(case_id=case.pk).values_list("user_id", flat=True))
    return [u for u in users if u is not None and u.pk not in recused]


def users_with_roles(*role_names: str):
    """Active users holding any of the roles (accounts.roles names)."""
    return get_user_model().objects.filter(groups__name__in=role_names, is_active=True).distinct().order_by("pk")


def reminder_recipients(case: Case) -> list:
    """Who is reminded that a clock is due soon: the assignee, or while nobody is assigned,
    everyone holding a role that handles this case (selectors.handler_roles_for: per case
    where the kind decides so, as a WBS report routed to the Inspektorat)."""
    if case.assignee_id:
        candidates = [case.assignee]
    else:
        handler_roles = handler_roles_for(case) if _spec(case) is not None else ()
        candidates = list(users_with_roles(*handler_roles)) if handler_roles else []
    # Only those who may see the case: a person a WBS report names, given the handling
    # role later, has no Recusal row but is still kept out by the kind's policy.
    return _reachable(access.viewers_among(_reachable(_without_recused(case, candidates)), case))


def escalation_recipients(case: Case) -> list:
    """Who is told that a clock is overdue: the head responsible for the case's unit (or,
    without one, the Pimpinan) and the assignee; never anyone recused from the case or
    named by it (the unit's head may be the very person a complaint is about).

    A kind that names its own targets (a WBS report goes to its handlers, never to the
    people it names) gets those or nobody: falling back to the Pimpinan could tell the
    Kepala Dinas about a report on the Kepala Dinas."""
    spec = _spec(case)
    allowed = _excluder(case)
    targets = spec.policy.escalation_targets(case) if spec is not None else None
    if targets is not None:
        heads = _reachable(allowed(list(targets)))
        if not heads:
            # Only the case's id and kind: the log is read by more people than the case.
            logger.error("No escalation target of kind %s is reachable for case %s", case.kind, case.pk)
    else:
        head = case.unit.responsible_head() if case.unit_id else None
        heads = _reachable(allowed([head]))
        if not heads:
            heads = _reachable(allowed(users_with_roles(roles.PIMPINAN)))
    assignee = _reachable(allowed([case.assignee])) if case.assignee_id else []
    return _reachable([*heads, *assignee])


def _excluder(case: Case):
    """A filter of users that drops those recused from the case or named by it, with the
    case's recusals and matches read once."""
    recused = set(Recusal.objects.filter(case_id=case.pk).values_list("user_id", flat=True))
    named = set(
        NamedPerson.objects.filter(case_id=case.pk).exclude(akun_digest="").values_list("akun_digest", flat=True)
    )

    def allowed(users) -> list:
        return [
            u
            for u in users
            if u is not None and u.pk not in recused and named_persons.account_digest(u.pk) not in named
        ]

    return allowed


def staff_case_link(case: Case) -> str:
    """The staff page of the case: the kind's own page, else the generic case page, else
    the inbox (the recipient finds the case there by its number)."""
    spec = _spec(case)
    for url_name, args in (
        (spec.detail_url_name if spec is not None else "", [case.pk]),
        (GENERIC_CASE_URL, [case.pk]),
        ("casework:inbox", []),
    ):
        if not url_name:
            continue
        try:
            path = reverse(url_name, args=args)
        except NoReverseMatch:
            continue
        return getattr(settings, "SIGAP_BASE_URL", "").rstrip("/") + path
    raise NoReverseMatch("No staff URL for a case")


def _spec(case: Case):
    # A kind whose app was removed still has cases; mail about them must not crash.
    try:
        return get_kind(case.kind)
    except LookupError:
        return None


def notice_for(deadline: Deadline) -> Notice:
    """The facts a deadline e-mail shows; call inside the language of the e-mail."""
    case = deadline.case
    spec = _spec(case)
    kind_label = str(spec.label) if spec is not None else case.kind
    if spec is not None:
        stage = spec.stage_label(deadline)
    else:
        stage = deadline.policy.label if deadline.policy_id else deadline.clock
    return Notice(
        reference=case.reference,
        kind_label=kind_label,
        stage=stage,
        due_date_text=formats.date_format(deadline.due_date, "l, j F Y"),
        link=staff_case_link(case),
    )


def _compose(subject: str, intro: str, notice: Notice, user) -> EmailMessage:
    lines = [
        _("Yth. %(name)s,") % {"name": user.get_full_name() or user.get_username()},
        "",
        intro,
        "",
        _("Nomor: %(reference)s") % {"reference": notice.reference},
        _("Jenis: %(kind)s") % {"kind": notice.kind_label},
        _("Tahap: %(stage)s") % {"stage": notice.stage},
        _("Batas waktu: %(due)s") % {"due": notice.due_date_text},
        "",
        _("Buka kasus (perlu masuk dengan verifikasi dua langkah): %(link)s") % {"link": notice.link},
        "",
        _("Pesan ini dikirim otomatis oleh SIGAP. Isi kasus tidak pernah dikirim lewat e-mail."),
    ]
    return EmailMessage(subject=subject, body="\n".join(lines), to=[user.email])


def _send(build, deadline: Deadline, users) -> int:
    # One message per person: recipients never see each other's addresses.
    with translation.override(settings.LANGUAGE_CODE):
        notice = notice_for(deadline)
        messages = [build(notice, user) for user in users]
    if not messages:
        return 0
    return mailers.default.send_messages(messages) or 0


def send_reminder(deadline: Deadline, users) -> int:
    """E-mail `users` that the deadline is due soon. Returns the number of messages sent;
    raises when the mail server refuses, so the caller can try again later."""

    def build(notice: Notice, user) -> EmailMessage:
        subject = _("[SIGAP] Batas waktu segera tiba: %(reference)s") % {"reference": notice.reference}
        intro = _("Batas waktu tahap berikut segera tiba. Mohon diselesaikan tepat waktu.")
        return _compose(subject, intro, notice, user)

    return _send(build, deadline, users)


def send_escalation(deadline: Deadline, users) -> int:
    """E-mail `users` that the deadline has passed. Same contract as send_reminder."""

    def build(notice: Notice, user) -> EmailMessage:
        subject = _("[SIGAP] Batas waktu terlampaui: %(reference)s") % {"reference": notice.reference}
        intro = _("Batas waktu tahap berikut telah terlampaui dan perlu perhatian Anda.")
        return _compose(subject, intro, notice, user)

    return _send(build, deadline, users)
