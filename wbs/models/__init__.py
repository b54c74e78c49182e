from .identity import IdentityAccessRequest, SealedIdentity
from .laporan import KontakPelapor, LaporanWbs, Terlapor

__all__ = ["IdentityAccessRequest", "KontakPelapor", "LaporanWbs", "SealedIdentity", "Terlapor"]
