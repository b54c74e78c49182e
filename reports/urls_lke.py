"""The LKE "Penguatan Pengawasan" pages (reports.lke.views), under /staf/laporan/lke/."""

from django.urls import path

from .lke import views

urlpatterns = [
    path("lke/", views.lke_page, name="lke"),
    path("lke/<report_year:tahun>/butir/<id:pk>/", views.lke_item, name="lke_item"),
    path("lke/<report_year:tahun>/butir/<id:pk>/tarik/", views.lke_item_withdraw, name="lke_item_withdraw"),
]
