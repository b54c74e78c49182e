"""Public complaint pages (no account), under /pengaduan/: the form and its receipt
(urls_intake) and what the complainant does afterwards and the public monthly page
(urls_tracking)."""

from django.urls import include, path

app_name = "pengaduan"

urlpatterns = [
    path("", include("pengaduan.urls_intake")),
    path("", include("pengaduan.urls_tracking")),
]
