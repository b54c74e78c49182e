"""Moving a complaint to the WBS through the pages: the handler proposes it on the
complaint's page, the complainant decides on the tracking page and, on consent, lands on
the WBS receipt with a new code; declining keeps the complaint."""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from wbs import cookies, receipts
from wbs.models import LaporanWbs

EXPLANATION = "Laporan Anda menyangkut perilaku pegawai; di WBS identitas Anda disegel."
DECIDE = reverse("pengaduan:track_wbs")
PAGE = reverse("track_case")


def fresh(case):
    return Pengaduan.objects.get(pk=case.pk)


@pytest.fixture
def proposed_on_the_page(client, handler, file_pengaduan):
    case, code = file_pengaduan(isi="Petugas loket meminta uang pelicin.")
    verified_login(client, handler)
    response = client.post(
        reverse("pengaduan_staff:propose_wbs", args=[case.pk]), {"usulkan_wbs-explanation": EXPLANATION}
    )
    assert response.status_code == 302
    client.logout()
    return case, code


def test_the_handler_proposes_the_move_on_the_complaints_page(proposed_on_the_page):
    case, _code = proposed_on_the_page
    assert fresh(case).state == State.MENUNGGU_PERSETUJUAN_WBS


def test_a_proposal_without_an_explanation_comes_back_with_the_note_kept(client, handler, file_pengaduan):
    case, _code = file_pengaduan()
    verified_login(client, handler)
    response = client.post(
        reverse("pengaduan_staff:propose_wbs", args=[case.pk]),
        {"usulkan_wbs-explanation": "", "usulkan_wbs-note": "Pelapor menyebut nama kepala seksi."},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "mengapa pengaduannya sebaiknya ditangani melalui WBS" in body
    assert "Pelapor menyebut nama kepala seksi." in body
    assert fresh(case).state == State.DITERIMA


@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.UNIT_TINDAK_LANJUT, roles.PENGELOLA_WBS])
def test_only_the_complaints_team_may_propose(client, make_user, file_pengaduan, role, units):
    case, _code = file_pengaduan()
    verified_login(client, make_user(role, unit=units["identitas"]))
    response = client.post(reverse("pengaduan_staff:propose_wbs", args=[case.pk]), {"usulkan_wbs-explanation": "x"})
    assert response.status_code in (403, 404)
    assert fresh(case).state == State.DITERIMA


def test_the_complainant_reads_the_proposal_and_consents(client, proposed_on_the_page):
    case, code = proposed_on_the_page
    assert client.post(reverse("track"), {"code": code}).status_code == 302
    body = client.get(PAGE).content.decode()
    assert EXPLANATION in body and f'action="{DECIDE}#usulan-wbs"' in body

    response = client.post(DECIDE, {"keputusan": "setuju"})
    assert response.status_code == 302 and response["Location"] == reverse("wbs:receipt")
    assert cookies.RECEIPT.name in response.cookies
    report = LaporanWbs.objects.get()
    receipt = client.get(reverse("wbs:receipt")).content.decode()
    assert report.reference in receipt
    shown = [code for code in _codes_in(receipt) if receipts.find_report(code) == report]
    assert shown, "the receipt page shows a code that opens the new report"
    assert fresh(case).state == State.DIPINDAHKAN_KE_WBS
    # The complaint's own tracking page now says only that it moved.
    body = client.get(PAGE).content.decode()
    assert "Dipindahkan ke Whistle-Blowing System" in body
    assert "uang pelicin" not in body and report.reference not in body


def _codes_in(html: str) -> list[str]:
    import re

    return re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", html)


def test_the_complainant_declines_and_it_stays_a_complaint(client, proposed_on_the_page):
    case, code = proposed_on_the_page
    client.post(reverse("track"), {"code": code})
    response = client.post(DECIDE, {"keputusan": "tetap"}, follow=True)
    assert "tetap ditangani sebagai pengaduan" in response.content.decode()
    assert fresh(case).state == State.DITERIMA
    assert not LaporanWbs.objects.exists()


def test_a_decision_without_a_proposal_is_refused_on_the_page(client, file_pengaduan):
    case, code = file_pengaduan()
    client.post(reverse("track"), {"code": code})
    response = client.post(DECIDE, {"keputusan": "setuju"})
    assert response.status_code == 400
    assert fresh(case).state == State.DITERIMA and not LaporanWbs.objects.exists()


def test_a_forged_decision_value_gets_a_message(client, proposed_on_the_page):
    _case, code = proposed_on_the_page
    client.post(reverse("track"), {"code": code})
    response = client.post(DECIDE, {"keputusan": "<script>x</script>"})
    assert response.status_code == 400
    assert "Pilih salah satu" in response.content.decode()
    assert not LaporanWbs.objects.exists()
