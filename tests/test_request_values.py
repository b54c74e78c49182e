"""Every id and year a request brings is checked at one place (security.request_values)
and a wrong one is a 404, a 400 or a message beside its field, never a server error.

The values are what a fuzzer sends: ids past a signed 64-bit integer (SQLite raises
OverflowError on them), negative, zero or not a number; years datetime cannot hold (0,
99999, 10^20) or that SIGAP has no records for. The places: ids in a path (every URL
pattern), ids chosen in a form (every ModelChoiceField of every form), years in a form,
and the admin's list filters and date hierarchy (for every registered model). Each
kind's own pages are tested with its fixtures too (pengaduan/tests/test_staff_case_actions.py
for the duplicate's original).
"""

import importlib
import inspect
import pkgutil
from urllib.parse import urlsplit

import pytest
from django import forms
from django.contrib import admin
from django.contrib.messages import get_messages
from django.test import Client, RequestFactory
from django.urls import Resolver404, resolve, reverse
from django.urls.converters import IntConverter

from accounts import roles
from accounts.testing import verified_login
from security import request_values
from security.request_values import (
    IdChoiceField,
    IdMultipleChoiceField,
    YearField,
    bad_date_parts,
    parse_id,
    parse_year,
)
from tests.urlwalk import sample_path, walk

IMPOSSIBLE_IDS = [str(2**63), str(10**20), "-1", "0", "abc", "1e5", "١٢", " 7 7"]
IMPOSSIBLE_YEARS = ["0", "99999", str(10**20), "1999", "2101", "-2026", "20x6"]
PROJECT_APPS = ("security", "accounts", "casework", "pengaduan", "wbs", "gratifikasi", "benturan", "reports")


# --- The parsers ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", IMPOSSIBLE_IDS + ["", None])
def test_no_row_can_have_an_impossible_id(value):
    assert parse_id(value) is None


def test_the_possible_ids_are_read():
    assert parse_id("1") == 1 and parse_id(" 42 ") == 42 and parse_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("value", IMPOSSIBLE_YEARS + ["", None])
def test_an_impossible_year_is_refused(value):
    assert parse_year(value) is None


def test_the_years_sigap_answers_for_are_read():
    assert (parse_year("2000"), parse_year("2026"), parse_year("2100")) == (2000, 2026, 2100)


def test_the_parts_of_a_date_in_an_address_are_bounded():
    from django.http import QueryDict

    assert bad_date_parts(QueryDict("date__year=2026&date__month=2&date__day=29&tahun=x&q=1")) == []
    query = QueryDict(f"date__year={10**20}&date__month=13&attempt_time__day=0&year=5")
    assert sorted(bad_date_parts(query)) == ["attempt_time__day", "date__month", "date__year"]


# --- Ids in a path --------------------------------------------------------------------------


def _id_patterns():
    return [
        (regex, name)
        for regex, name, pattern in walk()
        if any(isinstance(c, request_values.IdConverter) for c in getattr(pattern.pattern, "converters", {}).values())
    ]


def test_every_id_in_a_path_goes_through_the_id_converter():
    # The admin's own pages (Django's, django-otp's) look rows up by an exact id, which
    # Django already answers with "not found" past 2^63; SIGAP's pages all use `id`.
    int_routes = [
        name
        for _regex, name, pattern in walk()
        if not (name or "").startswith("admin:")
        and any(isinstance(c, IntConverter) for c in getattr(pattern.pattern, "converters", {}).values())
    ]
    assert int_routes == []
    assert len(_id_patterns()) >= 40  # the case, file and declaration pages of every kind


@pytest.mark.parametrize("value", [str(2**63), str(10**20), "0"])
def test_an_impossible_id_in_a_path_is_not_found(value):
    for regex, name in _id_patterns():
        path = sample_path(regex)
        assert resolve(path).url_name == name.rpartition(":")[2]
        with pytest.raises(Resolver404):
            resolve(path.replace("/1/", f"/{value}/"))


@pytest.mark.django_db
def test_an_impossible_id_in_a_path_answers_not_found_to_every_role(make_user):
    user = make_user(*roles.ROLE_NAMES, is_staff=True, is_superuser=True)
    client = Client(raise_request_exception=True)
    verified_login(client, user)
    for regex, _name in _id_patterns():
        path = sample_path(regex).replace("/1/", f"/{2**63}/")
        assert client.get(path).status_code == 404, path
        assert client.post(path).status_code == 404, path


# --- Ids and years chosen in a form ---------------------------------------------------------


def _project_form_classes():
    """Every form class defined in the project's apps (their forms modules), and every
    form the admin builds for a registered model."""
    found = set()
    for app in PROJECT_APPS:
        package = importlib.import_module(app)
        for module_info in pkgutil.iter_modules(package.__path__):
            if module_info.name.startswith("forms") or module_info.name == "views_wbs_consent":
                module = importlib.import_module(f"{app}.{module_info.name}")
                for _name, value in inspect.getmembers(module, inspect.isclass):
                    if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                        found.add(value)
    return found


def _admin_form_classes(superuser):
    request = RequestFactory().get("/admin/")
    request.user = superuser
    built = []
    for model_admin in admin.site._registry.values():
        built.append(model_admin.get_form(request))
        if model_admin.list_editable:
            built.append(model_admin.get_changelist_formset(request).form)
    return built


