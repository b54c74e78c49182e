"""System checks of the WBS settings.

Production needs its own key for sealing reporters' identities: the development key is
public (it is in wbs.sealing), and sealing with the field keys would let anyone holding
those open every identity, which is what sealing prevents.

The proof of work past a ceiling (wbs.proof_of_work) needs a difficulty a browser can
meet: at least one bit, rising to a most that is not below it.
"""

from django.conf import settings
from django.core.checks import Error, register
from django.core.exceptions import ImproperlyConfigured

from . import proof_of_work, sealing


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


@register("security")
def challenge_bits_in_range(app_configs=None, **kwargs):
    bits, most = settings.SIGAP_WBS_CHALLENGE_BITS, settings.SIGAP_WBS_CHALLENGE_MAX_BITS
    if 1 <= bits <= most <= proof_of_work.MAX_BITS:
        return []
    return [
        Error(
            f"SIGAP_WBS_CHALLENGE_BITS ({bits}) and SIGAP_WBS_CHALLENGE_MAX_BITS ({most}) must satisfy "
            f"1 <= bits <= max bits <= {proof_of_work.MAX_BITS}",
            hint="Each bit doubles the work of a reporter's browser: 20 takes about a second on a desktop.",
            id="wbs.E003",
        )
    ]


_HINT = (
    "Generate one with: python -c \"import secrets; print('1:' + secrets.token_urlsafe(32))\" "
    "and keep it apart from SIGAP_ENCRYPTION_KEYS."
)
