"""What a staff list's search box was given, guessed from its shape, so one box finds a
case by its number or by the person in it.

- contains "@": an e-mail address;
- 16 digits (spaces, dots and dashes between groups allowed): a NIK;
- 18 digits: an employee's NIP;
- a telephone number as people dial it (starting with +, 0 or 62; 8 to 15 digits, with
  spaces, dashes, dots or brackets): a telephone;
- anything else with a digit or a slash, a kind's reference prefix alone ("GRT"), or a
  word that starts or ends with a dash ("LAP-"): a number stored in clear, or part of
  one — a reference (PGD/2026/000123), an SP4N-LAPOR! ticket, a UPG or KPK registration;
- words: a name.

A number stored in clear is found by any part of it, as before. A person is found only
exactly (casework.person_lookup), by the digests a kind keeps, and a term read as a
person is never compared in clear: a NIK, a telephone, an address or a name typed into
the box reaches the database only as its keyed digest, so no query (nor a log of one)
holds it. (A number stored in clear that reads as a telephone, such as an all-digit
ticket starting with 0, is found by a part that does not.) A list refuses a person
search its kind keeps nothing for (casework.forms_list), and the WBS list refuses every
one: a reporter has no searchable identity.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .kinds import all_kinds
from .lists import DEFAULT_LIST_ORDER, LIST_ORDERINGS
from .person_lookup import EMAIL, NAME, NIK, PHONE
from .validators import NIK_LENGTH, normalize_email, normalize_nik, normalize_phone

NUMBER = "nomor"
NIP = "nip"
NIP_LENGTH = 18

#: The kinds that name a person rather than a case.
IDENTITY_KINDS = frozenset({NIK, NIP, PHONE, EMAIL, NAME})

#: What a person search is by, in a sentence ("… tidak dapat dicari menurut NIK").
KIND_LABELS = {
    NIK: "NIK",
    NIP: "NIP",
    PHONE: _("nomor telepon"),
    EMAIL: _("alamat e-mail"),
    NAME: _("nama"),
}

#: How the list says what it looked for ("Dicari sebagai …").
READINGS = {
    NUMBER: _("nomor yang memuat kata ini"),
    NIK: _("NIK yang sama persis"),
    NIP: _("NIP yang sama persis"),
    PHONE: _("nomor telepon yang sama, bagaimanapun ditulis"),
    EMAIL: _("alamat e-mail yang sama persis"),
    NAME: _("nama yang sama persis"),
}


@dataclass(frozen=True)
class SearchTerm:
    #: As typed, spaces collapsed: what numbers stored in clear are searched for.
    text: str
    kind: str
    #: The normal form of a person's NIK, NIP, telephone, e-mail or name.
    value: str = ""

    @property
    def finds_numbers(self) -> bool:
        # A person's identity never goes to the database in clear, not even to be
        # compared with the numbers stored in clear.
        return self.kind == NUMBER

    @property
    def reading(self):
        return READINGS[self.kind]


def _digits(text: str) -> str | None:
    """The digits of a number written in groups, or None when it holds anything else."""
    compact = normalize_nik(text).replace("/", "x")
    return compact if compact.isascii() and compact.isdigit() else None


def _dialled(text: str) -> bool:
    digits = "".join(ch for ch in text if ch.isdigit())
    return text.startswith("+") or digits.startswith(("0", "62"))


def _is_reference_prefix(text: str) -> bool:
    return text.upper() in {kind.prefix for kind in all_kinds()}


def _is_number_part(text: str) -> bool:
    # A name never starts or ends with a dash; the start of a ticket ("LAP-") does.
    return " " not in text and (text.startswith("-") or text.endswith("-"))


def guess(text: str) -> SearchTerm | None:
    """What `text` most likely is (see the module's docstring); None for nothing typed."""
    text = " ".join((text or "").split())
    if not text:
        return None
    if "@" in text:
        return SearchTerm(text, EMAIL, normalize_email(text))
    digits = _digits(text)
    if digits is not None and len(digits) == NIK_LENGTH:
        return SearchTerm(text, NIK, digits)
    if digits is not None and len(digits) == NIP_LENGTH:
        return SearchTerm(text, NIP, digits)
    phone = normalize_phone(text)
    if phone and _dialled(text):
        return SearchTerm(text, PHONE, phone)
    if "/" in text or any(ch.isdigit() for ch in text) or _is_reference_prefix(text) or _is_number_part(text):
        return SearchTerm(text, NUMBER)
    return SearchTerm(text, NAME, text)


#: How a search is read against a long list. The newest SAMPLE cases of the list are
#: checked first, row by row: when at least BROAD_SHARE of them match, the search is
#: broad ("LAP-" is in every eighth complaint, "GRT" in every declaration) and is read
#: row by row as the list is, meeting a page's 25 within a few hundred rows. Otherwise
#: at most PROBE_LIMIT + 1 of its keys are gathered through the lookups' own indexes;
#: if there are no more, the list is narrowed to those keys and counted exactly. Else
#: the search matches many cases but hardly any of the newest (last year's tickets): the
#: list is narrowed to every key the lookups find, sorted by the database. Gathering
#: every key of a search broad among the newest (70,000 for "LAP-" at a million cases)
#: took over a second; the sample costs a few milliseconds. Reading a search that only
#: old cases match row by row walks most of the list to fill a page: 1.8 s for 24,000
#: of last year's tickets, against 0.3 s to gather and sort their keys.
SAMPLE = 2_000
BROAD_SHARE = 0.02
PROBE_LIMIT = 1_000


def narrow(cases: QuerySet, found: list[QuerySet], per_row: Q) -> QuerySet:
    """`cases` less those the search does not find.

    `found` holds one values("pk") queryset per lookup, of the case table or of a kind's
    table (whose key is the case's), so each keeps its own index (the trigram indexes
    of the numbers, the digests' own) instead of one OR across tables reading both in
    full; `per_row` says the same as a condition on a case row (with the kind's table
    joined by its relation). Two queries at most, whatever the list's length. (An EXISTS
    would not do for the broad search: the database turns it back into one hash of
    every key found.)
    """
    if not found:
        return cases.none()
    keys = _keys_unless_broad(cases, found, per_row)
    if keys is None:
        return cases.filter(per_row)
    if len(keys) <= PROBE_LIMIT:
        return cases.filter(pk__in=sorted(set(keys)))
    # Many, but hardly any among the newest (see SAMPLE).
    return cases.filter(pk__in=_union(found))


def _union(found: list[QuerySet]) -> QuerySet:
    first, *rest = (part.order_by() for part in found)
    return (first.union(*rest, all=True) if rest else first).order_by().values("pk")


def _keys_unless_broad(cases: QuerySet, found: list[QuerySet], per_row: Q) -> list[int] | None:
    """None when at least BROAD_SHARE of the newest SAMPLE cases match; else at most
    PROBE_LIMIT + 1 keys the lookups find. One statement: the database gathers the keys
    only when the sample did not find the search broad (a CASE runs the branch it takes)."""
    newest = cases.order_by(*LIST_ORDERINGS[DEFAULT_LIST_ORDER]).values("pk")[:SAMPLE]
    sample = cases.model.objects.filter(pk__in=newest).filter(per_row).values("pk")
    keys = _union(found)[: PROBE_LIMIT + 1]
    try:
        sample_sql, sample_params = sample.query.sql_with_params()
        keys_sql, keys_params = keys.query.sql_with_params()
    except EmptyResultSet:  # a list or a lookup that can hold nothing
        return []
    joined = "string_agg(CAST(k.pk AS text), ',')" if connection.vendor == "postgresql" else "group_concat(k.pk, ',')"
    # The ORM's own statements, their values passed as parameters.
    sql = (
        f"SELECT CASE WHEN (SELECT COUNT(*) FROM ({sample_sql}) s) >= %s THEN NULL "  # noqa: S608
        f"ELSE COALESCE((SELECT {joined} FROM ({keys_sql}) k), '') END"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*sample_params, max(1, round(BROAD_SHARE * SAMPLE)), *keys_params])
        (found_keys,) = cursor.fetchone()
    if found_keys is None:
        return None
    return [int(key) for key in found_keys.split(",") if key]


def through(relation: str, condition: Q) -> Q:
    """`condition` on a kind's row, said of the case row through `relation` (the kind's
    table: "pengaduan__nik_digest" for "nik_digest")."""
    rewritten = Q(_connector=condition.connector, _negated=condition.negated)
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.children.append(through(relation, child))
        else:
            lookup, value = child
            rewritten.children.append((f"{relation}__{lookup}", value))
    return rewritten
