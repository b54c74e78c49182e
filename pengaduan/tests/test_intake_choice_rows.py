"""The category and unit a public complaint chooses are checked against the lists this
process keeps (casework.choice_rows): no query per post, a change made here counts at
once, a row added elsewhere is found at once, a row retired elsewhere counts within
SIGAP_CHOICE_ROWS_SECONDS."""

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework import choice_rows
from casework.formstamp import sign_started
from pengaduan.choices import Jenis
from pengaduan.forms_intake import PengaduanForm
from pengaduan.models import KategoriLayanan


def _data(kategori, unit=None):
    return {
        "jenis": Jenis.PENGADUAN,
        "title": "Antrean KTP-el terlalu lama",
        "isi": "Saya menunggu enam jam di loket tiga.",
        "kategori": str(kategori.pk),
        "unit_tujuan": str(unit.pk) if unit else "",
        "anonim": "on",
        "rahasia": "on",
        "dimulai": sign_started(time.time() - 60),
    }


class Clock:
    """time.monotonic as choice_rows reads it, moved by hand."""

    def __init__(self, monkeypatch):
        self.now = 1000.0
        monkeypatch.setattr(choice_rows.time, "monotonic", lambda: self.now)


def test_a_post_checks_its_choices_without_a_query(kategori, units):
    PengaduanForm(_data(kategori, units["identitas"])).is_valid()  # the lists are read once
    form = PengaduanForm(_data(kategori, units["identitas"]))
    with CaptureQueriesContext(connection) as queries:
        assert form.is_valid(), form.errors
    assert len(queries) == 0
    assert form.cleaned_data["kategori"] == kategori
    assert form.cleaned_data["unit_tujuan"] == units["identitas"]


def test_the_chosen_row_is_a_copy_no_request_can_change_for_another(kategori):
    first = PengaduanForm(_data(kategori))
    second = PengaduanForm(_data(kategori))
    assert first.is_valid() and second.is_valid()
    first.cleaned_data["kategori"].name = "diubah"
    assert second.cleaned_data["kategori"].name == kategori.name


def test_a_category_retired_in_this_process_is_refused_at_once(kategori):
    assert PengaduanForm(_data(kategori)).is_valid()
    kategori.is_active = False
    kategori.save()
    form = PengaduanForm(_data(kategori))
    assert not form.is_valid()
    assert form.errors["kategori"] == ["Kategori yang dipilih tidak tersedia. Pilih salah satu dari daftar."]


def test_a_unit_retired_in_this_process_is_refused_at_once(kategori, units):
    assert PengaduanForm(_data(kategori, units["kelahiran"])).is_valid()
    units["kelahiran"].is_active = False
    units["kelahiran"].save()
    form = PengaduanForm(_data(kategori, units["kelahiran"]))
    assert not form.is_valid()
    assert "unit_tujuan" in form.errors


def test_a_category_added_in_this_process_is_offered_and_accepted_at_once(kategori):
    assert PengaduanForm(_data(kategori)).is_valid()
    baru = KategoriLayanan.objects.create(name="Layanan baru", slug="baru")
    assert PengaduanForm(_data(baru)).is_valid()


def test_a_category_added_by_another_process_is_accepted_at_once(kategori):
    assert PengaduanForm(_data(kategori)).is_valid()
    # Another process adds it: this one hears no signal, and its copy lacks the row.
    [baru] = KategoriLayanan.objects.bulk_create([KategoriLayanan(name="Layanan baru", slug="baru")])
    form = PengaduanForm(_data(baru))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["kategori"].pk == baru.pk


def test_a_choice_outside_the_list_costs_one_query_to_refuse(kategori):
    PengaduanForm(_data(kategori)).is_valid()
    retired = KategoriLayanan.objects.create(name="Layanan lama", slug="lama", is_active=False)
    PengaduanForm(_data(kategori)).is_valid()  # read the list again after the save
    form = PengaduanForm(_data(retired))
    with CaptureQueriesContext(connection) as queries:
        assert not form.is_valid()
    assert len(queries) == 1


def test_a_retirement_by_another_process_counts_once_the_copy_expires(kategori, monkeypatch, settings):
    settings.SIGAP_CHOICE_ROWS_SECONDS = 60
    clock = Clock(monkeypatch)
    assert PengaduanForm(_data(kategori)).is_valid()
    # Another process retires it: this one hears no signal.
    KategoriLayanan.objects.filter(pk=kategori.pk).update(is_active=False)
    clock.now += 59
    assert PengaduanForm(_data(kategori)).is_valid()
    clock.now += 1
    assert not PengaduanForm(_data(kategori)).is_valid()


@pytest.mark.parametrize("value", ["999999", "0", "-1", "1e3", "١", "9" * 19])
def test_an_id_outside_the_list_is_refused_with_the_field_message(kategori, value):
    data = _data(kategori)
    data["kategori"] = value
    form = PengaduanForm(data)
    assert not form.is_valid()
    assert form.errors["kategori"] == ["Kategori yang dipilih tidak tersedia. Pilih salah satu dari daftar."]


def test_showing_the_form_asks_the_database_for_no_list(client, kategori, units):
    client.get("/pengaduan/baru/")  # the lists are read once
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/pengaduan/baru/").content.decode()
    # Only the footer's agency profile, which a process keeps a minute outside the tests.
    assert [query["sql"] for query in queries if "accounts_unitprofile" not in query["sql"]] == []
    assert f'<option value="{kategori.pk}">{kategori.name}</option>' in body
    # The units in the tree's order, each under its parent (accounts.unit_choices).
    assert f'<option value="{units["identitas"].pk}">— Seksi Identitas</option>' in body
    assert body.index(">Dinas Dukcapil</option>") < body.index(">— Seksi Identitas</option>")
    # In the list's order (order, then name), after the empty choice.
    names = [row.name for row in KategoriLayanan.objects.filter(is_active=True).order_by("order", "name")]
    positions = [body.index(f">{name}</option>") for name in names]
    assert positions == sorted(positions)
    assert body.index("Pilih layanan</option>") < positions[0]


def test_a_category_retired_here_leaves_the_form_at_once(client, kategori):
    client.get("/pengaduan/baru/")
    kategori.is_active = False
    kategori.save()
    assert f">{kategori.name}</option>" not in client.get("/pengaduan/baru/").content.decode()
