"""The PDF and XLSX of a report for a whole semester or year (the UPG recap, a monev draft,
the LKE worksheet), asked for from the report's own page and made in the background
(reports.jobs), never inside the request.

A report page that may cover a semester or a year names its download (`Download`) in its
context as `background_download`; the page's download buttons then post here instead of
linking to ?format=pdf, and this view hands the request to request_file, which checks the
report's roles, makes the job once, and sends the person to its progress page. A GET of
?format=pdf or ?format=xlsx for such a period shows the page with the buttons instead.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from accounts import roles
from casework.reporting import Period

from . import needs_background, register, request_file


@dataclass(frozen=True)
class Download:
    key: str
    build: str
    #: The period offered on a page (its slug), set by background_download.
    period: str = ""


#: Reports whose semester or year files are made in the background, by key.
DOWNLOADS = {
    "rekap_upg": Download("rekap_upg", "reports.sections.upg_recap.recap_for_job"),
    "monev": Download("monev", "reports.monev.documents.draft_for_job"),
    "lke": Download("lke", "reports.lke.report.document_for_job"),
}
register(
    "rekap_upg",
    label=_("Rekapitulasi penanganan gratifikasi"),
    roles=(roles.PETUGAS_UPG, roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT),
)
register("monev", label=_("Laporan monev semester"), roles=(roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT))
register("lke", label=_("LKE Penguatan Pengawasan"), roles=(roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT))


def background_download(key: str, period: Period) -> Download | None:
    """The download to offer for `key` and `period` when its files are made in the
    background (a semester or a year), else None (the page links its files directly).
    Give it to reports.formats.answer_format and respond."""
    return replace(DOWNLOADS[key], period=period.slug) if needs_background(period) else None


class DownloadForm(forms.Form):
    laporan = forms.ChoiceField(choices=[(key, key) for key in DOWNLOADS])
    periode = forms.CharField(max_length=10)
    format = forms.ChoiceField(choices=[("pdf", "PDF"), ("xlsx", "XLSX")])

    def clean_periode(self):
        try:
            return Period.parse(self.cleaned_data["periode"])
        except ValueError:
            raise forms.ValidationError(_("Periode tidak dikenal.")) from None


@require_POST
@login_required
def request_download(request):
    form = DownloadForm(request.POST)
    if not form.is_valid():
        raise Http404
    download = DOWNLOADS[form.cleaned_data["laporan"]]
    return request_file(
        request,
        report_key=download.key,
        period=form.cleaned_data["periode"],
        fmt=form.cleaned_data["format"],
        build=download.build,
    )
