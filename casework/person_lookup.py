"""Finding a person among cases whose identity is encrypted: exact look-up by keyed
digests kept beside the ciphertext.

A case model that holds a person's identity encrypted lists, in `lookup_digests`, which
of its encrypted fields can be looked up and the column that keeps each one's digest
(LookupDigests). The digests follow the values: they are computed whenever the row is
saved, and when the engine opens a submission from the public form (casework.intake).
A staff list's search then compares one digest in an indexed column: nothing is
decrypted, and nothing identifying is stored in clear.

Each kind of value has one normal form (casework.validators, casework.parties) and a
digest purpose of its own, so the same digits as a NIK and as a telephone never match:

- NIK: the 16 digits, without the spaces, dots and dashes people type between groups;
- telephone: E.164, so "0812-3456-7890", "62 812 3456 7890" and "+62 812 3456 7890" are
  one number;
- e-mail: trimmed and case-folded;
- name: as standing recusals compare names (casework.parties.normalize_name): Unicode
  NFKC, case-folded, punctuation dropped, single spaces, at least three characters.
  Titles and honorifics are part of the name as written ("Dr. Siti Aminah, S.H." is
  "dr siti aminah s h"): which words are titles cannot be told reliably, and a guess
  would make two people one. A search finds a name written the same way, whole.

A digest is HMAC-SHA256 under SIGAP_LOOKUP_KEY (security.crypto.keyed_digest): a reader of
the database without the key can test no guess. A WBS report's reporter has no digest
anywhere: they have no searchable identity (wbs.THREAT_MODEL.md). When SIGAP_LOOKUP_KEY
changes, `manage.py recompute_lookup_digests` computes every digest listed here again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from django.db import models, transaction
from django.db.models import Q

from security import crypto

from .parties import name_digest
from .validators import NIK_LENGTH, normalize_email, normalize_nik, normalize_phone

NIK = "nik"
PHONE = "telepon"
EMAIL = "email"
NAME = "nama"


def nik_digest(value: str) -> str:
    """The keyed digest of a NIK, or "" for anything that is not 16 digits."""
    nik = normalize_nik(value)
    if len(nik) != NIK_LENGTH or not nik.isdigit():
        return ""
    return crypto.keyed_digest(nik, purpose="person-nik")


def phone_digest(value: str) -> str:
    """The keyed digest of a telephone number in E.164 form, or "" for no number."""
    phone = normalize_phone(value)
    return crypto.keyed_digest(phone, purpose="person-phone") if phone else ""


def email_digest(value: str) -> str:
    """The keyed digest of a case-folded e-mail address, or "" for none."""
    email = normalize_email(value)
    return crypto.keyed_digest(email, purpose="person-email") if "@" in email else ""


#: How a value of each kind becomes its digest ("" when there is nothing to find).
DIGESTS: dict[str, Callable[[str], str]] = {
    NIK: nik_digest,
    PHONE: phone_digest,
    EMAIL: email_digest,
    NAME: name_digest,
}


@dataclass(frozen=True)
class Lookup:
    """One encrypted field that can be looked up: its name, what kind of value it holds
    (which searches it answers), and how its digest is made (the kind's, unless the
    field has its own, as a gift's giver has for the yearly cap)."""

    source: str
    kind: str
    digest: Callable[[str], str] | None = None

    def of(self, value: str) -> str:
        return (self.digest or DIGESTS[self.kind])(value or "")


def digest_column() -> models.CharField:
    """A digest column beside the ciphertext: empty when the value is. Its database default
    lets a bulk load that knows nothing of it (bench/) still insert rows."""
    return models.CharField(max_length=64, blank=True, default="", db_default="", editable=False)


class LookupDigests:
    """A case model mixin: keep `lookup_digests` ({digest column: Lookup}) in step with
    the encrypted fields they digest, whenever the row is saved. A save of some fields
    (update_fields) refreshes the digests of those fields; a field not loaded is left
    alone (its digest did not change either)."""

    lookup_digests: ClassVar[dict[str, Lookup]] = {}

    def refresh_lookup_digests(self, fields: Iterable[str] | None = None) -> list[str]:
        """Compute the digests of the loaded (or the named) fields; returns their columns."""
        deferred = self.get_deferred_fields()
        wanted = None if fields is None else set(fields)
        refreshed = []
        for column, lookup in self.lookup_digests.items():
            if lookup.source in deferred or (wanted is not None and lookup.source not in wanted):
                continue
            setattr(self, column, lookup.of(getattr(self, lookup.source)))
            refreshed.append(column)
        return refreshed

    def save(self, *args, update_fields=None, **kwargs):
        refreshed = self.refresh_lookup_digests(update_fields)
        if update_fields is not None:
            update_fields = [*update_fields, *(column for column in refreshed if column not in update_fields)]
        super().save(*args, update_fields=update_fields, **kwargs)

    @classmethod
    def lookup_kinds(cls) -> frozenset[str]:
        """The kinds of value (NIK, PHONE, EMAIL, NAME) the model can be searched by."""
        return frozenset(lookup.kind for lookup in cls.lookup_digests.values())

    @classmethod
    def lookup_q(cls, kind: str, value: str) -> Q | None:
        """Rows whose fields of `kind` hold `value`, exactly after normalisation; None when
        the model keeps no such field or `value` has no digest (never match "" to the rows
        that hold nothing)."""
        condition = None
        for column, lookup in cls.lookup_digests.items():
            if lookup.kind != kind:
                continue
            digest = lookup.of(value)
            if digest:
                condition = Q(**{column: digest}) if condition is None else condition | Q(**{column: digest})
        return condition


# A person's identity as a case holds it, in fields of these names.
IDENTITY_LOOKUPS = {
    "nama_digest": Lookup("nama", NAME),
    "nik_digest": Lookup("nik", NIK),
    "email_digest": Lookup("email", EMAIL),
    "telepon_digest": Lookup("telepon", PHONE),
}


class IdentityDigests(LookupDigests, models.Model):
    """For a case model whose encrypted nama, nik, email and telepon are a person's
    identity (a complainant, a declarant): staff find the person by any of them, exactly,
    while the values stay encrypted. A model with more adds to `lookup_digests`."""

    nama_digest = digest_column()
    nik_digest = digest_column()
    email_digest = digest_column()
    telepon_digest = digest_column()
    lookup_digests: ClassVar[dict[str, Lookup]] = IDENTITY_LOOKUPS

    class Meta:
        abstract = True


def lookup_models() -> list[type[models.Model]]:
    """Every installed model that keeps lookup digests."""
    from django.apps import apps

    return [model for model in apps.get_models() if issubclass(model, LookupDigests) and model.lookup_digests]


def recompute(model, lookups: dict[str, Lookup], *, batch_size: int = 500) -> int:
    """Compute the digests of `lookups` again for every row of `model`, in committed
    batches; returns how many rows changed. The model may be a migration's historical
    model: its encrypted fields decrypt with the application's field code all the same.
    """
    sources = sorted({lookup.source for lookup in lookups.values()})
    columns = list(lookups)
    manager = model._base_manager
    changed, last_pk = 0, None
    while True:
        with transaction.atomic():
            rows = manager.order_by("pk").only("pk", *sources, *columns)
            if last_pk is not None:
                rows = rows.filter(pk__gt=last_pk)
            batch = list(rows[:batch_size])
            if not batch:
                return changed
            stale = []
            for row in batch:
                fresh = {column: lookup.of(getattr(row, lookup.source)) for column, lookup in lookups.items()}
                if any(getattr(row, column) != value for column, value in fresh.items()):
                    for column, value in fresh.items():
                        setattr(row, column, value)
                    stale.append(row)
            if stale:
                manager.bulk_update(stale, columns)
        changed += len(stale)
        last_pk = batch[-1].pk
