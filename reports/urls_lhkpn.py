"""The LHKPN/LHKASN compliance register (reports.lhkpn.views), under /staf/laporan/lhkpn/."""

from django.urls import path

from .lhkpn import views

urlpatterns = [
    path("lhkpn/", views.register_page, name="lhkpn"),
    path("lhkpn/<report_year:tahun>/wajib/", views.obligation_add, name="lhkpn_obligation_add"),
    path("lhkpn/<report_year:tahun>/wajib/<id:pk>/", views.filing_record, name="lhkpn_filing"),
    path("lhkpn/<report_year:tahun>/wajib/<id:pk>/hapus/", views.obligation_remove, name="lhkpn_obligation_remove"),
    path("lhkpn/<report_year:tahun>/wajib/<id:pk>/bukti/", views.evidence_download, name="lhkpn_evidence"),
]
