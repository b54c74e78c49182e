"""Admin for the case engine's configuration: the holiday calendar and deadline policies.

Only configuration is registered here. Cases and everything in them (messages, notes,
attachments, timeline) are deliberately absent: the Admin Sistem role configures the
system and never reads case content by virtue of that role. Every change made here is
written to the audit log, because it moves deadlines.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models.functions import ExtractYear
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from security import audit
from security.request_values import YEAR_OUT_OF_RANGE, parse_year

from .models import Holiday, SlaPolicy


class AuditedAdmin(admin.ModelAdmin):
    """Writes an ADMIN_CHANGE audit entry for each add, change and delete."""

    def _audit(self, request, obj, action: str, changed=()):
        audit.record(
            audit.Event.ADMIN_CHANGE,
            actor=request.user,
            obj=obj,
            request=request,
            data={"model": obj._meta.label, "action": action, "object": str(obj), "fields": list(changed)},
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._audit(request, obj, "change" if change else "add", form.changed_data)

    def delete_model(self, request, obj):
        self._audit(request, obj, "delete")
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit(request, obj, "delete")
        super().delete_queryset(request, queryset)


class YearFilter(admin.SimpleListFilter):
    title = _("tahun")
    parameter_name = "tahun"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .annotate(year=ExtractYear("date"))
            .values_list("year", flat=True)
            .distinct()
            .order_by("year")
        )
        return [(str(year), str(year)) for year in years]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        year = parse_year(self.value())
        if year is None:
            # The admin shows the list again without filters (?e=1); the message says why.
            messages.error(request, YEAR_OUT_OF_RANGE)
            raise IncorrectLookupParameters(self.value())
        return queryset.filter(date__year=year)


@admin.register(Holiday)
class HolidayAdmin(AuditedAdmin):
    list_display = ["date", "weekday", "name", "kind", "is_provisional", "source"]
    list_filter = [YearFilter, "kind", "is_provisional"]
    search_fields = ["name", "source"]
    date_hierarchy = "date"
    ordering = ["date"]
    actions = ["confirm"]

    @admin.display(description=_("hari"))
    def weekday(self, obj):
        return formats.date_format(obj.date, "l")

    @admin.action(description=_("Tandai sudah sesuai SKB (bukan perkiraan lagi)"))
    def confirm(self, request, queryset):
        rows = list(queryset.filter(is_provisional=True))
        for obj in rows:
            obj.is_provisional = False
            obj.save(update_fields=["is_provisional"])
            self._audit(request, obj, "change", ["is_provisional"])
        self.message_user(
            request,
            ngettext("%(count)d hari libur dikonfirmasi.", "%(count)d hari libur dikonfirmasi.", len(rows))
            % {"count": len(rows)},
            messages.SUCCESS,
        )


@admin.register(SlaPolicy)
class SlaPolicyAdmin(AuditedAdmin):
    list_display = ["kind", "clock", "label", "working_days", "is_waiting_period", "effective_from", "source"]
    list_filter = ["kind", "clock", "effective_from"]
    search_fields = ["kind", "clock", "label", "source"]
    ordering = ["kind", "clock", "-effective_from"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "clock",
                    "label",
                    "working_days",
                    "is_waiting_period",
                    "effective_from",
                    "source",
                    "note",
                ],
                "description": _(
                    "Jika aturan berubah, tambahkan kebijakan baru dengan tanggal berlaku baru. "
                    "Batas waktu yang sudah berjalan tetap memakai kebijakan saat mulai."
                ),
            },
        )
    ]

    def get_changeform_initial_data(self, request):
        # A new version of a clock (kind and clock given, e.g. ?kind=pengaduan&clock=konfirmasi)
        # starts as a waiting period or not as its existing versions are (SlaPolicy.clean).
        initial = super().get_changeform_initial_data(request)
        if initial.get("kind") and initial.get("clock"):
            flag = (
                SlaPolicy.objects.filter(kind=initial["kind"], clock=initial["clock"])
                .values_list("is_waiting_period", flat=True)
                .first()
            )
            if flag is not None:
                initial.setdefault("is_waiting_period", flag)
        return initial

    def get_readonly_fields(self, request, obj=None):
        # A policy already used by a clock is history: editing its days or date would make
        # the record disagree with the deadlines it produced. Add a new policy instead.
        if obj is not None and obj.deadline_set.exists():
            return ["kind", "clock", "working_days", "is_waiting_period", "effective_from"]
        return []
