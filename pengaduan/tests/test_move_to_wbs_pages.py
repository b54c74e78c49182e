"""Moving a complaint to the WBS through the pages: the handler proposes it on the
complaint's page, the complainant decides on the tracking page and, on consent, lands on
the WBS receipt with a new code; declining keeps the complaint."""

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from pengaduan.choices import State
from pengaduan.models import Pengaduan
from security.models import AuditEntry
from wbs import cookies, receipts
from wbs.models import LaporanWbs

EXPLANATION = "Laporan Anda menyangkut perilaku pegawai; di WBS identitas Anda disegel."
CONSENT = reverse("pengaduan_wbs_consent")
DECLINE = reverse("pengaduan:track_wbs_decline")
PAGE = reverse("track_case")
ADDRESS = "203.0.113.77"


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


def test_the_tracking_page_explains_and_sends_consent_to_the_wbs_page(client, proposed_on_the_page):
    _case, code = proposed_on_the_page
    client.post(reverse("track"), {"code": code})
    body = client.get(PAGE).content.decode()
    assert EXPLANATION in body
    assert f'href="{CONSENT}"' in body and f'action="{DECLINE}"' in body
    assert CONSENT.startswith("/wbs/")  # under the reporter privacy of the WBS pages


def test_consent_on_the_wbs_page_files_the_report_and_shows_its_receipt(client, proposed_on_the_page):
    case, code = proposed_on_the_page
    response = client.post(CONSENT, {"code": code, "setuju": "on"})
    assert response.status_code == 302 and response["Location"] == reverse("wbs:receipt")
    assert cookies.RECEIPT.name in response.cookies
    report = LaporanWbs.objects.get()
    receipt = client.get(reverse("wbs:receipt")).content.decode()
    assert report.reference in receipt
    assert any(receipts.find_report(shown) == report for shown in _codes_in(receipt))
    assert fresh(case).state == State.DIPINDAHKAN_KE_WBS
    # The complaint's own tracking page now says only that it moved.
    client.post(reverse("track"), {"code": code})
    body = client.get(PAGE).content.decode()
    assert "Dipindahkan ke Whistle-Blowing System" in body
    assert "uang pelicin" not in body and report.reference not in body


def test_consent_leaves_no_session_row_no_shared_counter_and_no_address(client, proposed_on_the_page, make_user):
    """A staff member consenting in their own browser: the report is not tied to their
    session, and nothing about the request is kept (wbs.privacy covers /wbs/)."""
    case, code = proposed_on_the_page
    verified_login(client, make_user(roles.PEGAWAI))
    sessions_before = {s.session_key: s.session_data for s in Session.objects.all()}
    cache.clear()
    response = client.post(CONSENT, {"code": code, "setuju": "on"}, REMOTE_ADDR=ADDRESS, HTTP_X_FORWARDED_FOR=ADDRESS)
    assert response.status_code == 302
    assert {s.session_key: s.session_data for s in Session.objects.all()} == sessions_before
    assert not cache._cache  # locmem: nothing counted in the shared cache
    for entry in AuditEntry.objects.all():
        assert ADDRESS not in str(entry.data)
    assert response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]


def test_a_wrong_code_or_no_tick_is_refused_with_a_message(client, proposed_on_the_page):
    case, code = proposed_on_the_page
    response = client.post(CONSENT, {"code": "AAAA-BBBB-CCCC-DDDD", "setuju": "on"})
    assert response.status_code == 400 and "Kode tidak dikenal" in response.content.decode()
    response = client.post(CONSENT, {"code": code})
    assert response.status_code == 400 and "Centang persetujuan" in response.content.decode()
    assert fresh(case).state == State.MENUNGGU_PERSETUJUAN_WBS and not LaporanWbs.objects.exists()


def test_consent_without_a_proposal_is_refused(client, file_pengaduan):
    case, code = file_pengaduan()
    response = client.post(CONSENT, {"code": code, "setuju": "on"})
    assert response.status_code == 400
    assert "tidak sedang menunggu persetujuan" in response.content.decode()
    assert fresh(case).state == State.DITERIMA and not LaporanWbs.objects.exists()


def _codes_in(html: str) -> list[str]:
    import re

    return re.findall(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", html)


def test_the_complainant_declines_and_it_stays_a_complaint(client, proposed_on_the_page):
    case, code = proposed_on_the_page
    client.post(reverse("track"), {"code": code})
    response = client.post(DECLINE, follow=True)
    assert "tetap ditangani sebagai pengaduan" in response.content.decode()
    assert fresh(case).state == State.DITERIMA
    assert not LaporanWbs.objects.exists()


def test_declining_without_a_proposal_says_why(client, file_pengaduan):
    case, code = file_pengaduan()
    client.post(reverse("track"), {"code": code})
    response = client.post(DECLINE, follow=True)
    assert "tidak dapat dilakukan pada status" in response.content.decode()
    assert fresh(case).state == State.DITERIMA
