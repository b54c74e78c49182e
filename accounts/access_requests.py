"""Changes to an account that need a second person: a case-reading role, a second-factor reset.

An administrator administers and never reads (domain.md §2). Without this, an Admin
Sistem could add itself to the Pengelola WBS and read WBS reports, or reset a handler's
second factor and sign in as them. So:

- Adding a role that reads cases (roles.CASE_READING_ROLES) through the admin creates a
  request (role_grant_request); other roles are given at once (roles_change).
- A second-factor reset is a request too (second_factor_reset_request).
- A request changes the account only when approved (access_request_approve) by someone
  signed in with the second factor who holds an approving role for it
  (roles.approver_roles_for) and is neither the requester nor the account's owner.
  Admin Sistem is never an approving role, and the superuser flag counts for nothing.
- Everyone concerned is told by e-mail after commit (accounts.tasks): the account's
  owner, the role's current holders, the people who may approve.

Removing a role only narrows access, so it is immediate, audited and told (roles_change).
Each function is one transaction with the account's row locked, so two requests or
decisions about one account never interleave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from security import audit

from . import flow, roles, services
from .models import AccessRequest, User

#: The notice each step sends (accounts.notices), by the request's kind.
NOTICE_REQUESTED = "requested"
NOTICE_APPROVED = "approved"
NOTICE_REFUSED = "refused"
NOTICE_CANCELLED = "cancelled"


def lock_user(user) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def ensure_administrator(actor) -> None:
    # The admin checks this already; a service called from elsewhere checks it too.
    if not (actor and actor.is_authenticated and actor.is_active and actor.has_perm("accounts.change_user")):
        raise PermissionDenied(_("Hanya Admin Sistem yang dapat meminta perubahan akun."))


def notify_after_commit(notice: str, **arguments) -> None:
    def enqueue():
        from . import tasks

        tasks.send_account_notice.enqueue(notice=notice, **arguments)

    # robust: the change is stored; a queue that is down must not turn that into an error.
    transaction.on_commit(enqueue, robust=True)


def _expire_lapsed(user, **filters) -> None:
    AccessRequest.objects.filter(
        user=user, state=AccessRequest.State.PENDING, expires_at__lte=timezone.now(), **filters
    ).update(state=AccessRequest.State.EXPIRED)


def _create(*, kind: str, user, role: str, actor, reason: str, request) -> AccessRequest:
    now = timezone.now()
    _expire_lapsed(user, kind=kind, role=role)
    waiting = AccessRequest.objects.filter(user=user, kind=kind, role=role, state=AccessRequest.State.PENDING)
    existing = waiting.first()
    if existing is not None:
        return existing
    access_request = AccessRequest.objects.create(
        kind=kind,
        user=user,
        role=role,
        requested_by=actor,
        reason=(reason or "").strip(),
        created_at=now,
        expires_at=now + timedelta(days=settings.SIGAP_ACCESS_REQUEST_DAYS),
    )
    audit.record(
        audit.Event.ACCESS_REQUESTED,
        actor=actor,
        obj=user,
        request=request,
        data={"request": access_request.pk, "kind": kind, "role": role, "user_id": user.pk, "user": str(user)},
    )
    notify_after_commit(NOTICE_REQUESTED, request_id=access_request.pk)
    return access_request


def role_grant_request(*, user, role: str, actor, reason: str = "", request=None) -> AccessRequest:
    """Ask for `role` (a case-reading role) to be given to `user`; a pending request for the
    same role is returned as it is. Nothing changes on the account until approval."""
    if not roles.is_case_reading(role):
        raise ValueError(f"{role!r} is given at once, not requested")
    ensure_administrator(actor)
    with transaction.atomic():
        locked = lock_user(user)
        if locked.groups.filter(name=role).exists():
            raise ValidationError(_("%(user)s sudah memegang peran %(role)s.") % {"user": locked, "role": role})
        return _create(
            kind=AccessRequest.Kind.ROLE_GRANT, user=locked, role=role, actor=actor, reason=reason, request=request
        )


def second_factor_reset_request(*, user, actor, reason: str = "", request=None) -> AccessRequest:
    """Ask for `user`'s second factor to be removed (a lost phone). The user is told now,
    and again when it is done; the devices stay until a second person approves."""
    ensure_administrator(actor)
    with transaction.atomic():
        locked = lock_user(user)
        return _create(
            kind=AccessRequest.Kind.SECOND_FACTOR_RESET,
            user=locked,
            role="",
            actor=actor,
            reason=reason,
            request=request,
        )


# --- Who decides ----------------------------------------------------------------------------


def approver_roles(access_request: AccessRequest) -> tuple[str, ...]:
    """The roles one of which the decider must hold.

    For a grant, those of the role (roles.approver_roles_for). For a second-factor reset,
    those that may approve every reading role the account holds: whoever could not make
    this person an Inspektorat may not hand over an Inspektorat's account either.
    """
    if access_request.kind == AccessRequest.Kind.ROLE_GRANT:
        return roles.approver_roles_for(access_request.role)
    allowed = set(roles.APPROVER_ROLES)
    # groups.all(), not values_list: a list of requests prefetches the groups
    # (selectors.pending_approvals_for), so deciding who may approve costs no query a row.
    for role in (group.name for group in access_request.user.groups.all()):
        if roles.is_case_reading(role):
            allowed &= set(roles.approver_roles_for(role))
    return tuple(role for role in roles.APPROVER_ROLES if role in allowed)


def decide_refusals(user, access_request: AccessRequest) -> list[str]:
    """Why `user` may not decide the request (empty: they may)."""
    if not (user and user.is_authenticated and user.is_active):
        return [_("Anda harus masuk sebagai petugas.")]
    if not flow.is_fully_signed_in(user):
        return [_("Masuk dengan verifikasi dua langkah untuk memutus permintaan ini.")]
    if user.pk == access_request.requested_by_id:
        return [_("Permintaan tidak dapat diputus oleh pemintanya sendiri.")]
    if user.pk == access_request.user_id:
        return [_("Permintaan atas akun Anda sendiri tidak dapat Anda putus.")]
    if not user.has_role(*approver_roles(access_request)):
        return [_("Peran Anda tidak berwenang memutus permintaan ini.")]
    return []


def may_approve_anything(user) -> bool:
    """Whether `user` holds a role that approves some request (for the menu)."""
    return bool(user and user.is_authenticated and user.has_role(*roles.APPROVER_ROLES))


# --- Decisions ------------------------------------------------------------------------------


@dataclass
class _Decision:
    state: str
    event: str
    notice: str
    note: str = ""
    changes: dict = field(default_factory=dict)


def _decide(*, access_request, actor, decision: _Decision, request, check) -> AccessRequest:
    with transaction.atomic():
        lock_user(access_request.user)
        pending = AccessRequest.objects.select_for_update().select_related("user").get(pk=access_request.pk)
        refusals = check(actor, pending)
        if refusals:
            raise PermissionDenied(refusals[0])
        if pending.state != AccessRequest.State.PENDING:
            raise ValidationError(_("Permintaan ini sudah diputus."))
        if not pending.is_pending:
            raise ValidationError(_("Permintaan ini sudah kedaluwarsa; Admin Sistem dapat memintanya lagi."))
        pending.state = decision.state
        pending.decided_by = actor
        pending.decided_at = timezone.now()
        pending.decision_note = decision.note
        pending.save(update_fields=["state", "decided_by", "decided_at", "decision_note"])
        audit.record(
            decision.event,
            actor=actor,
            obj=pending.user,
            request=request,
            data={
                "request": pending.pk,
                "kind": pending.kind,
                "role": pending.role,
                "user_id": pending.user_id,
                "requested_by": pending.requested_by_id,
            },
        )
        if decision.state == AccessRequest.State.APPROVED:
            _carry_out(pending, actor=actor, request=request)
        notify_after_commit(decision.notice, request_id=pending.pk)
    return pending


def _carry_out(access_request: AccessRequest, *, actor, request) -> None:
    user = access_request.user
    if access_request.kind == AccessRequest.Kind.ROLE_GRANT:
        _give_role(user, access_request.role, actor=actor, request=request, approved=access_request)
    else:
        services.second_factor_reset(user=user, actor=actor, request=request)


def access_request_approve(*, access_request, actor, note: str = "", request=None) -> AccessRequest:
    """Approve: the role is given, or the second factor removed, now. Only a person that
    decide_refusals allows, signed in with the second factor."""
    decision = _Decision(
        AccessRequest.State.APPROVED, audit.Event.ACCESS_APPROVED, NOTICE_APPROVED, (note or "").strip()
    )
    return _decide(
        access_request=access_request, actor=actor, decision=decision, request=request, check=decide_refusals
    )


def access_request_refuse(*, access_request, actor, note: str, request=None) -> AccessRequest:
    """Refuse, with a note the requester reads. Nothing changes on the account."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tuliskan alasan penolakan; peminta membacanya.")})
    decision = _Decision(AccessRequest.State.REFUSED, audit.Event.ACCESS_REFUSED, NOTICE_REFUSED, note)
    return _decide(
        access_request=access_request, actor=actor, decision=decision, request=request, check=decide_refusals
    )


