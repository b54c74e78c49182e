"""The LKE pages: who may read them (Tim ZI / TPI, Pimpinan, Inspektorat) and who is
refused (every other role, the Admin Sistem and the superuser flag: "not found"); the
evaluator's override with its reason, shown beside SIGAP's proposal and audited; its
withdrawal; a refused answer kept as typed; computed percentages never answered by
hand; and the same numbers in the page, the PDF and the workbook."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from accounts import roles
from accounts.testing import verified_login
from reports.lke import selectors
from reports.lke.models import LkeItem, LkeOverride
from reports.lke.report import number_text, score
from reports.lke.services import LKE_OVERRIDE, LKE_OVERRIDE_WITHDRAWN
from reports.lke.sources import Evidence, Proposal
from reports.tests.lke_helpers import READERS, REFUSED, register  # noqa: F401
from security.models import AuditEntry

pytestmark = pytest.mark.django_db
YEAR = 2025
REASON = "Pemetaan tugas fungsi utama Bidang Capil ada di lembar kerja yang disahkan 2 Februari."


def page(year=YEAR):
    return f"{reverse('reports:lke')}?tahun={year}"


def item_url(item, year=YEAR):
    return reverse("reports:lke_item", args=[year, item.pk])


@pytest.fixture
def evaluator(make_user):
    return make_user(roles.TIM_PENILAI)


@pytest.fixture
def mapping(register):  # noqa: F811
    """The risk-map coverage item, proposed "b" with its evidence."""
    register(
        "benturan.pemetaan",
        lambda year: Proposal(
            option="b", note="6 dari 10 unit terpetakan.", evidence=(Evidence("Peta risiko uji", "/peta/", "6 entri"),)
        ),
    )
    return LkeItem.objects.get(code="benturan.pemetaan")


# --- Who sees ----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", READERS)
def test_the_readers_see_the_page_and_an_item(client, make_user, role, mapping):
    verified_login(client, make_user(role))
    response = client.get(page())
    assert response.status_code == 200
    assert "6 dari 10 unit terpetakan." in response.text and 'href="/peta/"' in response.text
    assert client.get(item_url(mapping)).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_every_other_role_is_refused(client, make_user, role, mapping):
    verified_login(client, make_user(role))
    assert client.get(page()).status_code == 404
    assert client.get(page() + "&format=pdf").status_code == 404
    assert client.get(item_url(mapping)).status_code == 404
    assert client.post(item_url(mapping), {"option": "a", "reason": REASON}).status_code == 404
    assert not LkeOverride.objects.exists()


def test_the_superuser_flag_alone_reads_nothing(client, make_user, mapping):
    verified_login(client, make_user(is_superuser=True, is_staff=True))
    assert client.get(page()).status_code == 404
    assert client.get(item_url(mapping)).status_code == 404


@pytest.mark.parametrize("role", [roles.PIMPINAN, roles.INSPEKTORAT])
def test_only_the_evaluator_answers(client, make_user, role, mapping):
    verified_login(client, make_user(role))
    response = client.get(item_url(mapping))
    assert 'name="reason"' not in response.text
    assert client.post(item_url(mapping), {"option": "a", "reason": REASON}).status_code == 404
    assert (
        client.post(reverse("reports:lke_item_withdraw", args=[YEAR, mapping.pk]), {"tarik-reason": "x"}).status_code
        == 404
    )
    assert not LkeOverride.objects.exists()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(page())
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


# --- Overriding ------------------------------------------------------------------------------


def test_an_override_is_kept_beside_the_proposal_audited_and_shown(client, evaluator, mapping):
    verified_login(client, evaluator)
    response = client.post(item_url(mapping), {"option": "a", "reason": REASON})
    assert response.status_code == 302
    override = LkeOverride.objects.get()
    assert (override.option.letter, override.proposed_option.letter) == ("a", "b")
    assert override.proposed_note == "6 dari 10 unit terpetakan."
    assert override.decided_by == evaluator and override.reason == REASON
    entry = AuditEntry.objects.get(event=LKE_OVERRIDE)
    assert entry.actor_id == evaluator.pk
    assert entry.data["item"] == "benturan.pemetaan"
    assert (entry.data["option"], entry.data["proposed"], entry.data["reason"]) == ("a", "b", REASON)

    text = client.get(page()).text
    # Both: SIGAP's proposal with its evidence, and the evaluator's answer with the reason.
    assert "b. Sebagian besar (sedikitnya separuh) unit kerja telah dipetakan" in text
    assert "a. Seluruh unit kerja telah dipetakan" in text and REASON in text
    assert "menggantikan usulan" in text
    item_page = client.get(item_url(mapping)).text
    assert "Riwayat jawaban penilai" in item_page and REASON in item_page
    # The answer that counts is the evaluator's: 1 × 0.3.
    result = next(r for r in selectors.evaluate(YEAR).items() if r.item.code == "benturan.pemetaan")
    assert result.score == Decimal("0.3")


def test_a_withdrawal_gives_the_proposal_back_and_keeps_the_history(client, evaluator, mapping):
    verified_login(client, evaluator)
    client.post(item_url(mapping), {"option": "a", "reason": REASON})
    response = client.post(
        reverse("reports:lke_item_withdraw", args=[YEAR, mapping.pk]), {"tarik-reason": "Salah pilih."}
    )
    assert response.status_code == 302
    assert LkeOverride.objects.count() == 2
    assert AuditEntry.objects.filter(event=LKE_OVERRIDE_WITHDRAWN, data__withdrawn="a").exists()
    result = next(r for r in selectors.evaluate(YEAR).items() if r.item.code == "benturan.pemetaan")
    assert result.override is None and result.chosen.letter == "b"
    history = client.get(item_url(mapping)).text
    assert "ditarik; usulan SIGAP berlaku" in history and REASON in history


def test_an_answer_without_a_reason_is_refused_and_kept_as_chosen(client, evaluator, mapping):
    verified_login(client, evaluator)
    response = client.post(item_url(mapping), {"option": "c", "reason": "  "})
    assert response.status_code == 400
    assert "Tuliskan alasan jawaban penilai." in response.text
    assert re.search(r'<input type="radio" name="option" value="c"[^>]* checked', response.text)
    assert not LkeOverride.objects.exists() and not AuditEntry.objects.filter(event=LKE_OVERRIDE).exists()


def test_an_option_of_another_item_is_refused(client, evaluator, mapping):
    verified_login(client, evaluator)
    response = client.post(item_url(mapping), {"option": "e", "reason": REASON})
    assert response.status_code == 400
    assert not LkeOverride.objects.exists()


def test_a_computed_percentage_is_never_answered_by_hand(client, evaluator):
    verified_login(client, evaluator)
    item = LkeItem.objects.get(code="reform.lhkpn")
    response = client.get(item_url(item))
    assert 'name="reason"' not in response.text
    assert "tidak diketik atau diganti penilai" in response.text
    assert client.post(item_url(item), {"option": "a", "reason": REASON}).status_code == 400
    assert not LkeOverride.objects.exists()


def test_an_item_of_another_version_or_year_is_not_found(client, evaluator, mapping):
    verified_login(client, evaluator)
    assert client.get(item_url(mapping, year=2021)).status_code == 404  # before the first version
    beyond = item_url(mapping).replace(f"/{YEAR}/", "/2101/")  # past the years SIGAP answers for
    assert client.get(beyond).status_code == 404


def test_a_wrong_year_is_said_and_a_year_without_a_version_explained(client, evaluator):
    verified_login(client, evaluator)
    response = client.get(f"{reverse('reports:lke')}?tahun=abc")
    assert response.status_code == 400
    response = client.get(page(2021))
    assert response.status_code == 200 and "Belum ada versi LKE yang berlaku untuk tahun 2021" in response.text
    assert client.get(reverse("reports:lke")).status_code == 200  # this year


# --- Formats ---------------------------------------------------------------------------------


def background_file(client, fmt, capture):
    """Ask for the year's file as the page's button does; the response of its download."""
    from reports.jobs.models import ReportJob

    with capture(execute=True):
        response = client.post(reverse("reports:job_request"), {"laporan": "lke", "periode": str(YEAR), "format": fmt})
    assert response.status_code == 303
    job = ReportJob.objects.filter(fmt=fmt).latest("created_at")
    return client.get(reverse("reports:job_file", args=[job.pk]))


def test_the_pdf_and_the_workbook_carry_the_pages_numbers(
    client, evaluator, mapping, django_capture_on_commit_callbacks
):
    verified_login(client, evaluator)
    client.post(item_url(mapping), {"option": "a", "reason": REASON})
    evaluation = selectors.evaluate(YEAR)
    area = number_text(score(evaluation.score))
    html = client.get(page()).text
    assert area in html

    # A direct address of the file shows the page with the buttons instead.
    assert client.get(page() + "&format=pdf")["Content-Type"].startswith("text/html")
    response = background_file(client, "pdf", django_capture_on_commit_callbacks)
    assert response["Content-Type"] == "application/pdf"
    assert f"lke-penguatan-pengawasan-{YEAR}.pdf" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert area in text
    assert "Jawaban penilai" in text and "Pemetaan tugas fungsi utama" in text
    for component in evaluation.components:
        assert number_text(score(component.score)) in text

    response = background_file(client, "xlsx", django_capture_on_commit_callbacks)
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]
    assert score(evaluation.score) in [Decimal(str(v)) for v in values if isinstance(v, int | float)]
    assert REASON in values


def test_the_page_costs_the_same_queries_at_two_sizes(client, evaluator, mapping):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from pengaduan.models import KategoriLayanan, Pengaduan
    from reports.tests.lke_helpers import make_case

    verified_login(client, evaluator)
    kategori = KategoriLayanan.objects.first()

    def add(first: int, n: int):
        for number in range(first, first + n):
            make_case(
                Pengaduan,
                kind="pengaduan",
                number=number,
                state="selesai" if number % 2 else "diterima",
                received_on=datetime.date(YEAR, 1 + number % 12, 10),
                closed=bool(number % 2),
                kategori=kategori,
            )

    def count() -> int:
        client.get(page())  # the session's first request settles its own rows
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page()).status_code == 200
        return len(queries)

    add(1, 2)
    small = count()
    add(3, 40)
    client.post(item_url(mapping), {"option": "a", "reason": REASON})
    assert count() == small
