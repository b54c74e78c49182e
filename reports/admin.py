"""Admin for the reports' configuration: the unit's standard texts of the semester monev
report (PengaturanMonev). The place of signing and the letterhead are the unit's profile
(accounts).

The monev records, the issued reports and the work plan are deliberately not registered:
they change only through their audited services, by the Tim ZI / TPI on the staff pages,
and an issued version never changes at all. Changes here are audited (AuditedAdmin).
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from casework.admin import AuditedAdmin

from .models import PengaturanMonev


@admin.register(PengaturanMonev)
class PengaturanMonevAdmin(AuditedAdmin):
    list_display = ["__str__", "diubah_pada"]
    fieldsets = [
        (
            None,
            {
                "fields": ["pendahuluan", "dasar_hukum", "penutup"],
                "description": _(
                    "Teks awal laporan monev setiap semester baru; Tim ZI dapat mengubahnya untuk tiap semester. "
                    "Bagian yang dikosongkan memakai teks bawaan SIGAP. Dasar hukum: satu peraturan per baris. "
                    "Laporan yang sudah ditandatangani tidak berubah."
                ),
            },
        )
    ]
