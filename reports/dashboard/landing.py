"""The Pimpinan lands on the dashboard after signing in (casework.landing; registered in
reports.apps): the state of every kind of case, with their own inbox beside it. Others who
may open the dashboard (Tim ZI / TPI, Inspektorat) work from their inbox and land there."""

from __future__ import annotations

from django.urls import reverse

from accounts import roles


def pimpinan_dashboard(user) -> str | None:
    if user.is_authenticated and user.is_active and user.has_role(roles.PIMPINAN):
        return reverse("reports:dashboard")
    return None
