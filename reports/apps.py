from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Laporan")

    def ready(self):
        from django.urls import converters, register_converter

        from casework import landing, waiting
        from casework.attachments import register_file_model

        from .converters import SemesterConverter, YearConverter
        from .models import BerkasBuktiAksi, BerkasRapat, BerkasTindakLanjut
        from .monev.waiting import (
            recommendations_pending,
            recommendations_to_follow_up,
            reports_pending,
            reports_to_sign,
        )
        from .workplan.waiting import evidence_due, evidence_pending

        # Their files sit in the engine's private folder: key rotation and the orphan
        # sweep must know them.
        for model in (BerkasRapat, BerkasTindakLanjut, BerkasBuktiAksi):
            register_file_model(model)
        waiting.register(recommendations_to_follow_up, pending=recommendations_pending)
        waiting.register(reports_to_sign, pending=reports_pending)
        waiting.register(evidence_due, pending=evidence_pending)
        # The Pimpinan lands on the dashboard, their inbox beside it.
        from .dashboard.landing import pimpinan_dashboard

        landing.register(pimpinan_dashboard)
        # The work plan's evidence speaks for the LKE's items (reports.lke.sources).
        from .workplan import lke_sources

        lke_sources.register_all()
        # `<report_year:year>`, `<report_semester:semester>` in the report pages' paths.
        for converter, name in ((YearConverter, "report_year"), (SemesterConverter, "report_semester")):
            if name not in converters.get_converters():
                register_converter(converter, name)