@pytest.mark.django_db
def test_every_row_chosen_in_a_form_is_chosen_by_a_checked_id(make_user):
    admin_forms = _admin_form_classes(make_user(is_staff=True, is_superuser=True))
    forms_found = [*_project_form_classes(), *admin_forms]
    assert len(forms_found) >= 40
    assert any(isinstance(f, IdMultipleChoiceField) for form in admin_forms for f in form.base_fields.values())
    unchecked = [
        f"{form.__module__}.{form.__name__}.{name}"
        for form in forms_found
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelChoiceField) and not isinstance(field, (IdChoiceField, IdMultipleChoiceField))
    ]
    assert unchecked == []


def test_every_year_in_a_form_is_a_checked_year():
    years = [
        (form, name, field)
        for form in _project_form_classes()
        for name, field in form.base_fields.items()
        if name in ("tahun", "year")
    ]
    assert years and all(isinstance(field, YearField) for _form, _name, field in years)


@pytest.mark.django_db
@pytest.mark.parametrize("value", IMPOSSIBLE_IDS)
def test_a_choice_by_an_impossible_id_is_the_fields_own_error(value):
    from accounts.models import UnitKerja

    UnitKerja.objects.create(code="dinas", name="Dinas", level=UnitKerja.Level.DINAS)
    field = IdChoiceField(queryset=UnitKerja.objects.all(), error_messages={"invalid_choice": "Pilih dari daftar."})
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(value)
    assert refused.value.messages == ["Pilih dari daftar."]


@pytest.mark.django_db
@pytest.mark.parametrize("value", IMPOSSIBLE_IDS)
def test_a_list_of_rows_with_one_impossible_id_is_refused(value):
    from django.contrib.auth.models import Group

    group = Group.objects.create(name="Pegawai uji")
    field = IdMultipleChoiceField(queryset=Group.objects.all())
    assert list(field.clean([str(group.pk)])) == [group]
    with pytest.raises(forms.ValidationError) as refused:
        field.clean([str(group.pk), value])
    assert refused.value.code == "invalid_pk_value"


@pytest.mark.parametrize("value", [str(2**63), str(10**20)])
def test_the_user_admin_refuses_an_impossible_role_beside_its_field(admin_client, make_user, value):
    user = make_user()
    path = reverse("admin:accounts_user_change", args=[user.pk])
    form = admin_client.get(path).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "groups"}
    data.update({"groups": [value], "user_permissions": [], "unit": "", "last_login_0": "", "last_login_1": ""})
    response = admin_client.post(path, data)
    assert response.status_code == 200
    assert "groups" in response.context["adminform"].form.errors


@pytest.mark.django_db
@pytest.mark.parametrize("value", IMPOSSIBLE_YEARS)
def test_an_impossible_year_in_the_gift_recap_is_said_beside_its_field(make_user, value):
    client = Client(raise_request_exception=True)
    verified_login(client, make_user(roles.PETUGAS_UPG))
    response = client.get(reverse("gratifikasi_staff:summary"), {"periode": "bulan", "tahun": value, "bulan": "5"})
    assert response.status_code == 400
    assert response.context["form"].errors["tahun"]


# --- The admin ------------------------------------------------------------------------------


@pytest.fixture
def admin_client(make_user):
    client = Client(raise_request_exception=True)
    verified_login(client, make_user(is_staff=True, is_superuser=True))
    return client


def _dropped_with_a_message(response, path):
    assert response.status_code == 302, response.status_code
    assert urlsplit(response["Location"]).path == path and urlsplit(response["Location"]).query == "e=1"
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("value", IMPOSSIBLE_YEARS)
def test_the_holiday_list_refuses_an_impossible_year_filter_with_a_message(admin_client, value):
    path = reverse("admin:casework_holiday_changelist")
    response = admin_client.get(path, {"tahun": value})
    assert _dropped_with_a_message(response, path) == ["Tahun harus antara 2000 dan 2100."]
    assert admin_client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("part", ["year", "month", "day"])
@pytest.mark.parametrize("value", ["0", "99999", str(10**20), str(2**63), "-1", "x"])
def test_every_date_hierarchy_refuses_an_impossible_date(admin_client, part, value):
    for model, model_admin in admin.site._registry.items():
        if not model_admin.date_hierarchy:
            continue
        path = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        query = {f"{model_admin.date_hierarchy}__year": "2026", f"{model_admin.date_hierarchy}__{part}": value}
        messages = _dropped_with_a_message(admin_client.get(path, query), path)
        assert any("Filter tanggal pada alamat ini tidak dapat dipakai" in text for text in messages)


def test_a_good_date_hierarchy_still_filters(admin_client):
    path = reverse("admin:casework_holiday_changelist")
    response = admin_client.get(path, {"date__year": "2026", "date__month": "3"})
    assert response.status_code == 200
    assert {holiday.date.month for holiday in response.context["cl"].result_list} == {3}


@pytest.mark.parametrize("value", [str(2**63), str(10**20), "-1"])
def test_an_editable_list_refuses_a_posted_row_that_cannot_exist(admin_client, value):
    from pengaduan.models import KategoriLayanan

    kategori = KategoriLayanan.objects.order_by("pk").first()
    path = reverse("admin:pengaduan_kategorilayanan_changelist")
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": value,
        "form-0-order": str(kategori.order),
        "form-0-is_active": "on",
        "_save": "Simpan",
    }
    response = admin_client.post(path, data)
    assert response.status_code == 400
    assert KategoriLayanan.objects.get(pk=kategori.pk).order == kategori.order
