from django.apps import AppConfig


class CaseKindConfig(AppConfig):
    """A small case kind that exists only in tests, to prove the engine on its own."""

    name = "tests.casekind"
    label = "casekind"

    def ready(self):
        from casework.kinds import CaseKind, register

        from .policy import UjiPolicy

        register(
            CaseKind(
                code="uji",
                prefix="UJI",
                label="Kasus uji",
                model_label="casekind.KasusUji",
                policy=UjiPolicy(),
                initial_state="baru",
                final_states=frozenset({"selesai", "ditolak"}),
                state_labels={
                    "baru": "Baru",
                    "diverifikasi": "Diverifikasi",
                    "ditunda": "Ditunda",
                    "selesai": "Selesai",
                    "ditolak": "Ditolak",
                },
            )
        )
