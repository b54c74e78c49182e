"""The reports' staff pages, under /staf/laporan/. Each report area keeps its own URL
module, included here."""

from django.urls import include, path

app_name = "reports"

urlpatterns: list = [
    path("bulanan/", include("reports.urls_monthly")),
    path("", include("reports.urls_monev")),
    path("", include("reports.urls_workplan")),
    path("dasbor/", include("reports.urls_dashboard")),
    path("unduhan/", include("reports.urls_jobs")),
]
