"""Conflicts filed from another case's page (casework.conflicts, benturan.services_from_cases).

- A handler declares their own conflict with the case they are on, from the page of any
  kind (complaint, WBS report, gift declaration, conflict case): they are recused from it
  at once, it goes back to the pool (or, for a conflict case, on to the next decider), and
  a conflict case goes to their superior, linked to the source without copying it.
- The superior's decision replaces that recusal: "no conflict" gives the case back; a
  handover gives it to the named colleague.
- A Pengelola Pengaduan or Pengelola WBS turns a complaint or a WBS report into a conflict
  reported about the official it names. Nothing of the source is copied: the WBS reporter
  stays anonymous and unreachable, and the official never learns who reported.
"""

import re

import pytest
from django.db import connection
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from benturan import services
from benturan.choices import Asal, Jenis, JenisHal, JenisPengendalian, Sumber
from benturan.models import Benturan
from casework import access
from casework.models import Attachment, NamedPerson, Recusal, TimelineEntry
from casework.services import case_assign
from casework.tests.samples import pdf_with_metadata, upload
from pengaduan import services as pengaduan_services
from pengaduan.models import KategoriLayanan
from security import audit
from security.models import AuditEntry
from wbs import services as wbs_services
from wbs.choices import Kategori
from wbs.identity import Identitas
from wbs.reported import TerlaporInput

from .conftest import _person

DECLARE = "case:declare_conflict"
REPORT = "case:report_conflict"
INTEREST = "Pelapor kasus ini adalah adik ipar saya."


@pytest.fixture
def handlers(make_user, tree, kasi):
    """A handler of each kind, in the seksi whose head (kasi) is their superior."""

    def make(role, name):
        return _person(make_user, roles.PEGAWAI, role, full_name=name, jabatan="Pengelola", unit=tree["seksi"])

    return {
        "pengaduan": make(roles.PENGELOLA_PENGADUAN, "Sri Wahyuni"),
        "pengaduan_2": make(roles.PENGELOLA_PENGADUAN, "Agus Salim"),
        "wbs": make(roles.PENGELOLA_WBS, "Yanti Susanti"),
        "wbs_2": make(roles.PENGELOLA_WBS, "Bayu Prakoso"),
        "gratifikasi": make(roles.PETUGAS_UPG, "Dewi Lestari"),
        "gratifikasi_2": make(roles.PETUGAS_UPG, "Rudi Hartono"),
    }


@pytest.fixture
def complaint(db):
    def file(**extra):
        case, _code = pengaduan_services.pengaduan_create(
            title="Petugas meminta uang",
            isi="KANARI-PGD-ISI petugas meminta uang untuk mempercepat KTP-el.",
            kategori=KategoriLayanan.objects.get(slug="ktp-el"),
            nama="KANARI-PGD-PELAPOR",
            email="kanari.pgd@example.test",
            **extra,
        )
        return case

    return file


WBS_CANARIES = {
    "title": "KANARI-WBS-JUDUL",
    "apa": "KANARI-WBS-APA rekanan dimenangkan",
    "dimana": "KANARI-WBS-DIMANA ruang rapat",
    "identitas": "KANARI-WBS-PELAPOR-NAMA",
    "telepon": "0899 7777 6666",
    "kontak": "kanari.kontak@example.test",
    "file": "KANARI-WBS-BERKAS",
}


@pytest.fixture
def wbs_report(db):
    def file(*, terlapor=()):
        case, _code = wbs_services.wbs_create(
            title=WBS_CANARIES["title"],
            kategori=Kategori.KORUPSI,
            apa=WBS_CANARIES["apa"],
            dimana=WBS_CANARIES["dimana"],
            kapan="Maret 2026",
            bagaimana="Lisan.",
            terlapor=list(terlapor),
            identitas=Identitas(nama=WBS_CANARIES["identitas"], telepon=WBS_CANARIES["telepon"]),
            kontak_email=WBS_CANARIES["kontak"],
            bukti=[upload(pdf_with_metadata(), f"{WBS_CANARIES['file']}.pdf", "application/pdf")],
        )
        return case

    return file


@pytest.fixture
def gift(make_user, tree):
    from gratifikasi import services as gratifikasi_services
    from gratifikasi.tests.conftest import declaration_values

    declarant = _person(
        make_user,
        roles.PEGAWAI,
        full_name="Wulan Sari",
        nip="199001012015012003",
        jabatan="Operator",
        unit=tree["seksi_lain"],
        nik="3201014507950001",
        phone="0812 3456 7890",
        address="Jl. Merdeka No. 10, Bandung",
    )

    def declare():
        return gratifikasi_services.declaration_submit(declarant=declarant, data=declaration_values(declarant))

    return declare


