"""State changes of cases. Every change of a case goes through one function here.

Each service runs in one transaction: lock the case row, check permission, change,
save, write the timeline and the audit entry, and schedule side effects after commit.
Case-type apps call these from their own `services.py`, adding only what is theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from security import audit

from . import access, closure, controls, named_persons, parties, received, references, selectors, sla, tracking
from .assignment import assignee_changed
from .history_notes import HistoryNote
from .kinds import get_kind
from .models import Case, Deadline, InternalNote, Message, NamedPerson, Recusal, TimelineEntry
from .workflow import TransitionBlocked, blocked_reasons, transition_custom, transition_meta

OPEN = "open"


def _today():
    return timezone.localdate()


def _lock(case: Case):
    """Re-read the case as its kind's model with its row locked until commit."""
    model = case.kind_spec.model
    return model.objects.select_for_update().get(pk=case.pk)


# Fields case_open fills itself: a new reference is unique by its sequence's row lock,
# so asking the database first would only cost queries.
GENERATED_FIELDS = ["state", "tracking_digest", "reference", "kind", "year", "number"]


def validate_case(case: Case, *, exclude: list[str]) -> None:
    """Validate a case before saving it: fields, the row's clean() and unique fields.

    The database's check constraints are not asked one by one (each costs a query): they
    remain the last line, and every rule a user can break must also be in the kind's
    clean(), which says what to correct. Likewise a related row given as a saved instance
    is not looked up again; its foreign key constraint still holds.
    """
    loaded = [
        field.name
        for field in case._meta.concrete_fields
        if field.many_to_one and getattr(field.get_cached_value(case, None), "pk", None) is not None
    ]
    case.full_clean(exclude=[*exclude, *loaded], validate_constraints=False)


def case_open(
    *,
    kind: str,
    actor=None,
    title: str = "",
    unit=None,
    confidentiality: str | None = None,
    is_anonymous: bool | None = None,
    with_tracking_code: bool = False,
    fields: dict[str, Any] | None = None,
    public_note: str = "",
    opening_clocks: Sequence[str | tuple[str, date]] = (),
    received_on: date | None = None,
    late_entry_reason: str = "",
    reporter_account=None,
    request=None,
    on_commit: Callable[[Case], None] | None = None,
) -> tuple[Case, str | None]:
    """Create a case of `kind` in its initial state. Call for every new case.

    Returns the case and, with `with_tracking_code`, the tracking code: the only time the
    code exists in clear, to be shown to the reporter once. `actor` is the staff user who
    enters it (None for a public submission). A reporter who files while signed in to
    their own account (an employee's gratifikasi declaration) is `reporter_account`: named
    in the history and the audit entry as the reporter, never as staff.

    `received_on` is the day the case was received (default today): staff entering a
    case for someone else give an earlier day with `late_entry_reason`, within the rules
    of casework.received (ValidationError keyed "received_on" or "late_entry_reason"
    otherwise); a case filed by its own reporter is received today. The history keeps
    both days and the reason. Starts the given deadline clocks: a name from the day
    received, a (name, date) pair from that date (a limit counted from an event before
    the case existed, such as the day a gift was received).
    """
    if actor is not None and reporter_account is not None:
        raise ValueError("A case is opened by a staff actor or by a signed-in reporter, not both")
    spec = get_kind(kind)
    now = timezone.now()
    year = timezone.localtime(now).year
    today = timezone.localdate(now)
    received_on = received_on or today
    if received_on != today and actor is None:
        raise ValueError("Only staff entering a case for someone else may say it was received on another day")
    errors = received.entry_errors(received_on=received_on, late_entry_reason=late_entry_reason, today=today)
    if errors:
        raise ValidationError(errors)
    late_entry_reason = (late_entry_reason or "").strip() if received_on != today else ""
    code = tracking.generate_code() if with_tracking_code else None
    deadlines = [
        sla.plan_clock(kind=spec.code, clock=clock, on=on or received_on)
        for clock, on in (item if isinstance(item, tuple) else (item, None) for item in opening_clocks)
    ]
    case = spec.model(
        kind=spec.code,
        year=year,
        state=spec.initial_state,
        title=title,
        unit=unit,
        confidentiality=confidentiality or spec.default_confidentiality,
        is_anonymous=spec.default_anonymous if is_anonymous is None else is_anonymous,
        received_on=received_on,
        opened_at=now,
        due_date=sla.earliest_staff_due(deadlines),
        waiting_until=sla.earliest_waiting_end(deadlines),
        tracking_digest=tracking.digest(code) if code else None,
        **(fields or {}),
    )
    # Before the transaction: a refused case takes no number and writes nothing.
    validate_case(case, exclude=GENERATED_FIELDS)
    # No savepoint of its own: a case fails or commits with the change that opens it.
    with transaction.atomic(savepoint=False):
        case.number = references.next_number(spec.code, year)
        case.reference = references.format_reference(spec.prefix, year, case.number)
        case.save(force_insert=True)
        TimelineEntry.objects.create(
            case=case,
            transition=OPEN,
            from_state="",
            to_state=case.state,
            actor=actor or reporter_account,
            by_reporter=actor is None,
            # Internal: why the case was entered on a later day than it was received.
            note=late_entry_reason,
            is_public=True,
            public_note=public_note,
            created_at=now,
        )
        for deadline in deadlines:
            deadline.case = case
        Deadline.objects.bulk_create(deadlines)
        entered_late = {"received_on": received_on.isoformat()} if received_on != today else {}
        audit.record(
            audit.Event.CASE_OPENED,
            actor=actor or reporter_account,
            case=case,
            data={"kind": spec.code, "reference": case.reference, **entered_late},
            request=request if (actor or reporter_account) is not None else None,
        )
        # A standing recusal reaches a case from the moment it exists (casework.controls).
        controls.note_parties(
            [(case, parties.of_kind(case))],
            actor=actor or reporter_account,
            request=request if (actor or reporter_account) is not None else None,
        )
        if on_commit is not None:
            transaction.on_commit(lambda: on_commit(case))
    return case, code


