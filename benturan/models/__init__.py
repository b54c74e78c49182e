"""A conflict-of-interest case (Benturan) and each control decided on it (Pengendalian);
the registers: the risk map (PetaRisiko, with its versions) and the yearly declaration
campaign (KampanyeDeklarasi, with who must declare)."""

from .benturan import Benturan
from .kampanye import KampanyeDeklarasi, KewajibanDeklarasi
from .pengendalian import Pengendalian
from .peta_risiko import PetaRisiko, PetaRisikoVersi

__all__ = ["Benturan", "KampanyeDeklarasi", "KewajibanDeklarasi", "Pengendalian", "PetaRisiko", "PetaRisikoVersi"]