def declaration_post(**changes):
    data = {
        "benturan-nyatakan-jenis": Jenis.POTENSIAL,
        "benturan-nyatakan-sumber": Sumber.AFILIASI_KELUARGA,
        "benturan-nyatakan-kepentingan": INTEREST,
        "benturan-nyatakan-pihak_lain": "",
        "benturan-nyatakan-konfirmasi": "on",
    }
    data.update(changes)
    return data


def staff_page(case) -> str:
    from casework.views_case import case_url

    return case_url(case)


@pytest.fixture
def held_case(handlers, complaint, wbs_report, gift, declare, kasi_lain, outsider):
    """A case of each kind, held by the handler who will declare a conflict with it."""

    def make(kind):
        if kind == "benturan":
            # A conflict case the Kepala Seksi Pindah Datang decides (the outsider's superior).
            case = declare(declarant=outsider)
            return case, kasi_lain
        handler = handlers[kind]
        case = {"pengaduan": complaint, "wbs": wbs_report, "gratifikasi": gift}[kind]()
        case_assign(case=case, actor=handler, assignee=handler)
        return case, handler

    return make


@pytest.mark.parametrize("kind", ["pengaduan", "wbs", "gratifikasi", "benturan"])
def test_a_handler_declares_a_conflict_from_the_case_page_and_is_recused_at_once(client, held_case, kind, kasi, kabid):
    source, handler = held_case(kind)
    verified_login(client, handler)
    page = staff_page(source)
    body = client.get(page).content.decode()
    assert 'id="nyatakan-benturan"' in body and reverse(DECLARE, args=[source.pk]) in body

    response = client.post(reverse(DECLARE, args=[source.pk]), declaration_post())
    conflict = Benturan.objects.exclude(pk=source.pk).get(declarant=handler)
    assert response.status_code == 302 and response["Location"] == reverse("benturan:detail", args=[conflict.pk])
    # Recused at once: the case is gone from every list and page of theirs.
    assert not access.can_view(handler, source)
    assert client.get(page).status_code == 404
    recusal = Recusal.objects.get(case=source, user=handler)
    assert recusal.reason == Recusal.Reason.KONFLIK and recusal.rule.source_case_id == conflict.pk
    source.refresh_from_db()
    if kind == "benturan":
        # A conflict case goes on to the next decider in line.
        assert source.assignee == kabid and Benturan.objects.get(pk=source.pk).atasan == kabid
    else:
        assert source.assignee is None
    # The conflict case goes to the handler's superior, linked to the source, copying nothing.
    assert (conflict.asal, conflict.pejabat, conflict.atasan) == (
        Asal.DEKLARASI,
        handler,
        kasi if kind != "benturan" else kabid,
    )
    assert conflict.kasus_terkait_id == source.pk and conflict.rujukan_kasus == ""
    assert conflict.kepentingan == INTEREST and source.reference not in conflict.hal
    assert conflict.hal_jenis == JenisHal.KEPUTUSAN
    line = TimelineEntry.objects.get(case=source, transition="control_recusal")
    assert handler.full_name not in line.note and line.linked_case_id == conflict.pk


def test_a_refused_declaration_comes_back_on_the_kind_page_with_what_was_typed(client, held_case):
    source, handler = held_case("wbs")
    verified_login(client, handler)
    response = client.post(reverse(DECLARE, args=[source.pk]), declaration_post(**{"benturan-nyatakan-konfirmasi": ""}))
    assert response.status_code == 400
    assert "wbs/staff/detail.html" in [template.name for template in response.templates]
    body = response.content.decode()
    assert INTEREST in body and "Centang pernyataan ini untuk melanjutkan." in body
    assert not Benturan.objects.exists() and access.can_view(handler, source)


def test_someone_who_may_not_see_the_case_cannot_declare_a_conflict_with_it(client, held_case, pegawai):
    source, _handler = held_case("pengaduan")
    verified_login(client, pegawai)
    assert client.post(reverse(DECLARE, args=[source.pk]), declaration_post()).status_code == 404
    assert not Benturan.objects.exists()


def decide(conflict, decider, **arguments):
    services.benturan_start_analysis(case=conflict, actor=decider)
    if arguments.pop("no_conflict", False):
        return services.benturan_decide_no_conflict(case=conflict, actor=decider, alasan="Tidak ada hubungan.")
    return services.benturan_decide_control(
        case=conflict, actor=decider, hal=conflict.hal, alasan="Hubungan keluarga dengan pelapor.", **arguments
    )


