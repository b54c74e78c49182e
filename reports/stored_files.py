"""Files the reports keep: a monev meeting's minutes and photos, a recommendation's
follow-up evidence, a work plan action's SK or attendance list.

They are stored the way the engine stores a case's attachments (casework.attachments):
sanitized (real type from the bytes, metadata removed), encrypted with the current key,
written under the private folder with a random name, and handed out only by a view that
has authorised the reader. Each concrete model extends `StoredFile` with the row it
belongs to and registers itself with casework.attachments.register_file_model (in
reports.apps), so key rotation and the orphan sweep cover it like an attachment.
"""

from __future__ import annotations

import logging
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casework.attachments import attachment_response, check_size, megabytes, storage_path, write_atomically
from casework.sanitize import CleanFile, allowed_labels
from casework.uploads import AttachmentsField
from security import audit, crypto
from security.fields import EncryptedCharField

logger = logging.getLogger(__name__)

EVENT_FILE_ADDED = "reports.file_added"
EVENT_FILE_DOWNLOADED = "reports.file_downloaded"


class StoredFile(models.Model):
    """One encrypted file (abstract): what Attachment has, without the case."""

    original_name = EncryptedCharField(gettext_lazy("nama berkas"), plaintext_max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    storage_name = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    key_version = models.PositiveSmallIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


def store_files(model: type[StoredFile], files: list[CleanFile], *, actor, request=None, **fields) -> list[StoredFile]:
    """Write each sanitized file and its row (`fields` name the row it belongs to).

    Call inside the service's transaction, after it has authorised `actor`. A file whose
    row does not commit is removed here when this transaction fails, or later by the
    orphan sweep when an outer one rolls back.
    """
    stored: list[StoredFile] = []
    written: list[Path] = []
    try:
        with transaction.atomic():
            for clean in files:
                check_size(clean.original_size)
                blob = crypto.encrypt_bytes(clean.data)
                row = model(
                    original_name=clean.name,
                    content_type=clean.content_type,
                    size=clean.size,
                    key_version=crypto.bytes_key_version(blob),
                    uploaded_by=actor,
                    **fields,
                )
                path = storage_path(row)
                write_atomically(path, blob)
                written.append(path)
                row.save(force_insert=True)
                audit.record(
                    EVENT_FILE_ADDED,
                    actor=actor,
                    obj=row,
                    # Never the name: audit data is stored in clear.
                    data={"content_type": clean.content_type, "size": clean.size},
                    request=request,
                )
                stored.append(row)
    except BaseException:
        for path in written:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                logger.exception("Could not remove file %s", path.name)
        raise
    return stored


def file_response(row: StoredFile, *, actor, request=None, inline: bool = False):
    """Hand one file to a reader the calling view has authorised; the read is audited."""
    response = attachment_response(row, inline=inline)
    audit.record(EVENT_FILE_DOWNLOADED, actor=actor, obj=row, request=request)
    return response


def _max_files() -> int:
    return settings.SIGAP_ATTACHMENT_MAX_COUNT


def _help_text() -> str:
    return _("Jenis %(types)s; paling besar %(size)s MB per berkas; paling banyak %(count)d berkas.") % {
        "types": allowed_labels(),
        "size": megabytes(settings.SIGAP_ATTACHMENT_MAX_BYTES),
        "count": _max_files(),
    }


class EvidenceFilesField(AttachmentsField):
    """Zero or more files for a report's record (a meeting, a follow-up, an action).

    The engine's field, with the limit counted per record instead of per case and said
    so: `already_attached` is how many files the record holds.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", lazy(_help_text, str)())
        super().__init__(**kwargs)

    def clean(self, data, initial=None) -> list[CleanFile]:
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        limit = _max_files()
        if self.already_attached + len(uploads) > limit:
            raise ValidationError(
                _("Terlalu banyak berkas: paling banyak %(limit)d berkas, sisa %(room)d berkas lagi.")
                % {"limit": limit, "room": max(limit - self.already_attached, 0)},
                code="file_count",
            )
        # The count is checked above in this record's terms; the engine's field checks
        # the size and type of each file and names every file it refuses.
        self.already_attached, counted = 0, self.already_attached
        try:
            return super().clean(data, initial)
        finally:
            self.already_attached = counted
