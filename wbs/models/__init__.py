from .identity import IdentityAccessRequest, SealedIdentity
from .laporan import KontakPelapor, LaporanWbs

__all__ = ["IdentityAccessRequest", "KontakPelapor", "LaporanWbs", "SealedIdentity"]
