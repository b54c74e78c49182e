"""Make an uploaded file safe to keep: real type from content, metadata removed.

A photo straight from a phone carries GPS coordinates, the device serial and the time it
was taken; a PDF carries its author's name and the software that made it. For a
whistle-blower any of these may identify them (domain.md §4), so every stored file is
rewritten here first: images are decoded and re-encoded from bare pixels, PDFs are rebuilt
page by page without the document's metadata.

The type is decided by the bytes alone (magic numbers, then the decoder agreeing). The
file name and the browser's content type are only what the client claims.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, StreamObject

# Every type we know how to clean: MIME type → (Pillow format or "PDF", extension, label).
# An operator may narrow the list with settings.SIGAP_ATTACHMENT_TYPES but never widen it
# beyond what has a cleaner, since an uncleaned file would keep its metadata.
KNOWN_TYPES: dict[str, tuple[str, str, str]] = {
    "image/jpeg": ("JPEG", "jpg", "JPEG"),
    "image/png": ("PNG", "png", "PNG"),
    "image/webp": ("WEBP", "webp", "WEBP"),
    "application/pdf": ("PDF", "pdf", "PDF"),
}
DEFAULT_ALLOWED_TYPES = tuple(KNOWN_TYPES)

# Long enough for any real name, short enough for headers and the 255-character column.
MAX_NAME_LENGTH = 150
FALLBACK_NAME = "lampiran"


@dataclass(frozen=True)
class CleanFile:
    """A file that has passed sanitize(): safe name, real type, metadata removed."""

    name: str
    content_type: str
    data: bytes
    # Size of what the client sent; limits apply to it, not to the re-encoded result.
    original_size: int

    @property
    def size(self) -> int:
        return len(self.data)


def allowed_types() -> tuple[str, ...]:
    """The MIME types accepted for upload (settings.SIGAP_ATTACHMENT_TYPES or the default)."""
    configured = tuple(getattr(settings, "SIGAP_ATTACHMENT_TYPES", DEFAULT_ALLOWED_TYPES))
    unknown = [t for t in configured if t not in KNOWN_TYPES]
    if unknown:
        raise ImproperlyConfigured(
            f"SIGAP_ATTACHMENT_TYPES lists types SIGAP cannot clean: {', '.join(unknown)}; "
            f"known are {', '.join(KNOWN_TYPES)}"
        )
    return configured


def allowed_labels() -> str:
    """Human list of the accepted types, for messages and help text ("JPEG, PNG, PDF")."""
    return ", ".join(KNOWN_TYPES[t][2] for t in allowed_types())


def accept_attribute() -> str:
    """Value for <input accept="...">: a hint to the browser's picker, never a check."""
    extensions = {"jpg": ".jpg,.jpeg"}
    parts = []
    for mime in allowed_types():
        ext = KNOWN_TYPES[mime][1]
        parts.extend([extensions.get(ext, f".{ext}"), mime])
    return ",".join(parts)


def detect_type(data: bytes) -> str | None:
    """The MIME type the content says it is (by its magic bytes), or None if unknown."""
    kind = filetype.guess(data[:8192])
    return kind.mime if kind is not None else None


def safe_name(name: str, extension: str) -> str:
    """A display name from what the client sent: no folders, no control characters, capped.

    The base name is kept (handlers need to tell files apart) but the extension is
    always the one of the real type.
    """
    # Browsers send a double quote in a file name as "%22" and drop line breaks to
    # "%0A"/"%0D" (the HTML standard's encoding of multipart/form-data names); Django
    # passes them on as they came.
    name = (name or "").replace("%22", '"').replace("%0A", "").replace("%0D", "")
    # Browsers on Windows may send "C:\\Users\\...\\x.jpg"; take the last part of either form.
    base = PurePath(name.replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem.strip().strip(".").strip()
    if not stem:
        stem = FALLBACK_NAME
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip()
    return f"{stem}.{extension}"


def sanitize(data: bytes, name: str) -> CleanFile:
    """Check the type of `data` and return a cleaned copy. Call on every file before storing.

    Raises ValidationError (in the user's language) for a type that is not allowed, a
    damaged file, an encrypted PDF or an image too large to decode safely.
    """
    mime = detect_type(data)
    if mime not in allowed_types():
        raise ValidationError(
            _("Jenis berkas tidak diizinkan. Jenis yang diterima: %(types)s.") % {"types": allowed_labels()},
            code="file_type",
        )
    fmt, extension, _label = KNOWN_TYPES[mime]
    cleaned = _clean_pdf(data) if fmt == "PDF" else _clean_image(data, fmt)
    return CleanFile(name=safe_name(name, extension), content_type=mime, data=cleaned, original_size=len(data))


# Images -------------------------------------------------------------------------------


# Pillow's format name for each decoder → the format we store. Phone cameras often write
# MPO (a JPEG followed by more pictures, e.g. a depth map); its first picture is a JPEG.
_DECODER_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}


def _damaged_image() -> ValidationError:
    return ValidationError(_("Berkas gambar rusak atau tidak dapat dibaca."), code="file_damaged")


def _too_large_image() -> ValidationError:
    return ValidationError(
        _("Gambar terlalu besar untuk diproses (lebih dari %(pixels)s piksel). Perkecil gambar lalu unggah lagi.")
        % {"pixels": number_format(Image.MAX_IMAGE_PIXELS, force_grouping=True)},
        code="file_too_large_image",
    )


