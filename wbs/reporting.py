"""What the reports read of WBS reports (casework.reporting). Outside the WBS handlers a
report shows WBS figures as counts only, and no public list ever has a WBS row."""

from accounts import roles
from casework.reporting import KindReporting

from .choices import Clock, Kategori


class WbsReporting(KindReporting):
    kind = "wbs"
    kategori_field = "kategori"
    kategori_labels = {choice.value: choice.label for choice in Kategori}
    compliance_clocks = (Clock.TANGGAPAN_AWAL,)
    counts_only = True
    list_url_name = "wbs_staff:list"
    # Content only for the Pengelola WBS; everyone else reads counts (counts_only).
    list_roles = (roles.PENGELOLA_WBS,)


reporting = WbsReporting()
