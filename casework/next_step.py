"""What a case's state means to its reporter, what happens next, and by when.

A reporter who follows a case (a complainant with a tracking code, a whistle-blower with
a receipt code, a declarant on their own page) reads the same few plain sentences on
their page and in every status notice: what the status means, who acts next and by what
day, and, when the case waits on them, what they must do and the day after which it
closes (by itself, or because a handler may then close it).

Each kind writes its sentences per state as StepRule rows in a StatusGuide and names it
in its CaseKind (`status_guide`). The dates are never computed here: each is the due date
of a running clock (casework.sla), the very Deadline row the staff case page lists, so
the reporter and the staff read one date. The day a waiting period counts as over is
sla.first_day_after, the rule the automatic close and the handlers' refusals use too.

`next_step(case)` costs one query (the case's running clocks), whatever the state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from . import sla
from .datetext import day_text
from .models import Deadline

#: Who acts next, as StepRule.actor says it.
STAFF = "staff"
REPORTER = "reporter"
NOBODY = "nobody"


@dataclass(frozen=True)
class StepRule:
    """What one state of a kind means and what happens next, in the reporter's words.

    `next` may name `%(date)s`, the due date of the first running clock of `clocks`, and
    `%(after)s`, the day after it (when a waiting period counts as over). It is used only
    when such a clock runs; otherwise `undated` (default: no next-step sentence). `late`
    replaces `next` once the date has passed (default: `next` followed by the engine's
    plain "this step is late" sentence). With `closes_by_itself`, the clock's end closes
    the case without anyone acting, and the step says on which day.
    """

    meaning: str
    next: str = ""
    clocks: tuple[str, ...] = ()
    undated: str = ""
    late: str = ""
    actor: str = STAFF
    closes_by_itself: bool = False


@dataclass(frozen=True)
class StatusGuide:
    """A kind's StepRules by state, with `choose(case, rule)` for a state whose words
    depend on the case (a reopening already used, say); `order` lists the states in the
    order the glossary shows them."""

    rules: dict[str, StepRule]
    order: tuple[str, ...] = ()
    choose: Callable | None = None

    def rule_for(self, case) -> StepRule | None:
        rule = self.rules.get(case.state)
        if rule is not None and self.choose is not None:
            rule = self.choose(case, rule)
        return rule


#: Said after the next step when its day has passed and the kind wrote no `late` words.
LATE = gettext_lazy(
    "Tanggal itu sudah lewat dan tahap ini belum selesai; Anda dapat menanyakannya kepada petugas melalui pesan."
)


@dataclass(frozen=True)
class NextStep:
    """One case's next step, resolved: the words with their dates, and the dates."""

    state: str
    state_label: str
    meaning: str
    template: str = ""
    due: date | None = None
    closes_on: date | None = None
    actor: str = NOBODY
    is_late: bool = False
    is_closed: bool = False
    dates: dict[str, date] = field(default_factory=dict)

    @property
    def waits_on_reporter(self) -> bool:
        return self.actor == REPORTER

    @property
    def due_text(self) -> str:
        return day_text(self.due) if self.due else ""

    @property
    def closes_text(self) -> str:
        return day_text(self.closes_on) if self.closes_on else ""

    @property
    def text(self) -> str:
        """The next-step sentence in plain words, for a notice or an SMS."""
        return self.template % {name: day_text(day) for name, day in self.dates.items()} if self.template else ""

    @property
    def html(self) -> SafeString:
        """The same sentence for a page, each date a <time> element."""
        if not self.template:
            return SafeString()
        values = {
            name: format_html('<time datetime="{}">{}</time>', day.isoformat(), day_text(day))
            for name, day in self.dates.items()
        }
        # The words are escaped and each value is built by format_html.
        return mark_safe(conditional_escape(self.template) % values)  # noqa: S308


def guide_of(kind_spec) -> StatusGuide | None:
    path = getattr(kind_spec, "status_guide", "")
    return import_string(path) if path else None


def running_clocks(case) -> dict[str, Deadline]:
    """The case's running (not completed) clocks by name, in one query."""
    return {d.clock: d for d in Deadline.objects.filter(case_id=case.pk, completed_at__isnull=True)}


def next_step(case, *, today: date | None = None, clocks: dict[str, Deadline] | None = None) -> NextStep | None:
    """What `case`'s state means and what happens next, or None for a kind without a
    guide (or a state it does not describe). Pass `clocks` (running_clocks) when they are
    already read."""
    spec = case.kind_spec
    guide = guide_of(spec)
    rule = guide.rule_for(case) if guide is not None else None
    if rule is None:
        return None
    base = {
        "state": case.state,
        "state_label": spec.state_label(case.state),
        "meaning": str(rule.meaning),
        "is_closed": not case.is_open,
    }
    deadline = _first_running(rule, clocks if clocks is not None else running_clocks(case) if rule.clocks else {})
    if deadline is None:
        actor = rule.actor if rule.undated else NOBODY
        return NextStep(**base, template=str(rule.undated), actor=actor)
    today = today or timezone.localdate()
    after = sla.first_day_after(deadline)
    is_late = deadline.due_date < today
    if is_late:
        template = str(rule.late) if rule.late else f"{rule.next} {LATE}"
    else:
        template = str(rule.next)
    return NextStep(
        **base,
        template=template,
        due=deadline.due_date,
        closes_on=after if rule.closes_by_itself else None,
        actor=rule.actor,
        is_late=is_late,
        dates={"date": deadline.due_date, "after": after},
    )


def _first_running(rule: StepRule, clocks: dict[str, Deadline]) -> Deadline | None:
    """The first of the rule's clocks that is counting now (a paused clock has no day)."""
    for name in rule.clocks:
        deadline = clocks.get(name)
        if deadline is not None and deadline.paused_on is None:
            return deadline
    return None


@dataclass(frozen=True)
class GlossaryEntry:
    state: str
    label: str
    meaning: str


def glossary(kind_spec, states: Iterable[str] | None = None) -> list[GlossaryEntry]:
    """Every state of the kind with what it means, for the "what each status means"
    section of a reporter's page (no query)."""
    guide = guide_of(kind_spec)
    if guide is None:
        return []
    order = list(states or guide.order or guide.rules)
    return [
        GlossaryEntry(state=state, label=kind_spec.state_label(state), meaning=str(guide.rules[state].meaning))
        for state in order
        if state in guide.rules
    ]