def run_transition(
    *,
    case: Case,
    name: str,
    actor=None,
    by_reporter: bool = False,
    reporter_account=None,
    by_system: bool = False,
    note: str = "",
    public_note: str | HistoryNote = "",
    changes: dict[str, Any] | None = None,
    audit_data: dict[str, Any] | None = None,
    start_clocks: Mapping[str, date] | None = None,
    stop_clocks: Mapping[str, date] | None = None,
    request=None,
    on_commit: Callable[[Case], None] | None = None,
):
    """Run transition `name` on the case; the one path by which a case changes state.

    Staff changes name the `actor`, whose right to act is checked under the row lock.
    A reporter's change (by_reporter=True, no actor) is allowed only for transitions that
    declare `custom={"by_reporter": True}`; a reporter signed in to their own account (an
    employee's gratifikasi declaration) is given as `reporter_account`, and is then named
    in the history and the audit entry (with the request) though the permission stays the
    same: the transition allows the reporter, and the kind's service checks the account is
    the case's reporter. SIGAP's own changes (by_system=True, e.g. a
    case closing itself after a silent period) come from trusted code such as a scheduled
    task and need no permission. Raises PermissionDenied or TransitionBlocked
    (with reasons for the user). Applies the transition's deadline effects, closes or
    reopens the case at final states, and writes timeline and audit.

    `changes` are the transition's own data (where a case was forwarded, the answer...):
    set on the locked row after permission and state are checked (so an outsider learns
    nothing from field errors) and validated with the row's clean() before the
    transition's conditions run. A ValidationError or a refusal leaves nothing behind.

    `start_clocks` are clocks this change starts from given dates besides the
    transition's own "starts" (which start today): a limit the service decides on, counted
    from a date recorded with the change (a handover due from the date of a decision).
    `stop_clocks` likewise stop clocks as of recorded dates (forwarded on the day entered,
    not the day it was typed in), so whether a limit was met is judged on the real date.

    `public_note` is what the reporter reads with this step: text as typed, or a
    HistoryNote for a sentence SIGAP writes itself, shown in each reader's language.
    """
    if [actor is not None, by_reporter, by_system].count(True) != 1:
        raise ValueError("A transition is made by exactly one of: a staff actor, the reporter, the system")
    if reporter_account is not None and not by_reporter:
        raise ValueError("reporter_account names the reporter of a by_reporter transition")
    with transaction.atomic():
        locked = _lock(case)
        custom = transition_custom(locked, name)
        if by_reporter:
            # The reporter may see their case's state, so a wrong state is said first.
            if transition_meta(locked, name) is None:
                raise TransitionBlocked(blocked_reasons(locked, name))
            if not custom.get("by_reporter"):
                raise PermissionDenied(_("Tindakan ini hanya dapat dilakukan oleh petugas."))
        elif actor is not None:
            access.ensure_can_act(actor, locked, name)
            if custom.get("reporter_only"):
                raise PermissionDenied(_("Tindakan ini hanya dapat dilakukan oleh pelapor."))
        if changes:
            # A wrong state is refused as such, not for a field the state does not need.
            if transition_meta(locked, name) is None:
                raise TransitionBlocked(blocked_reasons(locked, name))
            for field, value in changes.items():
                setattr(locked, field, value)
            validate_case(locked, exclude=["state", "tracking_digest"])
        reasons = blocked_reasons(locked, name)
        if reasons:
            raise TransitionBlocked(reasons)
        spec = locked.kind_spec
        from_state = locked.state
        getattr(locked, name)()
        to_state = locked.state
        now = timezone.now()
        if to_state in spec.final_states and locked.closed_at is None:
            locked.closed_at = now
        elif to_state not in spec.final_states and locked.closed_at is not None:
            locked.closed_at = None
        locked.save()
        _apply_clock_effects(
            locked, custom, final=to_state in spec.final_states, start_clocks=start_clocks, stop_clocks=stop_clocks
        )
        TimelineEntry.objects.create(
            case=locked,
            transition=name,
            from_state=from_state,
            to_state=to_state,
            actor=actor or reporter_account,
            by_reporter=by_reporter,
            note=note,
            is_public=bool(custom.get("public")),
            **_public_note_fields(public_note),
            created_at=now,
        )
        audit.record(
            audit.Event.CASE_TRANSITION,
            actor=actor or reporter_account,
            case=locked,
            data={
                "transition": name,
                "from": from_state,
                "to": to_state,
                "by": "staff" if actor is not None else "reporter" if by_reporter else "system",
                **(audit_data or {}),
            },
            request=request if (actor or reporter_account) is not None else None,
        )
        if on_commit is not None:
            transaction.on_commit(lambda: on_commit(locked))
    return locked


