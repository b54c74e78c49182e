from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# History lines named for what happened rather than for the state they led to.
EVENT_LABELS = {
    "lengkapi": _("Dilengkapi pelapor"),
    "buka_kembali": _("Dibuka kembali atas permintaan pelapor"),
    "rating": _("Penilaian pelapor"),
}


class PengaduanConfig(AppConfig):
    name = "pengaduan"
    verbose_name = _("Pengaduan")

    def ready(self):
        from casework.kinds import CaseKind, register

        # Connects the status notices to every transition of a complaint, in every process
        # (web, task worker, shell), not only where the services happen to be imported.
        # The sentences SIGAP writes in a case's history, for every page that shows them.
        from . import (
            history_notes,  # noqa: F401
            notify,  # noqa: F401
        )
        from .choices import FINAL_STATES, Clock, State
        from .policy import PengaduanPolicy

        register(
            CaseKind(
                code="pengaduan",
                prefix="PGD",
                label=_("Pengaduan masyarakat"),
                model_label="pengaduan.Pengaduan",
                policy=PengaduanPolicy(),
                initial_state=State.DITERIMA.value,
                move_to_whistleblowing="pengaduan.services_wbs.pengaduan_move_to_wbs",
                # What each state means to the complainant and what happens next, by when.
                status_guide="pengaduan.status_guide.GUIDE",
                reporting="pengaduan.reporting.reporting",
                final_states=frozenset(str(state) for state in FINAL_STATES),
                state_labels={state.value: state.label for state in State},
                clock_labels={clock.value: clock.label for clock in Clock},
                event_labels=EVENT_LABELS,
                # Safe by default (domain.md §3): content never published, identity hidden,
                # until the complainant or a handler with a recorded reason says otherwise.
                default_confidentiality="rahasia",
                default_anonymous=True,
                # Staff work on a complaint on its own page, whose forms call the services
                # that add what each transition needs (a reason, a unit, the answer).
                detail_url_name="pengaduan_staff:detail",
                staff_page="pengaduan.views_staff_case.page",
                # The public form's complaints are opened by the task worker; their
                # receipt notice goes out then.
                on_deferred_open="pengaduan.notify.after_deferred_open",
                # The complainant, by name, for standing recusals (casework.parties).
                parties="pengaduan.parties.of",
            )
        )
