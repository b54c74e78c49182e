"""What the reports read of gift declarations (casework.reporting): the kind of report
(received or refused) as the kategori, and the UPG's clock to forward to KPK as its
deadline. The UPG recap keeps its own detailed figures (recap.py)."""

from casework.reporting import KindReporting

from .choices import Clock, JenisLaporan
from .policy import GratifikasiPolicy


class GratifikasiReporting(KindReporting):
    kind = "gratifikasi"
    kategori_field = "jenis_laporan"
    kategori_labels = {choice.value: choice.label for choice in JenisLaporan}
    # The declarant's own clocks (reporting to the UPG, completing) are not the unit's.
    compliance_clocks = (Clock.UPG_KPK,)
    list_url_name = "gratifikasi_staff:list"
    list_roles = GratifikasiPolicy.handler_roles


reporting = GratifikasiReporting()