def test_no_conflict_gives_the_case_back_to_the_declarant(client, held_case, kasi):
    source, handler = held_case("pengaduan")
    verified_login(client, handler)
    client.post(reverse(DECLARE, args=[source.pk]), declaration_post())
    conflict = Benturan.objects.get(declarant=handler)
    decide(conflict, kasi, no_conflict=True)
    assert access.can_view(handler, source) and not Recusal.objects.filter(case=source).exists()
    assert TimelineEntry.objects.filter(case=source, transition="control_recusal_lifted").exists()


def test_a_decided_handover_gives_the_case_to_the_colleague(client, held_case, handlers, kasi):
    source, handler = held_case("gratifikasi")
    colleague = handlers["gratifikasi_2"]
    verified_login(client, handler)
    client.post(reverse(DECLARE, args=[source.pk]), declaration_post())
    conflict = Benturan.objects.get(declarant=handler)
    decide(conflict, kasi, controls=[JenisPengendalian.PENGALIHAN_TUGAS], pengganti=colleague)
    source.refresh_from_db()
    assert source.assignee == colleague
    # The decision's recusal replaced the declaration's: still recused, from the control.
    recusal = Recusal.objects.get(case=source, user=handler)
    assert recusal.reason == Recusal.Reason.PENGENDALIAN and recusal.handed_to == colleague
    assert not access.can_view(handler, source) and access.can_act(colleague, source, "registrasi")


def test_recording_alone_gives_the_case_back(client, held_case, kasi):
    source, handler = held_case("wbs")
    verified_login(client, handler)
    client.post(reverse(DECLARE, args=[source.pk]), declaration_post())
    decide(Benturan.objects.get(declarant=handler), kasi, controls=[JenisPengendalian.PENCATATAN])
    assert access.can_view(handler, source)


# --- A complaint or WBS report turned into a conflict case -----------------------------------


def report_post(pejabat, **changes):
    data = {
        "benturan-laporkan-pejabat": pejabat.pk,
        "benturan-laporkan-jenis": Jenis.AKTUAL,
        "benturan-laporkan-sumber": Sumber.AFILIASI_USAHA,
        "benturan-laporkan-hal_jenis": JenisHal.PENGADAAN,
        "benturan-laporkan-hal": "Penetapan pemenang pengadaan jasa cetak 2026",
        "benturan-laporkan-kepentingan": "Pejabat ini ikut menilai penawaran usaha milik keluarganya.",
        "benturan-laporkan-pihak_lain": "",
    }
    data.update(changes)
    return data


