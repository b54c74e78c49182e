"""A conflict-of-interest control binds every kind of case (ISSUE13, "Controls bind every
kind of case").

Rina handles complaints, WBS reports and gift declarations. Her cousin Budi Santoso runs a
supplier; she declares the conflict and her superior decides a handover of her tasks
about him to Dedi, a colleague with the same roles. From that moment the complaint Budi
filed, the WBS report naming him and the gift he gave are gone from Rina's sight
everywhere (pages, lists, inbox, counts, search, files, PDFs, reminder mail), she cannot
act on them and is not offered for them, and Dedi holds them and acts. Cases about Budi
opened later (entered by staff, sent through the public form and opened by the intake
worker, filed to the WBS, declared to the UPG) never reach her. Ending the control gives
back exactly what it took: every case it hid, and none that is hidden from her for
another reason.
"""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import verified_login
from benturan import services as benturan_services
from benturan.choices import Jenis, JenisHal, JenisPengendalian, Sumber
from benturan.models import Pengendalian
from casework import access, intake, selectors
from casework.models import Attachment, Recusal, RecusalRule, TimelineEntry
from casework.notifications import escalation_recipients, reminder_recipients
from casework.services import case_assign, case_recuse
from casework.tasks import run_deadline_sweep
from casework.tests.samples import pdf_with_metadata, upload
from gratifikasi import services as gratifikasi_services
from gratifikasi.choices import HubunganPemberi, JenisPeristiwa
from gratifikasi.tests.conftest import declaration_values
from pengaduan import selectors as pengaduan_selectors
from pengaduan import services as pengaduan_services
from pengaduan.choices import Channel
from pengaduan.models import KategoriLayanan, Pengaduan
from security import audit
from security.models import AuditEntry
from tests.test_database_dump import dump_database
from wbs import services as wbs_services
from wbs.choices import Kategori
from wbs.reported import TerlaporInput

COUSIN = "Budi Santoso"
HANDLER_ROLES = (roles.PEGAWAI, roles.PENGELOLA_PENGADUAN, roles.PENGELOLA_WBS, roles.PETUGAS_UPG)


def _person(make_user, *role_names, full_name, **extra):
    user = make_user(*role_names, **extra)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def people(make_user):
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    seksi = UnitKerja.objects.create(code="seksi", name="Seksi Pelayanan", level=UnitKerja.Level.SEKSI, parent=dinas)
    kasi = _person(make_user, roles.PEGAWAI, full_name="Hendra Gunawan", jabatan="Kepala Seksi", unit=seksi)
    seksi.head = kasi
    seksi.save(update_fields=["head"])
    return {
        "rina": _person(make_user, *HANDLER_ROLES, full_name="Rina Marlina", jabatan="Pengelola", unit=seksi),
        "dedi": _person(make_user, *HANDLER_ROLES, full_name="Dedi Kurniawan", jabatan="Pengelola", unit=seksi),
        "kasi": kasi,
        "declarant": _person(
            make_user,
            roles.PEGAWAI,
            full_name="Wulan Sari",
            nip="199507302019031005",
            jabatan="Operator",
            unit=seksi,
            nik="3201014507950001",
            phone="0812 3456 7890",
            address="Jl. Merdeka No. 10, Bandung",
        ),
    }


@pytest.fixture
def kategori(db):
    return KategoriLayanan.objects.get(slug="ktp-el")


@pytest.fixture
def complaint(kategori, people):
    def file(*, nama=COUSIN, actor=None, channel=Channel.WEB, **extra):
        case, _code = pengaduan_services.pengaduan_create(
            actor=actor,
            channel=channel,
            title="Antrean KTP-el terlalu lama",
            isi="Saya menunggu enam jam untuk perekaman KTP-el.",
            kategori=kategori,
            nama=nama,
            **extra,
        )
        return case

    return file


