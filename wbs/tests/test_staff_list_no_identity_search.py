"""A WBS reporter has no searchable identity: no WBS table keeps a digest of who reported,
and the handlers' list refuses a search by NIK, NIP, telephone, e-mail or name, even for a
report whose reporter gave their identity (sealed, wbs.identity), and even to the handler
who may see the report. The person search of the other lists never reaches a WBS report."""

import pytest
from django.apps import apps
from django.urls import reverse

from accounts.testing import verified_login
from casework.person_lookup import LookupDigests, lookup_models
from wbs.models import LaporanWbs

URL = "/staf/wbs/"
REFUSED = "Laporan WBS hanya dapat dicari menurut nomor laporan"


def rows(response) -> list[str]:
    return [row.case.reference for row in response.context["rows"]]


def test_no_wbs_table_keeps_a_digest_of_a_person():
    wbs_models = apps.get_app_config("wbs").get_models()
    assert not any(issubclass(model, LookupDigests) for model in wbs_models)
    assert not any(model._meta.app_label == "wbs" for model in lookup_models())
    digests = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_app_config("wbs").get_models()
        for field in model._meta.local_concrete_fields
        if field.name.endswith("_digest")
    }
    # Only the slow hash of the receipt code, which identifies the report, not a person.
    assert digests == {"wbs.LaporanWbs.receipt_digest"}


@pytest.mark.parametrize(
    "typed",
    ["3201234506780001", "199001012015012001", "0812 1111 2222", "+62 812 1111 2222", "siti@contoh.id", "Siti Pelapor"],
)
def test_a_search_by_person_is_refused_on_the_wbs_list(client, identified_report, wbs_handler, typed):
    verified_login(client, wbs_handler)
    response = client.get(URL, {"cari": typed})
    assert response.status_code == 400
    body = response.content.decode()
    assert REFUSED in body and "Identitas pelapor tidak dapat dicari." in body
    assert response.context["rows"] == []
    # What was typed stays in the box to be corrected.
    assert f'value="{typed}"' in body


def test_the_number_still_finds_the_report(client, identified_report, wbs_handler):
    verified_login(client, wbs_handler)
    assert rows(client.get(URL, {"cari": identified_report.reference[-6:]})) == [identified_report.reference]
    assert "Pelapor tidak dapat dicari" in client.get(URL).content.decode()


def test_the_complaint_list_never_finds_a_wbs_report_by_its_reporter(client, identified_report, handler):
    """The complaints team searching the reporter's telephone finds no WBS report (and
    could not: the report keeps no digest of it)."""
    verified_login(client, handler)
    response = client.get(reverse("pengaduan_staff:list"), {"cari": "0812 1111 2222"})
    assert response.status_code == 200 and response.context["rows"] == []
    assert LaporanWbs.objects.filter(pk=identified_report.pk).exists()
