from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WbsConfig(AppConfig):
    name = "wbs"
    verbose_name = _("WBS")

    def ready(self):
        from casework.kinds import CaseKind, register

        from . import checks  # noqa: F401 - registers the sealing-key check
        from .choices import FINAL_STATES, State
        from .policy import WbsPolicy

        register(
            CaseKind(
                code="wbs",
                prefix="WBS",
                label=_("Whistle-Blowing System (WBS)"),
                model_label="wbs.LaporanWbs",
                policy=WbsPolicy(),
                initial_state=State.DITERIMA.value,
                final_states=frozenset(str(state) for state in FINAL_STATES),
                state_labels={state.value: state.label for state in State},
                # Content and identity restricted to the handler role; anonymous unless the
                # reporter gives an identity, which is sealed even then.
                default_confidentiality="sangat_rahasia",
                default_anonymous=True,
            )
        )
