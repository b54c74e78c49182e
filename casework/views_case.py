"""The generic staff case page and the actions every kind shares.

A kind with its own detail page extends templates/casework/case_page.html (the shared
layout: facts, actions beside them, history below) and passes `case_panel_context(...)`;
the POST endpoints here serve both. When one of them
refuses, the page comes back through render_case_page(): the kind's own page if it names
one (CaseKind.staff_page), else the generic one, with the submitted form and its errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, closure, conflicts, selectors, services, sla
from .forms_case import (
    AssignForm,
    ConfidentialityForm,
    InternalNoteForm,
    StaffMessageForm,
    TransitionForm,
    add_service_errors,
)
from .models import Deadline
from .workflow import TransitionBlocked

# The shared changes a staff member may make on any case, each with its form in the panel.
SHARED_ACTIONS = ("message", "note", "assign", "confidentiality")


def _ids(name: str) -> str:
    """HTML ids of a shared form's fields, unique on a page that holds several forms
    (a message and a note both have a "body"). Field names stay as they are."""
    return f"{name}-%s"


def case_url(case) -> str:
    """Where staff open this case: the kind's own page, or the generic one."""
    name = case.kind_spec.detail_url_name
    return reverse(name, args=[case.pk]) if name else reverse("case:detail", args=[case.pk])


@dataclass(frozen=True)
class DeadlineRow:
    """One clock of a case as staff see it: its stage, its dates, and whether it is late."""

    label: str
    deadline: Deadline
    is_overdue: bool
    is_due_soon: bool


def case_deadlines(case, today: date | None = None) -> list[DeadlineRow]:
    """Every clock of the case, in the order they started, with the overdue and due-soon
    marks of the lists (casework.sla): only a counting staff clock of an open case can be
    late; a paused clock or the reporter's waiting period never is."""
    today = today or timezone.localdate()
    soon = sla.due_soon_until(today)
    rows = []
    deadlines = sla.page_clocks(case)
    # A clock restarted on the day it started (a periodic one, restarted by each step of a
    # busy day) leaves runs that measured nothing: only the last run of that day is shown.
    last_run = {(d.clock, d.started_on): d.pk for d in deadlines}
    for deadline in deadlines:
        if last_run[(deadline.clock, deadline.started_on)] != deadline.pk and deadline.completed_at is not None:
            continue
        counting = case.is_open and deadline.is_running and not deadline.is_waiting_period
        rows.append(
            DeadlineRow(
                label=case.kind_spec.stage_label(deadline),
                deadline=deadline,
                is_overdue=counting and deadline.due_date < today,
                is_due_soon=counting and today <= deadline.due_date <= soon,
            )
        )
    return rows


def timeline_with_links(case, user) -> list:
    """The staff history of the case; each line about another case carries `related_link`
    (that case, for its reference and `case_url`) when `user` may see it, else None: the
    line says what happened, never where the user may not look."""
    entries = list(selectors.staff_timeline(case))
    visible = selectors.visible_among(user, [entry.linked_case_id for entry in entries])
    for entry in entries:
        entry.related_link = visible.get(entry.linked_case_id)
    return entries


def case_panel_context(request, case, **bound_forms):
    """Context for the shared panel: history, conversation, notes, deadlines, the shared
    forms (each offered only to a user who may use it, or shown again when it was
    submitted) and, for a kind without its own forms, the generic transitions."""
    services.messages_mark_read(case=case, sender="reporter")
    generic_actions = not case.kind_spec.staff_page
    context = {
        "case": case,
        "kind": case.kind_spec,
        "timeline": timeline_with_links(case, request.user),
        "conversation": selectors.staff_conversation(case),
        "notes": selectors.internal_notes(case),
        "deadlines": case_deadlines(case),
        "generic_actions": generic_actions,
        "actions": selectors.staff_actions(case, request.user) if generic_actions else [],
        # A closed case is offered no change but a tighter confidentiality (casework.closure).
        "may": {
            action: closure.may_change(case, action) and access.can_act(request.user, case, action)
            for action in SHARED_ACTIONS
        },
        "message_form": StaffMessageForm(auto_id=_ids("message")),
        "note_form": InternalNoteForm(auto_id=_ids("note")),
        "transition_form": TransitionForm(),
        "assign_form": AssignForm(
            initial={"assignee": case.assignee_id}, candidates=selectors.assignable_users(case), auto_id=_ids("assign")
        ),
        "confidentiality_form": _confidentiality_form(case),
        **_conflict_forms(request, case),
    }
    context.update(bound_forms)
    return context


def _conflict_forms(request, case) -> dict:
    """The blank conflict-of-interest forms of the panel (casework.conflicts): a user who
    sees the case may declare their own conflict with it; a handler of a kind that allows
    it may turn it into a conflict reported about an official it names."""
    intake = conflicts.intake()
    if intake is None:
        return {}
    forms = {"conflict_declaration_form": intake.DeclarationForm(source=case, user=request.user)}
    if conflicts.may_report(request.user, case):
        forms["conflict_report_form"] = intake.ReportForm(source=case, user=request.user)
    return forms


