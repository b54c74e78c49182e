"""Model permissions that come with a role, granted after every migrate.

Only Admin Sistem has any so far: it manages accounts and units in the admin, may unlock
an account locked by django-axes, and — by design — gets nothing on case models.
Permissions are only ever added, so an operator's extra grants are left alone. Access to
the admin also needs the account's "staff status" flag (is_staff).
"""

from django.db.models import Q

from . import roles

ROLE_PERMISSIONS = {
    roles.ADMIN_SISTEM: [
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
        "accounts.add_unitkerja",
        "accounts.change_unitkerja",
        "accounts.view_unitkerja",
        "auth.view_group",
        "accounts.view_accessrequest",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
    ],
}


def grant_role_permissions(*, using="default", apps=None, **kwargs):
    """post_migrate receiver; safe to run any number of times."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, names in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=role)
        wanted = Q(pk__in=[])
        for name in names:
            app_label, codename = name.split(".")
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        group.permissions.add(*Permission.objects.using(using).filter(wanted))