def _pixel_mode(image: Image.Image, fmt: str) -> str:
    """The mode to re-encode in: one the format stores, keeping transparency where it can."""
    if fmt == "JPEG":
        return "L" if image.mode == "L" else "RGB"
    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    kept = ("L", "LA", "RGB", "RGBA") if fmt == "PNG" else ("RGB", "RGBA")
    if image.mode in kept and has_alpha == image.mode.endswith("A"):
        return image.mode
    return "RGBA" if has_alpha else "RGB"


def _upright(image: Image.Image) -> Image.Image:
    """Pixels turned as the EXIF orientation says, read before the metadata is dropped."""
    try:
        return ImageOps.exif_transpose(image)
    except (SyntaxError, ValueError, KeyError, TypeError, OSError):
        # Unreadable EXIF holds no usable orientation; it is dropped with the rest.
        return image


def _clean_image(data: bytes, fmt: str) -> bytes:
    # Pillow only warns between MAX_IMAGE_PIXELS and twice that; a warning is still a bomb.
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data)) as image:
                if _DECODER_FORMATS.get(image.format) != fmt:
                    # Magic bytes and decoder disagree: not the file it pretends to be.
                    raise _damaged_image()
                image.load()
                upright = _upright(image)
                mode = _pixel_mode(upright, fmt)
                pixels = upright.convert(mode) if upright.mode != mode else upright
                # A new image from raw pixels has an empty `info`: no EXIF, GPS, XMP, ICC
                # profile, comment or PNG text chunk can ride along into the output.
                bare = Image.frombytes(mode, pixels.size, pixels.tobytes())
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_large_image() from None
        except ValidationError:
            raise
        except Exception:
            # Decoders fail on hostile input in many ways (OSError, SyntaxError, struct
            # errors...); every one of them means the file is not a usable image.
            raise _damaged_image() from None
    out = io.BytesIO()
    options = {"JPEG": {"quality": 90}, "WEBP": {"quality": 90}, "PNG": {}}[fmt]
    bare.save(out, format=fmt, **options)
    return out.getvalue()


# PDFs ---------------------------------------------------------------------------------

# Entries that carry metadata (/Metadata: XMP; /PieceInfo: the editing application's
# private data) or run something when a page is opened (/AA), on pages and on the images
# and forms they draw.
_KEYS_TO_DROP = ("/Metadata", "/PieceInfo", "/AA")

# JPEG segments kept inside a PDF's images: JFIF (0xE0) and Adobe (0xEE, needed to read
# the colours right). Every other APPn (EXIF with GPS, XMP, IPTC, ICC) and COM goes.
_JPEG_KEPT_APP = {0xE0, 0xEE}
_JPEG_SOS = 0xDA


def _damaged_pdf() -> ValidationError:
    return ValidationError(_("Berkas PDF rusak atau tidak dapat dibaca."), code="file_damaged")


def strip_jpeg_metadata(data: bytes) -> bytes:
    """JPEG bytes without their metadata segments; the image data is copied untouched.

    Used for photos embedded in a PDF, which cannot be re-encoded in place without
    risking their colours. Bytes that do not parse as JPEG headers are returned as given.
    """
    if data[:2] != b"\xff\xd8":
        return data
    out, i = bytearray(data[:2]), 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker == _JPEG_SOS:
            return bytes(out + data[i:])
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        is_metadata = marker == 0xFE or (0xE1 <= marker <= 0xEF and marker not in _JPEG_KEPT_APP)
        if not is_metadata:
            out += data[i:end]
        i = end
    return data


def _clean_drawn_objects(resources, seen: set[int]) -> None:
    """Drop metadata from the images and forms a page draws (and the forms inside those)."""
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    for ref in (xobjects.get_object() if xobjects is not None else {}).values():
        obj = ref.get_object()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        for key in _KEYS_TO_DROP:
            obj.pop(NameObject(key), None)
        if obj.get("/Subtype") == "/Form":
            _clean_drawn_objects(obj.get("/Resources"), seen)
        elif obj.get("/Subtype") == "/Image" and obj.get("/Filter") in ("/DCTDecode", ["/DCTDecode"]):
            # The stream holds a whole JPEG file; set its bytes as they are, not re-filtered.
            StreamObject.set_data(obj, strip_jpeg_metadata(obj.get_data()))


def _clean_pdf(data: bytes) -> bytes:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("PDF terkunci kata sandi atau terenkripsi tidak dapat diterima. Unggah salinan tanpa kata sandi."),
                code="file_encrypted",
            )
        if len(reader.pages) == 0:
            raise _damaged_pdf()
        # A new writer copies only the pages: the catalogue's /Metadata (XMP), /Names
        # (embedded files, scripts) and /OpenAction stay behind with the old document.
        writer = PdfWriter()
        seen: set[int] = set()
        for page in reader.pages:
            added = writer.add_page(page)
            for key in _KEYS_TO_DROP:
                added.pop(NameObject(key), None)
            _clean_drawn_objects(added.get("/Resources"), seen)
        # The new writer starts its own /Info ("Producer: pypdf"); drop it entirely.
        writer.metadata = None
        out = io.BytesIO()
        writer.write(out)
    except ValidationError:
        raise
    except Exception:
        # As with images: any parser failure on untrusted bytes means a damaged file.
        raise _damaged_pdf() from None
    return out.getvalue()
