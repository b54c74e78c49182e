from django.contrib.admin.apps import AdminConfig


class SigapAdminConfig(AdminConfig):
    """Django's admin on SIGAP's site (config.admin_site)."""

    default_site = "config.admin_site.SigapAdminSite"
