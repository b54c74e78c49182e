"""Someone who copies the whole database and the file store learns nothing a reporter
wrote, nor their identity, nor their receipt code, nor whom a report names.

Every text of a report's life carries a unique canary: the filing (4W+1H, amount, the
reported person, the identity, the contact, a file), the dialogue both ways, the
handler's notes, the identity request and its decision, the review and the outcome.
The canaries are read back through the services (so the test cannot pass by storing
nothing), then looked for in a dump of every table, every stored file, and everything
logged meanwhile.
"""

import logging
from decimal import Decimal

import pytest

from accounts import roles
from casework import tracking
from casework.attachments import read_attachment
from casework.models import Attachment
from casework.services import case_assign, note_add
from casework.tests import samples
from tests.test_database_dump import dump_database, dump_files
from wbs import identity, receipts, services
from wbs.choices import Kategori, Pemeriksa, Temuan
from wbs.identity import Identitas
from wbs.reported import TerlaporInput

CANARIES = {
    "title": "KANARI-WBS-JUDUL",
    "apa": "KANARI-WBS-APA minta uang",
    "dimana": "KANARI-WBS-DIMANA loket",
    "kapan": "KANARI-WBS-KAPAN senin",
    "bagaimana": "KANARI-WBS-BAGAIMANA lisan",
    "nilai_kerugian": "987654321.77",
    "terlapor_nama": "KANARI-WBS-TERLAPOR-NAMA",
    "terlapor_jabatan": "KANARI-WBS-TERLAPOR-JABATAN",
    "terlapor_unit": "KANARI-WBS-TERLAPOR-UNIT",
    "identitas_nama": "KANARI-WBS-PELAPOR-NAMA",
    "identitas_nip": "197001011990031999",
    "identitas_telepon": "0899 7777 6666",
    "identitas_email": "kanari.pelapor@example.test",
    "identitas_keterangan": "KANARI-WBS-PELAPOR-KETERANGAN",
    "kontak": "kanari.kontak@example.test",
    "file_name": "KANARI-WBS-BERKAS",
    "file_content": "KANARI-WBS-ISI-BERKAS",
    "question": "KANARI-WBS-PERTANYAAN",
    "reply": "KANARI-WBS-JAWABAN-PELAPOR",
    "tambahan": "KANARI-WBS-TAMBAHAN-KAPAN",
    "staff_message": "KANARI-WBS-PESAN-PETUGAS",
    "internal_note": "KANARI-WBS-CATATAN-INTERNAL",
    "alasan_verifikasi": "KANARI-WBS-ALASAN-VERIFIKASI",
    "request_reason": "KANARI-WBS-ALASAN-PERMINTAAN identitas diperlukan untuk pemeriksaan",
    "decision_note": "KANARI-WBS-CATATAN-KEPUTUSAN",
    "hasil_telaah": "KANARI-WBS-HASIL-TELAAH",
    "rekomendasi": "KANARI-WBS-REKOMENDASI",
    "public_note": "KANARI-WBS-KABAR-UNTUK-PELAPOR",
}


@pytest.fixture
def filled(db, file_wbs, wbs_handler, make_user, caplog):
    caplog.set_level(logging.DEBUG)
    case, code = services.wbs_create(
        title=CANARIES["title"],
        kategori=Kategori.KORUPSI,
        apa=CANARIES["apa"],
        dimana=CANARIES["dimana"],
        kapan=CANARIES["kapan"],
        bagaimana=CANARIES["bagaimana"],
        nilai_kerugian=Decimal(CANARIES["nilai_kerugian"]),
        terlapor=[
            TerlaporInput(
                nama=CANARIES["terlapor_nama"],
                jabatan=CANARIES["terlapor_jabatan"],
                unit_kerja=CANARIES["terlapor_unit"],
            )
        ],
        identitas=Identitas(
            nama=CANARIES["identitas_nama"],
            nip=CANARIES["identitas_nip"],
            telepon=CANARIES["identitas_telepon"],
            email=CANARIES["identitas_email"],
            keterangan=CANARIES["identitas_keterangan"],
        ),
        kontak_email=CANARIES["kontak"],
        bukti=[
            samples.upload(
                samples.pdf_with_metadata(text=CANARIES["file_content"].encode()), f"{CANARIES['file_name']}.pdf"
            )
        ],
    )
    case_assign(case=case, actor=wbs_handler, assignee=wbs_handler)
    services.wbs_request_information(case=case, actor=wbs_handler, question=CANARIES["question"])
    services.wbs_reporter_supply(case=case, reply=CANARIES["reply"], tambahan={"kapan": CANARIES["tambahan"]})
    services.wbs_message_reporter(case=case, actor=wbs_handler, body=CANARIES["staff_message"])
    note_add(case=case, actor=wbs_handler, body=CANARIES["internal_note"])
    services.wbs_verify(case=case, actor=wbs_handler, alasan=CANARIES["alasan_verifikasi"])
    access_request = identity.identity_request(case=case, actor=wbs_handler, reason=CANARIES["request_reason"])
    identity.identity_approve(
        access_request=access_request, actor=make_user(roles.PIMPINAN), note=CANARIES["decision_note"]
    )
    opened = identity.identity_open(case=case, actor=wbs_handler)
    services.wbs_examine(
        case=case, actor=wbs_handler, hasil_telaah=CANARIES["hasil_telaah"], pemeriksa=Pemeriksa.TIM_INTERNAL
    )
    services.wbs_conclude(
        case=case,
        actor=wbs_handler,
        temuan=Temuan.TERBUKTI,
        rekomendasi=CANARIES["rekomendasi"],
        public_note=CANARIES["public_note"],
    )
    return {"case": case, "code": code, "opened": opened, "logs": caplog.text}


def test_the_canaries_are_really_stored(filled):
    case = receipts.find_report(filled["code"])
    assert case.pk == filled["case"].pk
    assert (case.title, case.apa, case.dimana, case.bagaimana) == (
        CANARIES["title"],
        CANARIES["apa"],
        CANARIES["dimana"],
        CANARIES["bagaimana"],
    )
    assert CANARIES["tambahan"] in case.kapan and case.nilai_kerugian == Decimal(CANARIES["nilai_kerugian"])
    assert case.terlapor.get().nama == CANARIES["terlapor_nama"]
    assert filled["opened"]["nama"] == CANARIES["identitas_nama"]
    assert case.kontak.email == CANARIES["kontak"]
    assert {m.body for m in case.messages.all()} == {CANARIES["reply"], CANARIES["staff_message"]}
    assert case.rekomendasi == CANARIES["rekomendasi"]
    attachment = Attachment.objects.get(case=case)
    assert CANARIES["file_content"].encode() in read_attachment(attachment)


def test_a_dump_of_the_database_files_and_logs_reveals_no_canary(filled, settings):
    from pathlib import Path

    database = dump_database()
    files = dump_files(Path(settings.SIGAP_PRIVATE_STORAGE))
    assert filled["case"].reference in database  # the dump really holds the rows
    secrets = dict(CANARIES)
    secrets["code"] = filled["code"]
    secrets["code_normalized"] = tracking.normalize(filled["code"])
    leaks = [
        name
        for name, canary in secrets.items()
        if canary in database or canary.encode() in files or canary in filled["logs"]
    ]
    assert leaks == []
