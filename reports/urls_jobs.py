"""Reports made in the background, under /staf/laporan/unduhan/."""

from django.urls import path

from .jobs import downloads, views

urlpatterns = [
    path("", views.job_list, name="jobs"),
    path("minta/", downloads.request_download, name="job_request"),
    path("<uuid:job_id>/", views.job_detail, name="job"),
    path("<uuid:job_id>/berkas/", views.job_file, name="job_file"),
    path("<uuid:job_id>/ulang/", views.job_again, name="job_again"),
]
