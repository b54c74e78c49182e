"""One way out for every report: the same `Document` as a page, a PDF or a workbook.

A report view builds its document and returns `respond(request, doc, fmt)`; `fmt` comes
from the `format` query parameter (`requested_format`). The PDF carries the letterhead
of the unit's profile (accounts.UnitProfile, set in the admin), and downloads are named
after the document's slug.
"""

from __future__ import annotations

from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from casework.pdf_letterhead import Letterhead, letterhead_for

from . import document, render_pdf, render_xlsx

FORMATS = ("html", "pdf", "xlsx")


def requested_format(request) -> str:
    """The format asked for (?format=pdf|xlsx), HTML for anything else."""
    wanted = (request.GET.get("format") or "html").lower()
    return wanted if wanted in FORMATS else "html"


def letterhead(unit=None) -> Letterhead:
    return letterhead_for(unit)


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
    page_context = {
        "document": doc,
        "download_query": query.urlencode(),
        "background_formats": (("pdf", _("Buat PDF")), ("xlsx", _("Buat XLSX"))),
        **(context or {}),
    }
    return render(request, template, page_context, status=status)