@pytest.fixture
def report(db):
    def file(*, nama=COUSIN, **extra):
        case, _code = wbs_services.wbs_create(
            title="Rekanan menyuap petugas",
            kategori=Kategori.KORUPSI,
            apa="Rekanan memberi uang agar tagihannya dibayar cepat.",
            dimana="Kantor Disdukcapil",
            kapan="Maret 2026",
            bagaimana="Tunai di parkiran.",
            terlapor=[TerlaporInput(nama=nama, jabatan="Direktur CV Sinar Cetak")],
            **extra,
        )
        return case

    return file


@pytest.fixture
def gift(people):
    def declare(*, pemberi=COUSIN):
        declarant = people["declarant"]
        data = declaration_values(
            declarant,
            pemberi_nama=pemberi,
            pemberi_instansi="CV Sinar Cetak",
            hubungan=HubunganPemberi.REKANAN,
            jenis_peristiwa=JenisPeristiwa.LAINNYA,
        )
        return gratifikasi_services.declaration_submit(declarant=declarant, data=data)

    return declare


@pytest.fixture
def world(people, complaint, report, gift):
    """Rina holds a complaint Budi filed, a WBS report naming him, his gift, and a
    complaint about something else; a second complaint by Budi she is also recused from
    for another reason (the engine's own recusal)."""
    rina = people["rina"]
    cases = {
        "complaint": complaint(),
        "report": report(),
        "gift": gift(),
        "unrelated": complaint(nama="Siti Rahmawati"),
        "also_recused": complaint(),
    }
    for case in cases.values():
        case_assign(case=case, actor=rina, assignee=rina)
    case_recuse(case=cases["also_recused"], user=rina, reason=Recusal.Reason.TERLAPOR)
    return cases


def decide_handover(people, *, pihak_nama=COUSIN):
    """Rina declares the conflict; her superior decides a handover of her tasks with her
    cousin to Dedi."""
    case = benturan_services.benturan_declare(
        declarant=people["rina"],
        data={
            "jenis": Jenis.POTENSIAL,
            "sumber": Sumber.AFILIASI_KELUARGA,
            "hal_jenis": JenisHal.KEGIATAN,
            "hal": "Penanganan urusan CV Sinar Cetak",
            "rujukan_kasus": "",
            "kepentingan": "Sepupu saya Budi Santoso direktur CV Sinar Cetak.",
            "pihak_lain": "Budi Santoso (sepupu)",
        },
    )
    benturan_services.benturan_start_analysis(case=case, actor=people["kasi"])
    return benturan_services.benturan_decide_control(
        case=case,
        actor=people["kasi"],
        controls=[JenisPengendalian.PENGALIHAN_TUGAS],
        hal="Setiap urusan dengan Budi Santoso dan CV Sinar Cetak",
        pengganti=people["dedi"],
        pihak_nama=pihak_nama,
        alasan="Hubungan keluarga dengan pihak dalam urusan tersebut.",
    )


STAFF_PAGE = {
    "pengaduan": "pengaduan_staff:detail",
    "wbs": "wbs_staff:detail",
    "gratifikasi": "gratifikasi_staff:detail",
}
STAFF_LIST = {
    "pengaduan": "pengaduan_staff:list",
    "wbs": "wbs_staff:list",
    "gratifikasi": "gratifikasi_staff:list",
}


def hidden_from(client, user, case) -> None:
    """`case` is nowhere for `user`: the access door, the lists and their counts, the
    inbox, a search by its number, its page, its actions and its assignment list."""
    assert not access.can_view(user, case)
    assert not access.visible_cases(user).filter(pk=case.pk).exists()
    assert not access.inbox_cases(user).filter(pk=case.pk).exists()
    assert user not in selectors.assignable_users(case)
    assert not access.can_act(user, case, "message")
    if case.kind == "pengaduan":
        assert not pengaduan_selectors.pengaduan_list(user, search=case.reference).filter(pk=case.pk).exists()
    verified_login(client, user)
    link = reverse(STAFF_PAGE[case.kind], args=[case.pk])
    assert client.get(link).status_code == 404
    listed = client.get(reverse(STAFF_LIST[case.kind])).content.decode()
    assert case.reference not in listed and f'href="{link}"' not in listed
    found = client.get(reverse(STAFF_LIST[case.kind]), {"cari": case.reference})
    assert found.status_code == 200 and f'href="{link}"' not in found.content.decode()
    assert case.reference not in client.get(reverse("casework:inbox")).content.decode()


