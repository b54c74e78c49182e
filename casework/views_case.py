"""The generic staff case page and the actions every kind shares.

A kind with its own detail page includes templates/casework/includes/case_panel.html and
passes `case_panel_context(...)`; the POST endpoints here serve both.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, selectors, services
from .forms_case import AssignForm, ConfidentialityForm, InternalNoteForm, StaffMessageForm, TransitionForm
from .workflow import TransitionBlocked


def case_url(case) -> str:
    """Where staff open this case: the kind's own page, or the generic one."""
    name = case.kind_spec.detail_url_name
    return reverse(name, args=[case.pk]) if name else reverse("case:detail", args=[case.pk])


def case_panel_context(request, case, **bound_forms):
    """Context for the shared panel: history, conversation, notes, actions and their forms."""
    services.messages_mark_read(case=case, sender="reporter")
    context = {
        "case": case,
        "kind": case.kind_spec,
        "timeline": selectors.staff_timeline(case),
        "conversation": selectors.staff_conversation(case),
        "notes": selectors.internal_notes(case),
        "actions": selectors.staff_actions(case, request.user),
        "message_form": StaffMessageForm(),
        "note_form": InternalNoteForm(),
        "transition_form": TransitionForm(),
        "assign_form": AssignForm(initial={"assignee": case.assignee_id}, candidates=selectors.assignable_users(case)),
        "confidentiality_form": ConfidentialityForm(
            initial={"confidentiality": case.confidentiality, "is_anonymous": case.is_anonymous}
        ),
    }
    context.update(bound_forms)
    return context


def detail(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    if case.kind_spec.detail_url_name:
        return redirect(case_url(case))
    return render(request, "casework/case_detail.html", case_panel_context(request, case))


def _rerender(request, case, status=400, **bound_forms):
    """Show the page again with the submitted form and its errors; nothing typed is lost."""
    template = "casework/case_detail.html"
    return render(request, template, case_panel_context(request, case, **bound_forms), status=status)


def _reasons(exc) -> list[str]:
    if isinstance(exc, TransitionBlocked):
        return exc.reasons
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc)]


def _refuse(request, case, exc, form_name, form):
    """Show why a service refused, on the form the user submitted."""
    for reason in _reasons(exc):
        form.add_error(None, reason)
    return _rerender(request, case, status=403 if isinstance(exc, PermissionDenied) else 400, **{form_name: form})


@require_POST
def post_message(request, pk):
    case = access.get_case_for_user(request.user, pk, request=request)
    form = StaffMessageForm(request.POST)
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
    form = InternalNoteForm(request.POST)
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
    form = AssignForm(request.POST, candidates=selectors.assignable_users(case))
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
    form = ConfidentialityForm(request.POST)
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
