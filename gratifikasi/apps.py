from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: History lines of a declaration that are not state changes (record_case_event's `change`).
EVENT_LABELS = {
    "titipan_diterima": _("Barang diterima untuk dititipkan di UPG"),
    "titipan_dikeluarkan": _("Barang titipan dikeluarkan"),
}


class GratifikasiConfig(AppConfig):
    name = "gratifikasi"
    verbose_name = _("Gratifikasi")

    def ready(self):
        from casework.kinds import CaseKind, register

        # Connects the status notices to every transition of a declaration, in every
        # process (web, task worker, shell).
        # The sentences SIGAP writes in a case's history, for every page that shows them.
        from . import (
            history_notes,  # noqa: F401
            notify,  # noqa: F401
        )
        from .choices import FINAL_STATES, Clock, State
        from .policy import GratifikasiPolicy

        register(
            CaseKind(
                code="gratifikasi",
                prefix="GRT",
                label=_("Gratifikasi"),
                model_label="gratifikasi.Gratifikasi",
                policy=GratifikasiPolicy(),
                # What each stage means to the declarant and what happens next, by when.
                status_guide="gratifikasi.status_guide.GUIDE",
                initial_state=State.ADMINISTRASI.value,
                reporting="gratifikasi.reporting.reporting",
                final_states=frozenset(str(state) for state in FINAL_STATES),
                state_labels={state.value: state.label for state in State},
                clock_labels={clock.value: clock.label for clock in Clock},
                # Never published; the declarant is named (a declaration is not anonymous).
                default_confidentiality="rahasia",
                default_anonymous=False,
                # The UPG works on a declaration on its own page, whose forms call the
                # services that add what each step needs (the registration number, the
                # KPK reference, the SK and its scan, the follow-up).
                detail_url_name="gratifikasi_staff:detail",
                staff_page="gratifikasi.views_staff_case.page",
                event_labels=EVENT_LABELS,
                # The declarant and the giver, for standing recusals (casework.parties).
                parties="gratifikasi.parties.of",
            )
        )
        # A declaration sent back to its declarant waits in their Kotak Masuk.
        from casework import waiting

        from .waiting import declarations_pending, declarations_to_complete

        waiting.register(declarations_to_complete, pending=declarations_pending)
