"""What get_case_for_user remembers on the case it returns: that it was fetched as visible
to that one user. Their page then asks can_view and is_recused without a query each; no
one else, and nothing after a change, is answered from it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from casework import access
from casework.services import case_recuse


@pytest.fixture
def case(open_uji):
    return open_uji()[0]


def test_the_reader_it_was_fetched_for_is_answered_without_a_query(case, handler):
    fetched = access.get_case_for_user(handler, case.pk)
    with CaptureQueriesContext(connection) as captured:
        assert access.can_view(handler, fetched)
        assert not access.is_recused(handler, fetched)
    assert len(captured) == 0


def test_a_case_fetched_for_one_user_is_not_visible_to_another(case, handler, make_user):
    fetched = access.get_case_for_user(handler, case.pk)
    outsider = make_user(roles.UNIT_TINDAK_LANJUT)
    assert not access.can_view(outsider, fetched)
    assert not access.can_act(outsider, fetched, "verifikasi")


def test_a_colleague_recused_from_the_case_stays_recused_on_anothers_fetch(case, handler, make_user):
    colleague = make_user(roles.PENGELOLA_PENGADUAN)
    case_recuse(case=case, user=colleague, reason="konflik")
    fetched = access.get_case_for_user(handler, case.pk)
    assert access.is_recused(colleague, fetched)
    assert not access.can_view(colleague, fetched)


def test_a_user_who_is_no_longer_active_is_not_answered_from_the_fetch(case, handler):
    fetched = access.get_case_for_user(handler, case.pk)
    handler.is_active = False
    assert not access.can_view(handler, fetched)


def test_after_a_change_the_database_is_asked_again(case, handler):
    fetched = access.get_case_for_user(handler, case.pk)
    case_recuse(case=case, user=handler, reason="konflik")
    access.forget_visibility(fetched)
    assert not access.can_view(handler, fetched)
    assert access.is_recused(handler, fetched)


def test_a_copy_read_otherwise_remembers_nothing(case, handler):
    """A case read without get_case_for_user (a service's locked row) is always checked
    in the database."""
    access.get_case_for_user(handler, case.pk)
    fresh = type(case).objects.get(pk=case.pk)
    with CaptureQueriesContext(connection) as captured:
        assert access.can_view(handler, fresh)
    assert len(captured) == 1
