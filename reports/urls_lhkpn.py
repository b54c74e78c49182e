"""The LHKPN/LHKASN compliance register (reports.lhkpn.views), under /staf/laporan/lhkpn/."""

from django.urls import path

from . import year_converter
from .lhkpn import views

year_converter.register()

urlpatterns = [
    path("lhkpn/", views.register_page, name="lhkpn"),
    path("lhkpn/<tahun:tahun>/wajib/", views.obligation_add, name="lhkpn_obligation_add"),
    path("lhkpn/<tahun:tahun>/wajib/<id:pk>/", views.filing_record, name="lhkpn_filing"),
    path("lhkpn/<tahun:tahun>/wajib/<id:pk>/hapus/", views.obligation_remove, name="lhkpn_obligation_remove"),
    path("lhkpn/<tahun:tahun>/wajib/<id:pk>/bukti/", views.evidence_download, name="lhkpn_evidence"),
]
