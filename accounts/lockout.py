"""How django-axes names the account an attempt was aimed at.

Axes counts failures per (username, client address). Staff may type either their NIP or
their e-mail address, so counting the typed text would give every account two
allowances. Pointed to by settings.AXES_USERNAME_CALLABLE, this maps both to the
account's stable handle; text that names no account is counted as typed (normalised).
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from .backends import find_user, normalise_identifier


def lockout_username(request, credentials) -> str:
    field = settings.AXES_USERNAME_FORM_FIELD
    typed = (credentials or {}).get(field)
    if typed is None and request is not None:
        typed = request.POST.get(field, "")
    user = find_user(typed or "")
    if user is not None:
        return user.get_username()
    return normalise_identifier(typed or "")


def account_for(lockout_name: str):
    """The account a name produced by lockout_username (or typed by the user) stands for."""
    if not lockout_name:
        return None
    return find_user(lockout_name) or get_user_model().objects.filter(username=lockout_name).first()