def _confidentiality_form(case):
    """The blank privacy form: the levels the case may take (once it is closed, none
    looser than its own), and anonymity kept once a closed case has it."""
    form = ConfidentialityForm(
        initial={"confidentiality": case.confidentiality, "is_anonymous": case.is_anonymous},
        levels=closure.levels_offered(case),
        auto_id=_ids("confidentiality"),
    )
    if not case.is_open and case.is_anonymous:
        form.fields["is_anonymous"].disabled = True
    return form


def render_case_page(request, case, *, status=200, **bound_forms):
    """The staff page of the case, with `bound_forms` (by context name) in place of blank
    ones: the kind's own page when it names one (CaseKind.staff_page), else the generic."""
    page = case.kind_spec.staff_page
    if page:
        return import_string(page)(request, case, status=status, **bound_forms)
    context = case_panel_context(request, case, **bound_forms)
    return render(request, "casework/case_detail.html", context, status=status)


def detail(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    if case.kind_spec.detail_url_name:
        return redirect(case_url(case))
    return render_case_page(request, case)


def _rerender(request, case, status=400, **bound_forms):
    """Show the page again with the submitted form and its errors; nothing typed is lost."""
    return render_case_page(request, case, status=status, **bound_forms)


def refusal_reasons(exc) -> list[str]:
    """What a refused service call says to the user, whatever it raised."""
    if isinstance(exc, TransitionBlocked):
        return exc.reasons
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def show_refusal(form, exc) -> None:
    """Put a refused service call's reasons on `form`: a ValidationError's on the fields
    it names where the form has them, anything else above the form."""
    if isinstance(exc, ValidationError):
        add_service_errors(form, exc)
    else:
        for reason in refusal_reasons(exc):
            form.add_error(None, reason)


def refusal_status(exc) -> int:
    """403 when the user may not act at all, 400 when what they sent cannot be done."""
    return 403 if isinstance(exc, PermissionDenied) else 400


def _refuse(request, case, exc, form_name, form):
    """Show why a service refused, on the form the user submitted."""
    for reason in refusal_reasons(exc):
        form.add_error(None, reason)
    return _rerender(request, case, status=refusal_status(exc), **{form_name: form})


@require_POST
def post_message(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    form = StaffMessageForm(request.POST, auto_id=_ids("message"))
    if not form.is_valid():
        return _rerender(request, case, message_form=form)
    try:
        services.message_post(case=case, body=form.cleaned_data["body"], actor=request.user, request=request)
    except (PermissionDenied, ValidationError) as exc:
        return _refuse(request, case, exc, "message_form", form)
    messages.success(request, _("Pesan terkirim ke pelapor."))
    return redirect(case_url(case))


@require_POST
def add_note(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    form = InternalNoteForm(request.POST, auto_id=_ids("note"))
    if not form.is_valid():
        return _rerender(request, case, note_form=form)
    try:
        services.note_add(case=case, actor=request.user, body=form.cleaned_data["body"], request=request)
    except (PermissionDenied, ValidationError) as exc:
        return _refuse(request, case, exc, "note_form", form)
    messages.success(request, _("Catatan internal disimpan."))
    return redirect(case_url(case))


@require_POST
def transition(request, pk, name):
    case = access.get_case_for_user(request.user, pk, request=request)
    if case.kind_spec.staff_page:
        # The kind's own forms call its services, which add what a transition needs (a
        # reason, a unit, the answer) and check it across rows; a bare transition would
        # skip all of that, so it is not offered here.
        messages.error(request, _("Tindakan ini dilakukan melalui formulirnya sendiri di halaman kasus."))
        return _rerender(request, case)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        return _rerender(request, case, transition_form=form)
    try:
        services.run_transition(
            case=case,
            name=name,
            actor=request.user,
            note=form.cleaned_data["note"],
            public_note=form.cleaned_data["public_note"],
            request=request,
        )
    except LookupError:
        form.add_error(None, _("Tindakan tidak dikenal."))
        return _rerender(request, case, transition_form=form)
    except (PermissionDenied, TransitionBlocked) as exc:
        return _refuse(request, case, exc, "transition_form", form)
    messages.success(request, _("Status kasus diperbarui."))
    return redirect(case_url(case))


@require_POST
def assign(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    form = AssignForm(request.POST, candidates=selectors.assignable_users(case), auto_id=_ids("assign"))
    if not form.is_valid():
        return _rerender(request, case, assign_form=form)
    try:
        services.case_assign(
            case=case,
            actor=request.user,
            assignee=form.cleaned_data["assignee"],
            note=form.cleaned_data["note"],
            request=request,
        )
    except (PermissionDenied, ValidationError) as exc:
        return _refuse(request, case, exc, "assign_form", form)
    messages.success(request, _("Penugasan diperbarui."))
    return redirect(case_url(case))


@require_POST
def confidentiality(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    form = ConfidentialityForm(
        request.POST, levels=case.kind_spec.confidentiality_levels, auto_id=_ids("confidentiality")
    )
    if not form.is_valid():
        return _rerender(request, case, confidentiality_form=form)
    try:
        services.case_set_confidentiality(
            case=case,
            actor=request.user,
            confidentiality=form.cleaned_data["confidentiality"],
            is_anonymous=form.cleaned_data["is_anonymous"],
            reason=form.cleaned_data["reason"],
            request=request,
        )
    except (PermissionDenied, ValidationError) as exc:
        return _refuse(request, case, exc, "confidentiality_form", form)
    messages.success(request, _("Kerahasiaan diperbarui."))
    return redirect(case_url(case))
