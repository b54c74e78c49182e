"""Attachments: add, read and serve the files on a case.

A file is sanitized (casework.sanitize), encrypted with the current key and written under
settings.SIGAP_PRIVATE_STORAGE with a random name. Nothing under that folder is ever served
by the web server: bytes leave only through attachment_response(), called by a view that
has already authorised the reader.
"""

from __future__ import annotations

import logging
import os
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from security import audit, crypto

from .models import Attachment, Case, HeldUpload
from .sanitize import CleanFile, sanitize

logger = logging.getLogger(__name__)

TEMP_PREFIX = ".tmp-"


# Limits -------------------------------------------------------------------------------


def megabytes(size: int) -> str:
    """A byte count as megabytes for messages, in the user's number format ("10", "1,5")."""
    value = round(size / (1024 * 1024), 1)
    return number_format(int(value) if value.is_integer() else value)


def check_size(size: int) -> None:
    """Refuse a file above settings.SIGAP_ATTACHMENT_MAX_BYTES. Call before reading it."""
    limit = settings.SIGAP_ATTACHMENT_MAX_BYTES
    if size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s MB). Ukuran maksimal %(limit)s MB per berkas.")
            % {"size": megabytes(size), "limit": megabytes(limit)},
            code="file_size",
        )


def check_count(existing: int, adding: int) -> None:
    """Refuse adding files past settings.SIGAP_ATTACHMENT_MAX_COUNT on one case."""
    limit = settings.SIGAP_ATTACHMENT_MAX_COUNT
    if existing + adding > limit:
        raise ValidationError(
            _("Terlalu banyak lampiran: paling banyak %(limit)d berkas per kasus, sisa %(room)d berkas lagi.")
            % {"limit": limit, "room": max(limit - existing, 0)},
            code="file_count",
        )


def clean_upload(upload) -> CleanFile:
    """Size-check and sanitize one uploaded file (a Django UploadedFile)."""
    check_size(upload.size)
    upload.seek(0)
    return sanitize(upload.read(), getattr(upload, "name", "") or "")


# Storage ------------------------------------------------------------------------------


def storage_root() -> Path:
    """The private folder for attachment files; refuses one inside a served folder."""
    root = Path(settings.SIGAP_PRIVATE_STORAGE).resolve()
    served = [getattr(settings, "MEDIA_ROOT", ""), getattr(settings, "STATIC_ROOT", "")]
    served += list(getattr(settings, "STATICFILES_DIRS", []))
    for folder in filter(None, (str(f) for f in served)):
        folder_path = Path(folder).resolve()
        if root == folder_path or folder_path in root.parents:
            raise ImproperlyConfigured(f"SIGAP_PRIVATE_STORAGE must not be inside a served folder ({folder})")
    return root


def storage_path(attachment) -> Path:
    """Where an attachment's (or another registered file row's) encrypted bytes live."""
    return storage_root() / str(attachment.storage_name)


# Files kept by other apps -------------------------------------------------------------

_file_models: list[type] = []


def register_file_model(model: type) -> None:
    """Declare a model outside the engine whose rows own encrypted files in the private
    folder (a report's meeting minutes, a work plan's evidence): like Attachment it has
    `storage_name` (a UUID, the file's name), `key_version` and `size`. Call from the
    owning app's AppConfig.ready(). Key rotation then re-encrypts its files too, and the
    orphan sweep keeps them; without this, rotation would leave them under an old key
    and the sweep would delete them as orphans."""
    if model not in _file_models:
        _file_models.append(model)


def file_models() -> list[type]:
    """Every model whose rows own files in the private folder, Attachment first (then
    the files refused forms keep for their next try)."""
    return [Attachment, HeldUpload, *_file_models]