def seen_by(client, user, case) -> None:
    assert access.can_view(user, case)
    verified_login(client, user)
    assert client.get(reverse(STAFF_PAGE[case.kind], args=[case.pk])).status_code == 200


def test_a_decided_handover_hides_every_kind_of_case_about_the_party_and_hands_it_over(
    client, people, world, make_user
):
    rina, dedi = people["rina"], people["dedi"]
    counts_before = access.visible_cases(rina).count(), access.inbox_cases(rina).count()
    conflict = decide_handover(people)

    bound = [world["complaint"], world["report"], world["gift"]]
    for case in bound:
        case.refresh_from_db()
        hidden_from(client, rina, case)
        # The colleague the handover names holds it, and acts on it.
        assert case.assignee == dedi
        seen_by(client, dedi, case)
        recusal = Recusal.objects.get(case=case, user=rina, rule__isnull=False)
        assert (recusal.reason, recusal.took_case, recusal.handed_to) == (Recusal.Reason.PENGENDALIAN, True, dedi)
    # Exactly three cases fewer in her lists and inbox; the unrelated one stays hers.
    assert access.visible_cases(rina).count() == counts_before[0] - 3
    assert access.inbox_cases(rina).count() == counts_before[1] - 3
    world["unrelated"].refresh_from_db()
    assert world["unrelated"].assignee == rina and access.can_view(rina, world["unrelated"])

    pengaduan_services.pengaduan_verify(case=world["complaint"], actor=dedi)
    wbs_services.wbs_verify(case=world["report"], actor=dedi)
    gratifikasi_services.declaration_register(case=world["gift"], actor=dedi)
    for case in bound:
        assert access.can_act(dedi, case, "message")

    # The control is recorded as one rule, matched by a keyed digest, never the name.
    rule = RecusalRule.objects.get(source_case=conflict)
    assert rule.user == rina and rule.substitute == dedi and rule.name_digest and not rule.account_digest
    assert COUSIN not in str(RecusalRule.objects.values().get())
    # Nowhere in the database is the party's name in clear, however it was written.
    dump = dump_database().casefold()
    assert COUSIN.casefold() not in dump and "santoso" not in dump

    # The history of each bound case says a handler was recused under a control, not who.
    for case in bound:
        line = TimelineEntry.objects.get(case=case, transition="control_recusal")
        assert "Rina" not in line.note and line.actor is None
        assert line.linked_case_id == conflict.pk
    assert AuditEntry.objects.filter(event=audit.Event.CASE_RECUSAL, case_id__in=[c.pk for c in bound]).count() == 3


