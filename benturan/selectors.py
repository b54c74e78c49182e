"""Reads of conflict cases that span relations; views call these.

The employee who filed a case reaches it here and only here (never through the staff
pages): `own_cases`, `get_own_case`. The official named in someone else's report reaches
only the control decided about them, never the report itself: `notices_for`,
`get_notice`. Staff reads go through casework.access like every kind's.
"""

from __future__ import annotations

from django.db.models import Min, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from casework.models import Case, Deadline, Recusal

from .choices import Asal, Clock, Keputusan
from .models import Benturan, Pengendalian

#: The largest id a row can have (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated)


def own_cases(user) -> QuerySet[Benturan]:
    """The cases `user` filed (their declarations and their reports), newest first, each
    with `decision_due`, the running decision deadline (one query for a page)."""
    if not _signed_in(user):
        return Benturan.objects.none()
    return (
        Benturan.objects.filter(declarant_id=user.pk)
        .annotate(
            decision_due=Min(
                "deadlines__due_date",
                filter=Q(deadlines__clock=Clock.KEPUTUSAN, deadlines__completed_at__isnull=True),
            )
        )
        .select_related("pejabat")
        .order_by("-opened_at", "-pk")
    )


def _valid_id(pk) -> int:
    # An id no row can have is missing too; SQLite would fail on it rather than answer.
    pk = int(pk)
    if not 0 < pk <= MAX_ID:
        raise Http404(_("Kasus tidak ditemukan."))
    return pk


def get_own_case(*, user, pk) -> Benturan:
    """The case `pk` if `user` filed it, else 404 (someone else's case is reported as
    missing, never as forbidden)."""
    case = own_cases(user).filter(pk=_valid_id(pk)).select_related("atasan", "unit").first()
    if case is None:
        raise Http404(_("Kasus tidak ditemukan."))
    return case


def notices_for(user) -> QuerySet[Benturan]:
    """Reports by others about `user` in which a control was decided: what they must
    know to comply. A report found to be no conflict, or not decided yet, is not shown;
    the page shows the decision only, never who reported or what they wrote."""
    if not _signed_in(user):
        return Benturan.objects.none()
    return Benturan.objects.filter(asal=Asal.LAPORAN, pejabat_id=user.pk, keputusan=Keputusan.KONFLIK).order_by(
        "-diputuskan_pada", "-pk"
    )


def get_notice(*, user, pk) -> Benturan:
    """The decided control of a report about `user`, else 404."""
    case = notices_for(user).filter(pk=_valid_id(pk)).first()
    if case is None:
        raise Http404(_("Kasus tidak ditemukan."))
    return case


def controls_of(case) -> QuerySet[Pengendalian]:
    """The controls decided on a case, in the order decided, with the people they name."""
    return Pengendalian.objects.filter(benturan_id=case.pk).select_related(
        "pejabat", "pengganti", "pihak_pegawai", "kasus", "diputuskan_oleh"
    )


def decision_deadline(case) -> Deadline | None:
    """The superior's decision clock of the case (running or finished), or None."""
    return Deadline.objects.filter(case_id=case.pk, clock=Clock.KEPUTUSAN).order_by("-started_on", "-pk").first()


def linked_case(case) -> Case | None:
    """The SIGAP case a conflict case touches or was reported from, with its kind and
    reference only; whether a reader may be shown the reference is casework.access's."""
    pk = case.kasus_terkait_id or case.sumber_kasus_id
    return Case.objects.only("pk", "kind", "reference").filter(pk=pk).first() if pk else None


def bound_by_control(case) -> dict[str, list[Recusal]]:
    """The recusals each control of the case holds now, by the control's rule key
    (benturan.binding.key_of), oldest first, with whom a case was handed to."""
    found: dict[str, list[Recusal]] = {}
    rows = (
        Recusal.objects.filter(rule__source_case_id=case.pk, rule__lifted_at__isnull=True)
        .select_related("rule", "rule__substitute", "handed_to")
        .order_by("created_at", "pk")
    )
    for row in rows:
        found.setdefault(row.rule.source_key, []).append(row)
    return found
