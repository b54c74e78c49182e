from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wbs import views_from_complaint

# The server error page carries the nonce of its inline style (casework.views_errors).
handler500 = "casework.views_errors.server_error"

admin.site.site_header = _("Administrasi SIGAP")
admin.site.site_title = _("Administrasi SIGAP")
admin.site.index_title = _("Konfigurasi: unit, pengguna, peran, hari libur, batas waktu")

urlpatterns = [
    path("", include("casework.urls_public")),
    path("pengaduan/", include("pengaduan.urls_public")),
    # A complaint's consent to move to the WBS is a WBS page: the reporter privacy of /wbs/
    # covers it (wbs.views_from_complaint).
    path("wbs/dari-pengaduan/", views_from_complaint.consent, name="pengaduan_wbs_consent"),
    path("wbs/", include("wbs.urls_public")),
    path("gratifikasi/", include("gratifikasi.urls_declarant")),
    path("benturan/", include("benturan.urls_declarant")),
    path("akun/", include("accounts.urls")),
    path("staf/", include("casework.urls_staff")),
    path("staf/berkas/", include("casework.urls_files")),
    path("staf/kasus/", include("casework.urls_case")),
    path("staf/akun/", include("accounts.urls_staff")),
    path("staf/pengaduan/", include("pengaduan.urls_staff")),
    path("staf/wbs/", include("wbs.urls_staff")),
    path("staf/gratifikasi/", include("gratifikasi.urls_staff")),
    path("staf/benturan/", include("benturan.urls_staff")),
    path("staf/register-benturan/", include("benturan.urls_registers")),
    path("staf/laporan/", include("reports.urls_staff")),
    path("statistik/", include("reports.urls_public")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
