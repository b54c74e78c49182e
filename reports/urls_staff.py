"""The reports' staff pages, under /staf/laporan/. Each report area keeps its own URL
module, included here."""

from django.urls import include, path

from . import views_index

app_name = "reports"

urlpatterns: list = [
    path("", views_index.index, name="index"),
    path("bulanan/", include("reports.urls_monthly")),
    path("", include("reports.urls_monev")),
    path("", include("reports.urls_workplan")),
    path("", include("reports.urls_lke")),
    path("", include("reports.urls_lhkpn")),
    path("dasbor/", include("reports.urls_dashboard")),
    path("unduhan/", include("reports.urls_jobs")),
]
