"""The reports' own records; each report area keeps its models in its package."""

from .lhkpn.models import JenisLaporanHarta, LhkpnBukti, LhkpnKewajiban  # noqa: F401
from .lke.models import LkeComponent, LkeFramework, LkeItem, LkeOption, LkeOverride, LkeSubComponent  # noqa: F401
