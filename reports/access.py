"""Who reads which report: the one place the reports decide it.

- The Tim ZI / TPI, the Pimpinan and the Inspektorat read every report of every area:
  they evaluate, answer for and audit the unit's integrity work.
- Each kind's handlers read the reports of their own area: the Pengelola Pengaduan the
  complaints', the Pengelola WBS the WBS', the Petugas UPG the gratifikasi ones (the UPG
  recap included), the Tim Benturan Kepentingan the conflict-of-interest ones (with the
  implementation matrix and the risk map).
- Anyone else (a Pegawai, a Unit Tindak Lanjut, Admin Sistem, the superuser flag alone)
  reads no report: the pages answer 404, as the kinds' own staff pages do for a role
  that has no business there.

Inside a report the figures are the same for every reader: a count reveals no case. The
rows that name a case (its follow-up list) follow each kind's own case policy through
casework.access, so a report never shows a case its reader could not open — recusals,
the cases naming the reader and, for conflict cases, the ones they are a party to are
left out — and what is left out is said as a number. So:

- WBS figures are counts only for everyone outside the WBS handlers: no row, and no
  breakdown by unit (in a small unit a unit and a month point at a person). A Pengelola
  WBS sees the rows of the reports routed to them, the Inspektorat those routed to it.
- Gratifikasi rows are the Petugas UPG's; the Pimpinan and the Tim ZI read the counts and
  the recap (gratifikasi/views_summary.py: they read aggregates, never a declaration).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from accounts import roles
from casework import access as case_access
from casework.reporting import KindReporting

#: The report areas, in the order the reports list them.
AREAS = ("pengaduan", "wbs", "gratifikasi", "benturan")

#: Read every report of every area.
ALL_AREA_ROLES = (roles.TIM_PENILAI, roles.PIMPINAN, roles.INSPEKTORAT)

#: The handlers of each area, who read its reports.
AREA_ROLES = {
    "pengaduan": (roles.PENGELOLA_PENGADUAN,),
    "wbs": (roles.PENGELOLA_WBS,),
    "gratifikasi": (roles.PETUGAS_UPG,),
    "benturan": (roles.TIM_BENTURAN,),
}

#: Who reads a counts-only kind's figures beyond the counts (its rows, its units).
COUNTS_ONLY_DETAIL_ROLES = (roles.PENGELOLA_WBS, roles.INSPEKTORAT)


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def areas_for(user) -> list[str]:
    """The areas whose reports `user` reads, in report order (empty: none)."""
    if not _active(user):
        return []
    if user.has_role(*ALL_AREA_ROLES):
        return list(AREAS)
    return [area for area in AREAS if user.has_role(*AREA_ROLES[area])]


def reads_every_area(user) -> bool:
    return _active(user) and user.has_role(*ALL_AREA_ROLES)


def may_read_area(user, area: str) -> bool:
    return area in areas_for(user)


def require_area(user, area: str) -> None:
    """Refuse (404) a reader who may not read `area`'s reports."""
    if not may_read_area(user, area):
        raise Http404


def require_any_area(user) -> list[str]:
    """The reader's areas; refuse (404) one who reads none."""
    areas = areas_for(user)
    if not areas:
        raise Http404
    return areas


def reads_reports(user) -> bool:
    """Whether the staff menu offers the reports (decided from the roles alone)."""
    return bool(areas_for(user))


def sees_detail(user, reporting: KindReporting) -> bool:
    """Whether `user` sees a kind's figures beyond the counts: its breakdown by unit and
    its rows (for a counts-only kind only its handlers; for the others every reader)."""
    if not reporting.counts_only:
        return True
    return _active(user) and user.has_role(*COUNTS_ONLY_DETAIL_ROLES)


def rows_within(user, reporting: KindReporting) -> QuerySet | None:
    """The cases of the kind whose row `user` may read in a report (the kind's policy,
    recusal and the cases naming them applied: casework.access), or None for no row."""
    if not sees_detail(user, reporting):
        return None
    return case_access.visible_cases(user, kind=reporting.kind)


def may_read_upg_recap(user) -> bool:
    return may_read_area(user, "gratifikasi")


def may_read_benturan_registers(user) -> bool:
    return may_read_area(user, "benturan")
