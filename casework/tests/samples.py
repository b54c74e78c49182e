"""Small files made on the spot for attachment tests, each carrying the metadata to strip."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from PIL.PngImagePlugin import PngInfo
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, NumberObject, StreamObject

ORIENTATION = 0x0112
MAKE = 0x010F
GPS_IFD = 0x8825

# Every secret a sample hides in its metadata; none may survive sanitizing.
METADATA_CANARIES = (
    b"CameraSECRET",
    b"CommentSECRET",
    b"IccSECRET",
    b"XmpSECRET",
    b"PngTextSECRET",
    b"AuthorSECRET",
    b"CreatorSECRET",
    b"ProducerSECRET",
)


def jpeg_with_gps(width=40, height=20, orientation=6) -> bytes:
    """A JPEG with camera make, GPS position, orientation tag, comment, ICC and XMP."""
    exif = Image.Exif()
    exif[MAKE] = "CameraSECRET"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 49.0, 12.0)})
    out = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(
        out,
        "JPEG",
        exif=exif,
        comment=b"CommentSECRET",
        icc_profile=b"IccSECRET" * 4,
        xmp=b"<x:xmpmeta>XmpSECRET</x:xmpmeta>",
    )
    return out.getvalue()


def mpo_from_phone() -> bytes:
    """A multi-picture JPEG (main photo plus a second one), as many phones write; with GPS."""
    exif = Image.Exif()
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "S", 2: (6.0, 10.0, 30.0)})
    exif[MAKE] = "CameraSECRET"
    out = io.BytesIO()
    main, depth = Image.new("RGB", (30, 20), "green"), Image.new("RGB", (15, 10), "gray")
    main.save(out, "MPO", save_all=True, append_images=[depth], exif=exif)
    return out.getvalue()


def png_with_text(width=10, height=10, mode="RGBA") -> bytes:
    """A PNG with a tEXt chunk and an EXIF block."""
    info = PngInfo()
    info.add_text("Author", "PngTextSECRET")
    exif = Image.Exif()
    exif[MAKE] = "CameraSECRET"
    out = io.BytesIO()
    Image.new(mode, (width, height)).save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def webp_image(exif: bytes | None = None) -> bytes:
    """A WEBP with an EXIF block (a well-formed one unless `exif` is given)."""
    if exif is None:
        tags = Image.Exif()
        tags[MAKE] = "CameraSECRET"
        exif = tags.tobytes()
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "WEBP", exif=exif)
    return out.getvalue()


def pdf_with_metadata(*, text: bytes = b"Isi halaman", pages: int = 2, password: str | None = None) -> bytes:
    """A PDF whose /Info names its author and tools, with XMP in the catalogue."""
    writer = PdfWriter()
    for _ in range(pages):
        page = writer.add_blank_page(200, 200)
        content = DecodedStreamObject()
        content.set_data(b"BT /F1 12 Tf 20 100 Td (" + text + b") Tj ET")
        page[NameObject("/Contents")] = writer._add_object(content)
    writer.add_metadata({"/Author": "AuthorSECRET", "/Creator": "CreatorSECRET", "/Producer": "ProducerSECRET"})
    xmp = DecodedStreamObject()
    xmp.set_data(b"<x:xmpmeta>XmpSECRET</x:xmpmeta>")
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    if password is not None:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_photo() -> bytes:
    """A PDF whose page draws a JPEG that still carries its EXIF (camera, GPS) and XMP."""
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    photo = StreamObject()
    photo._data = jpeg_with_gps(orientation=1)
    photo.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(40),
            NameObject("/Height"): NumberObject(20),
            NameObject("/ColorSpace"): NameObject("/DeviceRGB"),
            NameObject("/BitsPerComponent"): NumberObject(8),
            NameObject("/Filter"): NameObject("/DCTDecode"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im0"): writer._add_object(photo)})}
    )
    content = DecodedStreamObject()
    content.set_data(b"q 40 0 0 20 10 10 cm /Im0 Do Q")
    page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def upload(data: bytes, name: str, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    """An uploaded file as Django's request parsing would hand it over."""
    return SimpleUploadedFile(name, data, content_type=content_type)


HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
