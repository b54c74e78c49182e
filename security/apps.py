from django.apps import AppConfig
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "security"
    verbose_name = _("Keamanan")

    def ready(self):
        from .client import validate_proxy_addresses

        # A mistyped proxy address would make every request count as a direct client,
        # so behind a proxy all clients would share one bucket again: refuse to start.
        try:
            validate_proxy_addresses(getattr(settings, "SIGAP_PROXY_ADDRESSES", ()))
        except ValueError as error:
            raise ImproperlyConfigured(f"SIGAP_PROXY_ADDRESSES: {error}") from None

        from django.urls import converters, register_converter

        from .request_values import IdConverter

        # `<id:pk>` in every URL pattern that takes a row id (security.request_values).
        if "id" not in converters.get_converters():
            register_converter(IdConverter, "id")
