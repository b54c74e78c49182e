"""The form's words on privacy say what the monthly follow-up page really publishes: a
complaint that is not *rahasia* may be a row there with its date, category and status,
never its words or the complainant's name."""

from django.urls import reverse
from django.utils import timezone

from pengaduan.choices import State


def test_the_rahasia_explanation_promises_no_more_and_no_less_than_the_monthly_list(client, case_in):
    form = client.get(reverse("pengaduan:create")).content.decode()
    assert "ringkasannya dapat dimuat" not in form  # nothing of the text is ever published
    explanation = form.split('id="rahasia-help">')[1].split("</p>")[0]
    assert "dengan tanggal, kategori layanan, dan statusnya saja, tanpa isi dan tanpa nama Anda" in explanation
    assert "hanya ikut dihitung" in explanation

    case = case_in(State.DIJAWAB, confidentiality="biasa", nama="Siti Aminah")
    month = timezone.localdate(case.opened_at).strftime("%Y-%m")
    listed = client.get(reverse("pengaduan:monthly"), {"bulan": month}).context["rows"]
    assert [(row.kategori, row.status) for row in listed] == [("KTP-el", "Dijawab")]
    published = client.get(reverse("pengaduan:monthly"), {"bulan": month}).content.decode()
    for words in (case.title, case.isi, "Siti Aminah"):
        assert words not in published
