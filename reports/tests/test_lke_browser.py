"""The LKE page and the LHKPN register in a real browser, on a desktop (1280×800) and on
a phone (360×740).

The Tim ZI / TPI evaluator signs in, opens this year's LKE page and finds SIGAP's
proposals with their evidence (the complaints followed up, the LHKPN percentage from the
register); on the phone she answers an item over the proposal, is refused without a
reason (her choice kept), gives one, and the page shows both the proposal and her answer
with its reason. She records a filing in the register on the phone, and the LKE's LHKPN
percentage follows. Every page fits the phone's width.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from pengaduan.choices import State
from pengaduan.models import KategoriLayanan, Pengaduan
from reports.lhkpn import services as lhkpn_services
from reports.lke.models import LkeItem, LkeOverride
from reports.tests.lke_helpers import make_case
from tests.test_browser_benturan_registers import DESKTOP, both_sizes
from tests.test_browser_gratifikasi_flow import PHONE, fits_the_screen, person, sign_in, snap, submit

REASON = "Tindak lanjut dua pengaduan belum dilaporkan ke pelapor; jawaban diberikan setelah rapat 3 Desember."


@pytest.fixture
def lke_seeded(seeded_again):
    """The worksheet the data migration seeds, put back after an earlier test emptied it."""
    from django.apps import apps

    importlib.import_module("reports.migrations.0003_seed_lke_penguatan_pengawasan").forwards(apps, None)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_evaluator_reads_the_proposals_and_answers_one_on_a_phone(
    chromium,
    live_server,
    lke_seeded,
    make_user,
    shots,
):
    base = live_server.url
    year = timezone.localdate().year
    tpi, device = person(make_user, roles.TIM_PENILAI, full_name="Nur Aisyah", nip="198803152011012002")
    kepala, _d = person(make_user, roles.PEGAWAI, full_name="Suharto Wibowo", nip="197305121998031002")
    kabid, _d = person(make_user, roles.PEGAWAI, full_name="Siti Rahmawati", nip="197706232002122001")
    kategori = KategoriLayanan.objects.first()
    for number, (state, closed) in enumerate(
        [(State.SELESAI, True), (State.SELESAI, True), (State.DIVERIFIKASI, False)]
    ):
        make_case(
            Pengaduan,
            kind="pengaduan",
            number=number + 1,
            state=state,
            received_on=datetime.date(year, 1, 10 + number),
            closed=closed,
            isi="uji",
            kategori=kategori,
        )
    rows = lhkpn_services.lhkpn_obligations_set(tahun=year, pegawai=[kepala, kabid], jenis="lhkpn", actor=tpi)
    lhkpn_services.lhkpn_filing_record(
        kewajiban=rows[0], tanggal_lapor=datetime.date(year, 1, 20), nomor_tanda_terima="LHKPN/1", actor=tpi
    )

    # 1. On a desktop: the proposals with their evidence and the totals.
    desk = chromium.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    desk.goto(base + reverse("accounts:login"))
    sign_in(desk, tpi, device)
    desk.goto(base + reverse("reports:lke"))
    item = LkeItem.objects.get(code="pengaduan.tindak_lanjut")
    card = desk.inner_text(f"#butir-{item.pk}")
    assert "a. Ya" in card and "2 dari 3 pengaduan tahun ini selesai ditindaklanjuti." in card
    assert "Daftar pengaduan yang diterima tahun" in card
    lhkpn = desk.inner_text(f"#butir-{LkeItem.objects.get(code='reform.lhkpn').pk}")
    assert "50 %" in lhkpn.replace("\u00a0", " ") and "1 dari 2" in lhkpn
    assert "belum ada data di SIGAP" in desk.inner_text("main")
    both_sizes(desk, shots, "lke-1-page")

    # 2. On a phone: answer the item over the proposal; refused without a reason.
    # (The same session, narrowed: an authenticator code is accepted once.)
    phone = desk
    phone.set_viewport_size(PHONE)
    phone.goto(base + reverse("reports:lke_item", args=[year, item.pk]))
    phone.check("input[name=option][value=b]")
    submit(phone, "main form:has(input[name=option]) button[type=submit]")
    assert "Tuliskan alasan jawaban penilai." in phone.inner_text("main")
    assert phone.is_checked("input[name=option][value=b]")
    assert fits_the_screen(phone)
    snap(phone, shots, "lke-2-refused-phone")
    phone.fill("textarea[name=reason]", REASON)
    submit(phone, "main form:has(input[name=option]) button[type=submit]")
    assert "Jawaban penilai dicatat" in phone.inner_text(".messages")
    card = phone.inner_text(f"#butir-{item.pk}")
    assert "a. Ya" in card  # SIGAP's proposal, still shown
    assert "b. Tidak" in card and REASON in card and "menggantikan usulan" in card
    assert fits_the_screen(phone)
    snap(phone, shots, "lke-3-overridden-phone")
    assert LkeOverride.objects.get().proposed_option.letter == "a"

    # 3. The register on the phone: the second head's filing, and the LKE follows.
    phone.goto(f"{base}{reverse('reports:lhkpn')}?tahun={year}")
    assert fits_the_screen(phone)
    with phone.expect_navigation():
        phone.click(f"#wajib-{rows[1].pk} >> text=Catat penyampaian")
    phone.fill("#id_tanggal_lapor", datetime.date(year, 1, 21).isoformat())
    phone.fill("#id_nomor_tanda_terima", "LHKPN/2")
    snap(phone, shots, "lke-4-filing-phone")
    submit(phone, "main form button[value=catat]")
    assert "LHKPN/2" in phone.inner_text(f"#wajib-{rows[1].pk}")
    both_sizes(phone, shots, "lke-5-register")
    phone.goto(base + reverse("reports:lke"))
    lhkpn = phone.inner_text(f"#butir-{LkeItem.objects.get(code='reform.lhkpn').pk}")
    assert "100 %" in lhkpn.replace("\u00a0", " ") and "2 dari 2" in lhkpn

    # 4. The PDF: a year's file is made in the background; the page's button asks for it
    # and the job's page gives it.
    desk.set_viewport_size(DESKTOP)
    with desk.expect_navigation():
        desk.click("button:text-is('Buat PDF')")
    with desk.expect_download() as download:
        desk.click("a[href$='/berkas/']")
    assert download.value.suggested_filename == f"lke-penguatan-pengawasan-{year}.pdf"