def write_atomically(path: Path, blob: bytes) -> None:
    """Write `blob` at `path` so a reader sees the old file or the whole new one, never half.

    Used for new attachments and by key rotation when it replaces a file.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = path.with_name(f"{TEMP_PREFIX}{path.name}-{uuid.uuid4().hex}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(blob)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _remove_quietly(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError:
        logger.exception("Could not remove attachment file %s", path.name)


# Adding and reading -------------------------------------------------------------------


def add_attachment(
    *,
    case: Case,
    upload,
    uploaded_by=None,
    from_reporter: bool = False,
    visible_to_reporter: bool = False,
    purpose: str = "bukti",
    message=None,
    request=None,
) -> Attachment:
    """Store one file on a case. Call from the service that has authorised the uploader.

    `upload` is a Django UploadedFile, or a CleanFile from AttachmentsField (already
    sanitized, so it is not cleaned twice). Raises ValidationError for a file that is too
    large, of a refused type, one too many for the case, or for a closed case (whoever
    uploads). A reporter's upload (uploaded_by=None or from_reporter=True) is audited
    without any client address.
    """
    if message is not None and message.case_id != case.pk:
        raise ValueError("An attachment's message must belong to the same case")
    if isinstance(upload, CleanFile):
        check_size(upload.original_size)
        clean = upload
    else:
        clean = clean_upload(upload)
    blob = crypto.encrypt_bytes(clean.data)
    path: Path | None = None
    try:
        with transaction.atomic():
            # The row lock serialises concurrent uploads, so the count limit holds.
            locked = Case.objects.select_for_update().get(pk=case.pk)
            if not locked.is_open:
                # A closed case changes only by reopening (casework.closure), whoever
                # uploads. Checked under the lock: the caller read the case before it was
                # closed (e.g. a complaint emptied by its move to the WBS meanwhile).
                raise ValidationError(
                    _("Kasus sudah ditutup; lampiran tidak dapat ditambahkan lagi."), code="case_closed"
                )
            check_count(Attachment.objects.filter(case=locked).count(), 1)
            attachment = Attachment(
                case=locked,
                message=message,
                uploaded_by=uploaded_by,
                from_reporter=from_reporter,
                visible_to_reporter=visible_to_reporter,
                purpose=purpose,
                original_name=clean.name,
                content_type=clean.content_type,
                size=clean.size,
                key_version=crypto.bytes_key_version(blob),
            )
            path = storage_path(attachment)
            write_atomically(path, blob)
            attachment.save(force_insert=True)
            is_staff_upload = uploaded_by is not None and not from_reporter
            audit.record(
                audit.Event.ATTACHMENT_ADDED,
                actor=uploaded_by,
                case=locked,
                obj=attachment,
                # Never the file name: audit data is stored in clear.
                data={"content_type": clean.content_type, "size": clean.size, "purpose": purpose},
                request=request if is_staff_upload else None,
                include_client=is_staff_upload,
            )
    except BaseException:
        # Our own transaction rolled back: the row is gone, so the file must go too.
        # (If a caller's outer transaction rolls back later, sweep_orphan_files() cleans up.)
        if path is not None:
            _remove_quietly(path)
        raise
    return attachment


def read_attachment(attachment: Attachment) -> bytes:
    """The decrypted content. Call only after the reader has been authorised.

    Raises FileNotFoundError when the file is missing and crypto.DecryptionError when it
    was altered, replaced, or made with a key no longer configured.
    """
    data = crypto.decrypt_bytes(storage_path(attachment).read_bytes())
    if len(data) != attachment.size:
        # A valid ciphertext of another attachment copied over this one.
        raise crypto.DecryptionError("File content does not belong to this attachment")
    return data


def _content_disposition(name: str, *, inline: bool) -> str:
    """RFC 6266: an ASCII fallback name for old clients and the exact UTF-8 name."""
    fallback = "".join(ch if 32 <= ord(ch) < 127 and ch not in '"\\;' else "_" for ch in name) or "lampiran"
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment_response(attachment: Attachment, *, inline: bool = False, data: bytes | None = None) -> HttpResponse:
    """The HTTP response that hands an attachment to an authorised reader.

    Call from a view after it has checked access and audited the read. The browser gets
    the stored (sanitized) type, is told not to guess another and to treat it as a
    sandboxed origin should it ever be rendered as a page (security.no_store keeps it out
    of caches, like every response). Pass `data` when the caller has already read the
    file, to spare a second decryption.
    """
    if data is None:
        data = read_attachment(attachment)
    response = HttpResponse(data, content_type=attachment.content_type)
    response["Content-Disposition"] = _content_disposition(attachment.original_name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


# Housekeeping -------------------------------------------------------------------------


def sweep_orphan_files(*, older_than: timedelta = timedelta(hours=1), dry_run: bool = False) -> list[str]:
    """Remove files that no attachment row points to. Call from a periodic task.

    A file written inside a caller's transaction that later rolled back has no row; so
    has a temporary file left by a crash. Only files older than `older_than` are touched,
    so uploads still in flight are left alone. Returns the removed names.
    """
    root = storage_root()
    if not root.is_dir():
        return []
    cutoff = (timezone.now() - older_than).timestamp()
    old_files = {
        entry.name: Path(entry.path)
        for entry in os.scandir(root)
        if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff
    }
    known: set[str] = set()
    names = [name for name in old_files if _is_uuid(name)]
    for start in range(0, len(names), 1000):
        chunk = names[start : start + 1000]
        for model in file_models():
            rows = model._base_manager.filter(storage_name__in=chunk).values_list("storage_name", flat=True)
            known.update(str(storage_name) for storage_name in rows)
    orphans = sorted(name for name in old_files if name not in known)
    if not dry_run:
        for name in orphans:
            _remove_quietly(old_files[name])
    return orphans


def _is_uuid(name: str) -> bool:
    try:
        return str(uuid.UUID(name)) == name
    except ValueError:
        return False