def _public_note_fields(public_note: str | HistoryNote) -> dict[str, Any]:
    if isinstance(public_note, HistoryNote):
        return {
            "public_note": public_note.stored_text(),
            "public_note_key": public_note.key,
            "public_note_params": public_note.params,
        }
    return {"public_note": public_note}


def _apply_clock_effects(
    case: Case,
    custom: dict,
    *,
    final: bool,
    start_clocks: Mapping[str, date] | None = None,
    stop_clocks: Mapping[str, date] | None = None,
) -> None:
    today = _today()
    for clock, on in (stop_clocks or {}).items():
        sla.stop_clock(case=case, clock=clock, on=on)
    if final:
        sla.stop_all_clocks(case=case)
    else:
        for clock in custom.get("stops", ()):
            sla.stop_clock(case=case, clock=clock)
        if custom.get("pauses"):
            sla.pause_clocks(case=case, on=today, keep_running=custom.get("keeps_running", ()))
        if custom.get("resumes"):
            sla.resume_clocks(case=case, on=today)
        for clock in custom.get("starts", ()):
            sla.start_clock(case=case, clock=clock, on=today)
        for clock, on in (start_clocks or {}).items():
            sla.start_clock(case=case, clock=clock, on=on)
    sla.refresh_due_date(case)


def transition_blockers(*, case: Case, name: str, actor) -> list[str]:
    """Why `actor` cannot run transition `name` now (empty list: they can)."""
    try:
        access.ensure_can_act(actor, case, name)
    except PermissionDenied as exc:
        return [str(exc)]
    return blocked_reasons(case, name)


