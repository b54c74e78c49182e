from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenturanConfig(AppConfig):
    name = "benturan"
    verbose_name = _("Benturan kepentingan")
