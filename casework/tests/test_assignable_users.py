"""The assignment form's candidates are weighed by the kind's rule of who sees the case,
which asks each candidate's roles: they are read with the candidates, not one query each."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from casework.selectors import assignable_users
from casework.services import case_recuse


def _queries(case) -> tuple[list, int]:
    with CaptureQueriesContext(connection) as captured:
        found = list(assignable_users(case))
    return found, len(captured)


def test_the_candidates_cost_the_same_queries_however_many_they_are(open_uji, make_user, handler):
    case, _ = open_uji()
    few, before = _queries(case)
    colleagues = [make_user(roles.PENGELOLA_PENGADUAN) for _ in range(4)]
    many, after = _queries(case)
    assert few == [handler]
    assert set(many) == {handler, *colleagues}
    assert after == before


def test_a_recused_handler_and_one_of_another_role_are_not_candidates(open_uji, make_user, handler):
    case, _ = open_uji()
    recused = make_user(roles.PENGELOLA_PENGADUAN)
    case_recuse(case=case, user=recused, reason="konflik")
    make_user(roles.UNIT_TINDAK_LANJUT)
    assert list(assignable_users(case)) == [handler]
