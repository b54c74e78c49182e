"""The Pimpinan's dashboard, under /staf/laporan/dasbor/."""

from django.urls import path

from .dashboard import views

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("statistik/", views.statistics_file, name="dashboard_statistics"),
]
