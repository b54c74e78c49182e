from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.db.models import Q


class NipOrEmailBackend(ModelBackend):
    """Staff sign in with their NIP or their e-mail address."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        User = get_user_model()
        ident = username.strip()
        user = User.objects.filter(Q(nip=ident) | Q(email__iexact=ident)).first()
        if user is None:
            # Spend the same time as a real check so a wrong identifier is not revealed.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
