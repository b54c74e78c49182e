"""Sealing: encryption of a WBS reporter's identity apart from every other encrypted value.

Ordinary encrypted fields (security.fields) are decrypted whenever their row is loaded,
so anything that loads a report — the handler's page, an export, the admin, key rotation
— would hold them in clear. A reporter's identity must never travel those paths. It is
therefore sealed here, under its own keys (SIGAP_WBS_IDENTITY_KEYS, never the field keys),
into a plain text column that no model field decrypts, and opened only by
wbs.identity.identity_open after an approved, audited request.

Envelope: each identity gets a fresh 256-bit data key; the identity is encrypted with it
(AES-256-GCM) and the data key is wrapped with the current sealing key (AES-256-GCM). Both
are bound to the report's id as associated data, so a sealed value copied onto another
report does not open. Rotating the sealing key re-wraps the small data keys only.

Stored form: ``seal1:<key version>:<wrapped data key>:<sealed identity>`` (base64url).
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

SETTING = "SIGAP_WBS_IDENTITY_KEYS"
#: Public development key: refused in production (see wbs.checks).
DEV_KEYS = "1:dev-insecure-wbs-identity-key"
PREFIX = "seal1"
_NONCE_BYTES = 12


class SealError(Exception):
    """A sealed value cannot be opened: altered, moved to another report, or made with a
    key that is not configured."""


def configured_keys() -> str:
    """The sealing keys as configured (config/settings.py reads them from the environment
    and refuses to start production without its own), else the development key outside
    production."""
    value = getattr(settings, SETTING, None)
    if value:
        return value
    if getattr(settings, "SIGAP_ENV", "development") == "production":
        raise ImproperlyConfigured(f"{SETTING} is required in production")
    return DEV_KEYS


def is_development_key(value: str) -> bool:
    return value.strip() == DEV_KEYS


@dataclass(frozen=True)
class SealKeys:
    current: int
    keys: dict[int, bytes]


@lru_cache(maxsize=8)
def _parse(spec: str) -> SealKeys:
    keys: dict[int, bytes] = {}
    order: list[int] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        version_text, sep, secret = part.partition(":")
        if not sep or not version_text.isdigit() or not secret:
            raise ImproperlyConfigured(f"{SETTING} must be 'version:key' pairs separated by commas")
        version = int(version_text)
        if version in keys:
            raise ImproperlyConfigured(f"{SETTING} gives key version {version} twice")
        # Any secret string becomes a 256-bit key; the label keeps it apart from every other
        # use of the same string.
        keys[version] = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"sigap wbs identity seal").derive(
            secret.encode("utf-8")
        )
        order.append(version)
    if not order:
        raise ImproperlyConfigured(f"{SETTING} holds no key")
    return SealKeys(current=order[0], keys=keys)


def seal_keys() -> SealKeys:
    return _parse(configured_keys())


def _aad(report_id: int) -> bytes:
    return f"sigap:wbs-identity:{report_id}".encode()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text.encode("ascii"))


def _encrypt(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = secrets.token_bytes(_NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], aad)


def _split(stored: str) -> tuple[int, bytes, bytes]:
    try:
        prefix, version_text, wrapped, body = stored.split(":")
        if prefix != PREFIX or not version_text.isdigit():
            raise ValueError
        return int(version_text), _unb64(wrapped), _unb64(body)
    except ValueError:
        raise SealError("Not a sealed value") from None


def key_version(stored: str) -> int:
    return _split(stored)[0]


def seal(data: dict[str, str], *, report_id: int) -> str:
    """Seal `data` (short strings) for the report `report_id`. Call once, when the
    reporter gives the identity; the result is stored as it is."""
    keys = seal_keys()
    aad = _aad(report_id)
    data_key = AESGCM.generate_key(bit_length=256)
    body = _encrypt(data_key, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"), aad)
    wrapped = _encrypt(keys.keys[keys.current], data_key, aad)
    return f"{PREFIX}:{keys.current}:{_b64(wrapped)}:{_b64(body)}"


def _data_key(version: int, wrapped: bytes, aad: bytes) -> bytes:
    key = seal_keys().keys.get(version)
    if key is None:
        raise SealError(f"No sealing key of version {version} is configured")
    try:
        return _decrypt(key, wrapped, aad)
    except InvalidTag:
        raise SealError("The sealed value was altered or belongs to another report") from None


def unseal(stored: str, *, report_id: int) -> dict[str, str]:
    """The sealed data. Only wbs.identity calls this, after checking an approved request
    and auditing the opening."""
    version, wrapped, body = _split(stored)
    aad = _aad(report_id)
    data_key = _data_key(version, wrapped, aad)
    try:
        return json.loads(_decrypt(data_key, body, aad).decode("utf-8"))
    except InvalidTag:
        raise SealError("The sealed value was altered or belongs to another report") from None


def rewrap(stored: str, *, report_id: int) -> str:
    """The same sealed value with its data key wrapped under the current sealing key
    (for key rotation: the identity itself is not decrypted)."""
    version, wrapped, body = _split(stored)
    keys = seal_keys()
    if version == keys.current:
        return stored
    aad = _aad(report_id)
    data_key = _data_key(version, wrapped, aad)
    return f"{PREFIX}:{keys.current}:{_b64(_encrypt(keys.keys[keys.current], data_key, aad))}:{_b64(body)}"
