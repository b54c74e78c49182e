"""The one way the reports' form views hand a form to a service: when the form is valid,
call the service; its ValidationError goes on the form's fields (casework's helper) and
the page is shown again with everything typed; PermissionDenied answers 404 like every
page the user may not act on; success says so and redirects."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect

from casework.forms_case import add_service_errors


def apply(
    request,
    form,
    service: Callable[[dict], Any],
    *,
    success: str | Callable[[Any], str],
    to: str | Callable[[Any], str],
) -> HttpResponse | None:
    """Run `service(form.cleaned_data)` for a valid `form`; returns the redirect after
    success, or None when the form must be shown again (refused, with its errors)."""
    if not form.is_valid():
        return None
    try:
        result = service(form.cleaned_data)
    except PermissionDenied as exc:
        raise Http404 from exc
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None
    messages.success(request, success(result) if callable(success) else success)
    return redirect(to(result) if callable(to) else to)
