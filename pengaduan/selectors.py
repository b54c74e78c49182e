"""Reads of complaints that span relations; services, views and tasks call these."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import UnitKerja
from casework import access, list_search, sla
from casework.choice_rows import ChoiceRows
from casework.kinds import get_kind
from casework.lists import CASE_ROW_COLUMNS, DEFAULT_LIST_ORDER, LIST_ORDERINGS, filter_due_and_opened
from casework.models import Case, Deadline
from casework.reporting import Period

from .choices import Clock, State
from .models import KategoriLayanan, Pengaduan
from .policy import NOTHING

KIND = "pengaduan"
#: Whom the list's search finds: the complainant, by the digests the complaint keeps.
PERSON_SEARCH = Pengaduan.lookup_kinds()


def pengaduan_visible_to(user) -> QuerySet[Pengaduan]:
    """Every complaint `user` may see (policy and recusal applied by casework.access)."""
    return Pengaduan.objects.filter(pk__in=access.visible_cases(user, kind=KIND).values("pk"))


def active_kategori() -> QuerySet[KategoriLayanan]:
    """The categories a new complaint may choose, in their display order."""
    return KategoriLayanan.objects.filter(is_active=True).order_by("order", "name")


def active_units() -> QuerySet[UnitKerja]:
    """The units a complainant may suggest, by name."""
    return UnitKerja.objects.filter(is_active=True).order_by("name")


def every_kategori() -> QuerySet[KategoriLayanan]:
    """Every category, retired ones too (old complaints keep theirs), in display order."""
    return KategoriLayanan.objects.order_by("order", "name")


def every_unit() -> QuerySet[UnitKerja]:
    """Every unit, retired ones too, by name."""
    return UnitKerja.objects.order_by("name")


#: The same lists as this process last read them, for checking a post's choice and, for
#: the staff list's filters, for offering them without a query on every page.
ACTIVE_KATEGORI_ROWS = ChoiceRows(KategoriLayanan, active_kategori)
ACTIVE_UNIT_ROWS = ChoiceRows(UnitKerja, active_units)
KATEGORI_ROWS = ChoiceRows(KategoriLayanan, every_kategori)
UNIT_ROWS = ChoiceRows(UnitKerja, every_unit)


def auto_close_due(today: date) -> QuerySet[Pengaduan]:
    """Answered complaints whose "konfirmasi" clock ran out before `today`: the
    complainant stayed silent for the whole period, so the case may close by itself.
    One query however many cases there are."""
    konfirmasi_past_due = Deadline.objects.filter(
        case_id=OuterRef("pk"),
        clock=Clock.KONFIRMASI,
        completed_at__isnull=True,
        paused_on__isnull=True,
        due_date__lt=today,
    )
    return Pengaduan.objects.filter(state=State.DIJAWAB, closed_at__isnull=True).filter(Exists(konfirmasi_past_due))


# --- The staff complaint list -------------------------------------------------------------

# What a row of the list shows. Everything else (the complaint text, the complainant's
# identity, the answer) stays unread, so no page decrypts more than one title a row.
_LIST_COLUMNS = (
    *CASE_ROW_COLUMNS,
    "title",
    "unit__name",
    "assignee__full_name",
    "assignee__username",
    "pengaduan__channel",
    "pengaduan__lapor_tracking_id",
    "pengaduan__kategori__name",
)


def may_list(user) -> bool:
    """Whether the complaint list opens for `user`: for everyone the policy lets see
    complaints at all (handlers, observers, members of a unit that receives
    dispositions), even before any complaint is theirs to see."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    return get_kind(KIND).policy.visible_q(user) != NOTHING


def pengaduan_list(
    user,
    *,
    state: str = "",
    kategori: KategoriLayanan | None = None,
    channel: str = "",
    unit: UnitKerja | None = None,
    due: str = "",
    received_from: date | None = None,
    received_until: date | None = None,
    received: Period | None = None,
    finished: str = "",
    search: str = "",
    order: str = DEFAULT_LIST_ORDER,
    today: date | None = None,
) -> QuerySet[Case]:
    """The complaints `user` may see (casework.access: the policy and recusal), filtered
    and sorted for the staff list, as case rows.

    Titles and everything the complainant wrote are encrypted, so the search
    (casework.list_search) finds what is stored in clear, the reference number and the
    SP4N-LAPOR! ticket, by any part and ignoring case; and the complainant exactly, by
    NIK, telephone, e-mail or name, through the keyed digests kept beside the ciphertext
    (casework.person_lookup). The opening dates are local calendar days, both included.

    Starts from the case table, where the policy, the states, the dates and the
    deadlines are; the complaint's table is joined only for a filter on its columns, so
    counting a long list reads one table (and, for the usual orders, one index). Page it
    by its keys and load each page's rows with pengaduan_list_rows.
    """
    cases = access.visible_cases(user, kind=KIND)
    if state:
        cases = cases.filter(state=state)
    if kategori is not None:
        cases = cases.filter(pengaduan__kategori=kategori)
    if channel:
        cases = cases.filter(pengaduan__channel=channel)
    if unit is not None:
        cases = cases.filter(unit=unit)
    cases = filter_due_and_opened(
        cases,
        due=due,
        received_from=received_from,
        received_until=received_until,
        received=received,
        finished=finished,
        today=today,
    )
    term = list_search.guess(search)
    if term is not None:
        cases = list_search.narrow(cases, *_matching(term))
    return cases.order_by(*LIST_ORDERINGS[order])


def _matching(term: list_search.SearchTerm) -> tuple[list[QuerySet], Q]:
    """The complaints the search term finds: by their reference or SP4N-LAPOR! ticket
    containing it, ignoring case, and by their complainant. One lookup each (the trigram
    indexes of migration 0005 on PostgreSQL, the digests' own), and the same as a
    condition on a row, for casework.list_search.narrow."""
    found, per_row = [], Q(pk__in=[])
    if term.finds_numbers:
        found.append(Case.objects.filter(kind=KIND, reference__icontains=term.text).values("pk"))
        by_ticket = Pengaduan.objects.exclude(lapor_tracking_id="").filter(lapor_tracking_id__icontains=term.text)
        found.append(by_ticket.values("pk"))
        per_row |= Q(reference__icontains=term.text) | Q(pengaduan__lapor_tracking_id__icontains=term.text)
    person = Pengaduan.lookup_q(term.kind, term.value)
    if person is not None:
        found.append(Pengaduan.objects.filter(person).values("pk"))
        per_row |= list_search.through("pengaduan", person)
    return found, per_row


def pengaduan_list_rows(keys, *, order: str = DEFAULT_LIST_ORDER, today: date | None = None) -> QuerySet[Case]:
    """The complaints whose primary keys are `keys` (a page of pengaduan_list, as a
    sliced queryset of keys or a list), in the list's `order`, with what a row shows:
    the due status, the unit, the assignee and the complaint's own columns in
    `case.pengaduan`. One query; nothing else is read or decrypted."""
    cases = sla.annotate_due_status(Case.objects.filter(pk__in=keys), today=today)
    return (
        cases.select_related("pengaduan__kategori", "unit", "assignee")
        .only(*_LIST_COLUMNS)
        .order_by(*LIST_ORDERINGS[order])
    )
