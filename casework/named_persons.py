"""The people a case names (casework.models.NamedPerson): matching them to staff accounts,
and what a match decides — the matched account sees nothing of the case, and one whose
role could reach it is recused from it as well.

Every kind that names people uses this: a WBS report its reported persons (terlapor), a
complaint the staff it is about. A match is stored as the encrypted account id plus a
keyed digest of it; `named_q(user)` is true of every case naming `user`, computed with one
HMAC, and casework.access applies it to every list, count, inbox, page and reminder, as it
applies recusal. A recusal row (in clear) is added only for a matched account holding a
role that could otherwise see the case (CasePolicy.recused_when_named): it keeps them off
assignment lists and deadline mail. For anyone else the digest alone suffices, and nothing
in clear links them to the case.

The functions here run inside the caller's transaction, with the case row locked; the
services that call them (casework.services.named_person_add / named_person_match, and the
kinds' filing services) record the change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from . import parties
from .models import NamedPerson, NamedPersonMatch
from .parties import account_digest

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class PersonInput:
    """A named person as the reporter (or a handler) describes them; `user` when they were
    picked from the staff directory."""

    nama: str = ""
    jabatan: str = ""
    unit_kerja: str = ""
    user: object | None = None


def named_q(user):
    """A filter on Case: the case names `user` (matched to their account)."""
    return Exists(NamedPerson.objects.filter(case_id=OuterRef("pk"), akun_digest=account_digest(user.pk)))


def is_named(user, case) -> bool:
    return NamedPerson.objects.filter(case_id=case.pk, akun_digest=account_digest(user.pk)).exists()


def persons_of(case, *, from_reporter: bool | None = None):
    """The persons the case names, in the order given; with `from_reporter`, only those
    the reporter named (True) or a handler added (False)."""
    persons = NamedPerson.objects.filter(case_id=case.pk).order_by("created_at", "id")
    return persons if from_reporter is None else persons.filter(from_reporter=from_reporter)


def match_by_name(nama: str):
    """The one active staff account whose full name is `nama` (ignoring case and extra
    spaces), or None when there is none or more than one: a guess is never a match."""
    name = _SPACES.sub(" ", (nama or "").strip())
    if len(name) < 3:
        return None
    found = list(get_user_model().objects.filter(is_active=True, full_name__iexact=name)[:2])
    return found[0] if len(found) == 1 else None


def matched_users(case) -> list:
    """The staff accounts the case names now (decrypting each match)."""
    return accounts_of(NamedPerson.objects.filter(case_id=case.pk).exclude(akun_digest=""))


def accounts_of(persons: Iterable[NamedPerson]) -> list:
    """The staff accounts `persons` are matched to (decrypting each match); no query when
    none is matched."""
    ids = {p.matched_user_id for p in persons if p.akun_digest}
    return list(get_user_model().objects.filter(pk__in=ids)) if ids else []


def earlier_matches(case) -> dict[int, list[NamedPersonMatch]]:
    """Each named person's earlier matches (all but the current one), oldest first: the
    history the handler's page shows. Each has its account as `user`, and as
    `replacement` the match that replaced it (who changed it, when, and why)."""
    rows = list(NamedPersonMatch.objects.filter(person__case_id=case.pk).select_related("matched_by"))
    users = get_user_model().objects.in_bulk({row.matched_user_id for row in rows})
    by_person: dict[int, list[NamedPersonMatch]] = {}
    for row in rows:
        row.user = users.get(row.matched_user_id)
        by_person.setdefault(row.person_id, []).append(row)
    history = {}
    for person, matches in by_person.items():
        for earlier, later in zip(matches, matches[1:], strict=False):
            earlier.replacement = later
        if len(matches) > 1:
            history[person] = matches[:-1]
    return history


def _set_match(person: NamedPerson, user) -> None:
    person.akun = str(user.pk)
    person.akun_digest = account_digest(user.pk)


def build(
    people: Sequence[PersonInput], *, existing: int, limit: int, from_reporter: bool, field: str, label: str
) -> tuple[list[NamedPerson], list]:
    """Unsaved, validated rows for `people` (matched where a user was picked or the name is
    unambiguous) and the matched accounts. Raises ValidationError keyed `field`, each
    message starting with `label` % {"n": the person's number}, e.g. "Terlapor ke-2"."""
    if existing + len(people) > limit:
        raise ValidationError({field: _("Paling banyak %(max)d orang dalam satu kasus.") % {"max": limit}})
    rows, users = [], []
    for number, person in enumerate(people, start=existing + 1):
        row = NamedPerson(
            nama=person.nama.strip(),
            jabatan=person.jabatan.strip(),
            unit_kerja=person.unit_kerja.strip(),
            from_reporter=from_reporter,
        )
        try:
            row.full_clean(exclude=["case"])
        except ValidationError as exc:
            prefix = label % {"n": number}
            raise ValidationError({field: [f"{prefix}: {message}" for message in exc.messages]}) from None
        user = person.user or match_by_name(person.nama)
        if user is not None:
            _set_match(row, user)
            users.append(user)
        rows.append(row)
    return rows, users


def save(case, rows: list[NamedPerson], *, matched_by=None) -> None:
    """Store new rows on `case` with the history of their matches, and their names among
    what the case is about (casework.parties; their accounts are the rows' digests)."""
    for row in rows:
        row.case = case
    NamedPerson.objects.bulk_create(rows)
    parties.record([(case.pk, parties.Parties(names=tuple(row.nama for row in rows)).digests())])
    NamedPersonMatch.objects.bulk_create(
        NamedPersonMatch(person=row, akun=row.akun, matched_by=matched_by, matched_at=row.created_at)
        for row in rows
        if row.akun
    )


def rematch(person: NamedPerson, user, *, matched_by, reason: str = "") -> bool:
    """Match the (locked) row to `user`, keeping the earlier match in the history. Returns
    whether an earlier match was replaced; the caller checks the reason it needs."""
    replaced = bool(person.akun)
    _set_match(person, user)
    person.save(update_fields=["akun", "akun_digest"])
    NamedPersonMatch.objects.create(person=person, akun=person.akun, matched_by=matched_by, reason=reason)
    return replaced


def needing_recusal(users: Iterable, case) -> list:
    """Those of the matched `users` who hold a role that could reach the case."""
    policy = case.kind_spec.policy
    return [user for user in users if policy.recused_when_named(user, case)]
