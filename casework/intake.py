"""Write-behind intake: a public submission is answered at once and opened in batches.

A public form must stay quick however many people post at once, and opening a case is
the costly part of a submission (the case and its kind's row, the opening timeline
entry, the clocks, the audit entry: about ten statements and their encryption). So the
request does only what makes the submission safe and answerable (`accept`):

- the case is built and validated completely, as case_open does, so nothing can refuse
  it later;
- its reference number is taken from the kind's sequence and its tracking code made;
- everything the submitter wrote is stored as one encrypted payload in a PendingCase row,
  in the same short transaction as the number.

The submitter is then shown the reference and the code. The task worker opens the
waiting submissions as cases (`open_pending`), many per transaction with one statement
per table: the same rows case_open writes, as of the moment of submission (the opening
time, the day the clocks start and the reference are those the submitter was given).
The tracking page recognises a code whose case is not opened yet (`find_pending`).

Nothing waits longer than the worker's next run: each accepted submission queues the
opening task unless one is already queued (IntakeQueue), and the periodic sweep opens
whatever a lost task left behind. A submission is never dropped: a row that cannot be
opened stays, with its error, until it is.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from security import audit

from . import controls, parties, references, sla, tracking
from .kinds import get_kind
from .models import Case, Deadline, IntakeQueue, PendingCase, ReferenceSequence, TimelineEntry
from .person_lookup import LookupDigests
from .services import GENERATED_FIELDS, OPEN, validate_case

logger = logging.getLogger(__name__)

#: How many waiting submissions one transaction of the worker opens.
BATCH_SIZE = 200


# --- In the request -----------------------------------------------------------------------


def accept(
    case: Case,
    *,
    code: str,
    opening_clocks: Iterable[str] = (),
    public_note: str = "",
    after_open: dict | None = None,
) -> PendingCase:
    """Accept a public submission: validate it, number it, keep it for the worker.

    `case` is an unsaved instance of a kind's model holding the submitted fields (privacy
    flags included); `code` its new tracking code (tracking.generate_code()), to be shown
    to the submitter once: only its digest is stored. Returns the waiting row (reference,
    submission time). `after_open` is JSON data for the kind's `on_deferred_open` hook,
    called once the case exists (e.g. a sealed code for the receipt notice). Raises
    ValidationError as case_open does, before anything is written.
    """
    spec = get_kind(case.kind)
    now = timezone.now()
    year = timezone.localtime(now).year
    case.year = year
    case.opened_at = now
    case.received_on = timezone.localdate(now)
    case.tracking_digest = tracking.digest(code)
    validate_case(case, exclude=GENERATED_FIELDS)
    payload = {
        "fields": _fields_of(case),
        "clocks": list(opening_clocks),
        "public_note": public_note,
        "after_open": after_open or {},
    }
    pending = PendingCase(
        kind=spec.code,
        year=year,
        tracking_digest=case.tracking_digest,
        submitted_at=now,
        payload=json.dumps(payload, cls=DjangoJSONEncoder),
    )
    if connection.vendor == "postgresql" and _store_in_one_statement(pending):
        return pending
    with transaction.atomic():
        pending.number = references.next_number(spec.code, year)
        pending.save(force_insert=True)
        transaction.on_commit(schedule_opening, robust=True)
    return pending


# On PostgreSQL the number, the row and the queue flag are written by one statement (one
# round trip instead of five): the sequence row is locked only while it runs. The flag is
# flipped only when a number was taken; without a sequence row yet (the kind's first case
# of the year) nothing is written and accept() takes the portable path.
_ONE_STATEMENT = """
WITH taken AS (
    UPDATE {sequence} SET last_number = last_number + 1 WHERE kind = %s AND year = %s RETURNING last_number
), flipped AS (
    UPDATE {queue} SET scheduled = TRUE WHERE id = 1 AND NOT scheduled AND EXISTS (SELECT 1 FROM taken) RETURNING id
)
INSERT INTO {pending} (kind, year, number, tracking_digest, submitted_at, payload, attempts, last_error)
SELECT %s, %s, last_number, %s, %s, %s, 0, '' FROM taken
RETURNING id, number, (SELECT count(*) FROM flipped)
"""


def _store_in_one_statement(pending: PendingCase) -> bool:
    quote = connection.ops.quote_name
    sql = _ONE_STATEMENT.format(
        sequence=quote(ReferenceSequence._meta.db_table),
        queue=quote(IntakeQueue._meta.db_table),
        pending=quote(PendingCase._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            sql,
            [
                pending.kind,
                pending.year,
                pending.kind,
                pending.year,
                pending.tracking_digest,
                pending.submitted_at,
                # Encrypted as the field would on save().
                PendingCase._meta.get_field("payload").get_db_prep_save(pending.payload, connection),
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return False
    pending.id, pending.number, flipped = row
    pending._state.adding = False
    if flipped:
        # After the commit of the caller's transaction, if there is one (at once otherwise).
        transaction.on_commit(_queue_opening, robust=True)
    return True


def _fields_of(case: Case) -> dict:
    """The kind's own values and the case's free ones (title, privacy flags, unit), by
    attname; what accept() and open_pending() set themselves is left out."""
    skip = {"id", "case_ptr_id", "updated_at", "closed_at", "due_date", "waiting_until", "assignee_id"}
    skip.update(GENERATED_FIELDS)
    skip.update(("opened_at", "received_on"))
    return {
        field.attname: field.value_from_object(case)
        for field in case._meta.concrete_fields
        if field.attname not in skip and not field.primary_key
    }


def schedule_opening() -> None:
    """Queue the opening task unless one is queued already (see IntakeQueue)."""
    flipped = IntakeQueue.objects.filter(pk=1, scheduled=False).update(scheduled=True)
    if not flipped and not IntakeQueue.objects.filter(pk=1).exists():
        IntakeQueue.objects.get_or_create(pk=1, defaults={"scheduled": True})
        flipped = 1
    if flipped:
        _queue_opening()


def _queue_opening() -> None:
    from .tasks import open_pending_cases

    open_pending_cases.enqueue()


def find_pending(code: str) -> PendingCase | None:
    """The waiting submission a tracking code belongs to, or None. Call after
    tracking.find_case found no case, with the same code."""
    canonical = tracking.normalize(code)
    if canonical is None:
        return None
    probe = tracking.digest(canonical)
    row = PendingCase.objects.filter(tracking_digest=probe).first()
    if row is None or not hmac.compare_digest(row.tracking_digest, probe):
        return None
    return row


@dataclass(frozen=True)
class Stall:
    count: int
    oldest: datetime


def stalled(kind: str) -> Stall | None:
    """Submissions of `kind` waiting longer than SIGAP_INTAKE_STALL_MINUTES, or failed:
    safe in the waiting table but invisible to staff until opened, so the staff list says
    so (one query). None when nothing is stalled."""
    since = timezone.now() - timedelta(minutes=settings.SIGAP_INTAKE_STALL_MINUTES)
    found = (
        PendingCase.objects.filter(kind=kind)
        .filter(Q(submitted_at__lt=since) | Q(attempts__gt=0))
        .aggregate(count=Count("id"), oldest=Min("submitted_at"))
    )
    return Stall(found["count"], found["oldest"]) if found["count"] else None


# --- In the worker ------------------------------------------------------------------------


def open_pending(*, batch_size: int = BATCH_SIZE) -> int:
    """Open every waiting submission as a case; returns how many were opened.

    Called by the opening task and the periodic sweep; safe to run from several workers
    at once (rows are claimed with SKIP LOCKED where the database has it).
    """
    IntakeQueue.objects.filter(pk=1).update(scheduled=False)
    # Rows that failed in an earlier run are tried again, one by one, on every run.
    opened = _open_one_by_one(batch_size, fresh=False)
    while True:
        try:
            count = _open_batch(batch_size)
        except Exception:  # noqa: BLE001 - the rows stay; see below
            # One bad row must not hold back the others: open this batch row by row,
            # keeping the error on a row that still fails (and so leaves the fresh ones).
            logger.exception("Opening a batch of waiting submissions failed; retrying one by one")
            opened += _open_one_by_one(batch_size, fresh=True)
            continue
        opened += count
        if count < batch_size:
            return opened


def _claim(limit: int, *, fresh: bool) -> list[PendingCase]:
    """Lock up to `limit` waiting rows: never tried (fresh) or failed before."""
    rows = PendingCase.objects.select_for_update(skip_locked=connection.features.has_select_for_update_skip_locked)
    rows = rows.filter(attempts=0) if fresh else rows.filter(attempts__gt=0)
    return list(rows.order_by("id")[:limit])


def _open_batch(limit: int) -> int:
    with transaction.atomic():
        rows = _claim(limit, fresh=True)
        _open_rows(rows)
    return len(rows)


def _open_one_by_one(limit: int, *, fresh: bool) -> int:
    opened = 0
    with transaction.atomic():
        rows = _claim(limit, fresh=fresh)
        for row in rows:
            try:
                with transaction.atomic():
                    _open_rows([row])
                opened += 1
            except Exception as exc:  # noqa: BLE001 - kept on the row, never dropped
                logger.exception("Waiting submission %s could not be opened", row.reference)
                PendingCase.objects.filter(pk=row.pk).update(
                    attempts=row.attempts + 1, last_error=f"{type(exc).__name__}: {exc}"[:500]
                )
    return opened


def _open_rows(rows: list[PendingCase]) -> None:
    """Write the cases of `rows` (claimed, locked) and delete the rows; one statement per
    table for all of them."""
    if not rows:
        return
    planner = _ClockPlanner()
    built = [_build(row, planner) for row in rows]
    cases = [case for case, _, _ in built]
    _insert_cases(cases)
    TimelineEntry.objects.bulk_create(
        TimelineEntry(
            case=case,
            transition=OPEN,
            from_state="",
            to_state=case.state,
            actor=None,
            by_reporter=True,
            is_public=True,
            public_note=payload["public_note"],
            created_at=case.opened_at,
        )
        for case, payload, _ in built
    )
    deadlines = []
    for case, _, planned in built:
        for deadline in planned:
            deadline.case = case
            deadlines.append(deadline)
    Deadline.objects.bulk_create(deadlines)
    audit.record_opened_many(cases)
    # Standing recusals reach these cases as they open: two statements for the batch
    # (what each is about, and the rules matching any of it), more only where one matches.
    controls.note_parties([(case, parties.of_kind(case)) for case in cases])
    PendingCase.objects.filter(pk__in=[row.pk for row in rows]).delete()
    hooks = [(case, payload["after_open"]) for case, payload, _ in built]
    transaction.on_commit(lambda: _after_open(hooks), robust=True)


def _build(row: PendingCase, planner: _ClockPlanner):
    spec = get_kind(row.kind)
    model = spec.model
    payload = json.loads(row.payload)
    fields = {field.attname: field for field in model._meta.concrete_fields}
    values = {
        attname: None if raw is None else fields[attname].to_python(raw) for attname, raw in payload["fields"].items()
    }
    day = timezone.localdate(row.submitted_at)
    planned = [planner.plan(spec.code, clock, day) for clock in payload["clocks"]]
    case = model(
        kind=spec.code,
        year=row.year,
        number=row.number,
        reference=row.reference,
        state=spec.initial_state,
        # Received when it was sent, whenever the worker opens it.
        received_on=day,
        opened_at=row.submitted_at,
        due_date=sla.earliest_staff_due(planned),
        waiting_until=sla.earliest_waiting_end(planned),
        tracking_digest=row.tracking_digest,
        **values,
    )
    if isinstance(case, LookupDigests):
        # The rows go in without save() (_insert_cases): the digests a search finds the
        # person by are made here, from the values just read.
        case.refresh_lookup_digests()
    return case, payload, planned


class _ClockPlanner:
    """plan_clock, asked once per kind, clock and day within a batch (most submissions of
    a batch share their day, and each plan costs two queries)."""

    def __init__(self):
        self._plans: dict[tuple[str, str, date], Deadline] = {}

    def plan(self, kind: str, clock: str, day: date) -> Deadline:
        key = (kind, clock, day)
        if key not in self._plans:
            self._plans[key] = sla.plan_clock(kind=kind, clock=clock, on=day)
        template = self._plans[key]
        return Deadline(
            clock=template.clock,
            policy=template.policy,
            working_days=template.working_days,
            is_waiting_period=template.is_waiting_period,
            started_on=template.started_on,
            due_date=template.due_date,
        )


def _insert_cases(cases: list[Case]) -> None:
    """Insert the shared rows, then each kind's own rows, one statement per table.

    Django's bulk_create refuses models with a parent table, so the kind's rows go
    through the same insert the ORM uses for a single save (QuerySet._insert), with the
    parent's new ids set first; the fields' own conversion (encryption) applies as in
    save().
    """
    parents = [Case(**{f.attname: getattr(case, f.attname) for f in Case._meta.concrete_fields}) for case in cases]
    Case.objects.bulk_create(parents)
    by_model: dict[type, list[Case]] = {}
    for case, parent in zip(cases, parents, strict=True):
        # Both the parent's id and the kind's link to it (its primary key).
        setattr(case, Case._meta.pk.attname, parent.pk)
        case.pk = parent.pk
        case.updated_at = parent.updated_at
        case._state.adding = False
        by_model.setdefault(type(case), []).append(case)
    for model, rows in by_model.items():
        if model is Case:
            continue
        fields = list(model._meta.local_concrete_fields)
        batch = connection.ops.bulk_batch_size(fields, rows) or len(rows)
        for start in range(0, len(rows), batch):
            model._base_manager._insert(rows[start : start + batch], fields=fields)


def _after_open(hooks: list[tuple[Case, dict]]) -> None:
    for case, data in hooks:
        path = case.kind_spec.on_deferred_open
        if path:
            import_string(path)(case, data)
