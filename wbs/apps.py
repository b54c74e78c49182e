from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The history lines of a report that are not state changes: news that keeps the stage,
#: and the events the services record (record_case_event's `change`).
EVENT_LABELS = {
    "lengkapi": _("Dilengkapi pelapor"),
    "kirim_pembaruan": _("Kabar perkembangan untuk pelapor"),
    # "reported": history lines written before reported persons moved to the engine.
    "reported": _("Terlapor dicatat"),
    "named_person": _("Terlapor dicatat"),
    "named_match": _("Terlapor dicocokkan dengan akun pegawai"),
    "reporter_contact": _("Pelapor mengubah pemberitahuan"),
    "identity_request": _("Permintaan membuka identitas pelapor"),
    "identity_approved": _("Permintaan identitas disetujui"),
    "identity_refused": _("Permintaan identitas ditolak"),
    "identity_opened": _("Identitas pelapor dibuka"),
    "identity_ended": _("Permintaan identitas berakhir"),
}


class WbsConfig(AppConfig):
    name = "wbs"
    verbose_name = _("WBS")

    def ready(self):
        from casework.kinds import CaseKind, register

        from . import checks  # noqa: F401 - registers the sealing-key check
        from .choices import FINAL_STATES, Clock, State
        from .models.laporan import ALLOWED_CONFIDENTIALITY
        from .policy import WbsPolicy

        register(
            CaseKind(
                code="wbs",
                prefix="WBS",
                label=_("Whistle-Blowing System (WBS)"),
                model_label="wbs.LaporanWbs",
                policy=WbsPolicy(),
                initial_state=State.DITERIMA.value,
                whistleblowing_intake="wbs.handover.receive",
                # What each state means to the reporter and what happens next, by when.
                status_guide="wbs.status_guide.GUIDE",
                reporting="wbs.reporting.reporting",
                final_states=frozenset(str(state) for state in FINAL_STATES),
                state_labels={state.value: state.label for state in State},
                clock_labels={clock.value: clock.label for clock in Clock},
                # Content and identity restricted to the handler role; anonymous unless the
                # reporter gives an identity, which is sealed even then.
                default_confidentiality="sangat_rahasia",
                confidentiality_levels=frozenset(str(level) for level in ALLOWED_CONFIDENTIALITY),
                default_anonymous=True,
                # Handlers work on a report on its own page, whose forms call the services
                # that add what each step needs (the review, the finding, the reason).
                detail_url_name="wbs_staff:detail",
                staff_page="wbs.views_staff_case.page",
                event_labels=EVENT_LABELS,
                # An identity approval binds to the report's holder (wbs.identity).
                on_assignee_change="wbs.identity.end_former_holders",
            )
        )
        # A request to open a reporter's identity waits in its deciders' Kotak Masuk.
        from casework import waiting

        from .waiting import identity_requests_pending, identity_requests_to_decide

        waiting.register(identity_requests_to_decide, pending=identity_requests_pending)
