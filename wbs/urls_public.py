"""Reporter pages of the WBS (no account), under /wbs/ (namespace "wbs").

Every path here is a reporter page for wbs.privacy (no address, device header or staff
session reaches it; no response is cached). The report a browser acts on comes from its
encrypted session cookie, never from the URL.
"""

from django.urls import path

from . import views_report, views_reporter

app_name = "wbs"

urlpatterns = [
    path("lapor/", views_report.create, name="create"),
    path("tanda-terima/", views_report.receipt, name="receipt"),
    path("tanda-terima/unduh/", views_report.receipt_file, name="receipt_file"),
    path("tanda-terima/sudah-disimpan/", views_report.receipt_done, name="receipt_done"),
    path("masuk/", views_reporter.login, name="login"),
    path("keluar/", views_reporter.logout, name="logout"),
    path("laporan/", views_reporter.report, name="report"),
    path("laporan/pesan/", views_reporter.message, name="message"),
    path("laporan/jawaban/", views_reporter.supply, name="supply"),
    path("laporan/bukti/", views_reporter.evidence, name="evidence"),
    path("laporan/bukti/<id:pk>/", views_reporter.file, name="file"),
    path("laporan/pemberitahuan/", views_reporter.contact, name="contact"),
    path("laporan/pemberitahuan/hapus/", views_reporter.contact_forget, name="contact_forget"),
]
