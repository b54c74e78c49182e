"""Encryption at rest with versioned keys.

Keys come from settings.SIGAP_ENCRYPTION_KEYS as "version:key" pairs, newest first; each
key is a Fernet key (AES-128-CBC + HMAC-SHA256, from the `cryptography` package). Every
ciphertext carries the version of the key that made it, so key rotation can find what is
still under an old key without trying to decrypt everything, and decryption picks the
right key directly.

Text values are stored as ``enc:v<version>:<fernet token>``; files as the bytes
``SIGAPENC<version>\\n<fernet token>``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TEXT_PREFIX = "enc:v"
FILE_MAGIC = b"SIGAPENC"


class DecryptionError(Exception):
    """A stored value cannot be decrypted with any configured key."""


@dataclass(frozen=True)
class Keyring:
    current_version: int
    fernets: dict[int, Fernet]


def _to_fernet_key(raw: str) -> bytes:
    """Accept a Fernet key, or any other secret string (stretched to one with SHA-256)."""
    raw_bytes = raw.encode()
    try:
        if len(base64.urlsafe_b64decode(raw_bytes)) == 32:
            return raw_bytes
    except ValueError:
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(raw_bytes).digest())


@lru_cache(maxsize=8)
def _parse_keyring(spec: str) -> Keyring:
    fernets: dict[int, Fernet] = {}
    order: list[int] = []
    for part in (p.strip() for p in spec.split(",")):
        if not part:
            continue
        version_text, sep, key = part.partition(":")
        if not sep or not version_text.isdigit() or not key:
            raise ImproperlyConfigured("SIGAP_ENCRYPTION_KEYS must be 'version:key' pairs separated by commas")
        version = int(version_text)
        if version in fernets:
            raise ImproperlyConfigured(f"Encryption key version {version} is given twice")
        fernets[version] = Fernet(_to_fernet_key(key))
        order.append(version)
    if not order:
        raise ImproperlyConfigured("SIGAP_ENCRYPTION_KEYS holds no key")
    return Keyring(current_version=order[0], fernets=fernets)


def keyring() -> Keyring:
    """The configured keys; the first one given is the current (encrypting) key."""
    return _parse_keyring(settings.SIGAP_ENCRYPTION_KEYS)


def _fernet(version: int) -> Fernet:
    ring = keyring()
    try:
        return ring.fernets[version]
    except KeyError:
        raise DecryptionError(f"No key for version {version} is configured") from None


def encrypt_text(plaintext: str) -> str:
    """Encrypt under the current key. EncryptedTextField calls this; code rarely needs to."""
    ring = keyring()
    token = ring.fernets[ring.current_version].encrypt(plaintext.encode("utf-8"))
    return f"{TEXT_PREFIX}{ring.current_version}:{token.decode('ascii')}"


def text_key_version(stored: str) -> int | None:
    """The key version of a stored text value, or None when it is not encrypted."""
    if not stored.startswith(TEXT_PREFIX):
        return None
    version_text, _, _ = stored[len(TEXT_PREFIX) :].partition(":")
    return int(version_text) if version_text.isdigit() else None


def decrypt_text(stored: str) -> str:
    """The plaintext of a stored value; raises DecryptionError if it cannot be read."""
    version = text_key_version(stored)
    if version is None:
        raise DecryptionError("Value is not in the encrypted format")
    token = stored.split(":", 2)[2]
    try:
        return _fernet(version).decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise DecryptionError("Value was altered or made with another key") from None


def encrypt_bytes(data: bytes) -> bytes:
    """Encrypt file content under the current key (see casework.attachments)."""
    ring = keyring()
    token = ring.fernets[ring.current_version].encrypt(data)
    return FILE_MAGIC + str(ring.current_version).encode() + b"\n" + token


def bytes_key_version(blob: bytes) -> int | None:
    """The key version in an encrypted file's header, or None when it has none."""
    if not blob.startswith(FILE_MAGIC):
        return None
    header, _, _ = blob.partition(b"\n")
    version = header[len(FILE_MAGIC) :]
    return int(version) if version.isdigit() else None


def decrypt_bytes(blob: bytes) -> bytes:
    """The content of an encrypted file; raises DecryptionError if it cannot be read."""
    version = bytes_key_version(blob)
    if version is None:
        raise DecryptionError("File is not in the encrypted format")
    token = blob.partition(b"\n")[2]
    try:
        return _fernet(version).decrypt(token)
    except InvalidToken:
        raise DecryptionError("File was altered or made with another key") from None


def reencrypt_text(stored: str) -> str:
    """The same text under the current key. Call only from key rotation."""
    return encrypt_text(decrypt_text(stored))


def reencrypt_bytes(blob: bytes) -> bytes:
    """The same file content under the current key. Call only from key rotation."""
    return encrypt_bytes(decrypt_bytes(blob))


def keyed_digest(value: str, *, purpose: str) -> str:
    """HMAC-SHA256 of value under the lookup key, separated by purpose; hex."""
    key = hmac.new(settings.SIGAP_LOOKUP_KEY.encode(), purpose.encode(), hashlib.sha256).digest()
    return hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