def record_case_event(
    locked: Case,
    *,
    change: str,
    event: str,
    actor=None,
    by_reporter: bool = False,
    note: str = "",
    data: dict[str, Any] | None = None,
    related_case: Case | None = None,
    request=None,
) -> None:
    """Record a change of a case that is not a state change (an assignment, a rating...):
    an internal history line and its audit entry. Call inside the transaction of the
    change, with the case row locked. `related_case` is another case the line is about,
    kept encrypted, whose reference only readers who may see it are shown."""
    TimelineEntry.objects.create(
        case=locked,
        transition=change,
        from_state=locked.state,
        to_state=locked.state,
        actor=actor,
        by_reporter=by_reporter,
        note=note,
        linked_case=str(related_case.pk) if related_case is not None else "",
    )
    audit.record(event, actor=actor, case=locked, request=request if actor is not None else None, data=data)


def case_assign(*, case: Case, actor, assignee, note: str = "", request=None) -> Case:
    """Give the case to a handler (or take it back with assignee=None)."""
    with transaction.atomic():
        locked = _lock(case)
        access.ensure_can_act(actor, locked, "assign")
        closure.ensure_open(locked)
        if assignee is not None:
            if Recusal.objects.filter(case=locked, user=assignee).exists():
                raise ValidationError(_("Petugas ini dikecualikan (recusal) dari kasus ini."))
            # The same rule that lists the candidates on the case page.
            if not selectors.assignable_users(locked).filter(pk=assignee.pk).exists():
                raise ValidationError(_("Petugas ini tidak berwenang menangani kasus jenis ini."))
        previous = locked.assignee
        locked.assignee = assignee
        locked.save(update_fields=["assignee", "updated_at"])
        record_case_event(
            locked,
            actor=actor,
            change="assign",
            note=note,
            event=audit.Event.CASE_ASSIGNED,
            request=request,
            data={"from": getattr(previous, "pk", None), "to": getattr(assignee, "pk", None)},
        )
        assignee_changed(locked, previous_id=getattr(previous, "pk", None), actor=actor, request=request)
    return locked


def case_recuse(*, case: Case, user, reason: str, actor=None, request=None) -> Recusal:
    """Exclude `user` from the case for good (named as reported party, or a declared conflict).

    A recused assignee loses the case at once. Call it whenever a case names a staff member
    as the reported party or someone declares a conflict with it.
    """
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        # The engine's own recusal; one a standing rule made is another row (casework.controls).
        recusal, created = Recusal.objects.get_or_create(case=locked, user=user, rule=None, defaults={"reason": reason})
        if locked.assignee_id == user.pk:
            locked.assignee = None
            locked.save(update_fields=["assignee", "updated_at"])
            assignee_changed(locked, previous_id=user.pk, actor=actor, request=request)
        if created:
            audit.record(
                audit.Event.CASE_RECUSAL,
                actor=actor,
                case=locked,
                request=request,
                data={"user": user.pk, "reason": reason},
            )
    return recusal


def case_recusal_lift(*, case: Case, actor, user, reason: str, request=None) -> None:
    """Lift `user`'s recusal from the case, saying why (e.g. a person was matched to the
    wrong account, and the match has been corrected since).

    Only a role the kind names for it may (CasePolicy.recusal_lifter_roles: the Pimpinan,
    or the Inspektorat for a WBS report), never for themselves, never someone recused from
    the case or named by it, never on a closed case (access may only narrow once a case
    is closed), and never while the case still names `user`: correct the match first.
    The lifting is audited and kept in the history with its reason."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        # Only the engine's own: a recusal a standing rule made ends with its rule.
        recusal = Recusal.objects.select_for_update().filter(case=locked, user=user, rule__isnull=True).first()
        refusal = recusal_lift_refusal(actor, locked, user)
        if refusal:
            raise PermissionDenied(refusal)
        if recusal is None:
            raise ValidationError(_("Petugas ini tidak dikecualikan dari kasus ini."))
        closure.ensure_open(locked)
        if named_persons.is_named(user, locked):
            raise ValidationError(
                _("Kasus ini masih menyebut petugas ini; ubah dulu pencocokan akunnya, baru pengecualiannya dicabut.")
            )
        if not reason:
            raise ValidationError({"reason": _("Tuliskan alasan pengecualian ini dicabut.")})
        recusal.delete()
        record_case_event(
            locked,
            change="recusal_lifted",
            event=audit.Event.CASE_RECUSAL_LIFTED,
            actor=actor,
            note=reason,
            data={"user": user.pk, "reason": recusal.reason},
            request=request,
        )


def recusal_lift_refusal(actor, case: Case, user) -> str:
    """Why `actor` may not lift `user`'s recusal from the case ("" when they may)."""
    if not (actor and actor.is_authenticated and actor.is_active):
        return _("Anda harus masuk sebagai petugas.")
    if actor.pk == user.pk:
        return _("Pengecualian tidak dapat dicabut oleh petugas yang dikecualikan sendiri.")
    if not case.kind_spec.policy.may_lift_recusal(actor, case):
        return _("Peran Anda tidak berwenang mencabut pengecualian pada kasus ini.")
    if access.is_recused(actor, case) or named_persons.is_named(actor, case):
        return _("Anda dikecualikan (recusal) dari kasus ini.")
    return ""


