"""Admin for the gratifikasi app's configuration: the not-obligatory rules.

Declarations and the custody register are deliberately not registered: Admin Sistem
configures the system and never reads case content by virtue of the role. Changes are
audited (AuditedAdmin).
"""

from django.contrib import admin
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casework.admin import AuditedAdmin

from .models import ExemptionRule, Gratifikasi

# What a rule judges a gift by; fixed, with the rule's identity, once a declaration cites
# the rule (auto_match only says whether the advice may suggest it).
_CRITERIA = (
    "peristiwa",
    "hubungan",
    "penerimaan",
    "non_cash_only",
    "max_per_gift",
    "max_per_event_per_giver",
    "max_per_year_per_giver",
    "year_cap_inclusive",
)


@admin.register(ExemptionRule)
class ExemptionRuleAdmin(AuditedAdmin):
    list_display = [
        "letter",
        "title",
        "category",
        "effective_from",
        "effective_to",
        "max_per_gift",
        "max_per_event_per_giver",
        "max_per_year_per_giver",
        "auto_match",
    ]
    list_filter = ["effective_from", "auto_match", "non_cash_only"]
    search_fields = ["category", "title", "source"]
    ordering = ["letter", "-effective_from"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "category",
                    "letter",
                    "title",
                    "explanation",
                    "source",
                    "effective_from",
                    "effective_to",
                    "ended_by",
                ],
                "description": _(
                    "Jika aturan berubah, isi tanggal akhir berlaku pada versi lama lalu tambahkan versi baru "
                    "dengan kategori yang sama dan tanggal berlaku baru. Gratifikasi dinilai menurut versi yang "
                    "berlaku pada tanggal diterima."
                ),
            },
        ),
        (
            _("Kriteria"),
            {"fields": [*_CRITERIA, "auto_match"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        # A version some declaration cites is history: its criteria and period (but for
        # closing it with an end date) stay as they were when it was cited.
        if obj is not None and Gratifikasi.objects.filter(Q(aturan_dikutip=obj) | Q(saran_pengecualian=obj)).exists():
            return ["category", "letter", "effective_from", *_CRITERIA]
        return []
