"""What the WBS puts in a decider's Kotak Masuk (casework.waiting; registered in
wbs.apps): each request to open a reporter's sealed identity that the user may decide
(wbs.selectors.requests_to_decide: a Pimpinan or Inspektorat member, never the requester,
never one named by or recused from the report).

An item says only what the decision page says: the report's number and who asks. Nothing
of the report, and nothing of its reporter, is read here. A request has no clock of its
own; it holds up the handling of its report, so the item carries the report's own due
date, the one its handlers see (Case.due_date).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from casework.waiting import WaitingItem

from .selectors import requests_to_decide


def identity_requests_to_decide(user) -> list[WaitingItem]:
    """One item per pending identity request `user` may decide (one query, none for a
    user whose roles decide none)."""
    url = reverse("wbs_staff:identity_requests")
    return [
        WaitingItem(
            label=_("Putuskan permintaan membuka identitas pelapor laporan %(reference)s")
            % {"reference": pending.laporan.reference},
            url=f"{url}#permintaan-{pending.pk}",
            due=pending.laporan.due_date,
            note=_("Diminta oleh %(who)s pada %(when)s.")
            % {
                "who": pending.requested_by.get_full_name() or pending.requested_by.get_username(),
                "when": formats.date_format(timezone.localtime(pending.created_at), "j F Y"),
            },
            category=_("WBS"),
        )
        for pending in requests_to_decide(user)
    ]


def identity_requests_pending(user):
    """What the inbox asks first (casework.waiting): None for a user whose roles decide
    no identity request."""
    rows = requests_to_decide(user)
    return None if rows.query.is_empty() else rows
