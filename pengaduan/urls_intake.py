"""The public complaint form and its receipt (app namespace "pengaduan")."""

from django.urls import path

from . import views_intake

urlpatterns = [
    path("baru/", views_intake.create, name="create"),
    path("tanda-terima/", views_intake.receipt, name="receipt"),
    path("tanda-terima/pdf/", views_intake.receipt_pdf, name="receipt_pdf"),
    path("tanda-terima/sudah-disimpan/", views_intake.receipt_done, name="receipt_done"),
]
