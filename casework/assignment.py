"""What follows any change of a case's assignee, whoever makes it (an assignment, a
recusal, a standing rule handing a case to a substitute)."""

from __future__ import annotations

from django.utils.module_loading import import_string


def assignee_changed(locked, *, previous_id: int | None, actor=None, request=None) -> None:
    """Tell the case's kind that the assignee changed (CaseKind.on_assignee_change), inside
    the transaction of the change, with the row locked: what was granted to the one who
    held the case (a WBS identity approval) ends with their holding it. Call from every
    service that changes the assignee, and from a kind's own that does."""
    path = locked.kind_spec.on_assignee_change
    if path and previous_id != locked.assignee_id:
        import_string(path)(locked, previous_id=previous_id, actor=actor, request=request)
