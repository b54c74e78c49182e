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
        user = signed_in_users().filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        names = user.signed_in_role_names
        user._role_names = set(names.split(_ROLE_SEPARATOR)) if names else set()
        return user


def signed_in_users():
    """Accounts annotated with their role names (signed_in_role_names) and whether they
    head a unit (heads_a_unit)."""
    from .models import UnitKerja

    user_model = get_user_model()
    role_names = (
        user_model.groups.through.objects.filter(user_id=OuterRef("pk"))
        .order_by()
        .values("user_id")
        .annotate(names=StringAgg("group__name", Value(_ROLE_SEPARATOR)))
        .values("names")
    )
    return user_model._default_manager.annotate(
        signed_in_role_names=Subquery(role_names),
        heads_a_unit=Exists(UnitKerja.objects.filter(head_id=OuterRef("pk"))),
    )
