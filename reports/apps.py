from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan")

    def ready(self):
        from casework import waiting
        from casework.attachments import register_file_model

        from .models import BerkasBuktiAksi, BerkasRapat, BerkasTindakLanjut
        from .monev.waiting import recommendations_to_follow_up, reports_to_sign
        from .workplan.waiting import evidence_due

        # Their files sit in the engine's private folder: key rotation and the orphan
        # sweep must know them.
        for model in (BerkasRapat, BerkasTindakLanjut, BerkasBuktiAksi):
            register_file_model(model)
        waiting.register(recommendations_to_follow_up)
        waiting.register(reports_to_sign)
        waiting.register(evidence_due)
