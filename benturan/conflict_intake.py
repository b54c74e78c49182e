"""What the engine's case pages offer every kind for conflicts of interest: the seam named
by the benturan kind's CaseKind.conflict_intake (see casework.conflicts for the contract).
No kind imports this; the engine finds it through the registry."""

from __future__ import annotations

from django.urls import reverse

from .forms_from_case import CaseConflictDeclarationForm as DeclarationForm
from .forms_from_case import CaseConflictReportForm as ReportForm
from .services_from_cases import benturan_declare_from_case, benturan_report_from_case

__all__ = ["DeclarationForm", "ReportForm", "declarant_url", "declare", "report"]


def declare(form: DeclarationForm, *, source, user, request=None):
    """File the staff member's own conflict with `source` from the valid `form`."""
    return benturan_declare_from_case(
        source=source,
        declarant=user,
        data=form.filed_data(),
        jabatan=form.cleaned_data.get("jabatan", ""),
        request=request,
    )


def report(form: ReportForm, *, source, user, request=None):
    """Turn `source` into a conflict reported about the official chosen in the valid `form`."""
    return benturan_report_from_case(
        source=source,
        reporter=user,
        pejabat=form.cleaned_data["pejabat"],
        data=form.filed_data(),
        submission_key=form.cleaned_data.get("kunci_kiriman"),
        request=request,
    )


def declarant_url(case) -> str:
    """Where the one who filed follows the conflict case."""
    return reverse("benturan:detail", args=[case.pk])
