"""Conflict cases filed from another SIGAP case's page (casework.conflicts): a staff
member's own conflict with the case, and a complaint or WBS report turned into a conflict
reported about the official it names.

Both keep the source's protection. The conflict case links to the source and writes
nothing of it: not its number (shown beside the link only to readers who may see the
source), not its text, files, reporter or contact. A declarant's own conflict links in
clear (kasus_terkait: their recusal from the source is a row in clear anyway); a report
links encrypted (sumber_kasus): a clear link from a case about an official to a report
would tell a reader of the database whom the report is about. Its matter says only which kind
of case it touches; what the conflict is, the one who files writes in their own words.
The history of the source says only that a conflict was declared or reported, with the
conflict case's number for readers who may see that case.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from casework import conflicts, named_persons
from casework.models import Case
from casework.services import record_case_event
from security import audit

from . import binding
from .choices import Asal, JenisHal
from .models import Benturan
from .services import FILED_FIELDS, benturan_report, file_case, filed_with

#: What the declarant of a conflict with a case writes on its page (the matter is the case).
DECLARED_FIELDS = ("jenis", "sumber", "kepentingan", "pihak_lain")


def _lock_source(source) -> Case:
    return Case.objects.select_for_update().get(pk=source.pk)


def matter_of(source) -> str:
    """The matter a conflict with `source` touches, as the conflict case says it: the kind
    of case, never its number or content ("Penanganan kasus SIGAP: Whistle-Blowing System")."""
    return _("Penanganan kasus SIGAP: %(kind)s") % {"kind": source.kind_spec.label}


def benturan_declare_from_case(*, source, declarant, data: dict[str, Any], jabatan: str = "", request=None) -> Benturan:
    """A staff member declares their own conflict with the SIGAP case `source` (of any
    kind) from its page. Call from the engine's case page (casework.views_conflicts).

    They are recused from `source` at once (the engine's recusal, reason KONFLIK), so it
    leaves their lists and goes back to its pool, or on to the next decider of a conflict
    case; a conflict case is opened for their superior, linked to `source`. `data` holds
    DECLARED_FIELDS. The superior's decision replaces the recusal (benturan.binding).
    Raises PermissionDenied when they may not see `source`, ValidationError for the fields.
    """
    unknown = set(data) - set(DECLARED_FIELDS)
    if unknown:
        raise ValueError(f"A conflict declared from a case does not take {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_source(source)
        conflicts.ensure_may_declare(declarant, locked)
        case = file_case(
            declarant=declarant,
            pejabat=declarant,
            asal=Asal.DEKLARASI,
            data={**data, "hal_jenis": JenisHal.KEPUTUSAN, "hal": matter_of(locked), "rujukan_kasus": ""},
            pihak_pegawai=(),
            files=(),
            jabatan=jabatan,
            submission_key=None,
            request=request,
            kasus_terkait=locked,
        )
        binding.recuse_declarant(case, source=locked, actor=declarant, request=request)
    return case


def benturan_report_from_case(
    *,
    source,
    reporter,
    pejabat,
    data: dict[str, Any],
    submission_key: UUID | None = None,
    request=None,
) -> Benturan:
    """A handler turns a complaint or a WBS report into a conflict of interest reported
    about `pejabat`, an official the case names (matched to their account). Call from the
    engine's case page (casework.views_conflicts).

    Only a handler the source's kind allows (CasePolicy.reports_conflicts, the action
    casework.conflicts.REPORT_ACTION) may. The conflict case is a report by the handler:
    the official is never told who reported, and nothing of the source is copied: `data`
    (FILED_FIELDS but the case number) is what the handler writes. Raises PermissionDenied
    or ValidationError (naming the field); then nothing is stored.
    """
    if data.get("rujukan_kasus"):
        raise ValueError("A conflict reported from a case is linked to it, never numbered")
    with transaction.atomic():
        locked = _lock_source(source)
        conflicts.ensure_may_report(reporter, locked)
        named = {user.pk for user in named_persons.matched_users(locked)}
        if pejabat is None or pejabat.pk not in named:
            raise ValidationError(
                {"pejabat": _("Pilih pejabat yang disebut kasus ini dan sudah dicocokkan dengan akun pegawai.")}
            )
        # A form sent twice files one case, and says so once in the source's history.
        filed = filed_with(reporter, submission_key) if submission_key is not None else None
        if filed is not None:
            return filed
        case = benturan_report(
            reporter=reporter,
            pejabat=pejabat,
            data={**{name: data.get(name, "") for name in FILED_FIELDS}, "rujukan_kasus": ""},
            submission_key=submission_key,
            request=request,
            sumber_kasus=locked,
        )
        record_case_event(
            locked,
            change="conflict_reported",
            event=audit.Event.CASE_CONFLICT_REPORTED,
            actor=reporter,
            note=_("Dijadikan kasus benturan kepentingan tentang pejabat yang disebut kasus ini."),
            # Neither the conflict case nor the official in the audit data, stored in clear.
            related_case=case,
            request=request,
        )
    return case
