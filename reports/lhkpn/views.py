"""The LHKPN/LHKASN register's pages, under /staf/laporan/lhkpn/.

- The year's register (?tahun=2026; this year without one): the compliance per kind and
  who had to file and when each did; as PDF and XLSX with ?format=pdf|xlsx.
- For the Tim ZI / TPI: setting who must file (picked from the accounts), recording a
  filing on a page sized for a phone (a refused entry comes back with what was typed),
  clearing a filing recorded by mistake, removing an obligation set by mistake.
- A filing's receipt file, for the register's readers.

Readers and keepers: reports.lhkpn.access (anyone else gets 404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework.attachments import attachment_response
from casework.forms_case import add_service_errors
from security import audit

from ..formats import requested_format, respond
from ..lke.forms import YearForm
from . import report, selectors, services
from .access import may_keep, may_read
from .forms import FilingForm, ObligationForm
from .models import LhkpnBukti, LhkpnKewajiban

LHKPN_EVIDENCE_DOWNLOADED = "lhkpn.evidence_downloaded"


def _reader(request) -> None:
    if not may_read(request.user):
        raise Http404


def _keeper(request) -> None:
    if not may_keep(request.user):
        raise Http404


def register_url(year: int, anchor: str = "") -> str:
    return f"{reverse('reports:lhkpn')}?{urlencode({'tahun': year})}{anchor}"


@login_required
@require_safe
def register_page(request):
    _reader(request)
    form = YearForm(request.GET)
    context = {"form": form, "may_keep": may_keep(request.user)}
    if not form.is_valid():
        return render(request, "reports/lhkpn/register.html", context, status=400)
    year = form.year()
    compliance = selectors.compliance(year)
    rows = list(selectors.rows(year))
    context.update({"year": year, "compliance": compliance.values(), "rows": rows})
    document = report.build(year, compliance, rows)
    return respond(
        request, document, requested_format(request), template="reports/lhkpn/register.html", context=context
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def obligation_add(request, tahun: int):
    _reader(request)
    _keeper(request)
    year = tahun
    if request.method != "POST":
        form = ObligationForm(tahun=year)
        return render(request, "reports/lhkpn/obligation_form.html", {"form": form, "year": year})
    form = ObligationForm(request.POST, tahun=year)
    if form.is_valid():
        try:
            added = services.lhkpn_obligations_set(
                tahun=year,
                pegawai=list(form.cleaned_data["pegawai"]),
                jenis=form.cleaned_data["jenis"],
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(count)s pegawai ditetapkan wajib lapor tahun %(year)s.") % {"count": len(added), "year": year},
            )
            return redirect(register_url(year))
    return render(request, "reports/lhkpn/obligation_form.html", {"form": form, "year": year}, status=400)


def _row_or_404(tahun: int, pk: int) -> LhkpnKewajiban:
    return get_object_or_404(LhkpnKewajiban.objects.select_related("pegawai", "unit"), pk=pk, tahun=tahun)


def _filing_page(request, row, form, status=200):
    bukti = LhkpnBukti.objects.filter(kewajiban=row).only("pk", "nama", "size", "content_type").first()
    context = {"row": row, "form": form, "bukti": bukti, "year": row.tahun, "back_url": register_url(row.tahun)}
    return render(request, "reports/lhkpn/filing_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def filing_record(request, tahun: int, pk: int):
    _reader(request)
    _keeper(request)
    row = _row_or_404(tahun, pk)
    if request.method != "POST":
        initial = {"tanggal_lapor": row.tanggal_lapor, "nomor_tanda_terima": row.nomor_tanda_terima}
        return _filing_page(request, row, FilingForm(initial=initial))
    if request.POST.get("action") == "batal":
        try:
            services.lhkpn_filing_clear(kewajiban=row, actor=request.user, request=request)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Catatan penyampaian %(name)s dibatalkan.") % {"name": row.pegawai})
        return redirect(register_url(tahun, f"#wajib-{row.pk}"))
    form = FilingForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.lhkpn_filing_record(
                kewajiban=row,
                tanggal_lapor=form.cleaned_data["tanggal_lapor"],
                nomor_tanda_terima=form.cleaned_data["nomor_tanda_terima"],
                bukti=form.cleaned_data.get("bukti"),
                actor=request.user,
                request=request,
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Penyampaian %(name)s dicatat.") % {"name": row.pegawai})
            return redirect(register_url(tahun, f"#wajib-{row.pk}"))
    return _filing_page(request, row, form, status=400)


@login_required
@require_POST
def obligation_remove(request, tahun: int, pk: int):
    _reader(request)
    _keeper(request)
    row = _row_or_404(tahun, pk)
    try:
        services.lhkpn_obligation_remove(kewajiban=row, actor=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("%(name)s dihapus dari register tahun %(year)s.") % {"name": row.pegawai, "year": tahun}
        )
    return redirect(register_url(tahun))


@login_required
@require_safe
def evidence_download(request, tahun: int, pk: int):
    _reader(request)
    row = _row_or_404(tahun, pk)
    bukti = LhkpnBukti.objects.filter(kewajiban=row).first()
    if bukti is None:
        raise Http404
    audit.record(LHKPN_EVIDENCE_DOWNLOADED, actor=request.user, obj=row, request=request, data={"tahun": row.tahun})
    return attachment_response(bukti, data=services.read_bukti(bukti))
