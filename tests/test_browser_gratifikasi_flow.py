"""A gift declaration from the phone to its end, through the real pages, in a real browser.

An employee on a 360×740 phone declares a wedding gift worth Rp2.000.000 with a photo
whose EXIF carries a GPS position; before sending, "Periksa pengecualian" tells them the
gift exceeds the Rp1.500.000 of the ceremony rule (Peraturan KPK 1/2026), and they send it.
A Petugas UPG signs in on a desktop with password and authenticator code, registers the
declaration and sends it back for the giver's full address; the employee answers with the
address corrected; the UPG accepts it as complete, forwards it to KPK, records KPK's
decision (state property) with the scanned SK and the handover with its receipt number.
On the way: closing the declaration as not completed is refused while the employee's
period runs, neither person reaches the other's page of it, and the photo is stored
without its position. Each person has a browser profile of their own, so no cookie is
shared between them.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures
(by default they go to the test's temporary folder).
"""

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image, ImageDraw

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import totp_token
from casework.attachments import read_attachment
from casework.models import Deadline, TimelineEntry
from gratifikasi.choices import PURPOSE_FOTO, PURPOSE_SK, Clock, JenisTindakLanjut, State, StatusKpk
from gratifikasi.models import Gratifikasi
from security import audit
from tests.browser import snap, submit

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "Sandi-yang-kuat-123"
GPS_IFD = 0x8825

GIVER = "Hendra Gunawan"
GIVER_FIRM = "PT Sinar Abadi Sentosa"
OLD_ADDRESS = "Jl. Sudirman, Bandung"
NEW_ADDRESS = "Jl. Jenderal Sudirman No. 88, RT 02/RW 05, Kel. Cihapit, Bandung 40114"
GIFT = "Satu set peralatan makan keramik (24 buah) dalam kotak kado"
STORY = "Pemberi, kenalan lama keluarga kami, datang ke resepsi pernikahan saya dan menyerahkan kado itu."
PHONE_NUMBER = "0812 3456 7890"
REQUEST = "Alamat pemberi belum lengkap: tuliskan nomor rumah, RT/RW, kelurahan, dan kode pos."
ANSWER = "Alamat pemberi sudah saya lengkapi sesuai kartu nama yang diselipkan di kado."
KPK_REFERENCE = "GOL-2026-0004512"
SK_NUMBER = "1234/GTF.00.02/01/11/2026"
RECEIPT_NUMBER = "BAST/UPG/2026/017"


def photo_with_gps(folder: Path) -> Path:
    """A phone photo of the gift: a JPEG whose EXIF says where it was taken."""
    exif = Image.Exif()
    exif[0x010F] = "Kamera Ponsel"  # Make
    exif.get_ifd(GPS_IFD).update({1: "S", 2: (6.0, 54.0, 12.0), 3: "E", 4: (107.0, 36.0, 30.0)})
    path = folder / "IMG_20261118_193000.jpg"
    Image.new("RGB", (48, 32), "goldenrod").save(path, "JPEG", exif=exif)
    assert Image.open(path).getexif().get_ifd(GPS_IFD)  # the position is really there
    return path


def scanned_sk(folder: Path) -> Path:
    """KPK's decision as the UPG scans it: a one-page PDF holding an image."""
    page = Image.new("RGB", (300, 140), "white")
    ImageDraw.Draw(page).text((12, 12), "SK PENETAPAN STATUS GRATIFIKASI\nMILIK NEGARA", fill="black")
    path = folder / "sk-kpk.pdf"
    page.save(path, "PDF")
    assert path.read_bytes().startswith(b"%PDF")
    return path


def day(value: date, pattern: str = "j F Y") -> str:
    """A date as the pages write it (Indonesian month names)."""
    return formats.date_format(value, pattern)


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def heights(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().height)")


def person(make_user, *role_names, full_name: str, **extra):
    """An account with a confirmed authenticator device; returns (user, device)."""
    user = make_user(*role_names, **extra)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user, TOTPDevice.objects.create(user=user, name="Ponsel", confirmed=True)


