"""What a complaint is about, for the standing recusals of conflict-of-interest controls
(casework.parties): its complainant, by name, when they gave one. The staff it names are
the engine's named persons, which count already."""

from casework.parties import Parties


def of(case) -> Parties:
    """CaseKind.parties of the complaint kind."""
    return Parties(names=(case.nama,))
