"""Closing the one gap in auditing admin changes through LogEntry.

accounts.signals records every LogEntry the admin saves. But when the "delete selected"
action removes two or more objects, Django writes their LogEntry rows with bulk_create,
which sends no post_save. This wraps that action (for every model on the site) to record
those deletions itself; a single deletion still goes through the signal, so nothing is
recorded twice.
"""

from django.contrib.admin.actions import delete_selected as django_delete_selected
from django.contrib.admin.decorators import action

from security import audit

from .signals import admin_change_data


@action(permissions=["delete"], description=django_delete_selected.short_description)
def delete_selected(modeladmin, request, queryset):
    confirmed = bool(request.POST.get("post"))
    targets = [(obj.pk, str(obj)[:200]) for obj in queryset] if confirmed else []
    response = django_delete_selected(modeladmin, request, queryset)
    # None means Django deleted them; it bulk-creates the log rows only for two or more
    # (LogEntryManager.log_actions), and one row arrives through post_save instead.
    if confirmed and response is None and len(targets) > 1:
        label = modeladmin.opts.label_lower
        for pk, text in targets:
            audit.record(
                audit.Event.ADMIN_CHANGE,
                actor=request.user,
                request=request,
                data=admin_change_data(
                    model_label=label, object_id=pk, object_repr=text, action="delete", change_message=[]
                ),
            )
    return response


def install(site) -> None:
    """Replace the site-wide "delete selected" action with the audited one."""
    site.add_action(delete_selected, "delete_selected")
