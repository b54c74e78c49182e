"""E-mails about changes to staff accounts: requested and decided roles and second-factor
resets, roles taken away, and the link to set a password.

Who is told, and why: the account's owner always (a change they did not ask for is the
first sign of abuse); for a case-reading role, its current holders too (they know who
should join them); for a request, the people who may approve it. Never a password, never
a code: only who asked what, and where to act. Composed and sent by the task worker
(accounts.tasks), after the change committed; the task's arguments are ids and names
(and an e-mail address that was replaced), never a link, so nothing secret waits in the
task queue.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, mailers
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .models import AccessRequest, User

logger = logging.getLogger(__name__)


def _link(path: str) -> str:
    return getattr(settings, "SIGAP_BASE_URL", "").rstrip("/") + path


def _name(user) -> str:
    if user is None:
        return _("SIGAP")
    return user.get_full_name() or user.get_username()


def _reachable(users, *, without=()) -> list:
    """Active users with an address, each once, in a stable order, minus `without` (ids)."""
    seen, result = set(without), []
    for user in sorted((u for u in users if u is not None), key=lambda u: u.pk):
        if user.pk in seen or not user.is_active or not user.email:
            continue
        seen.add(user.pk)
        result.append(user)
    return result


def holders_of(role: str):
    return User.objects.filter(groups__name=role, is_active=True).distinct()


def _message(user, subject: str, lines: list[str]) -> EmailMessage:
    footer = _("Pesan ini dikirim otomatis oleh SIGAP; mohon tidak membalas pesan ini.")
    body = [_("Yth. %(name)s,") % {"name": _name(user)}, "", *lines, "", footer]
    return EmailMessage(subject=subject, body="\n".join(body), to=[user.email])


def _what(access_request: AccessRequest) -> str:
    if access_request.kind == AccessRequest.Kind.ROLE_GRANT:
        return _("peran %(role)s untuk %(user)s") % {"role": access_request.role, "user": _name(access_request.user)}
    return _("reset verifikasi dua langkah akun %(user)s") % {"user": _name(access_request.user)}


def _facts(access_request: AccessRequest) -> dict:
    return {
        "user": _name(access_request.user),
        "nip": access_request.user.nip or "-",
        "role": access_request.role,
        "requester": _name(access_request.requested_by),
        "decider": _name(access_request.decided_by),
        "what": _what(access_request),
        "expires": formats.date_format(timezone.localtime(access_request.expires_at), "j F Y H:i"),
        "link": _link(reverse("accounts_staff:approvals")),
        "note": access_request.decision_note,
    }


def _requested(access_request: AccessRequest) -> list[EmailMessage]:
    from .access_requests import approver_roles

    facts = _facts(access_request)
    if access_request.kind == AccessRequest.Kind.ROLE_GRANT:
        subject = _("[SIGAP] Permintaan peran %(role)s untuk %(user)s") % facts
        lines = [
            _("%(requester)s meminta agar %(user)s (NIP %(nip)s) diberi peran %(role)s.") % facts,
            _(
                "Peran ini membuka isi kasus, jadi baru berlaku setelah disetujui orang kedua "
                "(Pimpinan atau Inspektorat) yang bukan peminta dan bukan pemilik akun."
            ),
        ]
    else:
        subject = _("[SIGAP] Permintaan reset verifikasi dua langkah akun %(user)s") % facts
        lines = [
            _("%(requester)s meminta agar verifikasi dua langkah akun %(user)s (NIP %(nip)s) direset.") % facts,
            _(
                "Setelah disetujui orang kedua, aplikasi autentikator yang lama tidak berlaku lagi dan "
                "pemilik akun mendaftarkan ulang aplikasinya saat masuk berikutnya."
            ),
        ]
    if access_request.reason:
        lines.append(_("Alasan: %(reason)s") % {"reason": access_request.reason})
    lines.append(_("Permintaan berlaku sampai %(expires)s.") % facts)
    warning = _("Bila permintaan ini tidak Anda kenali, segera beri tahu Pimpinan atau Inspektorat.")
    decide = _("Anda dapat memutus permintaan ini setelah masuk: %(link)s") % facts
    approvers = User.objects.filter(groups__name__in=approver_roles(access_request), is_active=True).distinct()
    excluded = (access_request.user_id, access_request.requested_by_id)
    told = [_message(access_request.user, subject, [*lines, "", warning])]
    holders = holders_of(access_request.role) if access_request.role else User.objects.none()
    decider_ids = {user.pk for user in _reachable(approvers, without=excluded)}
    for user in _reachable([*holders, *approvers], without=(access_request.user_id,)):
        told.append(_message(user, subject, [*lines, "", decide if user.pk in decider_ids else warning]))
    return told


def _decided(access_request: AccessRequest) -> list[EmailMessage]:
    facts = _facts(access_request)
    state = access_request.state
    is_grant = access_request.kind == AccessRequest.Kind.ROLE_GRANT
    if state == AccessRequest.State.APPROVED:
        if is_grant:
            subject = _("[SIGAP] Peran %(role)s diberikan kepada %(user)s") % facts
            lines = [_("%(user)s kini memegang peran %(role)s.") % facts]
        else:
            subject = _("[SIGAP] Verifikasi dua langkah akun %(user)s telah direset") % facts
            lines = [
                _("Aplikasi autentikator dan kode cadangan akun %(user)s telah dihapus.") % facts,
                _("Pemilik akun mendaftarkan ulang aplikasi autentikator saat masuk berikutnya."),
            ]
        lines.append(_("Disetujui oleh %(decider)s atas permintaan %(requester)s.") % facts)
        lines.append(_("Bila perubahan ini tidak Anda kenali, segera beri tahu Pimpinan atau Inspektorat."))
        others = [*holders_of(access_request.role)] if is_grant else []
    elif state == AccessRequest.State.REFUSED:
        subject = _("[SIGAP] Permintaan ditolak: %(what)s") % facts
        lines = [_("%(decider)s menolak permintaan %(what)s.") % facts, _("Catatan: %(note)s") % facts]
        others = []
    else:
        subject = _("[SIGAP] Permintaan dibatalkan: %(what)s") % facts
        lines = [_("%(decider)s membatalkan permintaan %(what)s. Akun tidak diubah.") % facts]
        others = []
    users = _reachable([access_request.user, access_request.requested_by, *others])
    return [_message(user, subject, lines) for user in users]


def _role_changed(notice: str, user_id: int, role: str, actor_id: int | None) -> list[EmailMessage]:
    """A reading role taken away, or given on the server (manage.py grant_role)."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return []
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    facts = {"user": _name(user), "role": role, "actor": _name(actor)}
    if notice == "role_removed":
        subject = _("[SIGAP] Peran %(role)s dicabut dari %(user)s") % facts
        first = _("%(actor)s mencabut peran %(role)s dari %(user)s. Akun ini tidak lagi membuka kasus lewat peran itu.")
    else:
        subject = _("[SIGAP] Peran %(role)s diberikan kepada %(user)s") % facts
        first = _("Pengelola server memberikan peran %(role)s kepada %(user)s dengan perintah grant_role.")
    lines = [first % facts, _("Bila perubahan ini tidak Anda kenali, segera beri tahu Pimpinan atau Inspektorat.")]
    return [_message(person, subject, lines) for person in _reachable([user, *holders_of(role)])]


