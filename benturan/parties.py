"""What a conflict case is about, for the standing recusals of other conflict controls
(casework.parties): the official whose conflict it is, and the employees named among
the other parties (added after the case opens: benturan.services)."""

from casework.parties import Parties


def of(case) -> Parties:
    """CaseKind.parties of the benturan kind."""
    return Parties(accounts=(case.pejabat_id,))
