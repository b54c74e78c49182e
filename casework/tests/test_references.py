"""Reference numbers: one gap-free sequence per kind and year, taken in one statement.
(Concurrent takers are in tests/test_concurrency_postgres.py.)"""

import pytest
from django.db import transaction

from casework import references
from casework.models import ReferenceSequence

pytestmark = pytest.mark.django_db


def test_the_first_number_of_a_year_creates_its_sequence_then_counts_on():
    with transaction.atomic():
        assert [references.next_number("uji", 2031) for _ in range(3)] == [1, 2, 3]
        assert references.next_number("uji", 2032) == 1
    assert ReferenceSequence.objects.get(kind="uji", year=2031).last_number == 3


def test_a_rolled_back_case_gives_its_number_back():
    with transaction.atomic():
        references.next_number("uji", 2031)
    with pytest.raises(RuntimeError), transaction.atomic():
        references.next_number("uji", 2031)
        raise RuntimeError("the case failed validation")
    with transaction.atomic():
        assert references.next_number("uji", 2031) == 2


@pytest.mark.django_db(transaction=True)
def test_taking_a_number_outside_the_cases_transaction_is_a_programming_error():
    # Its row lock would end at once and a failed case would keep the number.
    with pytest.raises(RuntimeError, match="inside the transaction"):
        references.next_number("uji", 2031)


def test_format():
    assert references.format_reference("PGD", 2026, 123) == "PGD/2026/000123"
