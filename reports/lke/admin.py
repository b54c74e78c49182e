"""The LKE worksheet in the admin: versions, their components, sub-components, items and
options, with their weights, scores and the WBK / WBBM minimums.

A version already used for past years should not be edited when the regulation changes:
"Salin sebagai versi baru" copies it whole, to be given its own effective date and then
changed, so earlier years keep the scores they were assessed with. The evaluator's
answers are recorded on the LKE page, never here. Every change is audited.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.admin import AuditedAdmin
from security import audit

from .models import LkeComponent, LkeFramework, LkeItem, LkeOption, LkeSubComponent


class ComponentInline(admin.TabularInline):
    model = LkeComponent
    extra = 0
    fields = ["order", "code", "name"]
    show_change_link = True


class SubComponentInline(admin.TabularInline):
    model = LkeSubComponent
    extra = 0
    fields = ["order", "code", "name"]
    show_change_link = True


class ItemInline(admin.TabularInline):
    model = LkeItem
    extra = 0
    fields = ["order", "code", "question", "answer_kind", "weight"]
    show_change_link = True


class OptionInline(admin.TabularInline):
    model = LkeOption
    extra = 0
    fields = ["order", "letter", "label", "score"]


def copy_framework(framework: LkeFramework, *, effective_from) -> LkeFramework:
    """A copy of `framework`, every component, sub-component, item and option included."""
    with transaction.atomic():
        copy = LkeFramework.objects.create(
            name=framework.name,
            source=framework.source,
            effective_from=effective_from,
            wbk_minimum=framework.wbk_minimum,
            wbbm_minimum=framework.wbbm_minimum,
            notes=framework.notes,
        )
        for component in framework.components.all():
            subcomponents = list(component.subcomponents.all())
            component.pk, component.framework = None, copy
            component.save()
            for sub in subcomponents:
                items = list(sub.items.all())
                sub.pk, sub.component = None, component
                sub.save()
                for item in items:
                    options = list(item.options.all())
                    item.pk, item.subcomponent = None, sub
                    item.save()
                    for option in options:
                        option.pk, option.item = None, item
                    LkeOption.objects.bulk_create(options)
    return copy


@admin.register(LkeFramework)
class LkeFrameworkAdmin(AuditedAdmin):
    list_display = ["name", "effective_from", "source", "wbk_minimum", "wbbm_minimum"]
    ordering = ["-effective_from"]
    inlines = [ComponentInline]
    actions = ["copy_as_new_version"]
    fieldsets = [
        (
            None,
            {
                "fields": ["name", "source", "effective_from", "wbk_minimum", "wbbm_minimum", "notes"],
                "description": _(
                    "Penilaian suatu tahun memakai versi yang berlaku pada 31 Desember tahun itu. Bila peraturan "
                    "berubah, salin versi ini sebagai versi baru lalu ubah salinannya, agar nilai tahun-tahun "
                    "sebelumnya tidak ikut berubah."
                ),
            },
        )
    ]

    @admin.action(description=_("Salin sebagai versi baru (berlaku mulai besok, ubah sesudahnya)"))
    def copy_as_new_version(self, request, queryset):
        for framework in queryset:
            start = timezone.localdate() + timedelta(days=1)
            while LkeFramework.objects.filter(effective_from=start).exists():
                start += timedelta(days=1)
            copy = copy_framework(framework, effective_from=start)
            audit.record(
                audit.Event.ADMIN_CHANGE,
                actor=request.user,
                obj=copy,
                request=request,
                data={"model": copy._meta.label, "action": "copy", "object": str(copy), "from": framework.pk},
            )
            messages.success(request, _("Disalin sebagai “%(copy)s”.") % {"copy": copy})


@admin.register(LkeComponent)
class LkeComponentAdmin(AuditedAdmin):
    list_display = ["name", "code", "framework", "order"]
    list_filter = ["framework"]
    inlines = [SubComponentInline]


@admin.register(LkeSubComponent)
class LkeSubComponentAdmin(AuditedAdmin):
    list_display = ["name", "code", "component", "order"]
    list_filter = ["component__framework"]
    inlines = [ItemInline]


@admin.register(LkeItem)
class LkeItemAdmin(AuditedAdmin):
    list_display = ["code", "question", "answer_kind", "weight", "subcomponent"]
    list_filter = ["subcomponent__component__framework", "answer_kind"]
    search_fields = ["code", "question"]
    inlines = [OptionInline]
