"""Moving a report from one kind to another without either kind knowing the other.

A complaint that is really a report of staff wrongdoing moves to the whistle-blowing
kind with the complainant's consent (domain.md §3). The complaint kind gives what it
hands over as a `Handover` (content, the identity the complainant gave, the staff they
named, their files); the kind that takes whistle-blowing reports (CaseKind.
whistleblowing_intake) files it, sealing the identity its own way. The consent page
finds the complaint's kind and calls its move (CaseKind.move_to_whistleblowing). So the
complaint kind never imports the WBS, and the WBS never imports the complaint kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.utils.module_loading import import_string

from .kinds import all_kinds, get_kind

if TYPE_CHECKING:
    from .models import Case
    from .named_persons import PersonInput
    from .sanitize import CleanFile


@dataclass(frozen=True)
class ReporterIdentity:
    """What the reporter told about themselves in the source case; every part optional."""

    nama: str = ""
    email: str = ""
    telepon: str = ""
    keterangan: str = ""

    def __bool__(self) -> bool:
        return any((self.nama, self.email, self.telepon, self.keterangan))


@dataclass(frozen=True)
class Handover:
    title: str
    what: str
    where: str = ""
    when: str = ""
    identity: ReporterIdentity | None = None
    named_persons: list[PersonInput] = field(default_factory=list)
    files: list[CleanFile] = field(default_factory=list)


def to_whistleblowing(handover: Handover) -> tuple[Case, str]:
    """File `handover` as a whistle-blowing report, in the caller's transaction; returns
    the report and its receipt code (shown once to the reporter). LookupError when no
    kind takes whistle-blowing reports."""
    for kind in all_kinds():
        if kind.whistleblowing_intake:
            return import_string(kind.whistleblowing_intake)(handover)
    raise LookupError("No case kind takes whistle-blowing reports")


def can_move_to_whistleblowing(case: Case) -> bool:
    return bool(get_kind(case.kind).move_to_whistleblowing)


def move_to_whistleblowing(case: Case) -> tuple[Case, Case, str]:
    """The reporter consents: move `case` through its kind's own service (which checks its
    workflow allows it now). Returns the source case, the new report and its receipt code."""
    move = get_kind(case.kind).move_to_whistleblowing
    if not move:
        raise LookupError(f"A {case.kind} cannot move to the whistle-blowing system")
    return import_string(move)(case=case)