def case_set_confidentiality(
    *, case: Case, actor, confidentiality: str, is_anonymous: bool, reason: str = "", request=None
) -> Case:
    """Change the privacy flags. Tightening is free; loosening needs a written reason, and
    is refused once the case is closed."""
    with transaction.atomic():
        locked = _lock(case)
        access.ensure_can_act(actor, locked, "confidentiality")
        closure.ensure_not_loosened(locked, confidentiality=confidentiality, is_anonymous=is_anonymous)
        loosens = closure.loosens(locked, confidentiality=confidentiality, is_anonymous=is_anonymous)
        if loosens and not reason.strip():
            raise ValidationError(_("Melonggarkan kerahasiaan atau anonimitas wajib disertai alasan."))
        before = {"confidentiality": locked.confidentiality, "is_anonymous": locked.is_anonymous}
        locked.confidentiality = confidentiality
        locked.is_anonymous = is_anonymous
        locked.save(update_fields=["confidentiality", "is_anonymous", "updated_at"])
        record_case_event(
            locked,
            actor=actor,
            change="confidentiality",
            note=reason,
            event=audit.Event.CASE_CONFIDENTIALITY,
            request=request,
            data={
                "before": before,
                "after": {"confidentiality": confidentiality, "is_anonymous": is_anonymous},
                "loosened": loosens,
            },
        )
    return locked


def named_person_add(
    *,
    case: Case,
    actor,
    person: named_persons.PersonInput,
    limit: int,
    field: str,
    label: str,
    request=None,
    on_matched: Callable[[Case, list], str] | None = None,
) -> NamedPerson:
    """Record a person the handling found to be concerned by the case (a reported person,
    a staff member a complaint is about), matched to their account when picked or
    unambiguous by name. A matched account that could reach the case is recused (the
    actor too, if it is them), and nobody matched sees the case any more.

    The kind's service calls this with its own words for the person (`field`, `label` for
    errors, as casework.named_persons.build) and `limit`, and with `on_matched(locked,
    users)` for what a match decides in that kind (a WBS report moves to the Inspektorat),
    returning a note for the history. Refused on a closed case."""
    with transaction.atomic():
        locked = _lock(case)
        access.ensure_can_act(actor, locked, "named_persons")
        closure.ensure_open(locked)
        rows, users = named_persons.build(
            [person],
            existing=NamedPerson.objects.filter(case=locked).count(),
            limit=limit,
            from_reporter=False,
            field=field,
            label=label,
        )
        named_persons.save(locked, rows, matched_by=actor)
        note = _named_matched(locked, users, actor=actor, request=request, on_matched=on_matched)
        row = rows[0]
        record_case_event(
            locked,
            change="named_person",
            event=audit.Event.CASE_NAMED_PERSON,
            actor=actor,
            note=note,
            # Never the name or the account: audit data is stored in clear.
            data={"person": row.pk, "matched": bool(row.akun_digest), "from_reporter": False},
            request=request,
        )
    return row


