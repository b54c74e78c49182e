from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Exists, OuterRef, Q, StringAgg, Subquery, Value

#: Between the role names read with the account (a character no group name holds).
_ROLE_SEPARATOR = "\x1f"


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

    def get_user(self, user_id):
        """The signed-in account of a session, with what every staff page asks of it read
        in the same query: its roles (User.has_role) and whether it heads a unit
        (accounts.unit_heads). Read afresh on each request, as Django reads the account:
        a role removed or a unit handed over counts from the next page on."""
        found = with_roles(signed_in_users().filter(pk=user_id))
        user = found[0] if found else None
        if user is None or not self.user_can_authenticate(user):
            return None
        return user


def signed_in_users():
    """Accounts annotated with whether they head a unit (heads_a_unit)."""
    from .models import UnitKerja

    return get_user_model()._default_manager.annotate(
        heads_a_unit=Exists(UnitKerja.objects.filter(head_id=OuterRef("pk"))),
    )


def with_roles(users) -> list:
    """The accounts of the queryset `users`, each read with its role names in the same
    query, so that User.has_role asks none of its own (for the signed-in account, or for
    the candidates a page weighs by their roles)."""
    role_names = (
        get_user_model()
        .groups.through.objects.filter(user_id=OuterRef("pk"))
        .order_by()
        .values("user_id")
        .annotate(names=StringAgg("group__name", Value(_ROLE_SEPARATOR)))
        .values("names")
    )
    found = list(users.annotate(role_names_read=Subquery(role_names)))
    for user in found:
        names = user.role_names_read
        user._role_names = set(names.split(_ROLE_SEPARATOR)) if names else set()
    return found
