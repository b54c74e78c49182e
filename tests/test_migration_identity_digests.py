"""Cases stored before the person search get their digests from the data migrations: the
migrations read the encrypted identity with the application's field code (the stored
values are ciphertext before and after), on whatever database the tests run on
(SQLite here, PostgreSQL with DATABASE_URL)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from casework import person_lookup
from gratifikasi.giver import giver_digest

BEFORE = [
    ("casework", "0011_report_indexes"),
    ("pengaduan", "0007_permenpanrb_5_2025"),
    ("gratifikasi", "0004_ceremony_cap_per_giver_per_event"),
]
AFTER = [("pengaduan", "0009_fill_identity_lookup_digests"), ("gratifikasi", "0006_fill_identity_lookup_digests")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Whatever happens, the database ends at the latest migrations for the next test."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


def _case(model, number, prefix, kind, **fields):
    return model.objects.create(
        kind=kind,
        reference=f"{prefix}/2026/{number:06d}",
        year=2026,
        number=number,
        state="diterima",
        title="Sebelum pencarian identitas",
        opened_at=timezone.now(),
        received_on=timezone.localdate(),
        **fields,
    )


def _raw(table, column, pk):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE case_ptr_id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_existing_cases_get_their_digests(back_to_latest, make_user):
    declarant = make_user()
    old = migrate(BEFORE)
    kategori = old.get_model("pengaduan", "KategoriLayanan").objects.create(name="KTP-el lama", slug="ktp-lama")
    complaint = _case(
        old.get_model("pengaduan", "Pengaduan"),
        1,
        "PGD",
        "pengaduan",
        isi="Antrean lama.",
        kategori=kategori,
        nama="Siti Aminah",
        nik="3201234506780001",
        email="Siti@Contoh.id",
        telepon="0812-3456-7890",
    )
    anonymous = _case(
        old.get_model("pengaduan", "Pengaduan"), 2, "PGD", "pengaduan", isi="Tanpa nama.", kategori=kategori
    )
    gift = _case(
        old.get_model("gratifikasi", "Gratifikasi"),
        1,
        "GRT",
        "gratifikasi",
        declarant_id=declarant.pk,
        jenis_laporan="penerimaan",
        nama="Rina Marlina",
        nik="3201014507950001",
        jabatan="Pengadministrasi",
        alamat="Jl. Merdeka 10",
        telepon="+62 813 1111 2222",
        pemberi_nama="Budi_Santoso",
        pemberi_digest="stale",
        hubungan="lainnya",
        jenis_peristiwa="pernikahan",
        jenis_penerimaan="uang",
        uraian="Amplop.",
        nilai=Decimal(500_000),
        tanggal_terima=date(2026, 1, 5),
        tempat_terima="Bandung",
        kronologi="Diberikan di resepsi.",
    )
    stored_nik = _raw("pengaduan_pengaduan", "nik", complaint.pk)
    assert stored_nik.startswith("enc:v")

    new = migrate(AFTER)
    complaint = new.get_model("pengaduan", "Pengaduan").objects.get(pk=complaint.pk)
    assert complaint.nik_digest == person_lookup.nik_digest("3201234506780001")
    assert complaint.telepon_digest == person_lookup.phone_digest("+6281234567890")
    assert complaint.email_digest == person_lookup.email_digest("siti@contoh.id")
    assert complaint.nama_digest == person_lookup.name_digest("SITI AMINAH")
    anonymous = new.get_model("pengaduan", "Pengaduan").objects.get(pk=anonymous.pk)
    assert (anonymous.nama_digest, anonymous.nik_digest, anonymous.email_digest, anonymous.telepon_digest) == (
        "",
        "",
        "",
        "",
    )
    gift = new.get_model("gratifikasi", "Gratifikasi").objects.get(pk=gift.pk)
    assert gift.nik_digest == person_lookup.nik_digest("3201014507950001")
    assert gift.telepon_digest == person_lookup.phone_digest("0813 1111 2222")
    assert gift.email_digest == ""
    # The giver's digest is made again under the engine's one rule for names.
    assert gift.pemberi_digest == giver_digest("Budi Santoso")
    # Nothing was decrypted into the table on the way.
    assert _raw("pengaduan_pengaduan", "nik", complaint.pk) == stored_nik
