"""One way out for every report: the same `Document` as a page, a PDF or a workbook.

A report view builds its document and returns `respond(request, doc, fmt)`; `fmt` comes
from the `format` query parameter (`requested_format`). The PDF carries the letterhead
of the unit's profile (accounts.UnitProfile, set in the admin), and downloads are named
after the document's slug.
"""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.profiles import profile_for

from . import document, render_pdf, render_xlsx

FORMATS = ("html", "pdf", "xlsx")


def requested_format(request) -> str:
    """The format asked for (?format=pdf|xlsx), HTML for anything else."""
    wanted = (request.GET.get("format") or "html").lower()
    return wanted if wanted in FORMATS else "html"


def letterhead(unit=None) -> render_pdf.Letterhead:
    """The PDF letterhead from the profile of `unit` (its own, a parent's, or the top
    unit's); a plain "SIGAP" heading when no unit has a profile yet."""
    profile = profile_for(unit)
    if profile is None:
        return render_pdf.Letterhead()
    lines = tuple(line.upper() for line in (profile.parent_agency, profile.official_name) if line)
    contacts = " · ".join(
        part
        for part in (
            profile.address,
            _("Telp. %(phone)s") % {"phone": profile.phone} if profile.phone else "",
            profile.email,
            profile.website,
        )
        if part
    )
    return render_pdf.Letterhead(lines=lines, contacts=contacts, logo=bytes(profile.logo or b""))


def pdf_bytes(doc: document.Document, *, unit=None) -> bytes:
    return render_pdf.render(doc, letterhead=letterhead(unit))


def respond(
    request,
    doc: document.Document,
    fmt: str | None = None,
    *,
    template: str = "reports/document_page.html",
    context: dict | None = None,
    unit=None,
    status: int = 200,
):
    """The response for `doc` in `fmt` (default: the one the request asks for). The page
    is `template` with `document` (and `context`) in its context; it includes
    reports/document_body.html where the report goes."""
    fmt = fmt or requested_format(request)
    if fmt == "pdf":
        response = HttpResponse(pdf_bytes(doc, unit=unit), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{doc.slug}.pdf"'
        return response
    if fmt == "xlsx":
        return FileResponse(
            render_xlsx.write(doc),
            as_attachment=True,
            filename=f"{doc.slug}.xlsx",
            content_type=render_xlsx.CONTENT_TYPE,
        )
    query = request.GET.copy()
    query.pop("format", None)
    page_context = {"document": doc, "download_query": query.urlencode(), **(context or {})}
    return render(request, template, page_context, status=status)
