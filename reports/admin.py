"""The reports' configuration in the admin; each report area registers its own."""

from .lke import admin as _lke_admin  # noqa: F401
