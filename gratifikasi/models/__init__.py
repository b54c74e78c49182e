"""A gift declaration (Gratifikasi), the not-obligatory rules it is judged by
(ExemptionRule) and the UPG's custody register (BarangTitipan)."""

from .custody import BarangTitipan
from .declaration import Gratifikasi
from .exemption import ExemptionRule

__all__ = ["BarangTitipan", "ExemptionRule", "Gratifikasi"]
