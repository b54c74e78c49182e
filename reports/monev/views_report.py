"""The semester monev report's pages under /staf/laporan/monev/: the index of semesters,
a semester's report (the live draft, or the newest signed version as issued) as a page,
PDF or XLSX, its texts' form, submitting, signing and reopening, and every issued
version.

Readers are reports.monev.access's: the Tim ZI / TPI, the Pimpinan and the Inspektorat
(a unit head finds their recommendations from the index); anyone else gets 404. A
refused form comes back with everything typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from security import audit

from .. import formats
from ..form_views import apply
from ..jobs.downloads import background_download
from ..workplan import access as workplan_access
from . import access, documents, selectors, services, snapshot
from .forms import ReasonForm, ReportTextsForm, SignForm
from .models import LaporanMonevVersi

SEMESTER_TEMPLATE = "reports/monev/semester.html"


def _reader(request) -> None:
    if not access.may_read_all(request.user):
        raise Http404


def _keeper(request) -> None:
    if not access.may_keep(request.user):
        raise Http404


def _period_or_404(year: int, semester: int):
    if semester not in (1, 2) or not 2000 <= year <= 2100:
        raise Http404
    return year, semester


@login_required
@require_safe
def index(request):
    if not access.offers_monev(request.user):
        raise Http404
    reader = access.may_read_all(request.user)
    today = timezone.localdate()
    context = {
        "reader": reader,
        "may_keep": access.may_keep(request.user),
        "semesters": selectors.semesters(today) if reader else [],
        "current": selectors.semester_of(today),
        "open_recommendations": access.visible_recommendations(request.user).filter(selesai_pada__isnull=True).count(),
        "reads_workplan": workplan_access.may_read(request.user),
        "today": today,
    }
    return render(request, "reports/monev/index.html", context)


def _export_audited(request, *, report, fmt: str, version: int | None) -> None:
    if fmt in ("pdf", "xlsx"):
        audit.record(
            audit.Event.EXPORT,
            actor=request.user,
            obj=report if report.pk else None,
            data={"report": "monev", "period": report.slug, "format": fmt, "version": version},
            request=request,
        )


@login_required
@require_safe
def semester(request, year: int, semester: int):
    """The semester's report: the newest issued version while it is signed, else the
    draft computed from the records now."""
    _reader(request)
    _period_or_404(year, semester)
    report = selectors.report_for(year, semester)
    versions = selectors.versions_of(report)
    today = timezone.localdate()
    version, doc = documents.issued_or_draft(report, versions, today)
    # An issued version is read back as it was signed; a draft computes a whole
    # semester's figures, so its files are made in the background (reports.jobs).
    background = None if version else background_download("monev", report.period)
    fmt = formats.answer_format(request, background)
    _export_audited(request, report=report, fmt=fmt, version=version.nomor if version else None)
    period = report.period
    context = {
        "report": report,
        "version": version,
        "versions": versions,
        "period": period,
        "meetings": selectors.meetings_in(period) if fmt == "html" else [],
        "may_keep": access.may_keep(request.user),
        "may_sign": access.may_sign(request.user),
        "started": today >= period.start,
    }
    return formats.respond(request, doc, fmt, template=SEMESTER_TEMPLATE, context=context, background=background)


@login_required
@require_safe
def version(request, year: int, semester: int, number: int):
    """One issued version, exactly as it was signed."""
    _reader(request)
    _period_or_404(year, semester)
    found = get_object_or_404(
        LaporanMonevVersi.objects.select_related("laporan", "ditandatangani_oleh", "dicatat_oleh"),
        laporan__tahun=year,
        laporan__semester=semester,
        nomor=number,
    )
    fmt = formats.requested_format(request)
    _export_audited(request, report=found.laporan, fmt=fmt, version=found.nomor)
    context = {"report": found.laporan, "version": found, "period": found.laporan.period, "single_version": True}
    return formats.respond(request, snapshot.from_json(found.dokumen), fmt, template=SEMESTER_TEMPLATE, context=context)


def _form_page(request, form, *, report, title, action, lead="", status=200):
    context = {"form": form, "report": report, "period": report.period, "title": title, "action": action, "lead": lead}
    return render(request, "reports/monev/report_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def edit(request, year: int, semester: int):
    _keeper(request)
    _period_or_404(year, semester)
    report = selectors.report_for(year, semester)
    if report.is_signed:
        messages.warning(request, _("Laporan ini sudah ditandatangani. Buka kembali untuk mengubahnya."))
        return redirect("reports:monev_semester", year, semester)
    title = _("Ubah teks laporan monev %(period)s") % {"period": report.period.label}
    if request.method != "POST":
        form = ReportTextsForm(initial={name: getattr(report, name) for name in services.REPORT_FIELDS})
        return _form_page(request, form, report=report, title=title, action="edit")
    form = ReportTextsForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.monev_report_edit(
            year=year, semester=semester, actor=request.user, data=data, request=request
        ),
        success=_("Teks laporan disimpan."),
        to=reverse("reports:monev_semester", args=[year, semester]),
    )
    return done or _form_page(request, form, report=report, title=title, action="edit", status=400)


@login_required
@require_POST
def submit(request, year: int, semester: int):
    _keeper(request)
    _period_or_404(year, semester)
    try:
        services.monev_report_submit(year=year, semester=semester, actor=request.user, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Laporan diajukan kepada Pimpinan untuk ditandatangani."))
    return redirect("reports:monev_semester", year, semester)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def sign(request, year: int, semester: int):
    """The Pimpinan signs; the Tim ZI records a signature made on paper."""
    if not (access.may_sign(request.user) or access.may_keep(request.user)):
        raise Http404
    _period_or_404(year, semester)
    report = selectors.report_for(year, semester)
    if report.is_signed:
        messages.warning(request, _("Laporan ini sudah ditandatangani."))
        return redirect("reports:monev_semester", year, semester)
    in_person = access.may_sign(request.user)
    if in_person:
        title = _("Tandatangani laporan monev %(period)s") % {"period": report.period.label}
        lead = _(
            "Dengan menandatangani, isi dan angka laporan dibekukan sebagai versi yang terbit. Perubahan "
            "sesudahnya hanya melalui penerbitan ulang."
        )
    else:
        title = _("Catat tanda tangan laporan monev %(period)s") % {"period": report.period.label}
        top = selectors.top_unit()
        lead = _(
            "Catat di sini bila %(signer)s sudah menandatangani laporan di atas kertas. Isi dan angka laporan "
            "dibekukan sebagai versi yang terbit."
        ) % {"signer": top.head if top is not None and top.head is not None else _("Kepala Dinas")}
    if request.method != "POST":
        form = SignForm(place=report.tempat)
        return _form_page(request, form, report=report, title=title, action="sign", lead=lead)
    form = SignForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.monev_report_sign(
            year=year,
            semester=semester,
            actor=request.user,
            tempat=data["tempat"],
            tanggal=data["tanggal"],
            request=request,
        ),
        success=lambda signed: _("Laporan ditandatangani sebagai versi %(number)d.") % {"number": signed.nomor},
        to=reverse("reports:monev_semester", args=[year, semester]),
    )
    return done or _form_page(request, form, report=report, title=title, action="sign", lead=lead, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reopen(request, year: int, semester: int):
    _keeper(request)
    _period_or_404(year, semester)
    report = selectors.report_for(year, semester)
    if not report.is_signed:
        messages.warning(request, _("Laporan ini belum ditandatangani; tidak perlu dibuka kembali."))
        return redirect("reports:monev_semester", year, semester)
    title = _("Buka kembali laporan monev %(period)s") % {"period": report.period.label}
    lead = _(
        "Versi yang sudah terbit tetap tersimpan apa adanya. Sesudah diperbaiki, laporan ditandatangani lagi "
        "sebagai versi %(number)d."
    ) % {"number": report.versi_terakhir + 1}
    if request.method != "POST":
        return _form_page(request, ReasonForm(), report=report, title=title, action="reopen", lead=lead)
    form = ReasonForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.monev_report_reopen(
            year=year, semester=semester, actor=request.user, alasan=data["alasan"], request=request
        ),
        success=_("Laporan dibuka kembali untuk diperbaiki."),
        to=reverse("reports:monev_semester", args=[year, semester]),
    )
    return done or _form_page(request, form, report=report, title=title, action="reopen", lead=lead, status=400)
