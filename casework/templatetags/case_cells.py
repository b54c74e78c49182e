"""The cells every case list shares (the staff lists, the Kotak Masuk): who handles the
case, the day received and the deadline, one `<td>` each; and the pieces each kind's
list row is made of (`case_row`, `number_cell`, `cell`, `moment_cell`), with which each
kind's templatetags build its whole row in one tag.

They are written here rather than as included templates because a list draws them for
every row: 25 to 100 rows of three includes, each with its own context and a dozen
translated labels, were a fifth of a list page's time; built here they cost a few
microseconds a row. The markup is the lists' own (static/css/sigap.css styles it), and
the words are the same messages the templates used. The rows followed for the same
reason: a row of nine cells drawn by the template engine cost 0.3 ms, a quarter of a
first page's own time.

    {% load case_cells %}
    {% assignee_cell row.case %}{% received_cell row.case %}{% due_cell row.case %}

A row's case carries the due status of casework.sla.annotate_due_status.
"""

from __future__ import annotations

import html
from datetime import date
from functools import lru_cache

from django import template
from django.utils import formats, timezone
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

_SHOWN = "j M Y"


def _escaped(value) -> str:
    """conditional_escape without its check for lazy arguments, which is most of what
    format_html costs: a row makes some thirty of these."""
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else html.escape(str(value))


def markup(template: str, *values) -> SafeString:
    """format_html, each value escaped unless it is markup already; the same result."""
    return SafeString(template.format(*map(_escaped, values)))


def _day(value: date) -> str:
    return _day_in(value, get_language())


@lru_cache(maxsize=2048)
def _day_in(value: date, language: str) -> str:
    # A page's rows share a handful of days, and formatting one reads the language's
    # month names and formats each time: kept per day and language instead.
    return formats.date_format(value, _SHOWN)


def day_time(day) -> SafeString:
    """A day as `<time>`, written as the lists write days."""
    return markup('<time datetime="{}">{}</time>', day.isoformat(), _day(day))


def muted(text) -> SafeString:
    return markup('<span class="muted">{}</span>', text)


def case_row(case, cells) -> SafeString:
    """A list's `<tr>` for `case` (marked overdue or due soon, from its due status) around
    its `cells`, each already markup."""
    marked = "is-overdue" if case.is_overdue else "is-due-soon" if case.is_due_soon else ""
    return SafeString(f'<tr class="{marked}">{"".join(map(_escaped, cells))}</tr>')


def number_cell(url: str, reference: str, note: str = "") -> SafeString:
    """The row's header cell: the case number linking to the case, and a muted `note`
    under it (another channel's ticket) when there is one."""
    link = markup('<a href="{}">{}</a>', url, reference)
    return markup('<th scope="row" data-label="{}">{}</th>', _("Nomor"), lines(link, note))


def cell(label: str, *content, nowrap: bool = False) -> SafeString:
    """A `<td>` labelled `label` (the column's name, which a phone shows beside the value)
    holding `content`, each piece escaped unless it is markup already."""
    shown = SafeString("".join(map(_escaped, content)))
    if nowrap:
        return markup('<td data-label="{}" class="nowrap">{}</td>', label, shown)
    return markup('<td data-label="{}">{}</td>', label, shown)


def lines(first, second) -> SafeString:
    """Two values in one cell, the second muted under the first (the second left out when
    empty)."""
    if not second:
        return SafeString(_escaped(first))
    return markup("{}<br>{}", first, muted(second))


def moment_cell(label: str, moment) -> SafeString:
    """A cell with the local day of `moment` (when a case was reported or filed)."""
    local = timezone.localtime(moment)
    return markup(
        '<td data-label="{}" class="nowrap"><time datetime="{}">{}</time></td>',
        label,
        local.isoformat(),
        _day(local.date()),
    )


@register.simple_tag
def assignee_cell(case) -> SafeString:
    """The "Petugas" cell: the handler's name, or that nobody is assigned yet."""
    assignee = case.assignee
    shown = (assignee.get_full_name() or assignee.get_username()) if assignee else muted(_("Belum ditugaskan"))
    return markup('<td data-label="{}">{}</td>', _("Petugas"), shown)


@register.simple_tag
def received_cell(case) -> SafeString:
    """The "Diterima" cell: the day received (its deadlines count from it), and the day
    entered when that was later."""
    entered = ""
    if case.entered_late:
        entered = markup(
            "<br>{}", muted(_("dicatat %(entered)s") % {"entered": _day(timezone.localdate(case.opened_at))})
        )
    return markup('<td data-label="{}" class="nowrap">{}{}</td>', _("Diterima"), day_time(case.received_on), entered)


@register.simple_tag
def due_cell(case) -> SafeString:
    """The deadline cell: the due date, the overdue or due-soon badge, and whether a
    waiting period (another party's time) has ended."""
    if case.due_date:
        due = markup('<time class="nowrap" datetime="{}">{}</time>', case.due_date.isoformat(), _day(case.due_date))
    elif case.closed_at:
        due = muted(_("Ditutup"))
    elif case.waiting_until:
        # The message holds the markup of its date, as translators see it.
        waiting = _('menunggu pihak lain s.d. <time datetime="%(iso)s">%(date)s</time>')
        due = muted(
            SafeString(waiting % {"iso": case.waiting_until.isoformat(), "date": _escaped(_day(case.waiting_until))})
        )
    else:
        due = muted(_("Tidak ada"))
    badges = []
    if case.is_overdue:
        badges.append(markup('<span class="badge badge--overdue">{}</span>', _("terlambat")))
    elif case.is_due_soon:
        badges.append(markup('<span class="badge badge--soon">{}</span>', _("segera jatuh tempo")))
    if case.is_waiting_over:
        badges.append(markup('<span class="badge badge--waited">{}</span>', _("masa tunggu berakhir")))
    return markup(
        '<td data-label="{}"><span>{} {}</span></td>',
        _("Batas waktu"),
        due,
        SafeString(" ".join(badges)),
    )


@register.simple_tag
def inbox_row(row) -> SafeString:
    """One row of the Kotak Masuk (casework.inbox), cases of every kind."""
    case = row.case
    return case_row(
        case,
        [
            number_cell(row.url, case.reference),
            cell(_("Jenis"), row.kind_label),
            cell(_("Judul"), case.title or _("(tanpa judul)")),
            cell(_("Status"), row.state_label),
            cell(_("Unit"), case.unit.name if case.unit else "—"),
            assignee_cell(case),
            due_cell(case),
        ],
    )
