"""The name of a deadline's stage: the policy's own label (data in the site's language,
which an administrator may edit) on Indonesian pages, the kind's translated clock name
on pages in another language, since data has no translation."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.testing import verified_login
from casework.kinds import get_kind
from casework.models import Deadline, SlaPolicy


@pytest.fixture
def deadline(db):
    policy = SlaPolicy.objects.filter(kind="pengaduan", clock="verifikasi").first()
    return Deadline(clock="verifikasi", policy=policy)


def test_the_site_language_reads_the_administrators_label(deadline):
    deadline.policy.label = "Verifikasi oleh meja layanan"
    with translation.override("id"):
        assert get_kind("pengaduan").stage_label(deadline) == "Verifikasi oleh meja layanan"


def test_another_language_reads_the_translated_clock_name(deadline):
    with translation.override("en"):
        assert get_kind("pengaduan").stage_label(deadline) == "Verification"


def test_a_clock_without_policy_or_name_shows_its_code(db):
    with translation.override("en"):
        assert get_kind("pengaduan").stage_label(Deadline(clock="lain")) == "lain"


def test_the_staff_page_in_english_names_the_stages_in_english(client, make_user):
    from accounts import roles
    from pengaduan import services
    from pengaduan.models import KategoriLayanan

    handler = make_user(roles.PENGELOLA_PENGADUAN)
    case, _code = services.pengaduan_create(
        title="Antrean panjang", isi="Menunggu lama.", kategori=KategoriLayanan.objects.get(slug="ktp-el")
    )
    services.pengaduan_request_information(case=case, actor=handler, question="Nomor antrean?")
    verified_login(client, handler)
    url = reverse("pengaduan_staff:detail", args=[case.pk])
    body = client.get(url).content.decode()
    assert "Verifikasi pengaduan" in body and "Waktu pelapor melengkapi pengaduan yang ditunda" in body
    client.post(reverse("set_language"), {"language": "en", "next": url})
    body = client.get(url).content.decode()
    assert "Verification" in body and "Waiting for more information from the reporter" in body
    assert "Verifikasi pengaduan" not in body and "Waktu pelapor melengkapi" not in body
