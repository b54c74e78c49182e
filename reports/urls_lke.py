"""The LKE "Penguatan Pengawasan" pages (reports.lke.views), under /staf/laporan/lke/."""

from django.urls import path

from . import year_converter
from .lke import views

year_converter.register()

urlpatterns = [
    path("lke/", views.lke_page, name="lke"),
    path("lke/<tahun:tahun>/butir/<id:pk>/", views.lke_item, name="lke_item"),
    path("lke/<tahun:tahun>/butir/<id:pk>/tarik/", views.lke_item_withdraw, name="lke_item_withdraw"),
]
