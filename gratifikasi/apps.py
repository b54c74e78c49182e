from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GratifikasiConfig(AppConfig):
    name = "gratifikasi"
    verbose_name = _("Gratifikasi")
