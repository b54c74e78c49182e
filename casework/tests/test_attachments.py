"""Attachments: the type is read from content, metadata is removed, limits hold, and only
staff who may see the case can download a file — every download audited."""

import io
import stat
from datetime import timedelta

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.test import RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from PIL import Image
from pypdf import PdfReader

from accounts import roles
from casework import attachments
from casework.attachments import add_attachment, read_attachment, storage_path, sweep_orphan_files
from casework.models import Attachment
from casework.sanitize import safe_name, sanitize, strip_jpeg_metadata
from casework.services import case_recuse
from casework.uploads import AttachmentsField
from security import audit
from security.models import AuditEntry

from . import samples


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "private"
    return settings.SIGAP_PRIVATE_STORAGE


@pytest.fixture
def case(open_uji):
    return open_uji(title="Pungutan liar di loket")[0]


def login_verified(client, user):
    """Log in with a confirmed second factor, as the staff middleware requires."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="default", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def message_of(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# The type comes from the content -----------------------------------------------------


def test_a_png_named_pdf_is_kept_as_png_under_its_base_name():
    clean = sanitize(samples.png_with_text(), "foto-kejadian.pdf")
    assert clean.content_type == "image/png"
    assert clean.name == "foto-kejadian.png"
    assert Image.open(io.BytesIO(clean.data)).format == "PNG"


def test_an_html_page_named_jpg_is_refused():
    with pytest.raises(ValidationError) as exc:
        sanitize(samples.HTML_PAGE, "bukti.jpg")
    assert exc.value.code == "file_type"
    assert "Jenis berkas tidak diizinkan" in message_of(exc)
    assert "JPEG, PNG, WEBP, PDF" in message_of(exc)


def test_a_windows_program_is_refused_whatever_its_name():
    with pytest.raises(ValidationError) as exc:
        sanitize(samples.WINDOWS_EXE, "scan.pdf")
    assert exc.value.code == "file_type"


def test_the_allow_list_can_be_narrowed_in_settings(settings):
    settings.SIGAP_ATTACHMENT_TYPES = ["application/pdf"]
    with pytest.raises(ValidationError) as exc:
        sanitize(samples.jpeg_with_gps(), "foto.jpg")
    assert "Jenis yang diterima: PDF." in message_of(exc)
    assert sanitize(samples.pdf_with_metadata(), "surat.pdf").content_type == "application/pdf"


def test_the_allow_list_cannot_name_a_type_without_a_cleaner(settings):
    settings.SIGAP_ATTACHMENT_TYPES = ["application/pdf", "application/zip"]
    with pytest.raises(ImproperlyConfigured, match="application/zip"):
        sanitize(samples.pdf_with_metadata(), "surat.pdf")


# Images lose every piece of metadata --------------------------------------------------


def test_jpeg_loses_gps_and_all_metadata_and_is_turned_upright():
    original = samples.jpeg_with_gps(width=40, height=20, orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(samples.GPS_IFD)  # the sample has GPS

    clean = sanitize(original, "IMG_0001.JPG")

    image = Image.open(io.BytesIO(clean.data))
    assert image.format == "JPEG" and clean.name == "IMG_0001.jpg"
    # Orientation 6 means "rotate 90°": the stored pixels are upright, so no tag is needed.
    assert image.size == (20, 40)
    assert not image.getexif()
    assert not image.getexif().get_ifd(samples.GPS_IFD)
    for key in ("exif", "xmp", "icc_profile", "comment"):
        assert key not in image.info
    for canary in samples.METADATA_CANARIES:
        assert canary not in clean.data


def test_a_multi_picture_phone_jpeg_is_kept_as_its_main_picture():
    original = samples.mpo_from_phone()
    assert Image.open(io.BytesIO(original)).format == "MPO"
    clean = sanitize(original, "PXL_2024.jpg")
    image = Image.open(io.BytesIO(clean.data))
    assert clean.content_type == "image/jpeg" and image.format == "JPEG" and image.size == (30, 20)
    assert b"CameraSECRET" not in clean.data and not image.getexif()


def test_png_loses_text_chunks_and_exif_but_keeps_transparency():
    clean = sanitize(samples.png_with_text(mode="RGBA"), "peta.png")
    image = Image.open(io.BytesIO(clean.data))
    assert image.mode == "RGBA"
    assert not image.text and "exif" not in image.info
    assert b"PngTextSECRET" not in clean.data and b"CameraSECRET" not in clean.data


def test_webp_is_accepted_and_cleaned():
    clean = sanitize(samples.webp_image(), "layar.webp")
    assert clean.content_type == "image/webp"
    assert b"CameraSECRET" not in clean.data


def test_an_image_with_unreadable_exif_is_accepted_without_it():
    clean = sanitize(samples.webp_image(exif=b"Exif\x00\x00CameraSECRET garbage"), "layar.webp")
    assert b"CameraSECRET" not in clean.data


def test_a_decompression_bomb_is_refused_with_a_clear_message(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)
    # Between the limit and twice it Pillow only warns; that is refused too.
    for size in [(12, 12), (40, 40)]:
        with pytest.raises(ValidationError) as exc:
            sanitize(samples.png_with_text(*size), "besar.png")
        assert exc.value.code == "file_too_large_image"
        assert "Gambar terlalu besar" in message_of(exc)


def test_a_damaged_image_is_refused():
    broken = samples.png_with_text()[:40]
    with pytest.raises(ValidationError) as exc:
        sanitize(broken, "rusak.png")
    assert "rusak" in message_of(exc)


# PDFs lose their document metadata ----------------------------------------------------


def test_pdf_loses_info_and_xmp_but_keeps_its_pages():
    original = samples.pdf_with_metadata(text=b"Halaman bukti", pages=3)
    assert PdfReader(io.BytesIO(original)).metadata["/Author"] == "AuthorSECRET"

    clean = sanitize(original, "laporan.PDF")

    reader = PdfReader(io.BytesIO(clean.data))
    assert clean.name == "laporan.pdf" and clean.content_type == "application/pdf"
    assert not reader.metadata  # no /Info at all, not even "Producer: pypdf"
    assert "/Metadata" not in reader.trailer["/Root"]
    assert len(reader.pages) == 3
    assert b"Halaman bukti" in reader.pages[0].get_contents().get_data()
    for canary in samples.METADATA_CANARIES:
        assert canary not in clean.data


def test_photos_inside_a_pdf_lose_their_exif_but_still_decode():
    original = samples.pdf_with_photo()
    assert b"CameraSECRET" in original and b"XmpSECRET" in original

    clean = sanitize(original, "scan.pdf")

    assert b"CameraSECRET" not in clean.data and b"XmpSECRET" not in clean.data
    assert b"IccSECRET" not in clean.data and b"CommentSECRET" not in clean.data
    page = PdfReader(io.BytesIO(clean.data)).pages[0]
    photo = page["/Resources"]["/XObject"]["/Im0"].get_object()
    assert Image.open(io.BytesIO(photo.get_data())).size == (40, 20)


def test_jpeg_metadata_stripping_keeps_the_image_data():
    original = samples.jpeg_with_gps(orientation=1)
    stripped = strip_jpeg_metadata(original)
    assert b"CameraSECRET" not in stripped and len(stripped) < len(original)
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(original)).tobytes()
    assert strip_jpeg_metadata(b"not a jpeg") == b"not a jpeg"


def test_an_encrypted_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        sanitize(samples.pdf_with_metadata(password="rahasia"), "terkunci.pdf")
    assert exc.value.code == "file_encrypted"
    assert "kata sandi" in message_of(exc)


def test_a_corrupt_pdf_is_refused():
    with pytest.raises(ValidationError) as exc:
        sanitize(b"%PDF-1.7\n" + b"\x00garbage" * 50, "rusak.pdf")
    assert exc.value.code == "file_damaged"
    assert "PDF rusak" in message_of(exc)


# File names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("../../etc/passwd.jpg", "passwd.jpg"),
        ("C:\\Users\\budi\\Desktop\\kwitansi.jpeg", "kwitansi.jpg"),
        ("nota\x00\x1b[31m\u202ebad.jpg", "nota[31mbad.jpg"),
        ("...", "lampiran.jpg"),
        ("", "lampiran.jpg"),
        ("foto tanpa ekstensi", "foto tanpa ekstensi.jpg"),
        # As a browser sends a quote and a line break in a file name.
        ("Foto KTP %22asli%22 %0A– Siti.jpg", 'Foto KTP "asli" – Siti.jpg'),
    ],
)
def test_names_lose_folders_and_control_characters(sent, stored):
    assert safe_name(sent, "jpg") == stored


def test_long_names_are_capped_and_keep_the_right_extension():
    name = safe_name("a" * 400 + ".pdf", "pdf")
    assert len(name) == 150 and name.endswith("a.pdf")


# Limits -------------------------------------------------------------------------------


def test_a_file_above_the_size_limit_is_refused_saying_the_limit(settings, case):
    settings.SIGAP_ATTACHMENT_MAX_BYTES = 1024 * 1024
    too_big = samples.upload(b"\x00" * (1024 * 1024 + 512 * 1024), "video.jpg")
    with pytest.raises(ValidationError) as exc:
        add_attachment(case=case, upload=too_big)
    assert exc.value.code == "file_size"
    assert message_of(exc) == "Berkas terlalu besar (1,5 MB). Ukuran maksimal 1 MB per berkas."
    assert not Attachment.objects.exists()


def test_a_case_holds_no_more_than_the_count_limit(settings, case, private_storage):
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 2
    for n in range(2):
        add_attachment(case=case, upload=samples.upload(samples.png_with_text(), f"foto{n}.png"))
    with pytest.raises(ValidationError) as exc:
        add_attachment(case=case, upload=samples.upload(samples.png_with_text(), "foto3.png"))
    assert exc.value.code == "file_count"
    assert "paling banyak 2 berkas per kasus" in message_of(exc)
    assert case.attachments.count() == 2
    assert len(list(private_storage.iterdir())) == 2


# Storing ------------------------------------------------------------------------------


def test_a_stored_attachment_is_encrypted_private_and_reads_back(case, handler, private_storage):
    attachment = add_attachment(
        case=case, upload=samples.upload(samples.jpeg_with_gps(), "kwitansi.jpg"), uploaded_by=handler
    )
    attachment.refresh_from_db()
    path = storage_path(attachment)
    assert path.parent == private_storage.resolve() and path.name == str(attachment.storage_name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert attachment.original_name == "kwitansi.jpg"
    assert attachment.content_type == "image/jpeg"
    assert attachment.key_version == 1
    content = read_attachment(attachment)
    assert Image.open(io.BytesIO(content)).size == (20, 40)
    assert attachment.size == len(content)
    assert content not in path.read_bytes()


def test_a_reporter_upload_is_audited_without_any_client_address(case):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    attachment = add_attachment(
        case=case,
        upload=samples.upload(samples.pdf_with_metadata(), "bukti-rahasia.pdf"),
        from_reporter=True,
        visible_to_reporter=True,
        request=request,
    )
    entry = AuditEntry.objects.get(event=audit.Event.ATTACHMENT_ADDED)
    assert entry.actor_id is None and entry.case_id == case.pk and entry.object_id == str(attachment.pk)
    assert "client" not in entry.data
    # The file name is sensitive and audit data is stored in clear.
    assert "bukti-rahasia" not in str(entry.data)
    assert attachment.from_reporter and attachment.visible_to_reporter


def test_a_staff_upload_is_audited_with_its_client_address(case, handler):
    request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    add_attachment(
        case=case, upload=samples.upload(samples.webp_image(), "x.webp"), uploaded_by=handler, request=request
    )
    entry = AuditEntry.objects.get(event=audit.Event.ATTACHMENT_ADDED)
    assert entry.actor_id == handler.pk and entry.data["client"] == "198.51.100.7"


def test_the_file_is_removed_when_the_transaction_fails(case, monkeypatch, private_storage):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit down")

    monkeypatch.setattr(attachments.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        add_attachment(case=case, upload=samples.upload(samples.png_with_text(), "a.png"))
    assert not Attachment.objects.exists()
    assert list(private_storage.iterdir()) == []


def test_a_file_left_by_an_outer_rollback_is_swept(case, private_storage):
    kept = add_attachment(case=case, upload=samples.upload(samples.png_with_text(), "tetap.png"))
    with pytest.raises(RuntimeError), transaction.atomic():
        add_attachment(case=case, upload=samples.upload(samples.png_with_text(), "batal.png"))
        raise RuntimeError("the caller's service failed after the upload")
    assert len(list(private_storage.iterdir())) == 2

    assert sweep_orphan_files(older_than=timedelta(hours=1)) == []  # too recent to touch
    removed = sweep_orphan_files(older_than=timedelta(0))
    assert len(removed) == 1
    assert [p.name for p in private_storage.iterdir()] == [str(kept.storage_name)]


def test_an_altered_file_is_not_served(case):
    attachment = add_attachment(case=case, upload=samples.upload(samples.png_with_text(), "a.png"))
    path = storage_path(attachment)
    blob = bytearray(path.read_bytes())
    blob[-5] ^= 1
    path.write_bytes(bytes(blob))
    with pytest.raises(attachments.crypto.DecryptionError):
        read_attachment(attachment)


def test_private_storage_may_not_sit_inside_a_served_folder(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.SIGAP_PRIVATE_STORAGE = tmp_path / "static" / "private"
    with pytest.raises(ImproperlyConfigured):
        attachments.storage_root()


# The form field -----------------------------------------------------------------------


class EvidenceForm(forms.Form):
    uraian = forms.CharField()
    lampiran = AttachmentsField()


def test_the_field_renders_a_multiple_file_input_with_a_type_hint():
    html = str(EvidenceForm()["lampiran"])
    assert "multiple" in html and 'accept=".jpg,.jpeg,image/jpeg' in html
    assert "paling besar 10 MB per berkas" in str(EvidenceForm()["lampiran"].help_text)


def test_a_refused_file_is_reported_beside_the_field_and_the_rest_is_kept():
    files = [
        samples.upload(samples.png_with_text(), "foto.png"),
        samples.upload(samples.HTML_PAGE, "halaman.jpg"),
    ]
    form = EvidenceForm(data={"uraian": "Petugas meminta uang"}, files={"lampiran": files})
    assert not form.is_valid()
    assert list(form.errors) == ["lampiran"]
    assert form.errors["lampiran"][0].startswith("halaman.jpg: Jenis berkas tidak diizinkan")
    assert form.cleaned_data["uraian"] == "Petugas meminta uang"


def test_the_field_counts_files_already_on_the_case(settings):
    settings.SIGAP_ATTACHMENT_MAX_COUNT = 3
    form = EvidenceForm(
        data={"uraian": "x"},
        files={"lampiran": [samples.upload(samples.png_with_text(), f"{n}.png") for n in range(2)]},
    )
    form.fields["lampiran"].already_attached = 2
    assert not form.is_valid()
    assert "paling banyak 3 berkas per kasus, sisa 1 berkas lagi" in form.errors["lampiran"][0]


def test_the_field_checks_each_file_size(settings):
    settings.SIGAP_ATTACHMENT_MAX_BYTES = 100
    form = EvidenceForm(data={"uraian": "x"}, files={"lampiran": [samples.upload(samples.png_with_text(), "a.png")]})
    assert not form.is_valid()
    assert form.errors["lampiran"][0].startswith("a.png: Berkas terlalu besar")


def test_the_field_hands_over_clean_files_that_are_not_sanitized_again(case, monkeypatch):
    files = [samples.upload(samples.jpeg_with_gps(), "a.jpg"), samples.upload(samples.pdf_with_metadata(), "b.pdf")]
    form = EvidenceForm(data={"uraian": "x"}, files={"lampiran": files})
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["lampiran"]
    assert [f.name for f in cleaned] == ["a.jpg", "b.pdf"]

    def must_not_run(*args, **kwargs):
        raise AssertionError("sanitized twice")

    monkeypatch.setattr(attachments, "sanitize", must_not_run)
    stored = [add_attachment(case=case, upload=clean) for clean in cleaned]
    assert [read_attachment(a) for a in stored] == [f.data for f in cleaned]


def test_no_files_is_fine_unless_required():
    assert EvidenceForm(data={"uraian": "x"}).is_valid()

    class Required(forms.Form):
        lampiran = AttachmentsField(required=True)

    form = Required(data={})
    assert not form.is_valid() and "lampiran" in form.errors


# Downloading --------------------------------------------------------------------------


@pytest.fixture
def stored(case, handler):
    return add_attachment(
        case=case, upload=samples.upload(samples.pdf_with_metadata(), 'Laporan Ü "akhir".pdf'), uploaded_by=handler
    )


def test_a_handler_who_sees_the_case_downloads_the_file_with_safe_headers(client, handler, stored):
    login_verified(client, handler)
    response = client.get(reverse("files:download", args=[stored.pk]))
    assert response.status_code == 200
    assert response.content == read_attachment(stored)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Laporan _ _akhir_.pdf\"; filename*=UTF-8''Laporan%20%C3%9C%20%22akhir%22.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert "sandbox" in response["Content-Security-Policy"]


def test_inline_asks_the_browser_to_show_the_file(client, handler, stored):
    login_verified(client, handler)
    response = client.get(reverse("files:download", args=[stored.pk]), {"inline": "1"})
    assert response["Content-Disposition"].startswith("inline;")


def test_every_download_is_audited_with_its_reader(client, handler, stored):
    login_verified(client, handler)
    client.get(reverse("files:download", args=[stored.pk]))
    entry = AuditEntry.objects.get(event=audit.Event.ATTACHMENT_DOWNLOADED)
    assert entry.actor_id == handler.pk
    assert entry.case_id == stored.case_id and entry.object_id == str(stored.pk)


def test_a_user_who_cannot_see_the_case_gets_404(client, make_user, stored):
    outsider = make_user(roles.PETUGAS_UPG)
    login_verified(client, outsider)
    assert client.get(reverse("files:download", args=[stored.pk])).status_code == 404
    assert not AuditEntry.objects.filter(event=audit.Event.ATTACHMENT_DOWNLOADED).exists()


def test_a_recused_handler_gets_404(client, make_user, case, stored):
    colleague = make_user(roles.PENGELOLA_PENGADUAN)
    case_recuse(case=case, user=colleague, reason="terlapor")
    login_verified(client, colleague)
    assert client.get(reverse("files:download", args=[stored.pk])).status_code == 404


def test_an_unknown_attachment_gets_404(client, handler):
    login_verified(client, handler)
    assert client.get(reverse("files:download", args=[999999])).status_code == 404


def test_a_missing_file_is_a_404_not_a_crash(client, handler, stored):
    storage_path(stored).unlink()
    login_verified(client, handler)
    assert client.get(reverse("files:download", args=[stored.pk])).status_code == 404


def test_downloads_need_a_verified_staff_login(client, handler, stored):
    url = reverse("files:download", args=[stored.pk])
    assert url.startswith("/staf/")
    assert client.get(url).status_code == 302
    client.force_login(handler)  # password only, no second factor
    response = client.get(url)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_a_reporter_upload_racing_the_close_is_refused(case, handler, private_storage, monkeypatch):
    """The public view checked the case while open; it closed before the file was stored."""
    from django.utils import timezone

    from casework import views_public
    from casework.models import Case

    clean = sanitize(samples.png_with_text(), "bukti.png")

    def close_first(**kwargs):
        Case.objects.filter(pk=kwargs["case"].pk).update(closed_at=timezone.now())
        return add_attachment(**kwargs)

    monkeypatch.setattr(views_public, "add_attachment", close_first)
    with pytest.raises(ValidationError) as refused:
        views_public.attach_reporter_files(case, [clean])
    assert "Kasus sudah ditutup" in message_of(refused)
    assert not Attachment.objects.filter(case=case).exists()
    assert not [path for path in private_storage.rglob("*") if path.is_file()]
    # Nor may staff: a closed case changes only by reopening (casework.closure).
    with pytest.raises(ValidationError):
        add_attachment(case=case, upload=clean, uploaded_by=handler)


def test_the_files_field_tells_the_pages_script_the_limit_as_configured_now(settings):
    """Django refuses a request with too many files before any view; the field gives the
    page's script the limit (read when rendered, so a changed setting counts) to say so
    before sending."""
    from django import forms

    from casework.uploads import AttachmentsField

    class Form(forms.Form):
        lampiran = AttachmentsField()

    settings.SIGAP_ATTACHMENT_MAX_COUNT = 4
    html = str(Form()["lampiran"])
    assert 'data-max-files="4"' in html
    assert "Paling banyak 4 berkas sekaligus" in html
