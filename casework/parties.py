"""Who and what a case is about, as keyed digests: how a standing recusal (casework.controls)
recognises "a case about supplier X" or "a case about this colleague" among the cases that
exist and each case as it opens, without any name being stored in clear.

A case is about:
- the persons it names (casework.NamedPerson): their accounts where matched (already kept
  as `akun_digest`) and their names;
- what its kind says it is about (CaseKind.parties): a complaint its complainant, a gift
  declaration its declarant and giver, a conflict case its official. A WBS report says
  nothing beyond its reported persons: its reporter is never a party here.

A name is compared exactly after normalisation (Unicode NFKC, case-folded, punctuation
dropped, single spaces: "PT. Sinar, Cetak" is "pt sinar cetak"); a shorter name than
MIN_NAME_LENGTH is not compared at all. There is no fuzzy matching: a guess is never a
match, as with accounts (casework.named_persons.match_by_name). An account is its keyed
digest under the same purpose as a named person's match, so both compare as one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.module_loading import import_string

from security import crypto

from .models import PartyDigest

# The name this purpose had when only WBS reports named people. The digests stored so far
# (NamedPerson.akun_digest) are keyed with it; changing it would silently unmatch them all.
_ACCOUNT_PURPOSE = "wbs-terlapor-account"
_NAME_PURPOSE = "case-party-name"
_NOT_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
#: Shorter names ("CV", "Bu") would match too much to mean anything.
MIN_NAME_LENGTH = 3


@dataclass(frozen=True)
class Parties:
    """Accounts (ids) and names a case is about."""

    accounts: tuple[int, ...] = ()
    names: tuple[str, ...] = ()

    def digests(self) -> set[str]:
        found = {account_digest(pk) for pk in self.accounts if pk}
        found.update(digest for digest in (name_digest(name) for name in self.names) if digest)
        return found


def account_digest(user_id: int) -> str:
    """The keyed digest of a staff account: how a named person's match, and every account
    a case is about, is stored and compared."""
    return crypto.keyed_digest(str(user_id), purpose=_ACCOUNT_PURPOSE)


def normalize_name(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return _SPACES.sub(" ", _NOT_WORD.sub(" ", text).replace("_", " ")).strip()


def name_digest(text: str) -> str:
    """The keyed digest of a normalised name, or "" for a name too short to compare."""
    name = normalize_name(text)
    if len(name) < MIN_NAME_LENGTH:
        return ""
    return crypto.keyed_digest(name, purpose=_NAME_PURPOSE)


def of_kind(case) -> Parties:
    """What the case's kind says it is about (CaseKind.parties), read from the instance
    without a query (it may not be saved yet)."""
    path = case.kind_spec.parties
    return import_string(path)(case) if path else Parties()


def record(case_ids_and_digests: Iterable[tuple[int, Iterable[str]]]) -> None:
    """Store the digests each case is about (one statement, nothing when there are none)."""
    rows = [
        PartyDigest(case_id=case_id, digest=digest) for case_id, digests in case_ids_and_digests for digest in digests
    ]
    if rows:
        PartyDigest.objects.bulk_create(rows, ignore_conflicts=True)


def forget(case, about: Parties) -> None:
    """Drop what `case` was about (a complaint emptied of its complainant when it moves to
    the WBS keeps no trace of their name, not even a digest)."""
    digests = about.digests()
    if digests:
        PartyDigest.objects.filter(case_id=case.pk, digest__in=digests).delete()
