"""What the complainant wrote, and who they are, is encrypted at rest: the raw database
columns hold ciphertext, never the text."""

from django.db import connection

from pengaduan import services
from pengaduan.choices import State

SECRETS = {
    "title": "JudulRahasiaCanary",
    "isi": "IsiRahasiaCanary",
    "lokasi": "LokasiRahasiaCanary",
    "nama": "NamaRahasiaCanary",
    "nik": "3201011203560001",
    "email": "canary@example.id",
    "telepon": "081299887766",
}
ENCRYPTED_COLUMNS = ["isi", "lokasi", "nama", "nik", "email", "telepon", "tindak_lanjut", "jawaban", "rating_comment"]


def raw_row(table, columns, pk, key):
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {table} WHERE {key} = %s", [pk])  # noqa: S608
        return dict(zip(columns, cursor.fetchone(), strict=True))


def test_every_sensitive_column_holds_ciphertext(file_pengaduan, advance, unit_member, handler):
    case, _code = file_pengaduan(**SECRETS)
    for name in ["verifikasi", "disposisi"]:
        case = advance(case, name)
    case = services.pengaduan_record_follow_up(case=case, actor=unit_member, summary="TindakLanjutCanary")
    case = services.pengaduan_answer(case=case, actor=handler, answer="JawabanCanary")
    services.pengaduan_rate(case=case, rating=4, comment="KomentarCanary")

    row = raw_row("pengaduan_pengaduan", ENCRYPTED_COLUMNS, case.pk, "case_ptr_id")
    row.update(raw_row("casework_case", ["title"], case.pk, "id"))
    plaintexts = [*SECRETS.values(), "TindakLanjutCanary", "JawabanCanary", "KomentarCanary"]
    for column, value in row.items():
        assert value.startswith("enc:v"), column
        assert not any(secret in value for secret in plaintexts), column

    case.refresh_from_db()
    assert (case.nama, case.jawaban, case.rating_comment) == ("NamaRahasiaCanary", "JawabanCanary", "KomentarCanary")
    assert case.state == State.DIJAWAB
