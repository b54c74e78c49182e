"""The cells every case list shares (the staff lists, the Kotak Masuk): who handles the
case, the day received and the deadline, one `<td>` each.

They are written here rather than as included templates because a list draws them for
every row: 25 to 100 rows of three includes, each with its own context and a dozen
translated labels, were a fifth of a list page's time; built here they cost a few
microseconds a row. The markup is the lists' own (static/css/sigap.css styles it), and
the words are the same messages the templates used.

    {% load case_cells %}
    {% assignee_cell row.case %}{% received_cell row.case %}{% due_cell row.case %}

A row's case carries the due status of casework.sla.annotate_due_status.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django import template
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()

_SHOWN = "j M Y"


def _day(value: date) -> str:
    return _day_in(value, get_language())


@lru_cache(maxsize=2048)
def _day_in(value: date, language: str) -> str:
    # A page's rows share a handful of days, and formatting one reads the language's
    # month names and formats each time: kept per day and language instead.
    return formats.date_format(value, _SHOWN)


def _time(day) -> SafeString:
    return format_html('<time datetime="{}">{}</time>', day.isoformat(), _day(day))


def _muted(text) -> SafeString:
    return format_html('<span class="muted">{}</span>', text)


@register.simple_tag
def assignee_cell(case) -> SafeString:
    """The "Petugas" cell: the handler's name, or that nobody is assigned yet."""
    assignee = case.assignee
    shown = (assignee.get_full_name() or assignee.get_username()) if assignee else _muted(_("Belum ditugaskan"))
    return format_html('<td data-label="{}">{}</td>', _("Petugas"), shown)


@register.simple_tag
def received_cell(case) -> SafeString:
    """The "Diterima" cell: the day received (its deadlines count from it), and the day
    entered when that was later."""
    entered = ""
    if case.entered_late:
        entered = format_html(
            "<br>{}", _muted(_("dicatat %(entered)s") % {"entered": _day(timezone.localdate(case.opened_at))})
        )
    return format_html('<td data-label="{}" class="nowrap">{}{}</td>', _("Diterima"), _time(case.received_on), entered)


@register.simple_tag
def due_cell(case) -> SafeString:
    """The deadline cell: the due date, the overdue or due-soon badge, and whether a
    waiting period (another party's time) has ended."""
    if case.due_date:
        due = format_html(
            '<time class="nowrap" datetime="{}">{}</time>', case.due_date.isoformat(), _day(case.due_date)
        )
    elif case.closed_at:
        due = _muted(_("Ditutup"))
    elif case.waiting_until:
        # The message holds the markup of its date, as translators see it.
        waiting = _('menunggu pihak lain s.d. <time datetime="%(iso)s">%(date)s</time>')
        due = _muted(
            mark_safe(  # noqa: S308
                waiting % {"iso": case.waiting_until.isoformat(), "date": conditional_escape(_day(case.waiting_until))}
            )
        )
    else:
        due = _muted(_("Tidak ada"))
    badges = []
    if case.is_overdue:
        badges.append(format_html('<span class="badge badge--overdue">{}</span>', _("terlambat")))
    elif case.is_due_soon:
        badges.append(format_html('<span class="badge badge--soon">{}</span>', _("segera jatuh tempo")))
    if case.is_waiting_over:
        badges.append(format_html('<span class="badge badge--waited">{}</span>', _("masa tunggu berakhir")))
    return format_html(
        '<td data-label="{}"><span>{} {}</span></td>',
        _("Batas waktu"),
        due,
        mark_safe(" ".join(badges)),  # noqa: S308
    )