def password_link(user) -> str:
    """The one-time link to set `user`'s password (Django's reset token: it changes when the
    password, the last login or the address does, and lapses after PASSWORD_RESET_TIMEOUT)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return _link(reverse("accounts:password_set", args=[uid, token]))


def _password_link(user_id: int, new_account: bool) -> list[EmailMessage]:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return []
    facts = {"link": password_link(user), "hours": settings.SIGAP_PASSWORD_LINK_HOURS}
    if new_account:
        subject = _("[SIGAP] Buat kata sandi akun SIGAP Anda")
        first = _("Akun SIGAP Anda telah dibuat. Buat kata sandi Anda lewat tautan berikut:")
    else:
        subject = _("[SIGAP] Tautan untuk membuat kata sandi baru")
        first = _(
            "Admin Sistem mengatur ulang kata sandi akun SIGAP Anda. Kata sandi lama tidak berlaku lagi "
            "dan semua sesi Anda telah diakhiri. Buat kata sandi baru lewat tautan berikut:"
        )
    lines = [
        first,
        facts["link"],
        "",
        _("Tautan hanya dapat dipakai sekali dan berlaku %(hours)d jam.") % facts,
        _("Admin Sistem tidak pernah mengetahui kata sandi Anda; jangan memberitahukannya kepada siapa pun."),
        _("Bila Anda tidak mengenal permintaan ini, segera beri tahu Pimpinan atau Inspektorat."),
    ]
    return [_message(user, subject, lines)]


def _email_changed(user_id: int, old_email: str, actor_id: int | None) -> list[EmailMessage]:
    user = User.objects.filter(pk=user_id).first()
    if user is None or not old_email or old_email.lower() == (user.email or "").lower():
        return []
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    facts = {"user": _name(user), "actor": _name(actor), "old": old_email, "new": user.email}
    subject = _("[SIGAP] Alamat e-mail akun %(user)s diubah") % facts
    lines = [
        _("%(actor)s mengubah alamat e-mail akun SIGAP %(user)s dari %(old)s menjadi %(new)s.") % facts,
        _("Tautan kata sandi dan pemberitahuan akun kini dikirim ke alamat baru."),
        _("Bila perubahan ini tidak Anda kenali, segera beri tahu Pimpinan atau Inspektorat."),
    ]
    # To the old address: the one its owner still reads if someone else took the account.
    message = _message(user, subject, lines)
    message.to = [old_email]
    return [message]


def compose(notice: str, *, request_id=None, user_id=None, role="", actor_id=None, new_account=False, old_email=""):
    """The messages of one notice (see accounts.access_requests and accounts.passwords)."""
    from . import access_requests

    if notice == "email_changed":
        return _email_changed(user_id, old_email, actor_id)
    if notice in ("role_removed", "role_granted_on_server"):
        return _role_changed(notice, user_id, role, actor_id)
    if notice == "password_link":
        return _password_link(user_id, new_account)
    access_request = (
        AccessRequest.objects.select_related("user", "requested_by", "decided_by").filter(pk=request_id).first()
    )
    if access_request is None:
        return []
    if notice == access_requests.NOTICE_REQUESTED:
        return _requested(access_request)
    return _decided(access_request)


def send(notice: str, **arguments) -> int:
    """Compose and send one notice, in the site's language; the number of messages sent.
    Raises when the mail server refuses, so the task fails visibly."""
    with translation.override(settings.LANGUAGE_CODE):
        messages = compose(notice, **arguments)
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except Exception:
        # The notice's kind only: addresses are personal data and stay out of logs.
        logger.exception("Could not send the account notice %s", notice)
        raise
