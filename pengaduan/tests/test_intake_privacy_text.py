"""The words on privacy say what the monthly follow-up page really publishes: a complaint
that is not *rahasia* may be a row there with its dates, type, category, unit and status,
never its words or the complainant's name, ticked or not. The choice is about that list,
and neither the public form nor the staff's pages suggest that the content of a complaint
might otherwise be published."""

import re

from django.urls import reverse
from django.utils import timezone

from pengaduan.choices import State


def test_the_rahasia_explanation_promises_no_more_and_no_less_than_the_monthly_list(client, case_in):
    form = client.get(reverse("pengaduan:create")).content.decode()
    assert "ringkasannya dapat dimuat" not in form  # nothing of the text is ever published
    explanation = form.split('id="rahasia-help">')[1].split("</p>")[0]
    label = form.split('for="id_rahasia">')[1].split("</label>")[0]
    assert label == "Jangan cantumkan pengaduan saya di daftar tindak lanjut publik (rahasia)"
    # What is never published, whatever the choice; then what each choice does.
    assert explanation.startswith("Isi pengaduan dan identitas Anda tidak pernah diumumkan, dicentang atau tidak.")
    assert "Dicentang: pengaduan Anda tidak tercantum di daftar itu dan hanya ikut dihitung" in explanation
    assert (
        "Tidak dicentang: pengaduan Anda dapat tercantum sebagai satu baris berisi tanggal diterima dan dijawab, "
        "jenis, kategori layanan, unit yang menangani, status, dan lama penanganannya." in explanation
    )

    case = case_in(State.DIJAWAB, confidentiality="biasa", nama="Siti Aminah")
    month = timezone.localdate(case.opened_at).strftime("%Y-%m")
    listed = client.get(reverse("pengaduan:monthly"), {"bulan": month}).context["rows"]
    assert [(row.kategori, row.status) for row in listed] == [("KTP-el", "Dijawab")]
    published = client.get(reverse("pengaduan:monthly"), {"bulan": month}).content.decode()
    for words in (case.title, case.isi, "Siti Aminah"):
        assert words not in published
    # The row has exactly the columns the explanation names.
    table = published.split('id="daftar"')[1].split("</thead>")[0]
    assert re.findall(r'<th scope="col">([^<]+)</th>', table) == [
        "No.",
        "Diterima",
        "Kategori layanan",
        "Jenis",
        "Unit penanganan",
        "Status",
        "Dijawab",
        "Lama (hari kerja)",
        "Dalam batas waktu",
    ]


def test_staff_read_the_same_promise_on_the_entry_form_and_the_case_page(client, make_user, case_in):
    from accounts import roles
    from accounts.testing import verified_login

    verified_login(client, make_user(roles.PENGELOLA_PENGADUAN))
    entry = client.get(reverse("pengaduan_staff:create")).content.decode()
    assert "Rahasia: jangan cantumkan di daftar tindak lanjut publik" in entry
    assert "Isi pengaduan dan identitas pelapor tidak pernah diumumkan, dicentang atau tidak." in entry

    for confidentiality, words in (
        ("rahasia", "Rahasia: tidak tercantum di daftar tindak lanjut bulanan di situs; hanya ikut dihitung."),
        ("biasa", "Biasa: dapat tercantum di daftar tindak lanjut bulanan di situs, sebagai satu baris"),
    ):
        case = case_in(State.DIVERIFIKASI, confidentiality=confidentiality)
        page = client.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
        assert words in page
        assert "tanpa isi dan tanpa identitas pelapor" in page or "Isi dan identitas pelapor tidak pernah" in page
        assert "isi pengaduan tidak pernah dipublikasikan" not in page.lower()
    assert "isi pengaduan tidak pernah dipublikasikan" not in entry.lower()
