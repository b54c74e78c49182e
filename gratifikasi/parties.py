"""What a gift declaration is about, for the standing recusals of conflict-of-interest
controls (casework.parties): its declarant's account, and the giver by name and by the
company or institution they came from. An officer who must step back from matters with a
supplier no longer handles that supplier's gifts."""

from casework.parties import Parties


def of(case) -> Parties:
    """CaseKind.parties of the gratifikasi kind."""
    return Parties(accounts=(case.declarant_id,), names=(case.pemberi_nama, case.pemberi_instansi))
