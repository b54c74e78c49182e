"""Reads of case data that span relations; views call these rather than building queries."""

from .models import Case, Message, TimelineEntry


def public_timeline(case: Case):
    """History entries the reporter may see, oldest first."""
    return TimelineEntry.objects.filter(case=case, is_public=True).only(
        "transition", "from_state", "to_state", "public_note", "created_at", "by_reporter"
    )


def conversation(case: Case):
    """Messages between handler and reporter, oldest first (authors' names not loaded)."""
    return Message.objects.filter(case=case).only("sender", "body", "created_at", "read_at")
