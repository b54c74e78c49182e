"""The monthly follow-up report and the UPG recap, under /staf/laporan/bulanan/."""

from django.urls import path

from . import monthly_views

urlpatterns = [
    path("", monthly_views.monthly_report, name="monthly"),
    path("rekap-upg/", monthly_views.upg_recap, name="upg_recap"),
]
