from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


def normalise_identifier(identifier: str) -> str:
    """The form in which a typed NIP or e-mail address is compared and counted.

    NIPs are digits and e-mail addresses compare case-insensitively, so lower case loses
    nothing and makes "Budi@..." and "budi@..." one identifier for lockout counting.
    """
    return (identifier or "").strip().lower()


def find_user(identifier: str):
    """The account whose NIP or e-mail address is `identifier`, or None."""
    ident = normalise_identifier(identifier)
    if not ident:
        return None
    return get_user_model().objects.filter(Q(nip=ident) | Q(email__iexact=ident)).first()


class NipOrEmailBackend(ModelBackend):
    """Staff sign in with their NIP or their e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Spend the same time as a real check so a wrong identifier is not revealed.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
