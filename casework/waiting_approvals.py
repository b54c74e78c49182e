"""The account changes waiting for a second person, in the Kotak Masuk of those who may
approve them (casework.waiting; registered in casework.apps). The requests live in
accounts, a layer below the engine, which cannot register with it: the engine reads them
through accounts.selectors, the same list the Persetujuan akses page shows.

The due date is the day the request lapses unless decided (AccessRequest.expires_at).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.selectors import pending_approvals_for, pending_requests_for

from .waiting import WaitingItem


def access_requests_to_decide(user) -> list[WaitingItem]:
    """One item per request `user` may decide (two queries: the requests and their
    accounts' roles; none for a user whose roles approve nothing)."""
    url = reverse("accounts_staff:approvals")
    return [
        WaitingItem(
            label=_("Putuskan permintaan akses: %(change)s") % {"change": pending},
            url=f"{url}#permintaan-{pending.pk}",
            due=timezone.localdate(pending.expires_at),
            note=_("Diminta oleh %(who)s. Tanpa keputusan, permintaan berakhir %(when)s.")
            % {
                "who": pending.requested_by.get_full_name() or pending.requested_by.get_username(),
                "when": formats.date_format(timezone.localtime(pending.expires_at), "j F Y H:i"),
            },
            category=_("Persetujuan akses"),
        )
        for pending in pending_approvals_for(user)
    ]


#: What the inbox asks first (casework.waiting): a request this user might decide.
access_requests_pending = pending_requests_for
