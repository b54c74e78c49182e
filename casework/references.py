"""Reference numbers: PREFIX/YEAR/NNNNNN, one sequence per kind per year."""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import ReferenceSequence


def next_number(kind: str, year: int) -> int:
    """Take the next number of the kind's sequence for the year.

    The sequence row is locked for the rest of the caller's transaction, so concurrent
    callers wait for each other and never get the same number. Call inside the
    transaction that creates the case, so a rolled-back case also returns its number.
    """
    with transaction.atomic():
        updated = ReferenceSequence.objects.filter(kind=kind, year=year).update(last_number=F("last_number") + 1)
        if not updated:
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
