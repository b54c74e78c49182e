"""A link of the staff navigation, as each kind's template tag offers its pages to the
roles that may open them (templates/includes/staff_nav.html)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NavLink:
    url: str
    label: str