def test_the_recused_person_gets_no_file_no_pdf_and_no_reminder_of_a_bound_case(client, people, world, settings):
    rina = people["rina"]
    attachment_case = world["report"]
    from casework import attachments

    attachments.add_attachment(
        case=attachment_case, upload=upload(pdf_with_metadata(), "bukti.pdf"), from_reporter=True
    )
    attachment = Attachment.objects.get(case=attachment_case)
    decide_handover(people)

    verified_login(client, rina)
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 404
    assert client.get(reverse("gratifikasi_staff:kpk_form", args=[world["gift"].pk])).status_code == 404
    verified_login(client, people["dedi"])
    assert client.get(reverse("files:download", args=[attachment.pk])).status_code == 200
    assert client.get(reverse("gratifikasi_staff:kpk_form", args=[world["gift"].pk])).status_code == 200

    for name in ("complaint", "report", "gift"):
        case = world[name]
        case.refresh_from_db()
        assert rina not in reminder_recipients(case) and rina not in escalation_recipients(case)
    # The sweep's mail, on a day every clock is overdue: nothing to Rina names a bound case.
    mail.outbox.clear()
    run_deadline_sweep(today=timezone.localdate() + datetime.timedelta(days=120))
    to_rina = " ".join(message.body for message in mail.outbox if rina.email in message.to)
    to_dedi = " ".join(message.body for message in mail.outbox if people["dedi"].email in message.to)
    for name in ("complaint", "report", "gift"):
        assert world[name].reference not in to_rina
        assert world[name].reference in to_dedi
    assert world["unrelated"].reference in to_rina


def test_cases_about_the_party_opened_later_never_reach_the_recused_person(
    client, people, world, complaint, report, gift, make_user, kategori
):
    rina = people["rina"]
    desk = _person(make_user, roles.PENGELOLA_PENGADUAN, full_name="Petugas Meja")
    decide_handover(people)

    entered = complaint(actor=desk, channel=Channel.TELEPON, nama="BUDI  SANTOSO")
    pending, _code = pengaduan_services.pengaduan_submit(
        title="Berkas hilang", isi="Berkas KK saya hilang di loket.", kategori=kategori, nama="budi santoso."
    )
    assert intake.open_pending() == 1
    deferred = Pengaduan.objects.get(reference=pending.reference)
    later = [entered, deferred, report(nama="Budi Santoso"), gift(pemberi="Budi Santoso")]
    for case in later:
        hidden_from(client, rina, case)
        assert Recusal.objects.filter(case=case, user=rina, reason=Recusal.Reason.PENGENDALIAN).exists()
        assert access.can_view(people["dedi"], case)
    # Someone else's complaint is not touched.
    other = complaint(nama="Budi Santosa")
    assert access.can_view(rina, other)


def test_the_intake_worker_keeps_its_fixed_number_of_statements_with_controls_in_force(people, world, kategori):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    decide_handover(people)

    def statements_to_open(count):
        for n in range(count):
            pengaduan_services.pengaduan_submit(
                title=f"Pengaduan {n}", isi="Isi pengaduan.", kategori=kategori, nama=f"Warga Nomor {n}"
            )
        with CaptureQueriesContext(connection) as queries:
            assert intake.open_pending() == count
        return len(queries)

    statements_to_open(1)  # the year's sequence and the audit chain exist from here on
    assert statements_to_open(2) == statements_to_open(30)


def test_ending_the_control_gives_back_exactly_what_it_took(client, people, world, complaint):
    rina, kasi = people["rina"], people["kasi"]
    conflict = decide_handover(people)
    later = complaint(nama=COUSIN)
    # Also recused from the complaint for another reason, before the control ends.
    case_recuse(case=world["complaint"], user=rina, reason=Recusal.Reason.TERLAPOR)
    visible_during = set(access.visible_cases(rina).values_list("pk", flat=True))

    control = Pengendalian.objects.get(benturan=conflict)
    benturan_services.benturan_end_control(
        case=conflict, actor=kasi, control=control, alasan="Budi Santoso tidak lagi menjadi rekanan."
    )

    visible_after = set(access.visible_cases(rina).values_list("pk", flat=True))
    assert visible_after - visible_during == {world["report"].pk, world["gift"].pk, later.pk}
    assert not access.can_view(rina, world["complaint"])  # still recused for the other reason
    assert not access.can_view(rina, world["also_recused"])
    assert not Recusal.objects.filter(user=rina, rule__isnull=False).exists()
    assert Recusal.objects.filter(user=rina, rule__isnull=True).count() == 2
    for case in (world["report"], world["gift"]):
        seen_by(client, rina, case)
        assert rina in selectors.assignable_users(case)
        line = TimelineEntry.objects.get(case=case, transition="control_recusal_lifted")
        assert line.linked_case_id == conflict.pk and "Rina" not in line.note
    line = TimelineEntry.objects.get(case=world["complaint"], transition="control_recusal_lifted")
    assert "tetap dikecualikan" in line.note
    rule = RecusalRule.objects.get(source_case=conflict)
    assert rule.lifted_at is not None and rule.lifted_by == kasi and rule.lift_reason.startswith("Budi")
    # The handover stays where it went: giving a case back is the handlers' assignment.
    world["report"].refresh_from_db()
    assert world["report"].assignee == people["dedi"]
    # A case opened now is hers to see again.
    assert access.can_view(rina, complaint(nama=COUSIN))
    control.refresh_from_db()
    assert control.berakhir_pada is not None and control.diakhiri_oleh == kasi
    assert AuditEntry.objects.filter(event=audit.Event.CASE_RECUSAL_LIFTED).count() == 5


