"""Files sent with a refused form, kept for the next try of the same form.

A browser never sends a file twice: a form refused for a typo used to lose its files, and
the person had to find and pick them again. Now each file that passed its own checks is
kept (sanitized, encrypted, in the private folder like an attachment) as a HeldUpload,
and the page shown again lists it by name and size with a box to remove it. When the
form is sent and accepted, the kept files go with it (counted in the limits like new
ones) and the kept rows and files are removed.

What binds the files to that one page:
- a random 256-bit token, made when the first file is kept; the page holds it signed (with
  a time, in the hidden field TOKEN_FIELD) under a salt that names the form, and the
  database only its SHA-256. A token signed for one form does not unsign on another, a
  forged or stale one unsigns nowhere, and a row id alone finds nothing;
- the form's name on the row, and for an employee's form the account (`owner`): another
  signed-in employee holding the page's token gets nothing. A public form has no owner,
  and nothing else about the sender is kept (no address, session or device), so a held
  WBS file links to nobody;
- an expiry, SIGAP_HELD_UPLOAD_HOURS after the last refusal, rounded up to the hour; the
  periodic task remove_expired_held_uploads removes what was never sent again.

All kept files together stay under SIGAP_HELD_UPLOADS_MAX_MB: past it a refused form
names its files to pick again, as before, so that refused posts cannot fill the disk.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from security import crypto

from .attachments import storage_path, write_atomically
from .models import HeldUpload
from .sanitize import CleanFile

logger = logging.getLogger(__name__)

#: The hidden field that carries the signed token, and the boxes that remove a kept file.
TOKEN_FIELD = "berkas_simpanan"
DROP_FIELD = "hapus_berkas"

_SALT = "casework.held_uploads"


def _signer(form: str) -> signing.TimestampSigner:
    # The form's name in the salt: a token signed for one form never unsigns on another.
    return signing.TimestampSigner(salt=f"{_SALT}:{form}")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _hours() -> timedelta:
    return timedelta(hours=settings.SIGAP_HELD_UPLOAD_HOURS)


def _on_the_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def expiry(now: datetime | None = None) -> datetime:
    """When files kept now expire: SIGAP_HELD_UPLOAD_HOURS on, up to the next full hour
    (no row says to the minute when a form was refused)."""
    return _on_the_hour((now or timezone.now()) + _hours()) + timedelta(hours=1)


@dataclass
class HeldFiles:
    """The files kept for one showing of one form (see the module's docstring).

    Made by casework.uploads.keep_files() from the posted data; an unposted form has none.
    `dropped` holds the handles the sender ticked to remove: they no longer count, and
    are deleted at the next settle() or release().
    """

    form: str
    owner: object = None
    token: str | None = None
    dropped: set[str] = field(default_factory=set)
    #: Names of files sent with this post that could not be kept (the page asks for them).
    not_kept: list[str] = field(default_factory=list)
    _rows: list[HeldUpload] | None = None

    @classmethod
    def from_post(cls, *, form: str, data, owner=None) -> HeldFiles:
        """The kept files a post names: its token unsigned for this form (None when it is
        missing, forged, stale or another form's), and the boxes ticked to remove."""
        token = None
        signed = (data.get(TOKEN_FIELD) or "").strip() if data is not None else ""
        if signed:
            try:
                token = _signer(form).unsign(signed, max_age=_hours() + timedelta(hours=1))
            except signing.BadSignature:
                token = None
        dropped = set(data.getlist(DROP_FIELD)) if token and hasattr(data, "getlist") else set()
        return cls(form=form, owner=owner, token=token, dropped=dropped)

    # --- Reading ------------------------------------------------------------------------

    def _all_rows(self) -> list[HeldUpload]:
        if self._rows is None:
            if not self.token:
                self._rows = []
            else:
                rows = HeldUpload.objects.filter(
                    form=self.form, token_digest=_digest(self.token), expires_at__gt=timezone.now()
                )
                rows = rows.filter(owner=self.owner) if self.owner is not None else rows.filter(owner__isnull=True)
                self._rows = list(rows)
        return self._rows

    @property
    def rows(self) -> list[HeldUpload]:
        """The kept files that go with the form, in the order they were kept."""
        return [row for row in self._all_rows() if str(row.handle) not in self.dropped]

    def __len__(self) -> int:
        return len(self.rows)

    def signed_token(self) -> str:
        """The value of the page's hidden TOKEN_FIELD (signed now, so it lives as long as
        the rows it names), or "" when nothing is kept."""
        return _signer(self.form).sign(self.token) if self.token and self.rows else ""

    def read(self) -> list[CleanFile]:
        """The kept files' content, for the service as if just uploaded. A file that can
        no longer be read (missing, altered) is forgotten and refused by name."""
        files, unreadable = [], []
        for row in self.rows:
            try:
                data = crypto.decrypt_bytes(storage_path(row).read_bytes())
                if len(data) != row.size:
                    raise crypto.DecryptionError("Content does not belong to this row")
            except (OSError, crypto.DecryptionError):
                logger.exception("Held upload %s cannot be read", row.pk)
                unreadable.append(row)
                continue
            files.append(
                CleanFile(
                    name=row.original_name,
                    content_type=row.content_type,
                    data=data,
                    original_size=row.original_size,
                )
            )
        if unreadable:
            self.dropped.update(str(row.handle) for row in unreadable)
            raise ValidationError(
                [
                    _("Berkas %(name)s yang tersimpan tidak dapat dibaca lagi. Pilih kembali berkasnya.")
                    % {"name": row.original_name}
                    for row in unreadable
                ],
                code="held_unreadable",
            )
        return files

    # --- After a refusal ----------------------------------------------------------------

    def settle(self, accepted: list[tuple[str, CleanFile]], *, sent: list[str]) -> None:
        """After a refused post: remove the files ticked for removal, keep `accepted` (the
        files of this post that passed their checks, each with the name it was sent
        under) and renew the expiry of all. Of `sent`, the names of every file the post
        carried, those not kept are left in `not_kept` for the page to ask for again."""
        self._forget_dropped()
        self.not_kept = list(sent)
        if self._keep([clean for _name, clean in accepted]):
            for name, _clean in accepted:
                if name in self.not_kept:
                    self.not_kept.remove(name)
        if self.token and self._all_rows():
            renewed = expiry()
            HeldUpload.objects.filter(pk__in=[row.pk for row in self._all_rows()]).update(expires_at=renewed)

    def _keep(self, files: list[CleanFile]) -> bool:
        """Store `files` for this page; False when nothing was (none, or the ceiling)."""
        if not files:
            return False
        budget = settings.SIGAP_HELD_UPLOADS_MAX_MB * 1024 * 1024
        used = HeldUpload.objects.filter(expires_at__gt=timezone.now()).aggregate(total=Sum("size"))["total"] or 0
        if used + sum(f.size for f in files) > budget:
            logger.warning("Held uploads are at their ceiling; a refused form's files are not kept")
            return False
        rows = self._all_rows()
        self.token = self.token or secrets.token_urlsafe(32)
        try:
            with transaction.atomic():
                stored = [self._store(clean) for clean in files]
        except OSError:
            # Keeping is a kindness, never a reason to lose the page: ask for the files
            # again. A file written before the failure has no row; the orphan sweep
            # (casework.attachments) removes it.
            logger.exception("A refused form's files could not be kept")
            return False
        rows.extend(stored)
        return True

    def _store(self, clean: CleanFile) -> HeldUpload:
        blob = crypto.encrypt_bytes(clean.data)
        row = HeldUpload(
            form=self.form,
            token_digest=_digest(self.token),
            owner=self.owner,
            original_name=clean.name,
            content_type=clean.content_type,
            size=clean.size,
            original_size=clean.original_size,
            key_version=crypto.bytes_key_version(blob),
            expires_at=expiry(),
        )
        path = storage_path(row)
        write_atomically(path, blob)
        # The file's own times, to the hour only, like the row's.
        hour = _on_the_hour(timezone.now()).timestamp()
        os.utime(path, (hour, hour))
        try:
            row.save(force_insert=True)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return row

    def _forget_dropped(self) -> None:
        gone = [row for row in self._all_rows() if str(row.handle) in self.dropped]
        if gone:
            _delete(gone)
            self._rows = [row for row in self._all_rows() if row not in gone]
        self.dropped = set()

    # --- After the form is accepted -----------------------------------------------------

    def release(self) -> None:
        """The form was accepted (its kept files are now the case's): remove every kept
        row of this page, ticked or not. Call inside the transaction that files the case,
        so the files go exactly when it commits."""
        _delete(self._all_rows())
        self._rows = []
        self.dropped = set()


def _delete(rows: list[HeldUpload]) -> None:
    """Delete the rows now and their files once the deletion is committed."""
    if not rows:
        return
    paths = [storage_path(row) for row in rows]
    HeldUpload.objects.filter(pk__in=[row.pk for row in rows]).delete()

    def remove_files():
        for path in paths:
            try:
                path.unlink(missing_ok=True)
            except OSError:
                logger.exception("Could not remove held upload file %s", path.name)

    transaction.on_commit(remove_files, robust=True)


def remove_expired(*, now: datetime | None = None) -> int:
    """Remove the kept files whose form was never sent again; returns how many. Call
    from the periodic task (casework.tasks.remove_expired_held_uploads)."""
    removed = 0
    while True:
        with transaction.atomic():
            rows = list(HeldUpload.objects.filter(expires_at__lte=now or timezone.now()).order_by("pk")[:500])
            _delete(rows)
        removed += len(rows)
        if len(rows) < 500:
            return removed
