"""Staff complaint pages, under /staf/pengaduan/ (second factor required there): one
complaint's page with its triage and follow-up actions (urls_staff_case), and the list
and the entry of complaints from other channels (urls_staff_list)."""

from django.urls import include, path

app_name = "pengaduan_staff"

urlpatterns = [
    path("", include("pengaduan.urls_staff_list")),
    path("", include("pengaduan.urls_staff_case")),
]