def test_closing_the_conflict_case_lifts_its_controls(people, world):
    rina, kasi = people["rina"], people["kasi"]
    conflict = decide_handover(people)
    benturan_services.benturan_record_implementation(
        case=conflict, actor=kasi, bukti="Surat tugas Nomor 1/2026.", tanggal=timezone.localdate()
    )
    assert not access.can_view(rina, world["report"])
    benturan_services.benturan_close_monitoring(case=conflict, actor=kasi, hasil="Urusan selesai tanpa Rina.")
    assert access.can_view(rina, world["report"]) and access.can_view(rina, world["gift"])
    assert not RecusalRule.objects.filter(source_case=conflict, lifted_at__isnull=True).exists()
    assert not Pengendalian.objects.filter(benturan=conflict, berakhir_pada__isnull=True).exists()


def test_the_conflict_reference_on_a_bound_case_shows_only_to_who_may_see_the_conflict(
    client, people, world, make_user
):
    conflict = decide_handover(people)
    both = _person(make_user, roles.PENGELOLA_PENGADUAN, roles.TIM_BENTURAN, full_name="Lestari")
    page = reverse("pengaduan_staff:detail", args=[world["complaint"].pk])
    verified_login(client, people["dedi"])
    body = client.get(page).content.decode()
    assert "berdasarkan pengendalian benturan kepentingan" in body and conflict.reference not in body
    verified_login(client, both)
    assert conflict.reference in client.get(page).content.decode()


def test_a_handover_to_a_colleague_who_may_not_handle_the_case_sends_it_to_the_pool(client, people, world, make_user):
    rina, kasi = people["rina"], people["kasi"]
    outsider = _person(make_user, roles.PEGAWAI, full_name="Andi Saputra", jabatan="Operator", unit=kasi.unit)
    people = {**people, "dedi": outsider}
    conflict = decide_handover(people)
    for name in ("complaint", "report", "gift"):
        case = world[name]
        case.refresh_from_db()
        assert case.assignee is None and not access.can_view(rina, case)
        recusal = Recusal.objects.get(case=case, user=rina, rule__isnull=False)
        assert recusal.took_case and recusal.handed_to is None
    # The decision page says so, for the cases its reader may see: here none, so only the
    # rule in general, never a number the superior may not open.
    verified_login(client, kasi)
    body = client.get(reverse("benturan_staff:detail", args=[conflict.pk])).content.decode()
    assert "kembali ke daftar tunggu pengelolanya" in body
    assert world["report"].reference not in body
    both = _person(make_user, roles.PENGELOLA_PENGADUAN, roles.TIM_BENTURAN, full_name="Lestari")
    verified_login(client, both)
    body = client.get(reverse("benturan_staff:detail", args=[conflict.pk])).content.decode()
    assert world["complaint"].reference in body and "tidak berwenang menangani kasus ini" in body
    assert world["report"].reference not in body
