from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .access import inbox_cases


@login_required
def inbox(request):
    cases = inbox_cases(request.user).select_related("unit", "assignee").order_by("due_date", "opened_at")[:50]
    return render(request, "casework/inbox.html", {"cases": cases})
