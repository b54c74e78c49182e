"""One way out for every report: the same `Document` as a page, a PDF or a workbook.

A report view builds its document and returns `respond(request, doc, fmt)`; `fmt` comes
from the `format` query parameter (`requested_format`). The PDF carries the letterhead
of the unit's profile (accounts.UnitProfile, set in the admin), and downloads are named
after the document's slug.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from casework.pdf_letterhead import letterhead_for

from . import document, render_pdf, render_xlsx

FORMATS = ("html", "pdf", "xlsx")


def requested_format(request) -> str:
    """The format asked for (?format=pdf|xlsx), HTML for anything else."""
    wanted = (request.GET.get("format") or "html").lower()
    return wanted if wanted in FORMATS else "html"


def answer_format(request, background=None) -> str:
    """The format to answer in: the one asked for, except that the file of a document
    made in the background (`background`, reports.jobs.downloads.background_download) is
    never built in the request: the page is shown, with its buttons and a word why."""
    fmt = requested_format(request)
    if background is not None and fmt != "html":
        messages.info(request, _("Berkas satu semester atau setahun dibuat di latar belakang: tekan tombol unduh."))
        return "html"
    return fmt


def pdf_bytes(doc: document.Document, *, unit=None) -> bytes:
    return render_pdf.render(doc, letterhead=letterhead_for(unit))


def respond(
    request,
    doc: document.Document,
    fmt: str | None = None,
    *,
    template: str = "reports/document_page.html",
    context: dict | None = None,
    unit=None,
    status: int = 200,
    background=None,
):
    """The response for `doc` in `fmt` (default: the one the request asks for). The page
    is `template` with `document` (and `context`) in its context; it includes
    reports/document_body.html where the report goes. With `background` (see
    answer_format) its download buttons ask the task worker for the files."""
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
        "background_download": background,
        "background_formats": (("pdf", _("Buat PDF")), ("xlsx", _("Buat XLSX"))),
        **(context or {}),
    }
    return render(request, template, page_context, status=status)
