"""A conflict of interest declared on a phone and decided on a phone, through the real
pages, in a real browser.

An employee on a 360×740 phone declares a potential conflict (her cousin bids in a
procurement she evaluates); a first send without the interest is refused with everything
typed kept. Her page tells her to hold the decision concerned. Her atasan langsung signs
in on his phone with password and authenticator code, finds the case in his inbox, takes
it up and decides a handover of the task to a named colleague, with the reasons; the
employee then reads the control she must follow, and the hold is lifted. Each person has
a browser profile of their own, so no cookie is shared between them.

A second flow proves that a control binds another kind of case: a Pengelola Pengaduan
handling a complaint declares, from the complaint's page on her phone, a potential
conflict with it (the complainant is her cousin) and loses the complaint at once; her
superior signs in on his phone with password and authenticator code and decides a
handover of the task to a named colleague; she still cannot open the complaint, and the
colleague, who now holds it, verifies it from his phone.

Every step is photographed; set SIGAP_TEST_SCREENSHOTS to a folder to keep the pictures.
"""

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import UnitKerja
from benturan.choices import State
from benturan.models import Benturan, Pengendalian
from casework.models import Recusal
from casework.services import case_assign
from pengaduan import services as pengaduan_services
from pengaduan.choices import State as ComplaintState
from pengaduan.models import KategoriLayanan, Pengaduan
from tests.test_browser_gratifikasi_flow import PHONE, act, fits_the_screen, person, sign_in, snap, status, submit

MATTER = "Evaluasi penawaran pengadaan blangko Kartu Keluarga 2026"
INTEREST = "Sepupu saya direktur CV Sinar Cetak, salah satu peserta pengadaan ini."
REASONS = "Hubungan keluarga dengan peserta dapat memengaruhi evaluasi penawaran."


def staff_status(page) -> str:
    return page.inner_text("dl.summary dt:text-is('Status') + dd strong")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_potential_conflict_declared_and_a_handover_decided_on_phones(
    chromium, live_server, seeded_again, make_user, shots
):
    base = live_server.url
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    seksi = UnitKerja.objects.create(
        code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=dinas
    )
    superior, superior_device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Hendra Gunawan",
        nip="198207092006041002",
        jabatan="Kepala Seksi Identitas Penduduk",
        unit=seksi,
    )
    seksi.head = superior
    seksi.save()
    declarant, declarant_device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Rina Marlina",
        nip="199507302019031005",
        jabatan="Pengadministrasi Kependudukan",
        unit=seksi,
    )
    colleague, _device = person(make_user, roles.PEGAWAI, full_name="Andi Saputra", jabatan="Verifikator", unit=seksi)

    # 1. The employee opens the declaration form on her phone and signs in on the way.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    form_url = base + reverse("benturan:declare")
    phone.goto(form_url)
    assert "/akun/masuk/" in phone.url
    sign_in(phone, declarant, declarant_device)
    assert phone.url == form_url
    assert fits_the_screen(phone)
    assert "Benturan kepentingan aktual wajib dinyatakan kepada atasan." in phone.inner_text("main")
    identity = phone.inner_text("fieldset:has(legend:text-is('Data Anda')) dl.summary")
    assert "Rina Marlina" in identity and "Seksi Identitas Penduduk" in identity
    phone.check("input[name=jenis][value=potensial]")
    phone.select_option("#id_sumber", label="Afiliasi: hubungan keluarga")
    phone.select_option("#id_hal_jenis", label="Pengadaan barang/jasa")
    phone.fill("#id_hal", MATTER)
    phone.fill("#id_pihak_lain", "CV Sinar Cetak")

    # 2. Sent without the interest: refused, everything typed kept.
    submit(phone, "button.intake__submit")
    assert not Benturan.objects.exists()
    assert "Uraikan kepentingan yang berbenturan." in phone.inner_text(".form-errors")
    assert phone.input_value("#id_hal") == MATTER
    assert phone.input_value("#id_pihak_lain") == "CV Sinar Cetak"
    assert phone.is_checked("input[name=jenis][value=potensial]")
    assert fits_the_screen(phone)
    snap(phone, shots, "1-phone-refused")

    # 3. Sent: the case, who decides, and the hold on the decision concerned.
    phone.fill("#id_kepentingan", INTEREST)
    submit(phone, "button.intake__submit")
    case = Benturan.objects.get()
    detail_url = base + reverse("benturan:detail", args=[case.pk])
    assert phone.url == detail_url
    assert f"Tercatat dengan nomor {case.reference} dan diteruskan kepada Hendra Gunawan." in phone.inner_text(
        ".messages"
    )
    assert status(phone) == "Diajukan, menunggu atasan"
    hold = phone.inner_text("#tunda")
    assert "Tunda keputusan atau tugas yang terdampak." in hold and MATTER in hold
    assert fits_the_screen(phone)
    snap(phone, shots, "2-phone-declared")

    # 4. The superior signs in on his phone with password and code; the case waits in his inbox.
    boss = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    boss.goto(base + reverse("accounts:login"))
    sign_in(boss, superior, superior_device)
    assert boss.url == base + reverse("casework:inbox")
    assert case.reference in boss.inner_text("main")
    with boss.expect_navigation():
        boss.get_by_role("link", name=case.reference, exact=True).click()
    assert boss.url == base + reverse("benturan_staff:detail", args=[case.pk])
    assert staff_status(boss) == "Diajukan, menunggu atasan"
    assert INTEREST in boss.inner_text("main")
    assert fits_the_screen(boss)
    form = act(boss, "mulai_analisis")
    submit(boss, f"{form} button[type=submit]")
    assert "Analisis dimulai." in boss.inner_text(".messages")
    assert staff_status(boss) == "Analisis oleh atasan"

    # 5. He decides a handover to a named colleague, with the reasons.
    form = act(boss, "putuskan_pengendalian")
    boss.check(f"{form} input[name='putuskan_pengendalian-controls'][value='recusal']")
    boss.check(f"{form} input[name='putuskan_pengendalian-controls'][value='pengalihan_tugas']")
    assert boss.input_value(f"{form} input[name='putuskan_pengendalian-hal']") == MATTER
    boss.select_option(f"{form} select[name='putuskan_pengendalian-pengganti']", str(colleague.pk))
    boss.fill(f"{form} textarea[name='putuskan_pengendalian-alasan']", REASONS)
    assert fits_the_screen(boss)
    snap(boss, shots, "3-superior-deciding")
    submit(boss, f"{form} button[type=submit]")
    assert "Pengendalian diputuskan." in boss.inner_text(".messages")
    assert staff_status(boss) == "Pengendalian diputuskan, menunggu pelaksanaan"
    decided = boss.inner_text("section:has(#keputusan)")
    assert "Pengalihan tugas kepada pegawai lain" in decided and "Andi Saputra" in decided
    assert fits_the_screen(boss)
    snap(boss, shots, "4-superior-decided")
    handover = Pengendalian.objects.get(benturan=case, jenis="pengalihan_tugas")
    assert (handover.pejabat, handover.pengganti, handover.hal) == (declarant, colleague, MATTER)
    assert Benturan.objects.get().state == State.PELAKSANAAN

    # 6. The employee reads the control she must follow; the hold is lifted.
    phone.reload()
    assert status(phone) == "Pengendalian diputuskan, menunggu pelaksanaan"
    assert not phone.locator("#tunda").count()
    controls = phone.inner_text("section:has(#keputusan-judul)")
    assert "Pengalihan tugas kepada pegawai lain" in controls and "Andi Saputra" in controls
    assert REASONS in controls
    assert fits_the_screen(phone)
    snap(phone, shots, "5-phone-control")
    # Neither reaches the other's page of the case.
    assert phone.goto(base + reverse("benturan_staff:detail", args=[case.pk])).status == 404
    assert boss.goto(detail_url).status == 404


