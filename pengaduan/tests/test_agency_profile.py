"""Whose service is this: the agency's name and contacts, set once in its unit's profile,
appear on the public pages, the complaint receipt and its PDF, and the notices to the
public; a unit with its own profile speaks with it; without any profile nothing breaks."""

import io

import pypdfium2
import pytest
from django.core import mail
from django.urls import reverse
from PIL import Image

from accounts.models import UnitKerja, UnitProfile
from casework import sms
from pengaduan import notify
from pengaduan.models import Pengaduan
from wbs import notify as wbs_notify

NAME = "Dinas Kependudukan dan Pencatatan Sipil"
ADDRESS = "Jl. Jenderal Sudirman No. 17, Sukamaju"
PHONE = "(0271) 555-0117"


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 32), "navy").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def dinas(db):
    return UnitKerja.objects.create(name="Disdukcapil", code="disdukcapil", level="dinas")


@pytest.fixture
def profile(dinas):
    return UnitProfile.objects.create(
        unit=dinas,
        official_name=NAME,
        parent_agency="Pemerintah Kabupaten Sukamaju",
        address=ADDRESS,
        city="Sukamaju",
        phone=PHONE,
        email="disdukcapil@sukamaju.go.id",
        website="https://disdukcapil.sukamaju.go.id",
        office_hours="Senin–Jumat 08.00–15.00",
        logo=_png(),
        logo_type="image/png",
    )


def test_the_home_page_names_the_agency_with_its_logo_and_contacts(client, profile):
    page = client.get(reverse("home")).content.decode()
    assert "Pemerintah Kabupaten Sukamaju" in page and NAME in page
    assert f'<img src="{reverse("agency_logo")}"' in page
    assert ADDRESS in page and 'href="tel:0271555-0117"'.replace("-", "") in page.replace("-", "")
    assert "mailto:disdukcapil@sukamaju.go.id" in page and "Senin–Jumat 08.00–15.00" in page
    logo = client.get(reverse("agency_logo"))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png" and logo.content == _png()


@pytest.mark.parametrize("url_name", ["pengaduan:create", "wbs:create", "track"])
def test_every_public_form_carries_the_contacts_in_its_footer(client, profile, url_name):
    page = client.get(reverse(url_name)).content.decode()
    footer = page.split('<footer class="site-footer">')[1]
    assert NAME in footer and ADDRESS in footer and PHONE in footer


def test_the_wbs_pages_load_no_logo(client, profile):
    # Every asset a WBS page loads stays under /static/wbs/ (the proxy log exclusion).
    page = client.get(reverse("wbs:create")).content.decode()
    assert reverse("agency_logo") not in page


def test_an_edit_in_the_admin_shows_at_once(client, profile):
    client.get(reverse("home"))
    profile.address = "Jl. Baru 2"
    profile.save()
    assert "Jl. Baru 2" in client.get(reverse("home")).content.decode()


def test_without_a_profile_the_pages_still_speak_plainly(client, db):
    page = client.get(reverse("home")).content.decode()
    assert 'class="agency"' not in page and "Layanan integritas" in page
    assert client.get(reverse("agency_logo")).status_code == 404


def test_the_receipt_and_its_pdf_say_where_to_go_when_the_code_is_lost(client, profile, filed):
    filed()
    page = client.get(reverse("pengaduan:receipt")).content.decode()
    assert f"Kantor kami: {NAME}, {ADDRESS}." in page and f"Telepon {PHONE}." in page
    pdf = pypdfium2.PdfDocument(client.get(reverse("pengaduan:receipt_pdf")).content)
    text = pdf[0].get_textpage().get_text_range()
    assert "PEMERINTAH KABUPATEN SUKAMAJU" in text and NAME.upper() in text
    assert ADDRESS in text and PHONE in text


def test_the_notices_to_the_complainant_are_signed_by_the_unit(profile, dinas, file_pengaduan):
    case, code = file_pengaduan(email="warga@example.test", telepon="081234567890")
    receipt = notify.receipt_notice(case, code=code)
    assert NAME in receipt.body and ADDRESS in receipt.body and "Jam layanan: Senin–Jumat 08.00–15.00" in receipt.body
    assert receipt.short.endswith(f"({NAME} {PHONE})")
    # A unit with its own profile signs its own notices.
    seksi = UnitKerja.objects.create(name="Seksi", code="seksi", level="seksi", parent=dinas)
    UnitProfile.objects.create(unit=seksi, official_name="UPT Layanan Sukamaju Utara", phone="0271 9")
    Pengaduan.objects.filter(pk=case.pk).update(unit=seksi)
    case.refresh_from_db()
    status = notify.status_notice(case, state=case.state)
    assert "UPT Layanan Sukamaju Utara" in status.body and NAME not in status.body
    assert status.short.endswith("(UPT Layanan Sukamaju Utara 0271 9)")


def test_without_a_profile_the_notices_are_unsigned(db, file_pengaduan):
    case, code = file_pengaduan()
    notice = notify.receipt_notice(case, code=code)
    assert notice.body.rstrip().endswith("mohon tidak membalas pesan ini.")
    assert notice.short.endswith("/lacak/")


def test_the_wbs_news_mail_names_the_agency_only(profile):
    message = wbs_notify.compose("pelapor@example.test")
    assert NAME in message.body and PHONE in message.body


def test_nothing_was_sent_by_building_notices(profile):
    assert mail.outbox == [] and sms.outbox == []
