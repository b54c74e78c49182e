"""The registers of conflicts of interest walked in a real browser, on a desktop
(1280×800) and on a phone (360×740).

A member of the Tim Benturan Kepentingan signs in with password and authenticator code,
records a risk-map entry (the level appears, computed), reviews it (the history shows
what changed), and opens this year's declaration campaign for the dinas. An employee on
her phone finds the campaign waiting in her Kotak Masuk with its deadline, and states
that she has no conflict of interest; a colleague declares one, which becomes a case.
The Tim then reads the compliance (2 of 4), the implementation matrix with the case
from the campaign, and downloads the matrix as XLSX, whose rows are the page's. Every
page fits the phone's width.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts import roles
from accounts.models import UnitKerja
from benturan.models import Benturan, KewajibanDeklarasi, PetaRisiko
from tests.test_browser_gratifikasi_flow import PHONE, fits_the_screen, person, sign_in, snap, submit

DESKTOP = {"width": 1280, "height": 800}


def both_sizes(page, shots, name: str) -> None:
    """Photograph the page on the desktop and on the phone, and check it fits the phone."""
    snap(page, shots, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
        ".map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)"
    )
    assert fits_the_screen(page), (name, wide)
    snap(page, shots, f"{name}-phone")
    page.set_viewport_size(DESKTOP)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_registers_on_a_desktop_and_a_phone(chromium, live_server, seeded_again, make_user, shots, tmp_path):
    base = live_server.url
    today = timezone.localdate()
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    seksi = UnitKerja.objects.create(
        code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=dinas
    )
    kasi, _device = person(
        make_user, roles.PEGAWAI, full_name="Hendra Gunawan", jabatan="Kepala Seksi Identitas", unit=seksi
    )
    seksi.head = kasi
    seksi.save()
    tim, tim_device = person(
        make_user,
        roles.PEGAWAI,
        roles.TIM_BENTURAN,
        full_name="Bambang Hartono",
        nip="197808172003121004",
        jabatan="Kepala Bidang",
        unit=dinas,
    )
    pegawai, pegawai_device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Rina Marlina",
        nip="199507302019031005",
        jabatan="Pengadministrasi Kependudukan",
        unit=seksi,
    )
    colleague, colleague_device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Dedi Kurniawan",
        nip="199001012015011001",
        jabatan="Verifikator",
        unit=seksi,
    )

    # 1. The Tim signs in on a desktop and reaches the registers from the menu.
    desk = chromium.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    desk.goto(base + reverse("accounts:login"))
    sign_in(desk, tim, tim_device)
    with desk.expect_navigation():
        desk.get_by_role("link", name="Register benturan", exact=True).click()
    assert desk.url == base + reverse("benturan_register:index")
    both_sizes(desk, shots, "1-registers")

    # 2. A risk-map entry: refused without its description, kept as typed; then recorded.
    desk.goto(base + reverse("benturan_register:risk_map_create"))
    desk.select_option("#id_unit", value=str(seksi.pk))  # listed under the dinas, indented
    desk.check("input[name=objek][value=jabatan]")
    desk.fill("#id_nama", "Verifikator berkas KTP-el")
    desk.select_option("#id_kemungkinan", "3")
    desk.select_option("#id_dampak", "4")
    desk.select_option("#id_pemilik", str(kasi.pk))
    submit(desk, "main form button[type=submit]")
    assert "Uraikan potensi benturan kepentingannya." in desk.inner_text(".form-errors")
    assert desk.input_value("#id_nama") == "Verifikator berkas KTP-el"
    desk.fill("#id_uraian_risiko", "Verifikator dapat mendahulukan berkas kerabat.")
    desk.fill("#id_pengendalian_ada", "Verifikasi berjenjang.")
    submit(desk, "main form button[type=submit]")
    entry = PetaRisiko.objects.get()
    assert "Entri peta risiko dicatat." in desk.inner_text(".messages")
    assert "Tinggi" in desk.inner_text("dl.summary")  # 3 × 4 = 12, computed

    # 3. The yearly review lowers the likelihood; the history says so.
    with desk.expect_navigation():
        desk.get_by_role("link", name="Tinjau", exact=True).click()
    desk.fill("#id_hasil", "Rotasi verifikator menurunkan kemungkinan.")
    desk.select_option("#id_kemungkinan", "2")
    submit(desk, "main form button[type=submit]")
    history = desk.inner_text("section:has(#riwayat-judul)")
    assert "Versi 2: Ditinjau" in history and "Rotasi verifikator menurunkan kemungkinan." in history
    assert "Tinggi" in history and "Sedang" in history
    both_sizes(desk, shots, "2-risk-entry")
    desk.goto(base + reverse("benturan_register:risk_map"))
    assert "Verifikator berkas KTP-el" in desk.inner_text("table.cases")
    both_sizes(desk, shots, "3-risk-map")
    assert PetaRisiko.objects.get(pk=entry.pk).versi == 2

    # 4. The Tim opens this year's campaign for the dinas.
    desk.goto(base + reverse("benturan_register:campaign_open"))
    desk.fill("#id_batas_waktu", (today + datetime.timedelta(days=30)).isoformat())
    desk.check(f"input[name=units][value='{dinas.pk}']")
    submit(desk, "main form button[type=submit]")
    assert f"Kampanye deklarasi {today.year} dibuka." in desk.inner_text(".messages")
    assert KewajibanDeklarasi.objects.count() == 4

    # 5. The employee finds it waiting in her inbox on her phone and declares no conflict.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    phone.goto(base + reverse("accounts:login"))
    sign_in(phone, pegawai, pegawai_device)
    waiting = phone.inner_text("section:has(#menunggu-judul)")
    assert f"Deklarasi benturan kepentingan {today.year}" in waiting and "Batas waktu:" in waiting
    assert fits_the_screen(phone)
    snap(phone, shots, "4-phone-inbox")
    with phone.expect_navigation():
        phone.get_by_role("link", name=f"Deklarasi benturan kepentingan {today.year}").click()
    assert fits_the_screen(phone)
    snap(phone, shots, "5-phone-campaign")
    submit(phone, "button.intake__submit")
    assert "Centang pernyataan ini" in phone.inner_text(".form-errors")
    phone.check("#id_konfirmasi")
    submit(phone, "button.intake__submit")
    assert "Pernyataan Anda tercatat." in phone.inner_text(".messages")
    assert "Anda menyatakan tidak ada benturan kepentingan" in phone.inner_text("main")
    snap(phone, shots, "6-phone-declared")

    # 6. A colleague declares a conflict in the campaign: it becomes a case for the kasi.
    other = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    other.goto(base + reverse("benturan:campaign_declare", args=[KewajibanDeklarasi.objects.first().kampanye_id]))
    sign_in(other, colleague, colleague_device)
    other.check("input[name=jenis][value=potensial]")
    other.select_option("#id_sumber", label="Afiliasi: hubungan keluarga")
    other.select_option("#id_hal_jenis", label="Pengadaan barang/jasa")
    other.fill("#id_hal", "Pengadaan blangko KK 2026")
    other.fill("#id_kepentingan", "Sepupu saya peserta pengadaan.")
    assert fits_the_screen(other)
    submit(other, "button.intake__submit")
    case = Benturan.objects.get()
    assert case.atasan == kasi and KewajibanDeklarasi.objects.get(pegawai=colleague).benturan == case

    # 7. The Tim reads the compliance: 2 of 4, and who has not declared.
    desk.reload()
    assert "2 dari 4 (50,0%)" in desk.inner_text("section:has(#kepatuhan-judul)")
    pending = desk.inner_text("section:has(#belum-judul)")
    assert "Hendra Gunawan" in pending and "Rina Marlina" not in pending
    both_sizes(desk, shots, "7-compliance")

    # 8. The matrix shows the case from the campaign; its XLSX holds the page's rows.
    desk.goto(base + reverse("benturan_register:matrix"))
    row = desk.inner_text("table.cases tbody tr")
    assert case.reference in row and f"Deklarasi tahunan {today.year}" in row
    both_sizes(desk, shots, "8-matrix")
    with desk.expect_download() as download:
        desk.get_by_role("link", name="Unduh XLSX (semua baris sesuai filter)").click()
    path = tmp_path / "matrik.xlsx"
    download.value.save_as(path)
    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor" and [r[0] for r in rows[1:]] == [case.reference]