def named_person_match(
    *,
    case: Case,
    actor,
    person: NamedPerson,
    user,
    reason: str = "",
    request=None,
    on_matched: Callable[[Case, list], str] | None = None,
) -> NamedPerson:
    """Match a named person to a staff account, or change the match, which needs a
    `reason`: the earlier match stays in the history (NamedPersonMatch), and so does any
    recusal it created, until someone with the right lifts it (case_recusal_lift). The
    newly matched account is recused when it could reach the case. Refused on a closed
    case; `on_matched` as in named_person_add."""
    reason = (reason or "").strip()
    with transaction.atomic():
        locked = _lock(case)
        access.ensure_can_act(actor, locked, "named_persons")
        closure.ensure_open(locked)
        row = NamedPerson.objects.select_for_update().get(pk=person.pk, case=locked)
        if row.akun and not reason:
            raise ValidationError(
                {"reason": _("Orang ini sudah dicocokkan dengan akun pegawai; tuliskan alasan pencocokannya diubah.")}
            )
        if row.matched_user_id == user.pk:
            raise ValidationError({"user": _("Orang ini sudah dicocokkan dengan akun tersebut.")})
        replaced = named_persons.rematch(row, user, matched_by=actor, reason=reason)
        note = _named_matched(locked, [user], actor=actor, request=request, on_matched=on_matched)
        record_case_event(
            locked,
            change="named_match",
            event=audit.Event.CASE_NAMED_MATCH_CHANGED,
            actor=actor,
            note="\n".join(filter(None, [reason, note])),
            data={"person": row.pk, "replaced": replaced},
            request=request,
        )
    return row


def named_persons_recuse(*, case: Case, users: list, actor=None, request=None) -> None:
    """Recuse those of the newly matched `users` whose role could reach the case
    (CasePolicy.recused_when_named). Call in the transaction that matched them: from the
    services here, and from a kind's filing service for the persons the reporter named."""
    for user in named_persons.needing_recusal(users, case):
        case_recuse(case=case, user=user, reason=Recusal.Reason.TERLAPOR, actor=actor, request=request)
    # The persons named are among what the case is about: standing recusals may match now.
    controls.apply_rules(case=case, actor=actor, request=request)


def _named_matched(locked: Case, users: list, *, actor, request, on_matched) -> str:
    named_persons_recuse(case=locked, users=users, actor=actor, request=request)
    return on_matched(locked, users) if on_matched is not None and users else ""


def message_post(
    *, case: Case, body: str, actor=None, by_reporter: bool = False, reporter_account=None, request=None
) -> Message:
    """Post a message between handler (actor) and reporter (by_reporter=True, no actor).

    A reporter signed in with their own account (a gratifikasi declarant, whose right to
    the case the kind's view has checked) is named as `reporter_account`: the message and
    its audit entry carry their name, as their transitions do.
    """
    if by_reporter == (actor is not None):
        raise ValueError("A message comes either from a staff actor or from the reporter")
    if reporter_account is not None and not by_reporter:
        raise ValueError("Only a reporter's message names a reporter account")
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Pesan tidak boleh kosong."))
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if actor is not None:
            access.ensure_can_act(actor, locked, "message")
            closure.ensure_open(locked)
        elif locked.closed_at is not None:
            raise ValidationError(_("Kasus sudah ditutup; pesan tidak dapat dikirim lagi."))
        message = Message.objects.create(
            case=locked,
            sender=Message.Sender.REPORTER if by_reporter else Message.Sender.STAFF,
            author=actor or reporter_account,
            body=body,
        )
        named = actor or reporter_account
        audit.record(
            audit.Event.MESSAGE_POSTED,
            actor=named,
            case=locked,
            obj=message,
            data={"sender": message.sender},
            request=request if named is not None else None,
        )
    return message


def note_add(*, case: Case, actor, body: str, request=None) -> InternalNote:
    """Add an internal note that the reporter never sees."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Catatan tidak boleh kosong."))
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        access.ensure_can_act(actor, locked, "note")
        closure.ensure_open(locked)
        note = InternalNote.objects.create(case=locked, author=actor, body=body)
        audit.record(audit.Event.NOTE_ADDED, actor=actor, case=locked, obj=note, request=request)
    return note


def messages_mark_read(*, case: Case, sender: str) -> int:
    """Mark the other side's messages as read when they are displayed."""
    return Message.objects.filter(case=case, sender=sender, read_at__isnull=True).update(read_at=timezone.now())


__all__ = [
    "TransitionBlocked",
    "assignee_changed",
    "case_assign",
    "case_open",
    "case_recusal_lift",
    "case_recuse",
    "case_set_confidentiality",
    "message_post",
    "messages_mark_read",
    "named_person_add",
    "named_person_match",
    "named_persons_recuse",
    "note_add",
    "record_case_event",
    "run_transition",
    "transition_blockers",
]
