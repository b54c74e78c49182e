from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Pengelolaan kasus")

    def ready(self):
        # Account changes waiting for a second person reach the approvers' inbox through
        # the engine: accounts, below it, cannot register with it.
        from . import (
            checks,  # noqa: F401 - registers the upload spool check
            waiting,
        )
        from .waiting_approvals import access_requests_pending, access_requests_to_decide

        waiting.register(access_requests_to_decide, pending=access_requests_pending)
