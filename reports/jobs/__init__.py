"""Reports made in the background: a report for a whole semester or year, or an export of
more than a few thousand rows, is built by the task worker, not inside the request; the
person who asked watches its progress on a page and downloads the file there.

A report page calls one function when `needs_background` says so:

    from reports.jobs import needs_background, register, request_file

    register("statistik", label=_("Statistik penanganan kasus"), roles=(roles.PIMPINAN,))

    def my_report(request):
        period = ...
        if fmt in ("pdf", "xlsx") and needs_background(period):
            return request_file(request, report_key="statistik", period=period, fmt=fmt,
                                build="reports.my_area.documents.build")
        ...

`build` is the dotted path of a function of the reports app called by the worker as
`build(period=..., user=..., **params)` (and `progress=` when it takes it: a callable
given the build's own progress, 0–100) that returns a reports.document.Document. The
file is rendered as the report pages render it (reports.formats), kept encrypted for
SIGAP_REPORT_FILE_DAYS days and given only to the person who asked, while they still
hold one of the report's roles.
"""

from __future__ import annotations

from .registry import ReportKind, register

#: An export of more rows than this runs in the background.
BACKGROUND_ROWS = 3000


def needs_background(period=None, *, rows: int | None = None) -> bool:
    """Whether a file for `period` (a casework.reporting.Period), or of `rows` rows, is made
    in the background: a whole semester or year, or more than BACKGROUND_ROWS rows."""
    if rows is not None and rows > BACKGROUND_ROWS:
        return True
    return period is not None and period.kind in ("semester", "year")


def request_file(request, *, report_key: str, period, fmt: str, build: str, params: dict | None = None, unit=None):
    """Ask for `report_key` for `period` in `fmt` ("pdf" or "xlsx") to be made in the
    background by `build`, and answer with the way to its page (303), where its progress
    shows and its file downloads. The same request made again (a second click, another
    tab) is sent to the same job. PermissionDenied for anyone without one of the report's
    registered roles."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import redirect
    from django.utils.translation import gettext as _

    from . import registry, services

    kind = registry.get(report_key)
    if not kind.allows(request.user):
        raise PermissionDenied(_("Peran Anda tidak berwenang meminta laporan ini."))
    job, _created = services.request_job(
        user=request.user, kind=kind, period=period, fmt=fmt, build=build, params=params, unit=unit
    )
    response = redirect("reports:job", job_id=job.pk)
    response.status_code = 303  # after a POST: the browser fetches the job's page
    return response


__all__ = ["BACKGROUND_ROWS", "ReportKind", "needs_background", "register", "request_file"]
