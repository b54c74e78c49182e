"""System check: production needs its own key for sealing reporters' identities.

The development key is public (it is in wbs.sealing), and sealing with the field keys
would let anyone holding those open every identity, which is what sealing prevents.
"""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import sealing


@register("security")
def sealing_key_configured(app_configs=None, **kwargs):
    if getattr(settings, "SIGAP_ENV", "development") != "production":
        return []
    try:
        value = sealing.configured_keys()
        sealing.seal_keys()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), hint=_HINT, id="wbs.E001")]
    if sealing.is_development_key(value) or value == getattr(settings, "SIGAP_ENCRYPTION_KEYS", None):
        return [
            Error(
                f"{sealing.SETTING} must be its own secret, neither the development key nor the field keys",
                hint=_HINT,
                id="wbs.E002",
            )
        ]
    return []


_HINT = (
    "Generate one with: python -c \"import secrets; print('1:' + secrets.token_urlsafe(32))\" "
    "and keep it apart from SIGAP_ENCRYPTION_KEYS."
)