def sign_in(page, user, device) -> None:
    """On the login page: NIP and password, then the code the phone shows."""
    page.fill("#id_username", user.nip)
    page.fill("#id_password", PASSWORD)
    submit(page, "main form button[type=submit]")
    assert "/akun/masuk/verifikasi/" in page.url
    page.fill("#id_token", totp_token(device))
    submit(page, "form:has(#id_token) button[type=submit]")


def act(page, action: str) -> str:
    """The form of one action on the UPG page, opened; returns its selector."""
    selector = f"#aksi-{action}"
    if page.get_attribute(selector, "open") is None:
        page.click(f"{selector} > summary")
    return selector


def success(page) -> str:
    return page.inner_text(".messages")


def status(page) -> str:
    """The state as the declarant's page says it."""
    return page.inner_text("p.status strong")


def staff_status(page) -> str:
    """The state in the summary at the top of the UPG page."""
    return page.inner_text("dl.summary dt:text-is('Status') + dd strong")


def clock(page, label: str) -> str:
    """One clock on the declarant's page, as text."""
    return page.locator("#batas-waktu li.clock", has_text=label).inner_text()


def deadline_row(page, label: str) -> str:
    """One clock's row in the UPG page's deadline table, as text."""
    return page.locator("table.deadlines tbody tr", has_text=label).inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_wedding_gift_from_the_phone_to_the_handover(chromium, live_server, seeded_again, make_user, shots, tmp_path):
    base = live_server.url
    today = timezone.localdate()
    received = today - timedelta(days=3)
    photo = photo_with_gps(tmp_path)
    sk_scan = scanned_sk(tmp_path)
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    unit = UnitKerja.objects.create(
        code="pelayanan", name="Seksi Pelayanan Dokumen", level=UnitKerja.Level.SEKSI, parent=dinas
    )
    # The account holds everything but a phone number, which the form asks for.
    declarant, declarant_device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Rina Marlina",
        nip="199507302019031005",
        nik="3201014507950001",
        jabatan="Pengadministrasi Kependudukan",
        unit=unit,
        address="Jl. Merdeka No. 10, Bandung",
    )
    officer, officer_device = person(
        make_user, roles.PEGAWAI, roles.PETUGAS_UPG, full_name="Dewi Lestari", nip="198803122012122001"
    )

    # 1. The employee opens the form on a phone and signs in on the way.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    new_url = base + reverse("gratifikasi:new")
    phone.goto(new_url)
    assert "/akun/masuk/" in phone.url
    sign_in(phone, declarant, declarant_device)
    assert phone.url == new_url
    assert fits_the_screen(phone)
    assert phone.is_checked("input[name=jenis_laporan][value=penerimaan]")  # a gift received, by default
    from_account = phone.inner_text("fieldset:has(legend:text-is('Data pelapor')) dl.summary")
    assert "Rina Marlina" in from_account and unit.name in from_account and "3201014507950001" in from_account
    phone.fill("#id_telepon", PHONE_NUMBER)
    phone.fill("#id_pemberi_nama", GIVER)
    phone.fill("#id_pemberi_instansi", GIVER_FIRM)
    phone.fill("#id_pemberi_alamat", OLD_ADDRESS)
    phone.select_option("#id_hubungan", label="Lainnya")
    phone.select_option("#id_jenis_peristiwa", label="Pernikahan")
    phone.select_option("#id_jenis_penerimaan", label="Barang")
    phone.fill("#id_uraian", GIFT)
    phone.fill("#id_nilai", "Rp2.000.000")
    phone.fill("#id_tanggal_terima", received.isoformat())
    phone.fill("#id_tempat_terima", "Gedung Serbaguna Sabilulungan, Bandung")
    phone.fill("#id_kronologi", STORY)
    phone.set_input_files("#id_foto", str(photo))
    assert min(heights(phone, "input[type=file]")) >= 44
    assert fits_the_screen(phone)
    snap(phone, shots, "1a-phone-form")

    # 2. "Periksa pengecualian": the advice, nothing stored, everything typed kept.
    submit(phone, "button[name=periksa]")
    advice = phone.inner_text("#saran .advice")
    assert f"Hasil pemeriksaan menurut ketentuan yang berlaku pada {day(received)}" in advice
    assert "Melebihi batas: l. Pemberian terkait pernikahan dan upacara adat/agama" in advice
    assert "termasuk pemberian ini, Rp2.000.000: melebihi batas Rp1.500.000 per pemberi dalam setiap acara." in advice
    assert "Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l, diubah Peraturan KPK 1/2026" in advice
    assert "Anda dapat langsung mengirim laporan" in advice
    assert not Gratifikasi.objects.exists()
    assert phone.input_value("#id_nilai") == "Rp2.000.000"
    assert phone.input_value("#id_pemberi_alamat") == OLD_ADDRESS
    assert phone.input_value("#id_telepon") == PHONE_NUMBER
    assert phone.input_value("#id_tanggal_terima") == received.isoformat()
    # A browser cannot send a chosen file again: the page keeps it for the sending.
    kept = phone.inner_text("fieldset:has(#id_foto) .held-files")
    assert "Berkas Anda tersimpan." in kept and photo.name in kept
    assert fits_the_screen(phone)
    snap(phone, shots, "1b-phone-advice")

    # 3. Sent, with the kept photo: the reference, the status and the clocks.
    submit(phone, "button.intake__submit[name=kirim]")
    case = Gratifikasi.objects.get()
    detail_url = base + reverse("gratifikasi:detail", args=[case.pk])
    # (The form was last posted to "…/baru/#saran"; a redirect keeps that fragment, which
    # names nothing on this page.)
    assert phone.url.split("#")[0] == detail_url
    assert f"Laporan gratifikasi Anda tercatat dengan nomor {case.reference}." in success(phone)
    assert phone.inner_text("h1 .ref") == case.reference
    assert status(phone) == "Diterima, menunggu registrasi UPG"
    assert "Terpenuhi" in clock(phone, "Pelaporan ke UPG")  # sent within its 10 working days
    to_kpk = Deadline.objects.get(case=case, clock=Clock.LAPOR_KPK)
    assert to_kpk.started_on == received
    assert "Berjalan" in clock(phone, "Pelaporan ke KPK") and day(to_kpk.due_date) in clock(phone, "Pelaporan ke KPK")
    assert "Tanda terima dapat diunduh di sini setelah UPG meregistrasi" in phone.inner_text("main")
    assert photo.name in phone.inner_text("#berkas")
    assert fits_the_screen(phone)
    snap(phone, shots, "1c-phone-sent")
    assert case.nilai == Decimal(2_000_000) and case.telepon == PHONE_NUMBER
    assert case.saran_pengecualian is None  # the gift exceeds the rule, so none is suggested
    stored = read_attachment(case.attachments.get(purpose=PURPOSE_FOTO))
    assert stored.startswith(b"\xff\xd8")
    assert not Image.open(io.BytesIO(stored)).getexif().get_ifd(GPS_IFD)  # the position is gone
    assert b"Kamera Ponsel" not in stored

    # 4. The UPG officer signs in on a desktop and opens it from the declaration list.
    desk = chromium.new_context(viewport=DESKTOP, locale="id-ID").new_page()
    desk.goto(base + reverse("accounts:login"))
    sign_in(desk, officer, officer_device)
    assert desk.url == base + reverse("casework:inbox")
    desk.goto(base + reverse("gratifikasi_staff:list"))
    row = desk.locator("table.cases tbody tr", has_text=case.reference).inner_text()
    assert "Rina Marlina" in row and "Rp2.000.000" in row and "Diterima, menunggu registrasi UPG" in row
    with desk.expect_navigation():
        desk.get_by_role("link", name=case.reference, exact=True).click()
    assert desk.url == base + reverse("gratifikasi_staff:detail", args=[case.pk])
    assert staff_status(desk) == "Diterima, menunggu registrasi UPG"
    assert GIVER in desk.inner_text("main") and GIFT in desk.inner_text("main")
    rule_l = desk.locator("#pengecualian ~ ul.advice > li", has_text="Pemberian terkait pernikahan").inner_text()
    assert "melebihi batas" in rule_l and "Rp1.500.000" in rule_l
    # The photo shows on the page, and is served from the stored, cleaned file.
    thumbnail = desk.locator("section:has(#lampiran) img").first
    thumbnail.scroll_into_view_if_needed()
    desk.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumbnail.element_handle())
    assert "berjalan" in deadline_row(desk, "Pelaporan gratifikasi ke KPK")

    form = act(desk, "registrasi")
    desk.fill(f"{form} textarea[name='registrasi-note']", "Diterima lengkap dengan foto.")
    submit(desk, f"{form} button[type=submit]")
    assert "Laporan diregistrasi." in success(desk)
    case.refresh_from_db()
    assert case.nomor_registrasi_upg == f"UPG/{today.year}/0001"
    assert case.nomor_registrasi_upg in desk.inner_text("dl.summary:has(dt:text-is('Nomor registrasi UPG'))")
    assert staff_status(desk) == "Verifikasi kelengkapan"

    form = act(desk, "minta_kelengkapan")
    desk.fill(f"{form} textarea[name='minta_kelengkapan-catatan']", REQUEST)
    submit(desk, f"{form} button[type=submit]")
    assert "Permintaan kelengkapan dikirim kepada pelapor." in success(desk)
    assert staff_status(desk) == "Perlu dilengkapi pelapor"
    assert "dihentikan sementara sejak" in deadline_row(desk, "Penerusan laporan oleh UPG kepada KPK")
    assert "berjalan" in deadline_row(desk, "Pelaporan gratifikasi ke KPK")  # the legal limit does not wait
    assert "Menunggu pelapor melengkapi laporan." in desk.inner_text("section:has(#tindakan)")
    snap(desk, shots, "2-upg-sent-back")
    # Closing it as not completed is not offered while the declarant's period runs: the
    # page says from when it may be.
    completion = Deadline.objects.get(case=case, clock=Clock.KELENGKAPAN)
    assert desk.locator("#aksi-tutup_tidak_lengkap").count() == 0
    blockers = desk.inner_text("section:has(#tindakan) ul.blockers")
    assert f"Batas waktu melengkapi laporan adalah {day(completion.due_date)};" in blockers
    assert f"mulai {day(completion.due_date + timedelta(days=1))}." in blockers
    assert staff_status(desk) == "Perlu dilengkapi pelapor"
    # Neither sees the other's page of the declaration.
    assert desk.goto(detail_url).status == 404
    assert phone.goto(base + reverse("gratifikasi_staff:detail", args=[case.pk])).status == 404

    # 5. On the phone: the request, its deadline, and the answer with the address corrected.
    phone.goto(detail_url)
    assert status(phone) == "Perlu dilengkapi pelapor"
    request_box = phone.inner_text("#lengkapi")
    assert REQUEST in request_box
    assert f"Batas waktu melengkapi: {day(completion.due_date)} ({completion.working_days} hari kerja)." in (
        request_box
    )
    assert "Berjalan" in clock(phone, "Melengkapi laporan")
    assert case.nomor_registrasi_upg in phone.inner_text("section:has(#tanda-terima-judul)")
    with phone.expect_download() as download:
        phone.click("section:has(#tanda-terima-judul) a.button")
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert fits_the_screen(phone)
    phone.fill("#id_jawaban", ANSWER)
    phone.click("#lengkapi details > summary")
    assert phone.input_value("#id_pemberi_alamat") == OLD_ADDRESS
    phone.fill("#id_pemberi_alamat", NEW_ADDRESS)
    assert fits_the_screen(phone)
    snap(phone, shots, "3a-phone-completion")
    submit(phone, "#lengkapi button[type=submit]")
    assert "Jawaban Anda terkirim" in success(phone)
    assert status(phone) == "Verifikasi kelengkapan"
    assert not phone.locator("#lengkapi").count()
    answered = phone.inner_text("section:has(#jawaban-judul)")
    assert REQUEST in answered and ANSWER in answered
    assert NEW_ADDRESS in phone.inner_text("section:has(#isi-judul)")
    assert "Terpenuhi" in clock(phone, "Melengkapi laporan")
    case.refresh_from_db()
    # Only the address changed: the value and the rest stand as declared.
    assert case.pemberi_alamat == NEW_ADDRESS and case.nilai == Decimal(2_000_000) and case.uraian == GIFT

    # 6. The UPG sees the answer and the correction, and takes the declaration to its end.
    desk.goto(base + reverse("gratifikasi_staff:detail", args=[case.pk]))
    assert staff_status(desk) == "Verifikasi kelengkapan"
    assert ANSWER in desk.inner_text("dl.summary:has(dt:text-is('Jawaban pelapor'))")
    assert NEW_ADDRESS in desk.inner_text("dl.summary:has(dt:text-is('Alamat pemberi'))")
    history = desk.inner_text("section:has(#riwayat)")
    assert f"Pelapor memperbaiki isian laporan:\n- alamat pemberi: {OLD_ADDRESS} → {NEW_ADDRESS}" in history

    form = act(desk, "terima_lengkap")
    submit(desk, f"{form} button[type=submit]")
    assert "Laporan lengkap dan masuk tahap analisis." in success(desk)
    assert staff_status(desk) == "Analisis"

    form = act(desk, "teruskan_kpk")
    desk.fill(f"{form} textarea[name='teruskan_kpk-rekomendasi']", "Nilai melebihi batas huruf l; diteruskan ke KPK.")
    desk.fill(f"{form} input[name='teruskan_kpk-kpk_nomor']", KPK_REFERENCE)
    desk.fill(f"{form} input[name='teruskan_kpk-kpk_tanggal']", today.isoformat())
    submit(desk, f"{form} button[type=submit]")
    assert "Laporan dicatat sebagai diteruskan ke KPK." in success(desk)
    assert staff_status(desk) == "Diteruskan ke KPK"
    decision_clock = Deadline.objects.get(case=case, clock=Clock.KEPUTUSAN_KPK)
    assert decision_clock.started_on == today
    assert day(decision_clock.due_date, "j M Y") in deadline_row(desk, "Penetapan status gratifikasi oleh KPK")

    form = act(desk, "catat_sk")
    desk.check(f"{form} input[name='catat_sk-sk_status'][value='{StatusKpk.MILIK_NEGARA}']")
    desk.fill(f"{form} input[name='catat_sk-sk_nomor']", SK_NUMBER)
    desk.fill(f"{form} input[name='catat_sk-sk_tanggal']", today.isoformat())
    desk.set_input_files(f"{form} input[name='catat_sk-sk_scan']", str(sk_scan))
    submit(desk, f"{form} button[type=submit]")
    assert "SK KPK dicatat." in success(desk)
    assert staff_status(desk) == "SK KPK diterima, menunggu tindak lanjut"
    assert sk_scan.name in desk.inner_text("section:has(#lampiran)")
    assert "berjalan" in deadline_row(desk, "Penyerahan gratifikasi milik negara")

    form = act(desk, "catat_tindak_lanjut")
    # State property can only be handed over to the state: the one choice offered.
    choices = desk.locator(f"{form} input[name='catat_tindak_lanjut-jenis']")
    assert choices.count() == 1 and choices.get_attribute("value") == JenisTindakLanjut.PENYERAHAN
    choices.check()
    desk.fill(f"{form} input[name='catat_tindak_lanjut-tanggal']", today.isoformat())
    desk.fill(f"{form} input[name='catat_tindak_lanjut-nomor']", RECEIPT_NUMBER)
    submit(desk, f"{form} button[type=submit]")
    assert "Tindak lanjut dicatat dan laporan selesai." in success(desk)
    assert staff_status(desk) == "Selesai"
    outcome = desk.inner_text("dl.summary:has(dt:text-is('SK KPK'))")
    assert "Milik negara" in outcome and SK_NUMBER in outcome and KPK_REFERENCE in outcome
    assert "Penyerahan kepada negara" in outcome and RECEIPT_NUMBER in outcome
    assert "Tidak ada tindakan pada status ini." in desk.inner_text("section:has(#tindakan)")
    snap(desk, shots, "4-upg-selesai")

    # 7. On the phone: the end, KPK's decision, the handover and the whole history.
    phone.reload()
    assert status(phone) == "Selesai"
    assert "Penanganan laporan ini sudah selesai." in phone.inner_text("main")
    forwarded = phone.inner_text("section:has(#kpk-judul)")
    assert KPK_REFERENCE in forwarded and day(today) in forwarded
    decision = phone.inner_text("section:has(#sk-judul)")
    assert "Milik negara" in decision and SK_NUMBER in decision
    assert "Penyerahan kepada negara" in decision and RECEIPT_NUMBER in decision
    for label in ("Pelaporan ke KPK", "Melengkapi laporan", "Keputusan KPK", "Penyerahan objek kepada negara"):
        assert "Terpenuhi" in clock(phone, label), label
    files = phone.inner_text("#berkas")
    assert photo.name in files and sk_scan.name in files and "dari UPG" in files
    timeline = phone.inner_text("#riwayat")
    steps = [
        "Laporan diterima",
        "Verifikasi kelengkapan",
        "Perlu dilengkapi pelapor",
        "Analisis",
        "Diteruskan ke KPK",
        "SK KPK diterima, menunggu tindak lanjut",
        "Selesai",
    ]
    positions = [timeline.index(step) for step in steps]
    assert positions == sorted(positions)
    assert REQUEST in timeline and f"nomor {SK_NUMBER}" in timeline
    # The UPG's internal notes never reach the declarant.
    assert "Diterima lengkap dengan foto." not in phone.content()
    assert fits_the_screen(phone)
    snap(phone, shots, "5-phone-selesai")

    # 8. What is stored.
    case.refresh_from_db()
    assert case.state == State.SELESAI and case.closed_at is not None
    assert (case.kpk_nomor, case.kpk_tanggal) == (KPK_REFERENCE, today)
    assert (case.sk_status, case.sk_nomor, case.sk_tanggal) == (StatusKpk.MILIK_NEGARA, SK_NUMBER, today)
    assert (case.tindak_lanjut_jenis, case.tindak_lanjut_nomor) == (JenisTindakLanjut.PENYERAHAN, RECEIPT_NUMBER)
    assert case.jawaban_kelengkapan == ANSWER and case.catatan_kelengkapan == REQUEST
    assert not Deadline.objects.filter(case=case, completed_at__isnull=True).exists()
    assert read_attachment(case.attachments.get(purpose=PURPOSE_SK)).startswith(b"%PDF")
    entries = list(TimelineEntry.objects.filter(case=case).order_by("created_at", "id"))
    moves = [(e.transition, e.to_state, e.by_reporter, e.actor_id) for e in entries if e.from_state != e.to_state]
    assert moves == [
        ("open", State.ADMINISTRASI, True, declarant.pk),
        ("registrasi", State.VERIFIKASI, False, officer.pk),
        ("minta_kelengkapan", State.PERLU_DILENGKAPI, False, officer.pk),
        ("lengkapi", State.VERIFIKASI, True, declarant.pk),
        ("terima_lengkap", State.ANALISIS, False, officer.pk),
        ("teruskan_kpk", State.DITERUSKAN_KPK, False, officer.pk),
        ("catat_sk", State.TINDAK_LANJUT, False, officer.pk),
        ("catat_tindak_lanjut", State.SELESAI, False, officer.pk),
    ]
    assert audit.verify_chain() == []
    # One status e-mail per UPG step (none for the declarant's own answer), saying nothing of the gift.
    notices = [m for m in mail.outbox if case.reference in m.subject]
    assert [m.subject.rsplit(": ", 1)[1] for m in notices] == [
        str(State(state).label) for _name, state, by_reporter, _actor in moves if not by_reporter
    ]
    for message in notices:
        assert message.to == [declarant.email]
        for secret in (GIVER, GIFT, NEW_ADDRESS, OLD_ADDRESS, REQUEST, SK_NUMBER):
            assert secret not in message.subject + message.body
