"""Re-encrypt everything still under an old key with the current one.

Run after putting a new key at the front of SIGAP_ENCRYPTION_KEYS (old keys stay listed
until this finishes). Every encrypted column of every installed model is found through
the app registry, so a new model with an encrypted field is covered without a change
here. Work goes in small committed batches: a run that stops half-way is resumed by
running it again, and a run with nothing left to do changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.db.models.functions import Cast, Substr

from casework.attachments import file_models, storage_path, write_atomically
from casework.models import Attachment
from security import audit, crypto
from security.fields import Ciphertext, EncryptedTextField

RAW = "_stored_value"


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField]]:
    """Every (model, field) whose column holds encrypted text, each column once.

    Local fields only: a field inherited through multi-table inheritance lives in the
    parent's table and is listed with the parent.
    """
    found = []
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        for f in model._meta.local_concrete_fields:
            if isinstance(f, EncryptedTextField):
                found.append((model, f))
    return found


def _stored(model, f) -> models.QuerySet:
    """The model's rows with the column's stored text (not decrypted) as RAW, when set."""
    # Casting to a plain TextField skips the field's from_db_value, so nothing decrypts.
    return (
        model._base_manager.annotate(**{RAW: Cast(f.name, models.TextField())})
        .filter(**{f"{RAW}__isnull": False})
        .exclude(**{RAW: ""})
    )


def _prefix(version: int) -> str:
    return f"{crypto.TEXT_PREFIX}{version}:"


@dataclass
class Plan:
    current: int
    batch_size: int
    dry_run: bool
    fields: dict[str, int] = field(default_factory=dict)
    files: int = 0
    #: Attachment ids, then "<model label>#<id>" for the other registered file rows.
    failed_files: list = field(default_factory=list)


def unusable_versions(versions: list[int]) -> list[str]:
    """What is stored under a key that is not configured (or not encrypted at all)."""
    problems = []
    for model, f in encrypted_fields():
        qs = _stored(model, f)
        for version in versions:
            qs = qs.exclude(**{f"{RAW}__startswith": _prefix(version)})
        # The first characters hold the version ("enc:v3:gAAAA"), so few distinct heads.
        heads = qs.order_by().values_list(Substr(RAW, 1, 12), flat=True).distinct()[:20]
        seen = sorted({str(v) if v is not None else "unencrypted" for v in map(crypto.text_key_version, heads)})
        if seen:
            problems.append(f"{model._meta.label}.{f.name}: version {', '.join(seen)}")
    for model in file_models():
        stray = model._base_manager.exclude(key_version__in=versions).order_by().values_list("key_version", flat=True)
        stray_versions = sorted(set(stray.distinct()))
        if stray_versions:
            problems.append(f"{_files_label(model)}: version {', '.join(map(str, stray_versions))}")
    return problems


def _files_label(model) -> str:
    return "attachment files" if model is Attachment else f"{model._meta.label} files"


def rotate_field(model, f, plan: Plan) -> int:
    """Re-encrypt one column's old values in batches; returns how many (would) change."""
    pending = _stored(model, f).exclude(**{f"{RAW}__startswith": _prefix(plan.current)}).order_by("pk")
    if plan.dry_run:
        return pending.count()
    done, last_pk = 0, None
    while True:
        with transaction.atomic():
            batch = pending if last_pk is None else pending.filter(pk__gt=last_pk)
            # Locked so a user's edit between our read and write cannot be overwritten.
            rows = list(batch.select_for_update().values_list("pk", RAW)[: plan.batch_size])
            if not rows:
                return done
            # Ciphertext tells the field the value is already encrypted: stored as given.
            objs = [model(pk=pk, **{f.attname: Ciphertext(crypto.reencrypt_text(raw))}) for pk, raw in rows]
            model._base_manager.bulk_update(objs, [f.name])
        done += len(rows)
        last_pk = rows[-1][0]


def rotate_files(plan: Plan, model=Attachment) -> int:
    """Re-encrypt the files of `model`'s rows (attachments, or another registered file
    model) under an old key; returns how many (would) change.

    The file is replaced before its row records the new version, so a crash between
    the two leaves a readable file (its header names its key) that the next run redoes.
    """
    pending = model._base_manager.exclude(key_version=plan.current).order_by("pk")
    if plan.dry_run:
        return pending.count()
    done, last_pk = 0, None
    while True:
        with transaction.atomic():
            batch = pending if last_pk is None else pending.filter(pk__gt=last_pk)
            rows = list(batch.select_for_update()[: plan.batch_size])
            if not rows:
                return done
            rotated = []
            for attachment in rows:
                try:
                    path = storage_path(attachment)
                    blob = path.read_bytes()
                    if crypto.bytes_key_version(blob) != plan.current:
                        write_atomically(path, crypto.reencrypt_bytes(blob))
                except (OSError, crypto.DecryptionError):
                    plan.failed_files.append(
                        attachment.pk if model is Attachment else f"{model._meta.label}#{attachment.pk}"
                    )
                    continue
                rotated.append(attachment.pk)
            model._base_manager.filter(pk__in=rotated).update(key_version=plan.current)
        done += len(rotated)
        last_pk = rows[-1].pk


class Command(BaseCommand):
    help = (
        "Re-encrypts every encrypted field value and attachment file that is not under the current "
        "(first) key of SIGAP_ENCRYPTION_KEYS. Safe to stop and run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be re-encrypted.")
        parser.add_argument("--batch-size", type=int, default=500, help="Rows per transaction (default 500).")

    def handle(self, *args, dry_run=False, batch_size=500, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        ring = crypto.keyring()
        problems = unusable_versions(sorted(ring.fernets))
        if problems:
            raise CommandError(
                "Some stored values use a key that is not configured; add the key to "
                "SIGAP_ENCRYPTION_KEYS and run again. Nothing was changed.\n  " + "\n  ".join(problems)
            )
        plan = Plan(current=ring.current_version, batch_size=batch_size, dry_run=dry_run)
        verb = "would re-encrypt" if dry_run else "re-encrypted"
        for model, f in encrypted_fields():
            label = f"{model._meta.label}.{f.name}"
            plan.fields[label] = rotate_field(model, f, plan)
            self.stdout.write(f"{label}: {verb} {plan.fields[label]} value(s)")
        for model in file_models():
            count = rotate_files(plan, model)
            plan.files += count
            self.stdout.write(f"{_files_label(model)}: {verb} {count} file(s)")
        total = sum(plan.fields.values()) + plan.files
        if dry_run:
            self.stdout.write(f"Dry run: {total} item(s) would move to key version {plan.current}.")
            return
        audit.record(
            audit.Event.KEYS_ROTATED,
            data={
                "version": plan.current,
                "fields": {k: v for k, v in plan.fields.items() if v},
                "files": plan.files,
                "failed_files": plan.failed_files,
            },
        )
        if plan.failed_files:
            raise CommandError(
                f"{len(plan.failed_files)} attachment file(s) could not be read or decrypted "
                f"(ids {', '.join(map(str, plan.failed_files))}); they stay under their old key."
            )
        self.stdout.write(self.style.SUCCESS(f"Done: {total} item(s) now under key version {plan.current}."))