COMPLAINT_INTEREST = "Pelapor pengaduan ini, Budi Santoso, adalah sepupu saya."
HANDOVER_REASONS = "Pengaduan dari keluarga sendiri tidak boleh ditangani oleh yang bersangkutan."


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_handler_declares_a_conflict_with_a_complaint_and_the_handover_binds_it(
    chromium, live_server, seeded_again, make_user, shots
):
    base = live_server.url
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    seksi = UnitKerja.objects.create(
        code="pelayanan", name="Seksi Pelayanan Pengaduan", level=UnitKerja.Level.SEKSI, parent=dinas
    )
    superior, superior_device = person(
        make_user,
        roles.PEGAWAI,
        full_name="Hendra Gunawan",
        nip="198207092006041002",
        jabatan="Kepala Seksi Pelayanan Pengaduan",
        unit=seksi,
    )
    seksi.head = superior
    seksi.save()
    handler, handler_device = person(
        make_user,
        roles.PEGAWAI,
        roles.PENGELOLA_PENGADUAN,
        full_name="Sri Wahyuni",
        nip="198602142010012001",
        jabatan="Pengelola Pengaduan",
        unit=seksi,
    )
    colleague, colleague_device = person(
        make_user,
        roles.PEGAWAI,
        roles.PENGELOLA_PENGADUAN,
        full_name="Agus Salim",
        nip="199001012015011001",
        jabatan="Pengelola Pengaduan",
        unit=seksi,
    )
    complaint, _code = pengaduan_services.pengaduan_create(
        title="Antrean KTP-el terlalu lama",
        isi="Saya menunggu enam jam untuk perekaman KTP-el.",
        kategori=KategoriLayanan.objects.get(slug="ktp-el"),
        nama="Budi Santoso",
    )
    case_assign(case=complaint, actor=handler, assignee=handler)
    complaint_url = base + reverse("pengaduan_staff:detail", args=[complaint.pk])

    # 1. The handler, on her phone, declares her conflict from the complaint's page.
    phone = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    phone.goto(complaint_url)
    sign_in(phone, handler, handler_device)
    assert phone.url == complaint_url
    phone.click("details.conflict > summary:text-is('Saya memiliki benturan kepentingan dengan kasus ini')")
    form = "#nyatakan-benturan"
    phone.check(f"{form} input[name='benturan-nyatakan-jenis'][value=potensial]")
    phone.select_option(f"{form} select[name='benturan-nyatakan-sumber']", label="Afiliasi: hubungan keluarga")
    phone.fill(f"{form} textarea[name='benturan-nyatakan-kepentingan']", COMPLAINT_INTEREST)
    # Sent without the confirmation: refused on the complaint's page, everything kept.
    submit(phone, f"{form} button[type=submit]")
    assert not Benturan.objects.exists()
    assert phone.url == complaint_url.replace(
        f"/staf/pengaduan/{complaint.pk}/", f"/staf/kasus/{complaint.pk}/benturan-kepentingan/"
    )
    assert "Centang pernyataan ini untuk melanjutkan." in phone.inner_text(form)
    assert phone.input_value(f"{form} textarea[name='benturan-nyatakan-kepentingan']") == COMPLAINT_INTEREST
    assert fits_the_screen(phone)
    snap(phone, shots, "6-handler-refused")
    phone.check(f"{form} input[name='benturan-nyatakan-konfirmasi']")
    submit(phone, f"{form} button[type=submit]")
    conflict = Benturan.objects.get()
    assert phone.url == base + reverse("benturan:detail", args=[conflict.pk])
    assert "Anda dikecualikan dari kasus tersebut sampai atasan memutuskan." in phone.inner_text(".messages")
    assert status(phone) == "Diajukan, menunggu atasan"
    assert fits_the_screen(phone)
    snap(phone, shots, "7-handler-declared")
    # Recused at once: the complaint is gone from her, and back in the pool.
    assert phone.goto(complaint_url).status == 404
    assert Pengaduan.objects.get(pk=complaint.pk).assignee is None

    # 2. Her superior signs in with password and code, and decides a handover to Agus.
    boss = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    boss.goto(base + reverse("accounts:login"))
    sign_in(boss, superior, superior_device)
    assert conflict.reference in boss.inner_text("main")
    with boss.expect_navigation():
        boss.get_by_role("link", name=conflict.reference, exact=True).click()
    filed = boss.inner_text("section:has(#isi)")
    assert COMPLAINT_INTEREST in filed and "Pengaduan masyarakat" in filed
    assert complaint.reference not in boss.inner_text("main")  # not his to open
    submit(boss, f"{act(boss, 'mulai_analisis')} button[type=submit]")
    form = act(boss, "putuskan_pengendalian")
    boss.check(f"{form} input[name='putuskan_pengendalian-controls'][value='pengalihan_tugas']")
    boss.select_option(f"{form} select[name='putuskan_pengendalian-pengganti']", str(colleague.pk))
    boss.fill(f"{form} textarea[name='putuskan_pengendalian-alasan']", HANDOVER_REASONS)
    assert fits_the_screen(boss)
    submit(boss, f"{form} button[type=submit]")
    assert "Pengendalian diputuskan." in boss.inner_text(".messages")
    decided = boss.inner_text("section:has(#keputusan)")
    assert "Agus Salim" in decided and "juga yang dibuka kemudian" in decided
    assert fits_the_screen(boss)
    snap(boss, shots, "8-superior-decided-handover")
    assert Recusal.objects.get(case=complaint, user=handler).reason == Recusal.Reason.PENGENDALIAN

    # 3. She still cannot open the complaint; it is not in her inbox.
    assert phone.goto(complaint_url).status == 404
    phone.goto(base + reverse("casework:inbox"))
    assert complaint.reference not in phone.inner_text("main")

    # 4. Agus holds it now, finds it in his inbox and verifies it from his phone.
    desk = chromium.new_context(viewport=PHONE, locale="id-ID").new_page()
    desk.goto(base + reverse("accounts:login"))
    sign_in(desk, colleague, colleague_device)
    assert complaint.reference in desk.inner_text("main")
    with desk.expect_navigation():
        desk.get_by_role("link", name=complaint.reference, exact=True).click()
    assert desk.url == complaint_url
    # The history says a handler was recused under a control, never who, nor which case
    # recused them (the conflict case is not his to open).
    lines = " ".join(desk.locator("ol.timeline li", has_text="benturan kepentingan").all_inner_texts())
    assert "berdasarkan pengendalian benturan kepentingan" in lines and "Sri Wahyuni" not in lines
    assert conflict.reference not in desk.inner_text("main")
    form = act(desk, "verifikasi")
    submit(desk, f"{form} button[type=submit]")
    assert "Pengaduan diverifikasi." in desk.inner_text(".messages")
    assert fits_the_screen(desk)
    snap(desk, shots, "9-colleague-acted")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.assignee) == (ComplaintState.DIVERIFIKASI, colleague)
