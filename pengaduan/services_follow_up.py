"""The dispositioned unit's follow-up together with its evidence files.

pengaduan.services.pengaduan_record_follow_up records the summary; this adds the files
in the same transaction, so a follow-up is never recorded without the evidence the unit
sent with it, and no file is kept for a follow-up that was refused.
"""

from __future__ import annotations

from django.db import transaction

from casework.attachments import add_attachment, storage_path

from .models import Pengaduan
from .services import pengaduan_record_follow_up

#: Attachment.purpose of the files a unit sends with its follow-up.
EVIDENCE_PURPOSE = "tindak_lanjut"


def pengaduan_record_follow_up_with_evidence(
    *, case, actor, summary: str, files=(), note: str = "", public_note: str = "", request=None
) -> Pengaduan:
    """Record what the unit did (catat tindak lanjut) and store its evidence `files`
    (CleanFile from casework.uploads.AttachmentsField, or uploaded files).

    The transition runs first, so the actor's right to record the follow-up is checked
    under the row lock before any file is stored. Raises what the follow-up service and
    casework.attachments.add_attachment raise (PermissionDenied, TransitionBlocked,
    ValidationError); then nothing is kept, files included.
    """
    stored = []
    try:
        with transaction.atomic():
            locked = pengaduan_record_follow_up(
                case=case, actor=actor, summary=summary, note=note, public_note=public_note, request=request
            )
            for upload in files:
                stored.append(
                    add_attachment(
                        case=locked, upload=upload, uploaded_by=actor, purpose=EVIDENCE_PURPOSE, request=request
                    )
                )
    except BaseException:
        # The rows are gone with the transaction; their encrypted files go too.
        for attachment in stored:
            storage_path(attachment).unlink(missing_ok=True)
        raise
    return locked
