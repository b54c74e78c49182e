"""Fetch-and-authorise for cases: the one door through which staff reach a case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import IntegerField, Q, QuerySet, Value
from django.http import Http404
from django.utils.translation import gettext as _

from security import audit

from .kinds import all_kinds, get_kind
from .models import Case, Recusal
from .named_persons import named_q


def _is_staff_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


#: Set by get_case_for_user on the case it returns: the pk of the user it was fetched as
#: visible to (visible_cases, which leaves out the cases they are recused from or named
#: by). A page asks can_view and is_recused of that instance many times (each action,
#: form and panel); the answer was read with the case, in the same request.
_FETCHED_VISIBLE_TO = "_fetched_visible_to"


def _fetched_as_visible(user, case) -> bool:
    """Whether `case` was fetched by get_case_for_user as visible to this very `user`
    (never another's fetch: a memo names one account) and not changed since."""
    return _is_staff_user(user) and getattr(case, _FETCHED_VISIBLE_TO, None) == user.pk


def forget_visibility(case) -> None:
    """Drop what get_case_for_user remembered of `case`: a change just made to it (a
    person named, a recusal, a new unit or level) may have taken it out of the user's
    sight, so the next can_view asks the database again."""
    case.__dict__.pop(_FETCHED_VISIBLE_TO, None)


def is_recused(user, case) -> bool:
    if _fetched_as_visible(user, case):
        return False
    return Recusal.objects.filter(case_id=case.pk, user_id=user.pk).exists()


def _without_excluded(cases: QuerySet[Case], user) -> QuerySet[Case]:
    """`cases` less those the user is recused from or that name them (a person a case
    names, matched to their account, never sees it, whatever their role: see
    casework.named_persons)."""
    return cases.exclude(recusals__user=user).exclude(named_q(user))


def visible_cases(user, *, kind: str | None = None) -> QuerySet[Case]:
    """Every case the user may see (of one kind, or of all), recusals and cases naming
    the user removed."""
    if not _is_staff_user(user):
        return Case.objects.none()
    kinds = [get_kind(kind)] if kind else all_kinds()
    condition = Q(pk__in=[])
    for spec in kinds:
        condition |= Q(kind=spec.code) & spec.policy.visible_q(user)
    return _without_excluded(Case.objects.filter(condition), user)


def _waits_for(spec, user) -> Q:
    return Q(kind=spec.code) & spec.policy.visible_q(user) & spec.policy.inbox_q(user)


def inbox_cases(user) -> QuerySet[Case]:
    """Open cases across kinds that wait for the user's work, recusals and cases naming
    the user removed."""
    if not _is_staff_user(user):
        return Case.objects.none()
    condition = Q(pk__in=[])
    for spec in all_kinds():
        condition |= _waits_for(spec, user)
    return _without_excluded(Case.objects.filter(condition, closed_at__isnull=True), user)


def inbox_cases_by_kind(user) -> dict[str, QuerySet[Case]]:
    """inbox_cases(user), one queryset per kind (the same rows in all). To count them:
    each kind's rule is then planned on its own, with its own indexes, rather than every
    open case of every kind being tested against the OR of all the rules."""
    if not _is_staff_user(user):
        return {}
    return {
        spec.code: _without_excluded(Case.objects.filter(_waits_for(spec, user), closed_at__isnull=True), user)
        for spec in all_kinds()
    }


def can_view(user, case) -> bool:
    if _fetched_as_visible(user, case):
        return True
    return visible_cases(user, kind=case.kind).filter(pk=case.pk).exists()


def viewers_among(users, case) -> list:
    """Those of `users` who may see the case (can_view), in the given order, asked in one
    query: the engine's candidates for mail and assignment follow the same rule as its pages."""
    users = [user for user in users if user is not None]
    if not users:
        return []
    checks = [
        visible_cases(user, kind=case.kind)
        .filter(pk=case.pk)
        .order_by()
        .annotate(viewer=Value(user.pk, output_field=IntegerField()))
        .values_list("viewer", flat=True)
        for user in users
    ]
    allowed = set(checks[0].union(*checks[1:], all=True).order_by())
    return [user for user in users if user.pk in allowed]


def can_act(user, case, action: str) -> bool:
    return can_view(user, case) and case.kind_spec.policy.can_act(user, case, action)


def ensure_can_act(user, case, action: str) -> None:
    """Raise PermissionDenied with a reason the user can read."""
    if not _is_staff_user(user):
        raise PermissionDenied(_("Anda harus masuk sebagai petugas."))
    if is_recused(user, case):
        raise PermissionDenied(_("Anda dikecualikan (recusal) dari kasus ini."))
    if not can_act(user, case, action):
        raise PermissionDenied(_("Peran Anda tidak berwenang melakukan tindakan ini."))


def get_case_for_user(
    user, pk, *, kind: str | None = None, action: str | None = None, request=None, related: tuple[str, ...] = ()
):
    """The case (as its kind's model) if the user may see it, else 404.

    A case the user may not see is reported as missing, never as forbidden, so its
    existence is not revealed. With `action`, also checks the user may perform it. Every
    successful open of a case whose kind audits views is recorded. With `kind`, the kind's
    row is read in the same query, with the relations named in `related` (what its page
    shows of them).
    """
    visible = visible_cases(user, kind=kind).filter(pk=pk)
    if kind is None:
        case = visible.first()
        case = case.as_kind() if case is not None else None
    else:
        model = get_kind(kind).model
        found = model.objects.filter(pk=pk, pk__in=visible.values("pk"))
        case = (found.select_related(*related) if related else found).first()
    if case is None:
        raise Http404(_("Kasus tidak ditemukan."))
    setattr(case, _FETCHED_VISIBLE_TO, user.pk)
    if action is not None:
        ensure_can_act(user, case, action)
    if case.kind_spec.policy.audit_views:
        audit.record(audit.Event.CASE_VIEWED, actor=user, case=case, request=request)
    return case
