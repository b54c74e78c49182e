"""What the reports read of complaints (casework.reporting): channel, kategori layanan,
and the staff clocks that decide whether a complaint was handled in time."""

from casework.reporting import KindReporting

from .choices import Channel, Clock
from .policy import PengaduanPolicy


class PengaduanReporting(KindReporting):
    kind = "pengaduan"
    channel_field = "channel"
    channel_labels = {choice.value: choice.label for choice in Channel}
    # Kategori layanan is a table the unit edits; its name is the label.
    kategori_field = "kategori__name"
    compliance_clocks = (Clock.VERIFIKASI, Clock.TINDAK_LANJUT, Clock.PENYELESAIAN)
    list_url_name = "pengaduan_staff:list"
    # Handlers and observers see every complaint; a unit member only its unit's.
    list_roles = (*PengaduanPolicy.handler_roles, *PengaduanPolicy.observer_roles)
    list_filters_unit = True


reporting = PengaduanReporting()
