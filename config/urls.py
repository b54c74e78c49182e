from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("casework.urls_public")),
    path("akun/", include("accounts.urls")),
    path("staf/", include("casework.urls_staff")),
    path("staf/berkas/", include("casework.urls_files")),
    path("staf/kasus/", include("casework.urls_case")),
    path("staf/akun/", include("accounts.urls_staff")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
