"""Reads about accounts that span relations."""

from __future__ import annotations

from django.utils import timezone

from . import access_requests
from .models import AccessRequest


def pending_approvals_for(user) -> list[AccessRequest]:
    """The requests waiting for `user`'s decision, soonest deadline first.

    Each has `expires_at`, the moment it lapses unless decided: an inbox can show it as
    the deadline. Only what `user` may decide (access_requests.decide_refusals): never
    their own request, never one about their own account, and only where their role
    approves. Requests are few (a handful a month), so the rule is applied to each row
    here rather than written a second time as a query. Pass the signed-in user
    (request.user): a decider must have passed the second factor in this session.
    """
    waiting = pending_requests_for(user)
    if waiting is None:
        return []
    waiting = (
        waiting.select_related("user", "user__unit", "requested_by")
        .prefetch_related("user__groups")
        .order_by("expires_at", "pk")
    )
    return [item for item in waiting if not access_requests.decide_refusals(user, item)]


def pending_requests_for(user):
    """The open requests `user` might decide (pending_approvals_for applies the rest of
    the rule to each), or None when their roles approve nothing."""
    if not access_requests.may_approve_anything(user):
        return None
    return (
        AccessRequest.objects.filter(state=AccessRequest.State.PENDING, expires_at__gt=timezone.now())
        .exclude(requested_by=user)
        .exclude(user=user)
    )
