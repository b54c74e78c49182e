"""The same giver: how two declarations are known to name one giver without the name
being stored in clear. The yearly cap per giver (gratifikasi.exemptions) and the UPG's
search by the giver's name (casework.person_lookup) both compare this digest."""

from __future__ import annotations

from casework.parties import normalize_name
from security import crypto

_DIGEST_PURPOSE = "gratifikasi-pemberi"


def giver_digest(nama: str) -> str:
    """Keyed digest of the giver's name (Gratifikasi.pemberi_digest), normalised by the
    engine's rule for names (Unicode-normalised, case-folded, without punctuation, single
    spaces), so "PT. Maju, Jaya" and "pt maju jaya" are the same giver. Unlike a person's
    name digest it is made for a name of any length: the cap tells apart every giver."""
    return crypto.keyed_digest(normalize_name(nama), purpose=_DIGEST_PURPOSE)
