from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Keamanan")

    def ready(self):
        from django.urls import converters, register_converter

        from .request_values import IdConverter

        # `<id:pk>` in every URL pattern that takes a row id (security.request_values).
        if "id" not in converters.get_converters():
            register_converter(IdConverter, "id")
