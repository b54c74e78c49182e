"""The implementation matrix: whose cases it lists (exactly those of the staff list), its
filters, its sources, an XLSX export with the page's rows and columns (read back with
openpyxl), a query count that does not grow with the table, and an export written at
constant memory."""

import datetime
import io
import tracemalloc

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts import roles
from accounts.models import User
from accounts.testing import verified_login
from benturan import matrix, matrix_xlsx
from benturan.choices import JenisPengendalian, State
from benturan.models import Benturan, Pengendalian
from security.models import AuditEntry

PAGE = reverse("benturan_register:matrix")
EXPORT = reverse("benturan_register:matrix_export")


def page_rows(response) -> list[list]:
    """The page's rows as the matrix builds them (text, or a date)."""
    assert response.status_code == 200, response.content.decode()[:2000]
    return [[cell.get("date", cell.get("text")) for cell in row["cells"]] for row in response.context["rows"]]


def workbook_rows(response) -> tuple[list, list[list]]:
    assert response.status_code == 200
    assert response["Content-Type"] == matrix_xlsx.CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]

    def plain(value):
        if isinstance(value, datetime.datetime):
            return value.date()
        return "—" if value is None else value

    header = values[0]
    # A read-only sheet leaves out the empty cells at the end of a row.
    return header, [[plain(value) for value in row] + ["—"] * (len(header) - len(row)) for row in values[1:]]


def test_the_export_has_the_pages_rows_and_columns(client, tim, case_in, declare, report, colleague):
    decided = case_in(State.PELAKSANAAN)
    closed = case_in(State.SELESAI, report_it=True)
    declare(declarant=colleague)
    verified_login(client, tim)
    page = client.get(PAGE)
    header, rows = workbook_rows(client.get(EXPORT))
    assert header == [str(label) for label in page.context["header"]]
    assert rows == page_rows(page)
    assert len(rows) == 3
    by_reference = {row[0]: row for row in rows}
    handover = by_reference[decided.reference]
    assert handover[header.index("Pengendalian")] == (
        "Tidak ikut mengambil keputusan (recusal); Pengalihan tugas kepada pegawai lain (kepada Wulan Sari)"
    )
    assert handover[header.index("Penanggung jawab")] == "Hendra Gunawan"
    assert handover[header.index("Asal")] == "Dinyatakan sendiri oleh pejabat"
    assert by_reference[closed.reference][header.index("Asal")] == "Dilaporkan oleh pegawai lain"
    assert by_reference[closed.reference][header.index("Selesai")] == closed.closed_at.astimezone().date()
    # A filtered export has the filtered page's rows, and each export is audited.
    filtered = {"status": State.PELAKSANAAN}
    assert workbook_rows(client.get(EXPORT, filtered))[1] == page_rows(client.get(PAGE, filtered))
    assert AuditEntry.objects.filter(event="export", actor_id=tim.pk).count() == 2


def test_the_matrix_follows_who_sees_the_cases(client, make_user, declare, case_in, kasi, kasi_lain, kadis, outsider):
    mine = declare()  # to the kasi
    other = declare(declarant=outsider)  # to the other seksi's head
    about_kasi = case_in(State.PELAKSANAAN, pihak_pegawai=[kasi])  # passed over to the kabid
    everything = {mine.reference, other.reference, about_kasi.reference}

    def seen(user):
        verified_login(client, user)
        response = client.get(PAGE)
        if response.status_code != 200:
            return response.status_code
        exported = {row[0] for row in workbook_rows(client.get(EXPORT))[1]}
        shown = {row[0] for row in page_rows(response)}
        assert exported == shown
        return shown

    tim = make_user(roles.TIM_BENTURAN)
    inspektorat = make_user(roles.INSPEKTORAT)
    assert seen(tim) == everything
    assert seen(inspektorat) == everything
    assert seen(kasi) == {mine.reference}  # never the case that names him
    assert seen(kasi_lain) == {other.reference}
    assert seen(kadis) == set()  # the Pimpinan heads the dinas: reached by none
    for nobody in (make_user(roles.TIM_PENILAI), make_user(roles.ADMIN_SISTEM), outsider):
        assert seen(nobody) == 404
        assert client.get(EXPORT).status_code == 404


def test_the_filters(client, tim, declare, report, case_in, outsider, tree):
    potential = declare()
    reported = report()
    elsewhere = declare(declarant=outsider)
    recused = case_in(State.PELAKSANAAN)  # recusal and a handover
    recorded = case_in(State.PEMANTAUAN)
    verified_login(client, tim)

    def refs(**filters):
        return {row[0] for row in page_rows(client.get(PAGE, filters))}

    year = potential.received_on.year
    assert refs(tahun=year) == {c.reference for c in (potential, reported, elsewhere, recused, recorded)}
    assert refs(tahun=year - 1) == set()
    assert refs(unit=tree["seksi_lain"].pk) == {elsewhere.reference}
    assert refs(status=State.PEMANTAUAN) == {recorded.reference}
    assert refs(pengendalian=JenisPengendalian.PENGALIHAN_TUGAS) == {recused.reference, recorded.reference}
    assert refs(pengendalian=JenisPengendalian.PENCATATAN) == set()
    assert refs(asal="laporan") == {reported.reference}
    for wrong in ({"tahun": "99999"}, {"asal": "surat"}, {"unit": "0"}, {"pengendalian": "sanksi"}):
        response = client.get(PAGE, wrong)
        assert response.status_code == 400 and set(wrong) <= set(response.context["form"].errors)
        assert client.get(EXPORT, wrong).status_code == 400


def test_queries_do_not_grow_with_the_table(client, tim, declare, report, advance, colleague, outsider):
    def add(n):
        for i in range(n):
            case = report() if i % 3 == 0 else declare(declarant=(colleague, outsider)[i % 2])
            if i % 2 == 0:
                advance(advance(case, "mulai_analisis"), "putuskan_pengendalian")

    def measure(url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            if url == EXPORT:
                b"".join(response.streaming_content)
        assert response.status_code == 200
        return len(queries)

    verified_login(client, tim)
    add(4)
    small = measure(PAGE), measure(EXPORT)
    add(30)
    assert len(client.get(PAGE).context["rows"]) == 25
    assert (measure(PAGE), measure(EXPORT)) == small


def test_the_export_is_written_at_constant_memory():
    """Ten times the rows, about the same peak memory: each row goes to the temporary
    file as it comes (write-only workbook, inline strings)."""
    official = User(full_name="Rina Marlina")

    def rows(n):
        for i in range(n):
            case = Benturan(
                pk=i + 1,
                reference=f"BTK/2026/{i:06d}",
                title=f"Penetapan pemenang paket pengadaan nomor {i} dengan uraian yang cukup panjang",
                asal="deklarasi",
                jenis="aktual",
                state="pelaksanaan",
                received_on=datetime.date(2026, 1, 1),
                pejabat=official,
            )
            # As matrix_cases prefetches them: no query per row.
            case._prefetched_objects_cache = {"pengendalian": [Pengendalian(jenis=JenisPengendalian.RECUSAL)]}
            case._state.fields_cache["deklarasi_kampanye"] = None
            yield matrix.Row(case)

    def peak(n):
        tracemalloc.start()
        out = matrix_xlsx.write(rows(n), title="uji")
        size = out.seek(0, io.SEEK_END)
        _current, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out.close()
        return top, size

    small, small_size = peak(1_000)
    large, large_size = peak(10_000)
    assert large_size > 5 * small_size  # the rows are really there
    assert large < small * 1.5, (small, large)
