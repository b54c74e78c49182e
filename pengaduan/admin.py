"""Admin for the complaints app's configuration: the list of service categories.

Complaints themselves are deliberately not registered: Admin Sistem configures the system
and never reads case content by virtue of the role. Changes are audited (AuditedAdmin).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casework.admin import AuditedAdmin

from .models import KategoriLayanan


@admin.register(KategoriLayanan)
class KategoriLayananAdmin(AuditedAdmin):
    list_display = ["name", "slug", "is_active", "order"]
    list_editable = ["is_active", "order"]
    list_filter = ["is_active"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    ordering = ["order", "name"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "slug", "order", "is_active"],
                "description": _(
                    "Kategori yang sudah dipakai pengaduan tidak dapat dihapus; nonaktifkan agar tidak "
                    "muncul lagi di formulir."
                ),
            },
        )
    ]
