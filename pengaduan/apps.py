from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PengaduanConfig(AppConfig):
    name = "pengaduan"
    verbose_name = _("Pengaduan")
