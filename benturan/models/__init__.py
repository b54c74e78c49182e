"""A conflict-of-interest case (Benturan) and each control decided on it (Pengendalian)."""

from .benturan import Benturan
from .pengendalian import Pengendalian

__all__ = ["Benturan", "Pengendalian"]