def raw_rows(table: str, where: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE {where}", params)  # noqa: S608 - test-only, fixed names
        return repr(cursor.fetchall())


def test_a_wbs_report_turned_into_a_conflict_case_keeps_its_reporter_anonymous(
    client, wbs_report, handlers, pegawai, kasi
):
    handler = handlers["wbs"]
    source = wbs_report(terlapor=[TerlaporInput(nama="Rina", jabatan="Pengadministrasi", user=pegawai)])
    case_assign(case=source, actor=handler, assignee=handler)
    verified_login(client, handler)
    body = client.get(staff_page(source)).content.decode()
    assert 'id="laporkan-benturan"' in body
    response = client.post(reverse(REPORT, args=[source.pk]), report_post(pegawai))
    assert response.status_code == 302 and response["Location"] == staff_page(source)

    conflict = Benturan.objects.get()
    # A report by the handler about the official the report names, sent to her superior.
    assert (conflict.asal, conflict.declarant, conflict.pejabat, conflict.atasan) == (
        Asal.LAPORAN,
        handler,
        pegawai,
        kasi,
    )
    assert conflict.is_anonymous and conflict.kasus_terkait is None and conflict.rujukan_kasus == ""
    assert conflict.sumber_kasus_id == source.pk
    # Nothing of the report in the conflict case's rows, encrypted or not.
    stored = " ".join(
        [
            raw_rows("benturan_benturan", "case_ptr_id = %s", [conflict.pk]),
            raw_rows("casework_case", "id = %s", [conflict.pk]),
            raw_rows("casework_timelineentry", "case_id = %s", [conflict.pk]),
            raw_rows("security_auditentry", "case_id = %s", [conflict.pk]),
            conflict.title,
            conflict.hal,
            conflict.kepentingan,
            conflict.pihak_lain,
            " ".join(entry.note + entry.public_note for entry in TimelineEntry.objects.filter(case=conflict)),
        ]
    )
    for canary in (*WBS_CANARIES.values(), source.reference):
        assert canary not in stored
    # Not even the link in clear: the report's id is stored encrypted.
    assert re.search(r"'enc:v\d+:[^']+'", raw_rows("benturan_benturan", "case_ptr_id = %s", [conflict.pk]))
    assert not Attachment.objects.filter(case=conflict).exists()
    assert not NamedPerson.objects.filter(case=conflict).exists()
    assert Attachment.objects.filter(case=source).count() == 1  # the report keeps its own
    # The report's history says it was turned into a conflict case, and its audit entry
    # names neither the conflict case nor the official.
    line = TimelineEntry.objects.get(case=source, transition="conflict_reported")
    assert line.actor == handler and line.linked_case_id == conflict.pk
    entry = AuditEntry.objects.get(event=audit.Event.CASE_CONFLICT_REPORTED)
    assert entry.case_id == source.pk and set(entry.data) <= {"client"}

    # The superior reads "a WBS report", never its number (the report is not hers to open).
    verified_login(client, kasi)
    page = client.get(reverse("benturan_staff:detail", args=[conflict.pk])).content.decode()
    assert "Whistle-Blowing System (WBS)" in page and source.reference not in page
    for canary in WBS_CANARIES.values():
        assert canary not in page
    # Decided: the official reads the control, never who reported, nor that a WBS report exists.
    services.benturan_start_analysis(case=conflict, actor=kasi)
    services.benturan_decide_control(
        case=conflict, actor=kasi, controls=[JenisPengendalian.RECUSAL], hal=conflict.hal, alasan="Terbukti."
    )
    verified_login(client, pegawai)
    notice = client.get(reverse("benturan:notice", args=[conflict.pk])).content.decode()
    main = notice[notice.index("<main") : notice.index("</main>")]
    assert handler.full_name not in main and source.reference not in main and "WBS" not in main
    # The handler who reported sees the conflict case on their own pages, and the report
    # stays theirs to handle.
    assert access.can_view(handler, source)


def test_a_complaint_turned_into_a_conflict_case_links_both_ways_for_who_may_see(
    client, complaint, handlers, pegawai, kasi, make_user
):
    handler = handlers["pengaduan"]
    source = complaint()
    pengaduan_services.pengaduan_add_concerned(case=source, actor=handler, nama="Rina Marlina", user=pegawai)
    verified_login(client, handler)
    assert client.post(reverse(REPORT, args=[source.pk]), report_post(pegawai)).status_code == 302
    conflict = Benturan.objects.get()
    assert conflict.kepentingan.startswith("Pejabat ini") and "KANARI" not in conflict.kepentingan
    # The complaint's page names the conflict case only to who may open it.
    body = client.get(staff_page(source)).content.decode()
    assert "Dilaporkan sebagai benturan kepentingan" in body and conflict.reference not in body
    both = _person(make_user, roles.PENGELOLA_PENGADUAN, roles.TIM_BENTURAN, full_name="Lestari")
    verified_login(client, both)
    assert conflict.reference in client.get(staff_page(source)).content.decode()
    page = client.get(reverse("benturan_staff:detail", args=[conflict.pk])).content.decode()
    assert source.reference in page


def test_a_form_sent_twice_files_one_conflict_case(client, complaint, handlers, pegawai):
    handler = handlers["pengaduan"]
    source = complaint()
    pengaduan_services.pengaduan_add_concerned(case=source, actor=handler, nama="Rina Marlina", user=pegawai)
    verified_login(client, handler)
    data = report_post(pegawai, **{"benturan-laporkan-kunci_kiriman": "5f0c8a52-8d6d-4a8e-9d55-6d0e6b1e2a11"})
    client.post(reverse(REPORT, args=[source.pk]), data)
    client.post(reverse(REPORT, args=[source.pk]), data)
    assert Benturan.objects.count() == 1
    assert TimelineEntry.objects.filter(case=source, transition="conflict_reported").count() == 1


def test_only_the_official_the_case_names_can_be_reported(client, complaint, handlers, pegawai, colleague):
    handler = handlers["pengaduan"]
    source = complaint()
    pengaduan_services.pengaduan_add_concerned(case=source, actor=handler, nama="Rina Marlina", user=pegawai)
    verified_login(client, handler)
    response = client.post(reverse(REPORT, args=[source.pk]), report_post(colleague))
    assert response.status_code == 400 and not Benturan.objects.exists()
    assert "Pegawai yang dipilih tidak tersedia" in response.content.decode()
    from django.core.exceptions import ValidationError

    from benturan.services_from_cases import benturan_report_from_case

    with pytest.raises(ValidationError) as refused:
        benturan_report_from_case(
            source=source,
            reporter=handler,
            pejabat=colleague,
            data={
                "jenis": Jenis.AKTUAL,
                "sumber": Sumber.AFILIASI_USAHA,
                "hal_jenis": JenisHal.PENGADAAN,
                "hal": "Pengadaan",
                "kepentingan": "Usaha keluarga.",
                "pihak_lain": "",
            },
        )
    assert "pejabat" in refused.value.message_dict


def test_who_may_not_turn_a_case_into_a_conflict_case(
    client, complaint, wbs_report, gift, handlers, pegawai, make_user
):
    source = complaint()
    pengaduan_services.pengaduan_add_concerned(
        case=source, actor=handlers["pengaduan"], nama="Rina Marlina", user=pegawai
    )
    pimpinan = make_user(roles.PIMPINAN)
    # An overseer of complaints reads them but turns none into a conflict case.
    verified_login(client, pimpinan)
    assert 'id="laporkan-benturan"' not in client.get(staff_page(source)).content.decode()
    assert client.post(reverse(REPORT, args=[source.pk]), report_post(pegawai)).status_code == 403
    # A gift declaration is never turned into one.
    declaration = gift()
    verified_login(client, handlers["gratifikasi"])
    assert 'id="laporkan-benturan"' not in client.get(staff_page(declaration)).content.decode()
    assert client.post(reverse(REPORT, args=[declaration.pk]), report_post(pegawai)).status_code == 403
    # A WBS report is not found for a Pengelola Pengaduan.
    report = wbs_report(terlapor=[TerlaporInput(nama="Rina", user=pegawai)])
    verified_login(client, handlers["pengaduan"])
    assert client.post(reverse(REPORT, args=[report.pk]), report_post(pegawai)).status_code == 404
    assert not Benturan.objects.exists()


def test_nothing_is_declared_without_a_second_factor(client, held_case):
    source, handler = held_case("pengaduan")
    client.force_login(handler)
    response = client.post(reverse(DECLARE, args=[source.pk]), declaration_post())
    assert response.status_code in (302, 403) and not Benturan.objects.exists()
    assert access.can_view(handler, source)


def test_a_case_naming_no_official_says_how_to_report_one_first(client, complaint, handlers, pegawai):
    handler = handlers["pengaduan"]
    source = complaint()
    verified_login(client, handler)
    body = client.get(staff_page(source)).content.decode()
    assert "belum menyebut pejabat yang dicocokkan" in body and 'id="laporkan-benturan"' not in body
    pengaduan_services.pengaduan_add_concerned(case=source, actor=handler, nama="Rina Marlina", user=pegawai)
    body = client.get(staff_page(source)).content.decode()
    assert 'id="laporkan-benturan"' in body and "Rina Marlina" in body


def test_the_implementation_matrix_names_where_a_case_came_from_and_hides_a_wbs_matter(
    client, complaint, wbs_report, handlers, pegawai, make_user
):
    import io

    from openpyxl import load_workbook

    from_complaint = complaint()
    pengaduan_services.pengaduan_add_concerned(
        case=from_complaint, actor=handlers["pengaduan"], nama="Rina Marlina", user=pegawai
    )
    verified_login(client, handlers["pengaduan"])
    client.post(reverse(REPORT, args=[from_complaint.pk]), report_post(pegawai, **{"benturan-laporkan-hal": "HAL-PGD"}))
    from_wbs = wbs_report(terlapor=[TerlaporInput(nama="Rina", jabatan="Pengadministrasi", user=pegawai)])
    case_assign(case=from_wbs, actor=handlers["wbs"], assignee=handlers["wbs"])
    verified_login(client, handlers["wbs"])
    client.post(reverse(REPORT, args=[from_wbs.pk]), report_post(pegawai, **{"benturan-laporkan-hal": "HAL-WBS"}))
    assert Benturan.objects.count() == 2

    verified_login(client, _person(make_user, roles.TIM_BENTURAN, full_name="Tim"))
    page = client.get(reverse("benturan_register:matrix")).content.decode()
    assert "Dari pengaduan" in page and "Laporan WBS" in page
    assert "HAL-PGD" in page and "HAL-WBS" not in page and from_wbs.reference not in page
    export = client.get(reverse("benturan_register:matrix_export"))
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert {"Dari pengaduan", "Laporan WBS", "HAL-PGD"} <= cells and "HAL-WBS" not in cells
