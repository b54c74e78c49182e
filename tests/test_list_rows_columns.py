"""Each kind's staff list reads a page's rows with every column its orders sort by and
every case column its shared cells show (casework.lists.CASE_ROW_COLUMNS): the keyset
cursors of the first and last rows (casework.keyset) are made of those values, and one
left out of a kind's `only(...)` is fetched row by row, one query each, on every page
(as the day received was, when it began to lead the orders, and the end of a waiting
period, when it became a column)."""

from __future__ import annotations

import pytest

from bench.generate_cases import generate
from benturan.selectors_list import case_list_rows
from casework.lists import CASE_ROW_COLUMNS, LIST_ORDER_KEYS
from casework.models import Case
from gratifikasi.selectors_list import declaration_list_rows
from pengaduan.selectors import pengaduan_list_rows
from wbs.selectors import laporan_list_rows

LOADERS = {
    "pengaduan": pengaduan_list_rows,
    "wbs": laporan_list_rows,
    "gratifikasi": declaration_list_rows,
    "benturan": case_list_rows,
}
SORTED_BY = {key.field for keys in LIST_ORDER_KEYS.values() for key in keys} - {"pk"}
READ_BY_EVERY_ROW = SORTED_BY | set(CASE_ROW_COLUMNS)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(LOADERS))
@pytest.mark.parametrize("order", sorted(LIST_ORDER_KEYS))
def test_a_page_of_rows_carries_every_column_its_order_sorts_by(kind, order):
    generate(40, seed=9, years=0.2)
    keys = list(Case.objects.filter(kind=kind).values_list("pk", flat=True)[:5])
    assert keys, kind
    for row in LOADERS[kind](keys, order=order):
        assert not READ_BY_EVERY_ROW & row.get_deferred_fields(), (kind, order)
