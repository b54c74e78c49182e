"""The LHKPN/LHKASN register: who must file, each filing, and the percentage.

The percentage is counted from the rows and recomputed here with a plain loop; nobody
obliged is "—", never a division by zero, on the page, in the PDF and in the LKE. The Tim
ZI / TPI keeps the register (a refused entry comes back with what was typed), the
Pimpinan and the Inspektorat read it, everyone else is refused; every change is
audited, and the receipt file is sanitized, kept encrypted and read only by readers."""

from __future__ import annotations

import base64
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts import roles
from accounts.testing import verified_login
from casework.sanitize import sanitize
from casework.tests.samples import jpeg_with_gps
from reports.lhkpn import selectors, services
from reports.lhkpn.models import LhkpnBukti, LhkpnKewajiban
from reports.tests.lke_helpers import READERS, REFUSED
from security.models import AuditEntry

pytestmark = pytest.mark.django_db
YEAR = 2025


def pdf_text(response) -> str:
    """The PDF's words, one space apart (the extractor breaks lines between cells)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).split())


def register_url(year=YEAR):
    return f"{reverse('reports:lhkpn')}?tahun={year}"


@pytest.fixture
def keeper(make_user):
    return make_user(roles.TIM_PENILAI)


@pytest.fixture
def staff(make_user):
    return [make_user(roles.PEGAWAI, jabatan=f"Jabatan {n}") for n in range(5)]


def oblige(keeper, people, jenis):
    return services.lhkpn_obligations_set(tahun=YEAR, pegawai=people, jenis=jenis, actor=keeper)


def file(keeper, row, day=datetime.date(YEAR, 3, 1), number="TT/1"):
    return services.lhkpn_filing_record(kewajiban=row, tanggal_lapor=day, nomor_tanda_terima=number, actor=keeper)


# --- The percentage ---------------------------------------------------------------------------


def recount(year):
    """filed ÷ obliged per kind, from the raw rows by a plain loop."""
    counts = {"lhkpn": [0, 0], "lhkasn": [0, 0]}
    for row in LhkpnKewajiban.objects.all():
        if row.tahun == year:
            counts[row.jenis][0] += 1
            counts[row.jenis][1] += row.tanggal_lapor is not None
    return {
        jenis: (obliged, filed, (Decimal(filed) * 100 / obliged).quantize(Decimal("0.1")) if obliged else None)
        for jenis, (obliged, filed) in counts.items()
    }


@pytest.mark.parametrize("filed", [0, 1, 2, 3])
def test_the_percentage_is_filed_over_obliged(keeper, staff, filed):
    rows = oblige(keeper, staff[:3], "lhkpn")
    oblige(keeper, staff[3:], "lhkasn")
    for row in rows[:filed]:
        file(keeper, row)
    compliance = selectors.compliance(YEAR)
    for jenis, (obliged, done, percent) in recount(YEAR).items():
        assert (compliance[jenis].obliged, compliance[jenis].filed, compliance[jenis].percent) == (
            obliged,
            done,
            percent,
        )
    assert compliance["lhkpn"].percent == [Decimal("0.0"), Decimal("33.3"), Decimal("66.7"), Decimal("100.0")][filed]


def test_nobody_obliged_is_a_dash_not_a_division_by_zero(client, keeper):
    compliance = selectors.compliance(YEAR)
    assert compliance["lhkpn"].percent is None and compliance["lhkasn"].percent is None
    verified_login(client, keeper)
    response = client.get(register_url())
    assert response.status_code == 200
    assert response.text.count('<td class="num">—</td>') == 2
    pdf = client.get(register_url() + "&format=pdf")
    text = pdf_text(pdf)
    assert "LHKPN 0 0 0 —" in text
    lke = client.get(f"{reverse('reports:lke')}?tahun={YEAR}").text
    assert "Belum ada wajib lapor LHKPN yang ditetapkan untuk tahun ini di register." in lke


def test_another_years_rows_do_not_count(keeper, staff):
    oblige(keeper, staff[:2], "lhkpn")
    assert selectors.compliance(YEAR + 1)["lhkpn"].obliged == 0


# --- Keeping the register ------------------------------------------------------------------------


def test_obligations_keep_the_unit_and_position_and_are_audited(keeper, staff):
    rows = oblige(keeper, staff[:2], "lhkasn")
    assert [row.jabatan for row in rows] == ["Jabatan 0", "Jabatan 1"]
    assert AuditEntry.objects.filter(event=services.LHKPN_OBLIGATION_SET).count() == 2


def test_nobody_is_obliged_twice_in_a_year(keeper, staff):
    oblige(keeper, staff[:2], "lhkasn")
    with pytest.raises(ValidationError) as refused:
        oblige(keeper, staff[1:3], "lhkpn")
    assert str(staff[1]) in str(refused.value)
    assert LhkpnKewajiban.objects.count() == 2


def test_a_filed_obligation_is_not_removed_until_its_filing_is_cleared(keeper, staff):
    (row,) = oblige(keeper, staff[:1], "lhkpn")
    file(keeper, row)
    with pytest.raises(ValidationError):
        services.lhkpn_obligation_remove(kewajiban=row, actor=keeper)
    services.lhkpn_filing_clear(kewajiban=row, actor=keeper)
    services.lhkpn_obligation_remove(kewajiban=row, actor=keeper)
    assert not LhkpnKewajiban.objects.exists()
    events = list(AuditEntry.objects.filter(event__startswith="lhkpn.").values_list("event", flat=True))
    assert events == [
        services.LHKPN_OBLIGATION_SET,
        services.LHKPN_FILING_RECORDED,
        services.LHKPN_FILING_CLEARED,
        services.LHKPN_OBLIGATION_REMOVED,
    ]


def test_a_filing_in_the_future_or_without_a_receipt_is_refused(keeper, staff):
    (row,) = oblige(keeper, staff[:1], "lhkpn")
    with pytest.raises(ValidationError) as refused:
        services.lhkpn_filing_record(
            kewajiban=row,
            tanggal_lapor=timezone.localdate() + datetime.timedelta(days=1),
            nomor_tanda_terima=" ",
            actor=keeper,
        )
    assert set(refused.value.message_dict) == {"tanggal_lapor", "nomor_tanda_terima"}


# --- The pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_the_readers_see_the_register(client, make_user, keeper, staff, role):
    (row,) = oblige(keeper, staff[:1], "lhkpn")
    file(keeper, row, number="LHKPN/2025/77")
    verified_login(client, make_user(role))
    response = client.get(register_url())
    assert response.status_code == 200 and "LHKPN/2025/77" in response.text and str(staff[0]) in response.text
    keeps = role == roles.TIM_PENILAI
    assert ("Catat penyampaian" in response.text or "Ubah catatan" in response.text) == keeps
    if not keeps:
        assert client.get(reverse("reports:lhkpn_filing", args=[YEAR, row.pk])).status_code == 404
        assert client.get(reverse("reports:lhkpn_obligation_add", args=[YEAR])).status_code == 404
        response = client.post(reverse("reports:lhkpn_filing", args=[YEAR, row.pk]), {"action": "batal"})
        assert response.status_code == 404


@pytest.mark.parametrize("role", REFUSED)
def test_every_other_role_is_refused(client, make_user, keeper, staff, role):
    (row,) = oblige(keeper, staff[:1], "lhkpn")
    verified_login(client, make_user(role))
    assert client.get(register_url()).status_code == 404
    assert client.get(register_url() + "&format=xlsx").status_code == 404
    assert client.get(reverse("reports:lhkpn_filing", args=[YEAR, row.pk])).status_code == 404
    assert client.post(reverse("reports:lhkpn_obligation_remove", args=[YEAR, row.pk])).status_code == 404
    assert client.get(reverse("reports:lhkpn_evidence", args=[YEAR, row.pk])).status_code == 404
    assert LhkpnKewajiban.objects.filter(pk=row.pk).exists()


def test_the_keeper_obliges_from_the_accounts(client, keeper, staff):
    verified_login(client, keeper)
    form = client.get(reverse("reports:lhkpn_obligation_add", args=[YEAR]))
    assert str(staff[0]) in form.text
    response = client.post(
        reverse("reports:lhkpn_obligation_add", args=[YEAR]), {"jenis": "lhkasn", "pegawai": [staff[0].pk, staff[1].pk]}
    )
    assert response.status_code == 302
    assert set(LhkpnKewajiban.objects.values_list("pegawai_id", flat=True)) == {staff[0].pk, staff[1].pk}
    # Already on the register: no longer offered.
    assert str(staff[0]) not in client.get(reverse("reports:lhkpn_obligation_add", args=[YEAR])).text


def test_a_refused_obligation_keeps_the_choice(client, keeper, staff):
    verified_login(client, keeper)
    response = client.post(reverse("reports:lhkpn_obligation_add", args=[YEAR]), {"pegawai": [staff[2].pk]})
    assert response.status_code == 400 and "Pilih LHKPN atau LHKASN." in response.text
    assert re.search(rf'<input type="checkbox" name="pegawai" value="{staff[2].pk}"[^>]* checked', response.text)


def test_a_filing_recorded_on_a_phone_with_its_receipt(client, keeper, staff):
    (row,) = oblige(keeper, staff[:1], "lhkpn")
    verified_login(client, keeper)
    url = reverse("reports:lhkpn_filing", args=[YEAR, row.pk])
    # Refused: the receipt number is missing; the date typed stays.
    response = client.post(url, {"tanggal_lapor": f"{YEAR}-03-14", "nomor_tanda_terima": ""})
    assert response.status_code == 400
    assert "Isi nomor tanda terima." in response.text and f'value="{YEAR}-03-14"' in response.text
    upload = SimpleUploadedFile("tanda-terima.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        url, {"tanggal_lapor": f"{YEAR}-03-14", "nomor_tanda_terima": "LHKPN/2025/001", "bukti": upload}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.tanggal_lapor, row.nomor_tanda_terima, row.dicatat_oleh) == (
        datetime.date(YEAR, 3, 14),
        "LHKPN/2025/001",
        keeper,
    )
    bukti = LhkpnBukti.objects.get()
    assert b"CameraSECRET" not in services.read_bukti(bukti)  # metadata stripped
    entry = AuditEntry.objects.get(event=services.LHKPN_FILING_RECORDED)
    assert "tanda-terima" not in str(entry.data)  # never the file name in clear
    download = client.get(reverse("reports:lhkpn_evidence", args=[YEAR, row.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "image/jpeg"
    assert AuditEntry.objects.filter(event="lhkpn.evidence_downloaded").exists()
    assert "LHKPN/2025/001" in client.get(register_url()).text


def test_the_receipt_file_is_encrypted_at_rest(keeper, staff):
    (row,) = oblige(keeper, staff[:1], "lhkpn")
    clean = sanitize(jpeg_with_gps(), "tanda-terima-lhkpn.jpg")
    services.lhkpn_filing_record(
        kewajiban=row, tanggal_lapor=datetime.date(YEAR, 3, 1), nomor_tanda_terima="TT", bukti=clean, actor=keeper
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT isi, nama FROM reports_lhkpnbukti")
        stored, name = cursor.fetchone()
    # A name long enough that random ciphertext cannot hold it by chance.
    assert base64.b64encode(clean.data).decode()[:40] not in stored
    assert name.startswith("enc:") and "tanda-terima" not in name


def test_the_pdf_and_workbook_have_the_pages_figures(client, keeper, staff):
    rows = oblige(keeper, staff[:3], "lhkpn")
    file(keeper, rows[0], number="LHKPN/2025/901")
    verified_login(client, keeper)
    pdf = client.get(register_url() + "&format=pdf")
    text = pdf_text(pdf)
    assert "LHKPN 3 1 2 33,3" in text and "LHKPN/2025/901" in text
    workbook = load_workbook(io.BytesIO(b"".join(client.get(register_url() + "&format=xlsx").streaming_content)))
    values = [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "LHKPN/2025/901" in values and 33.3 in values


def test_the_register_page_costs_the_same_queries_at_two_sizes(client, make_user, keeper):
    from django.test.utils import CaptureQueriesContext

    verified_login(client, keeper)

    def count() -> int:
        client.get(register_url())  # the session's first request settles its own rows
        with CaptureQueriesContext(connection) as queries:
            assert client.get(register_url()).status_code == 200
        return len(queries)

    few = [make_user(roles.PEGAWAI, jabatan=f"Jabatan {n}") for n in range(2)]
    for row in oblige(keeper, few, "lhkpn"):
        file(keeper, row)
    small = count()
    many = [make_user(roles.PEGAWAI, jabatan=f"Jabatan lain {n}") for n in range(20)]
    for row in oblige(keeper, many, "lhkasn")[:10]:
        file(keeper, row, number=f"TT/{row.pk}")
    assert count() == small
