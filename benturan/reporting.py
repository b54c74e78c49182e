"""What the reports read of conflict-of-interest cases (casework.reporting): the source of
the conflict as the kategori, and the superior's decision as the deadline."""

from casework.reporting import KindReporting

from .choices import Clock, Sumber
from .policy import BenturanPolicy


class BenturanReporting(KindReporting):
    kind = "benturan"
    kategori_field = "sumber"
    kategori_labels = {choice.value: choice.label for choice in Sumber}
    compliance_clocks = (Clock.KEPUTUSAN,)
    list_url_name = "benturan_staff:list"
    # The Tim and the Inspektorat read every case; a superior only what reached them.
    # The list's unit filter takes the units below too, so it is not offered per unit.
    list_roles = (*BenturanPolicy.handler_roles, *BenturanPolicy.observer_roles)


reporting = BenturanReporting()
