"""What the reports read of conflict-of-interest cases (casework.reporting): the source of
the conflict as the kategori, and the superior's decision as the deadline."""

from casework.reporting import KindReporting

from .choices import Clock, Sumber


class BenturanReporting(KindReporting):
    kind = "benturan"
    kategori_field = "sumber"
    kategori_labels = {choice.value: choice.label for choice in Sumber}
    compliance_clocks = (Clock.KEPUTUSAN,)


reporting = BenturanReporting()
