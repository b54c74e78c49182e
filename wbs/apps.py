from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WbsConfig(AppConfig):
    name = "wbs"
    verbose_name = _("WBS")
