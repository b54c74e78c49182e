from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: History lines of a case that are not state changes (record_case_event's `change`).
EVENT_LABELS = {
    "routing": _("Penentuan atasan yang memutuskan"),
    "control_ended": _("Pengendalian diakhiri"),
}


class BenturanConfig(AppConfig):
    name = "benturan"
    verbose_name = _("Benturan kepentingan")

    def ready(self):
        from casework import waiting
        from casework.kinds import CaseKind, register

        from .choices import FINAL_STATES, Clock, State
        from .policy import POLICY

        register(
            CaseKind(
                code="benturan",
                prefix="BTK",
                label=_("Benturan kepentingan"),
                model_label="benturan.Benturan",
                policy=POLICY,
                # What each state means to the one who filed it and what happens next, by when.
                status_guide="benturan.status_guide.GUIDE",
                initial_state=State.DIAJUKAN.value,
                reporting="benturan.reporting.reporting",
                final_states=frozenset(str(state) for state in FINAL_STATES),
                state_labels={state.value: state.label for state in State},
                clock_labels={clock.value: clock.label for clock in Clock},
                # Never published. A declaration names its declarant; a report keeps its
                # reporter from the official it names (benturan.services).
                default_confidentiality="rahasia",
                default_anonymous=False,
                # The superior works on the case on its own page, whose forms call the
                # services that add what each step needs (the controls, the reasons, the
                # evidence).
                detail_url_name="benturan_staff:detail",
                staff_page="benturan.views_staff_case.page",
                event_labels=EVENT_LABELS,
                # The official, for standing recusals of other controls (casework.parties).
                parties="benturan.parties.of",
                # A superior recused from a case they decide passes it on (benturan.rerouting).
                on_assignee_change="benturan.rerouting.decider_recused",
                # Every kind's case page offers declaring a conflict with the case, and
                # (where the kind allows it) turning it into a reported conflict.
                conflict_intake="benturan.conflict_intake",
            )
        )
        # A yearly declaration not made yet waits in the employee's Kotak Masuk.
        from .waiting import yearly_declarations, yearly_declarations_pending

        waiting.register(yearly_declarations, pending=yearly_declarations_pending)
