"""The reports' own records live in their packages; Django finds them here."""

from .dashboard.models import ReceivedDayCount, ReceivedDayCoverage  # noqa: F401
from .jobs.models import ReportJob  # noqa: F401
from .lhkpn.models import JenisLaporanHarta, LhkpnBukti, LhkpnKewajiban  # noqa: F401
from .lke.models import LkeComponent, LkeFramework, LkeItem, LkeOption, LkeOverride, LkeSubComponent  # noqa: F401
from .monev.models import (  # noqa: F401
    BerkasRapat,
    BerkasTindakLanjut,
    LaporanMonev,
    LaporanMonevVersi,
    PengaturanMonev,
    RapatMonev,
    Rekomendasi,
    TindakLanjutRekomendasi,
)
from .workplan.models import BerkasBuktiAksi, BuktiAksi, RencanaAksi, RencanaKerja  # noqa: F401
