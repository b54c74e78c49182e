from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Akun dan unit kerja")

    def ready(self):
        from . import role_permissions, signals  # noqa: F401  (signals: connects the audit receivers)

        # After our own app migrates, so the accounts permissions exist by then (auth and
        # axes come earlier in INSTALLED_APPS).
        post_migrate.connect(
            role_permissions.grant_role_permissions, sender=self, dispatch_uid="accounts.grant_role_permissions"
        )
