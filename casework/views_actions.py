"""Running one action form of a kind's staff page: the path every action endpoint shares.

A kind's staff page offers one form per transition its state allows, each posting to its
own endpoint. The endpoint fetches the case for the user, binds the form and calls
`submit_action`: the user's right to act is checked before the form is judged (so someone
who may not act learns nothing from field errors), then the form, then the kind's service,
which checks again under the row lock. A refused form comes back on the kind's page with
what was typed and the reason; a success says so and goes back to the case.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from . import access, selectors
from .views_case import case_url, refusal_reasons, refusal_status, show_refusal
from .workflow import TransitionBlocked


def submit_action(
    request,
    case,
    *,
    name: str,
    form,
    form_name: str,
    service: Callable,
    success: str,
    page: Callable,
    done: Callable | None = None,
):
    """Judge and run the bound action form `form` (transition `name`) on `case`.

    `service` is called with case, actor, request and the form's service_arguments();
    `page(request, case, status=..., **{form_name: form})` renders the kind's page with
    the refused form; `done(request, case)` answers a success (default: back to the case).
    """
    try:
        access.ensure_can_act(request.user, case, name)
        if not form.is_valid():
            return page(request, case, status=400, **{form_name: form})
        service(case=case, actor=request.user, request=request, **form.service_arguments())
    except ValidationError as exc:
        form.add_service_error(exc)
        return page(request, case, status=400, **{form_name: form})
    except (PermissionDenied, TransitionBlocked) as exc:
        form.add_error(None, refusal_reasons(exc))
        return page(request, case, status=refusal_status(exc), **{form_name: form})
    access.forget_visibility(case)
    messages.success(request, success)
    return done(request, case) if done is not None else redirect(case_url(case))


def submit_form(request, case, *, form, form_name: str, send: Callable, success: str, page: Callable, done: Callable):
    """Judge and send a form of a kind's staff page that is not an action (a person
    named, a match, a message...): `send(cleaned_data)` calls the service; a refusal comes
    back on the page with what was typed and why (on the field it names, where the form
    has it); a success says so and answers with `done(request, case)`."""
    if not form.is_valid():
        return page(request, case, status=400, **{form_name: form})
    try:
        send(form.cleaned_data)
    except (PermissionDenied, ValidationError) as exc:
        show_refusal(form, exc)
        return page(request, case, status=refusal_status(exc), **{form_name: form})
    access.forget_visibility(case)
    messages.success(request, success)
    return done(request, case)


def back_to_case_or_list(request, case, *, list_url: str, gone: str):
    """Back to the case after a change, or to `list_url` (a URL name), saying `gone`,
    when the change took the case out of the user's sight (they named themselves)."""
    if access.can_view(request.user, case):
        return redirect(case_url(case))
    messages.info(request, gone)
    return redirect(list_url)


def action_endpoint(act: Callable, name: str, *, doc: str):
    """The POST endpoint `view(request, pk)` of action `name`: `act(request, pk, name)`
    for a signed-in user."""

    @login_required
    @require_POST
    def view(request, pk):
        return act(request, pk, name)

    view.__name__ = view.__qualname__ = f"act_{name}"
    view.__doc__ = doc
    return view


def action_rows(request, case, actions, bound_forms: dict, *, blank_form: Callable, offered=None) -> list[dict]:
    """The rows of a kind's action panel: each action of the case's state (or just
    submitted, found in `bound_forms` by its form_name) with its label, its form when
    the user may run it now, else the reasons why not (`refusal`, a list), and whether
    the state offers it to this user (`available`).

    `actions` are the kind's action descriptions (name, form_name, and optionally
    `blockers(case)`: for an action that waits for a date rather than for input, why it
    cannot run yet, shown instead of a form bound to be refused). `blank_form(action)`
    makes a fresh form; `offered(action)`, if given, leaves out an action this case
    never takes (e.g. one for the other kind of report).
    """
    labels = {t.name: t.custom.get("label", t.name) for t in case.get_all_state_transitions()}
    declared = {item["name"]: item for item in selectors.staff_actions(case, request.user)}
    rows = []
    for action in actions:
        form = bound_forms.get(action.form_name)
        item = declared.get(action.name)
        if form is None and (item is None or (offered is not None and not offered(action))):
            continue  # not an action of this state or this case, and not just submitted
        permitted = item["permitted"] if item else True
        refusal = None if permitted else item["blockers"]
        blockers = getattr(action, "blockers", None)
        if form is None and permitted and blockers is not None:
            refusal = blockers(case) or None
        if form is None and refusal is None:
            form = blank_form(action)
        rows.append(
            {
                "action": action,
                "label": labels.get(action.name, action.name),
                "form": form,
                "refusal": refusal,
                "available": item is not None and item["permitted"],
            }
        )
    return rows