def _cancel_refusals(user, access_request) -> list[str]:
    try:
        ensure_administrator(user)
    except PermissionDenied as exc:
        return [str(exc)]
    return []


def access_request_cancel(*, access_request, actor, request=None) -> AccessRequest:
    """Withdraw a pending request (an administrator: it was made by mistake)."""
    decision = _Decision(AccessRequest.State.CANCELLED, audit.Event.ACCESS_CANCELLED, NOTICE_CANCELLED)
    return _decide(
        access_request=access_request, actor=actor, decision=decision, request=request, check=_cancel_refusals
    )


# --- Roles given or taken at once -----------------------------------------------------------


def _give_role(user, role: str, *, actor, request, approved: AccessRequest | None = None) -> None:
    user.groups.add(Group.objects.get(name=role))
    user.__dict__.pop("_role_names", None)
    data = {"role": role, "user_id": user.pk, "user": str(user)}
    if approved is not None:
        data.update(request=approved.pk, requested_by=approved.requested_by_id)
    audit.record(audit.Event.ROLE_GRANTED, actor=actor, obj=user, request=request, data=data)


def _take_role(user, role: str, *, actor, request) -> None:
    user.groups.remove(Group.objects.get(name=role))
    user.__dict__.pop("_role_names", None)
    audit.record(
        audit.Event.ROLE_REMOVED,
        actor=actor,
        obj=user,
        request=request,
        data={"role": role, "user_id": user.pk, "user": str(user)},
    )
    if roles.is_case_reading(role):
        notify_after_commit("role_removed", user_id=user.pk, role=role, actor_id=actor.pk if actor else None)


