"""Reference numbers: PREFIX/YEAR/NNNNNN, one sequence per kind per year."""

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from .models import ReferenceSequence

# One round trip for the common case (PostgreSQL, and SQLite from 3.35): the row is
# updated, locked and read at once.
_TAKE = "UPDATE {table} SET last_number = last_number + 1 WHERE kind = %s AND year = %s RETURNING last_number"


def next_number(kind: str, year: int) -> int:
    """Take the next number of the kind's sequence for the year.

    The sequence row is locked for the rest of the caller's transaction, so concurrent
    callers wait for each other and never get the same number. Call inside the
    transaction that creates the case, so a rolled-back case also returns its number.
    """
    if not connection.in_atomic_block:
        raise RuntimeError("next_number() must run inside the transaction that creates the case")
    with connection.cursor() as cursor:
        cursor.execute(_TAKE.format(table=connection.ops.quote_name(ReferenceSequence._meta.db_table)), [kind, year])
        row = cursor.fetchone()
    if row is not None:
        return row[0]
    # The first case of the kind this year.
    try:
        with transaction.atomic():
            ReferenceSequence.objects.create(kind=kind, year=year, last_number=1)
            return 1
    except IntegrityError:
        # Another transaction created the row first; count on from its value.
        ReferenceSequence.objects.filter(kind=kind, year=year).update(last_number=F("last_number") + 1)
    return ReferenceSequence.objects.get(kind=kind, year=year).last_number


def format_reference(prefix: str, year: int, number: int) -> str:
    return f"{prefix}/{year}/{number:06d}"
