"""The admin for Admin Sistem: staff accounts and the unit tree.

Every change made here reaches the audit log through the admin's LogEntry (see
accounts.signals and accounts.admin_audit).
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import admin_audit, services
from .models import UnitKerja, User

admin_audit.install(admin.site)


class SigapUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "nip", "email", "full_name", "jabatan", "unit")


class SigapUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


# Only a superuser may grant superuser status or single permissions: an Admin Sistem
# could otherwise give itself access to case content, which its role never has.
SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


@admin.register(User)
class SigapUserAdmin(DjangoUserAdmin):
    form = SigapUserChangeForm
    add_form = SigapUserCreationForm
    list_display = ("nip", "full_name", "email", "jabatan", "unit", "roles", "is_active")
    list_display_links = ("nip", "full_name")
    list_filter = ("is_active", "groups", "unit", "is_staff")
    list_select_related = ("unit",)
    search_fields = ("nip", "full_name", "email", "username")
    ordering = ("full_name",)
    filter_horizontal = ("groups", "user_permissions")
    autocomplete_fields = ("unit",)
    readonly_fields = ("last_login", "date_joined")
    actions = ["reset_second_factor"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Identitas pegawai"), {"fields": ("nip", "full_name", "email", "jabatan", "unit")}),
        (_("Data pribadi (disimpan terenkripsi)"), {"classes": ("collapse",), "fields": ("nik", "phone", "address")}),
        (
            _("Peran dan akses"),
            {"fields": ("is_active", "groups", "is_staff", "is_superuser", "user_permissions")},
        ),
        (_("Waktu"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "nip",
                    "full_name",
                    "email",
                    "jabatan",
                    "unit",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("peran"))
    def roles(self, obj):
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f not in SUPERUSER_ONLY_FIELDS)})
            for name, options in fieldsets
        ]

    def _touches_superuser(self, request, obj) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        # Changing a superuser's e-mail or password would be a way to take it over.
        return not self._touches_superuser(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._touches_superuser(request, obj) and super().has_delete_permission(request, obj)

    @admin.action(
        description=_("Reset faktor kedua (pengguna mendaftarkan ulang aplikasi autentikator)"), permissions=["change"]
    )
    def reset_second_factor(self, request, queryset):
        done = skipped = 0
        for user in queryset:
            if self._touches_superuser(request, user):
                skipped += 1
                continue
            services.second_factor_reset(user=user, actor=request.user, request=request)
            # Also in the user's admin history, where an administrator looks first.
            self.log_change(request, user, str(_("Faktor kedua direset.")))
            done += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "Faktor kedua %(n)d pengguna direset. Mereka mendaftarkan ulang aplikasi autentikator saat masuk.",
                    "Faktor kedua %(n)d pengguna direset. Mereka mendaftarkan ulang aplikasi autentikator saat masuk.",
                    done,
                )
                % {"n": done},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d akun superuser dilewati: hanya superuser yang boleh mereset faktor keduanya.",
                    "%(n)d akun superuser dilewati: hanya superuser yang boleh mereset faktor keduanya.",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "head", "is_active")
    list_filter = ("level", "is_active")
    list_select_related = ("parent", "head")
    search_fields = ("name", "code")
    ordering = ("code",)
    autocomplete_fields = ("parent", "head")
    fields = ("name", "code", "level", "parent", "head", "is_active")