def role_grant_on_server(*, user, role: str) -> None:
    """Give `role` at once, for the operator of the server (manage.py grant_role): the
    first readers of a new installation, when nobody can approve yet. Whoever runs it
    already holds the database and its keys; it is audited and told like any grant."""
    if role not in roles.ROLE_NAMES:
        raise ValueError(f"Unknown role {role!r}")
    with transaction.atomic():
        locked = lock_user(user)
        _give_role(locked, role, actor=None, request=None)
        if roles.is_case_reading(role):
            notify_after_commit("role_granted_on_server", user_id=locked.pk, role=role)


@dataclass(frozen=True)
class RolesChange:
    """What roles_change did: roles given, roles taken, requests made (or found waiting)."""

    granted: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    requested: tuple[AccessRequest, ...] = ()


def roles_change(*, user, wanted, actor, reason: str = "", request=None) -> RolesChange:
    """Bring `user`'s roles to `wanted` (role names), as an administrator asked.

    A case-reading role to add becomes a request (role_grant_request) and is not given;
    every other role is given at once; a role to remove is taken at once (it only
    narrows access) and, when it read cases, its holders and the user are told.
    """
    ensure_administrator(actor)
    wanted = {name for name in wanted if name}
    with transaction.atomic():
        locked = lock_user(user)
        held = set(locked.groups.values_list("name", flat=True))
        granted, removed, requested = [], [], []
        for role in sorted(wanted - held):
            if roles.is_case_reading(role):
                requested.append(
                    _create(
                        kind=AccessRequest.Kind.ROLE_GRANT,
                        user=locked,
                        role=role,
                        actor=actor,
                        reason=reason,
                        request=request,
                    )
                )
            else:
                _give_role(locked, role, actor=actor, request=request)
                granted.append(role)
        for role in sorted(held - wanted):
            _take_role(locked, role, actor=actor, request=request)
            removed.append(role)
    user.__dict__.pop("_role_names", None)
    return RolesChange(tuple(granted), tuple(removed), tuple(requested))
