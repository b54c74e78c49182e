"""The list's filter form is rendered once per process for each value (casework.forms_list.
rendered_field): the same HTML as rendering it afresh, each chosen value selected, each
language its own, and the search box, which may hold a person's NIK, never kept."""

import pytest
from django.test import override_settings

from casework import forms_list
from pengaduan.choices import Channel

from .test_staff_list import LIST

pytestmark = pytest.mark.django_db


def filters_html(response) -> str:
    body = response.content.decode()
    start = body.index('<form method="get" class="filters"')
    return body[start : body.index("</form>", start)]


def test_kept_fields_render_as_a_fresh_rendering_does(staff, monkeypatch):
    forms_list._RENDERED.clear()
    params = {"saluran": Channel.EMAIL, "urut": "batas"}
    first = filters_html(staff.get(LIST, params))
    assert forms_list._RENDERED  # kept
    assert filters_html(staff.get(LIST, params)) == first
    monkeypatch.setattr(forms_list, "_RENDERED_MAX", 0)
    forms_list._RENDERED.clear()
    assert filters_html(staff.get(LIST, params)) == first
    assert '<option value="email" selected>' in first
    other = filters_html(staff.get(LIST, {"saluran": Channel.TELEPON}))
    assert '<option value="telepon" selected>' in other and '<option value="email" selected>' not in other


def test_each_language_is_kept_apart(staff):
    forms_list._RENDERED.clear()
    assert "Saluran" in filters_html(staff.get(LIST))
    with override_settings(LANGUAGE_CODE="en"):
        staff.cookies["django_language"] = "en"
        english = filters_html(staff.get(LIST))
    assert "Channel" in english and "Saluran" not in english


def test_what_is_typed_in_the_search_box_is_never_kept(staff):
    forms_list._RENDERED.clear()
    staff.get(LIST, {"cari": "3201 2345 0678 0001", "saluran": Channel.EMAIL})
    assert not any("3201" in html or "cari" in key for key, html in forms_list._RENDERED.items())


def test_the_empty_search_box_is_kept_and_shows_nothing_typed_before(staff):
    forms_list._RENDERED.clear()
    empty = filters_html(staff.get(LIST))
    assert any("cari" in key for key in forms_list._RENDERED)  # nothing typed: nothing to hide
    staff.get(LIST, {"cari": "3201 2345 0678 0001"})
    again = filters_html(staff.get(LIST))
    assert again == empty and "3201" not in again
