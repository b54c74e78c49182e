"""SIGAP's admin site: Django's, with the ids and dates of a request checked first.

Three admin paths take values from a request without bounding them:

- a form's choice of rows (a foreign key, a many-to-many list) is looked up with
  `pk__in`, which SQLite cannot bind past 2^63 (OverflowError);
- a list with editable columns reads the ids of the posted rows into `pk__in` too;
- the date hierarchy (`?date__year=2026&date__month=5`) turns its parameters into a
  datetime and only catches ValueError: a year like 10^20 raises OverflowError, and 9999
  fails one year later, each a server error.

Every model of the site, third-party ones such as axes' included, is registered here
with CheckedValuesAdmin mixed into its admin class, so each path is checked once, with
security.request_values. A wrong date is dropped the way the admin drops any lookup it
cannot use (the list again, unfiltered, at ?e=1), with a message that says why; a
posted row id no row can have was never on the page, so that post is a bad request.
"""

from __future__ import annotations

import re

from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import BadRequest
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from security.request_values import (
    FIRST_YEAR,
    LAST_YEAR,
    IdChoiceField,
    IdMultipleChoiceField,
    bad_date_parts,
    parse_id,
)


class CheckedValuesAdmin:
    """Mixed into every ModelAdmin of the site (SigapAdminSite.register)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def changelist_view(self, request, extra_context=None):
        if bad_date_parts(request.GET):
            messages.error(
                request,
                _(
                    "Filter tanggal pada alamat ini tidak dapat dipakai: tahun harus antara %(first)d dan "
                    "%(last)d, bulan 1 sampai 12, tanggal 1 sampai 31. Daftar ditampilkan tanpa filter."
                )
                % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
            return redirect(f"{request.path}?{ERROR_FLAG}=1")
        if request.method == "POST" and any(parse_id(value) is None for value in self._posted_row_ids(request)):
            raise BadRequest(_("Baris yang dikirim tidak ada di daftar ini. Muat ulang halaman, lalu ubah lagi."))
        return super().changelist_view(request, extra_context)

    def _posted_row_ids(self, request) -> list[str]:
        """The row ids a list with editable columns posts (`form-<n>-<pk>`), when the
        model's key is an integer."""
        pk = self.opts.pk
        if not self.list_editable or not isinstance(getattr(pk, "target_field", pk), models.IntegerField):
            return []
        name = re.compile(rf"form-[0-9]+-{re.escape(pk.name)}")
        return [value for key in request.POST if name.fullmatch(key) for value in request.POST.getlist(key)]


class SigapAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, CheckedValuesAdmin):
            admin_class = type(
                admin_class.__name__, (CheckedValuesAdmin, admin_class), {"__module__": admin_class.__module__}
            )
        super().register(model_or_iterable, admin_class, **options)
