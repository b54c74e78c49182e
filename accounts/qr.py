"""The authenticator-app set-up data: an otpauth:// URI, its QR code as SVG, the secret.

Rendered on the server with `qrcode`, so the secret never leaves for a QR service or a
script from elsewhere.
"""

from base64 import b32encode
from urllib.parse import quote, urlencode
from xml.etree import ElementTree

import qrcode
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from qrcode.image.svg import SvgPathFillImage


def totp_secret(device) -> str:
    """The device key in base32, as authenticator apps expect it for manual entry."""
    return b32encode(device.bin_key).decode("ascii").rstrip("=")


def totp_secret_grouped(device) -> str:
    """The secret in groups of four, easier to copy by hand without losing one's place."""
    secret = totp_secret(device)
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def issuer() -> str:
    """The name the authenticator app shows above the code."""
    return getattr(settings, "OTP_TOTP_ISSUER", "SIGAP").replace(":", "")


def totp_uri(device) -> str:
    """otpauth:// URI labelled with the NIP or e-mail the staff member signs in with.

    django-otp's own config_url labels with `username`, which staff never see.
    """
    name = issuer()
    account = device.user.nip or device.user.email or device.user.get_username()
    params = {
        "secret": totp_secret(device),
        "issuer": name,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{quote(name)}:{quote(account)}?{urlencode(params, quote_via=quote)}"


def qr_svg(data: str, *, label: str, size_px: int = 240) -> SafeString:
    """An inline SVG QR code with a white background (scannable in dark mode too).

    ElementTree writes the markup and escapes the label, so the result is safe to inline;
    the data itself is drawn as modules, never written out as text.
    """
    root = qrcode.make(data, image_factory=SvgPathFillImage, border=4).get_image()
    root.set("width", str(size_px))
    root.set("height", str(size_px))
    root.set("role", "img")
    root.set("aria-label", label)
    return mark_safe(ElementTree.tostring(root, encoding="unicode"))  # noqa: S308 (built above, label escaped)
