"""Where a made report's file is kept: encrypted with the current key (security.crypto), like
every private file, in a folder of its own under SIGAP_PRIVATE_STORAGE (never served; the
attachments' sweep looks only at the files directly in that folder, not in this one).

The files live a few days (SIGAP_REPORT_FILE_DAYS), so a key rotation need not re-encrypt
them: one made under a key since removed fails to read and is asked for again.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from casework.attachments import storage_root, write_atomically
from security import crypto

logger = logging.getLogger(__name__)

FOLDER = "laporan"


def folder() -> Path:
    return storage_root() / FOLDER


def path_of(storage_name: uuid.UUID | str) -> Path:
    return folder() / str(uuid.UUID(str(storage_name)))


def store(data: bytes) -> tuple[uuid.UUID, int]:
    """Encrypt and write `data` under a new random name; returns the name and key version."""
    blob = crypto.encrypt_bytes(data)
    name = uuid.uuid4()
    write_atomically(path_of(name), blob)
    return name, crypto.bytes_key_version(blob)


def read(storage_name, size: int) -> bytes:
    """The decrypted file. Raises FileNotFoundError, or crypto.DecryptionError for a file
    altered, swapped for another job's, or made under a key no longer configured."""
    data = crypto.decrypt_bytes(path_of(storage_name).read_bytes())
    if len(data) != size:
        raise crypto.DecryptionError("The file does not belong to this report")
    return data


def remove(storage_name) -> None:
    try:
        path_of(storage_name).unlink(missing_ok=True)
    except OSError:
        logger.exception("Could not remove the report file %s", storage_name)
