"""The admin for Admin Sistem: staff accounts and the unit tree.

Every change made here reaches the audit log through the admin's LogEntry (see
accounts.signals and accounts.admin_audit).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.utils import formats, timezone
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import access_requests, admin_audit, passwords, services
from .admin_profile import UnitProfileInline
from .models import AccessRequest, UnitKerja, User

admin_audit.install(admin.site)

# django-otp's own admin lets whoever may add a device give any account an authenticator
# or backup codes of their choosing, and remove any account's devices: a way past the
# second factor. Devices change only through enrolment and the approved reset.
for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


class SigapUserCreationForm(forms.ModelForm):
    """A new account has no password: its owner sets one through the link they are sent."""

    class Meta:
        model = User
        fields = ("username", "nip", "email", "full_name", "jabatan", "unit")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class SigapUserChangeForm(forms.ModelForm):
    role_reason = forms.CharField(
        label=_("Alasan perubahan peran"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Peran yang membuka isi kasus baru berlaku setelah disetujui Pimpinan atau Inspektorat; "
            "alasan ini mereka baca."
        ),
    )

    class Meta:
        model = User
        # Never "password": the admin builds the form from the fieldsets, and neither has it.
        fields = (
            "username",
            "nip",
            "email",
            "full_name",
            "jabatan",
            "unit",
            "nik",
            "phone",
            "address",
            "is_active",
            "groups",
            "is_staff",
            "is_superuser",
            "user_permissions",
        )


# Only a superuser may grant superuser status or single permissions. Neither opens a case
# (access follows roles only: casework.access), but both widen the admin.
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
    readonly_fields = ("last_login", "date_joined", "second_factor", "waiting_requests")
    actions = ["send_password_link", "request_second_factor_reset"]
    # No password anywhere: an administrator never sees or sets one (accounts.passwords).
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Identitas pegawai"), {"fields": ("nip", "full_name", "email", "jabatan", "unit")}),
        (_("Data pribadi (disimpan terenkripsi)"), {"classes": ("collapse",), "fields": ("nik", "phone", "address")}),
        (
            _("Peran dan akses"),
            {
                "fields": (
                    "is_active",
                    "groups",
                    "role_reason",
                    "waiting_requests",
                    "is_staff",
                    "is_superuser",
                    "user_permissions",
                )
            },
        ),
        (_("Masuk"), {"fields": ("second_factor", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "description": _(
                    "Akun baru belum memiliki kata sandi. Setelah disimpan, pemiliknya menerima e-mail "
                    "berisi tautan sekali pakai untuk membuat kata sandi sendiri."
                ),
                "fields": ("username", "nip", "full_name", "email", "jabatan", "unit"),
            },
        ),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("peran"))
    def roles(self, obj):
        return ", ".join(sorted(group.name for group in obj.groups.all()))

    @admin.display(description=_("verifikasi dua langkah"))
    def second_factor(self, obj):
        if obj.pk and services.confirmed_totp_device(obj) is not None:
            return _("Aktif (aplikasi autentikator)")
        return _("Belum didaftarkan")

    @admin.display(description=_("menunggu persetujuan"))
    def waiting_requests(self, obj):
        if not obj.pk:
            return "—"
        waiting = AccessRequest.objects.filter(
            user=obj, state=AccessRequest.State.PENDING, expires_at__gt=timezone.now()
        ).select_related("user")
        rows = [(str(item), formats.date_format(timezone.localtime(item.expires_at), "j F Y")) for item in waiting]
        if not rows:
            return "—"
        return format_html_join("; ", "{} (" + str(_("sampai")) + " {})", rows)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        return [
            (name, {**options, "fields": tuple(f for f in options["fields"] if f not in SUPERUSER_ONLY_FIELDS)})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.pk == request.user.pk:
            # A unit decides whose complaints and conflict declarations reach an account:
            # an administrator does not move itself into one.
            return (*fields, "unit")
        return fields

    def _touches_superuser(self, request, obj) -> bool:
        return obj is not None and obj.is_superuser and not request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        # Changing a superuser's e-mail would be a way to take it over.
        return not self._touches_superuser(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._touches_superuser(request, obj) and super().has_delete_permission(request, obj)

    def user_change_password(self, request, id, form_url=""):
        # Django's "change password" page for another account: never offered here.
        raise PermissionDenied(_("Kata sandi hanya dibuat oleh pemilik akun, lewat tautan yang dikirim kepadanya."))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "email" in form.changed_data and form.initial.get("email"):
            # Links and notices follow the new address; the old one hears of the change,
            # so a changed address cannot quietly route a password link elsewhere.
            access_requests.notify_after_commit(
                "email_changed", user_id=obj.pk, old_email=form.initial["email"], actor_id=request.user.pk
            )
        if not change:
            passwords.password_link_send(user=obj, actor=request.user, request=request, new_account=True)
            self.message_user(
                request,
                _("Tautan untuk membuat kata sandi dikirim ke %(email)s.") % {"email": obj.email},
                messages.SUCCESS,
            )

    def save_related(self, request, form, formsets, change):
        wanted = None
        if "groups" in form.cleaned_data:
            wanted = {group.name for group in form.cleaned_data["groups"]}
            # Roles change only through accounts.access_requests, never straight from the
            # form: the form saves the roles the account has now.
            form.cleaned_data["groups"] = list(form.instance.groups.all())
        super().save_related(request, form, formsets, change)
        if wanted is None:
            return
        result = access_requests.roles_change(
            user=form.instance,
            wanted=wanted,
            actor=request.user,
            reason=form.cleaned_data.get("role_reason", ""),
            request=request,
        )
        if result.requested:
            self.message_user(
                request,
                _(
                    "Peran %(roles)s membuka isi kasus: permintaannya dikirim dan baru berlaku setelah "
                    "disetujui Pimpinan atau Inspektorat."
                )
                % {"roles": ", ".join(item.role for item in result.requested)},
                messages.WARNING,
            )

    def _for_each(self, request, queryset, service, done_message) -> None:
        """Run `service(user=, actor=, request=)` for each selected account but the
        administrator's own and (for one who is not) a superuser's; report both counts.
        `done_message(n)` says what was done to n accounts."""
        done = skipped = 0
        for user in queryset:
            if self._touches_superuser(request, user) or user.pk == request.user.pk:
                skipped += 1
                continue
            service(user=user, actor=request.user, request=request)
            done += 1
        if done:
            self.message_user(request, done_message(done) % {"n": done}, messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(n)d akun dilewati: akun Anda sendiri dan akun superuser (bagi yang bukan superuser).",
                    "%(n)d akun dilewati: akun Anda sendiri dan akun superuser (bagi yang bukan superuser).",
                    skipped,
                )
                % {"n": skipped},
                messages.WARNING,
            )

    @admin.action(
        description=_("Kirim tautan untuk membuat kata sandi baru (kata sandi lama dan semua sesi berakhir)"),
        permissions=["change"],
    )
    def send_password_link(self, request, queryset):
        self._for_each(
            request,
            queryset,
            passwords.password_link_send,
            lambda n: ngettext(
                "Tautan kata sandi dikirim ke %(n)d pengguna; sesi mereka diakhiri.",
                "Tautan kata sandi dikirim ke %(n)d pengguna; sesi mereka diakhiri.",
                n,
            ),
        )

    @admin.action(
        description=_("Minta reset verifikasi dua langkah (perlu persetujuan Pimpinan atau Inspektorat)"),
        permissions=["change"],
    )
    def request_second_factor_reset(self, request, queryset):
        self._for_each(
            request,
            queryset,
            access_requests.second_factor_reset_request,
            lambda n: ngettext(
                "Reset verifikasi dua langkah %(n)d pengguna diminta; berlaku setelah disetujui "
                "Pimpinan atau Inspektorat. Pengguna diberi tahu lewat e-mail.",
                "Reset verifikasi dua langkah %(n)d pengguna diminta; berlaku setelah disetujui "
                "Pimpinan atau Inspektorat. Pengguna diberi tahu lewat e-mail.",
                n,
            ),
        )


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    """The requests an administrator made, to follow them and withdraw a mistaken one.
    Deciding is not here: it is the approver's page (accounts.views.approvals)."""

    list_display = ("created_at", "kind", "role", "user", "requested_by", "shown_state", "expires_at", "decided_by")
    list_filter = ("state", "kind", "role")
    list_select_related = ("user", "requested_by", "decided_by")
    search_fields = ("user__full_name", "user__nip", "role")
    ordering = ("-created_at",)
    actions = ["cancel"]

    @admin.display(description=_("status"))
    def shown_state(self, obj):
        return obj.shown_state

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_cancel_permission(self, request):
        return request.user.has_perm("accounts.change_user")

    @admin.action(description=_("Batalkan permintaan yang dipilih"), permissions=["cancel"])
    def cancel(self, request, queryset):
        done = 0
        for item in queryset.filter(state=AccessRequest.State.PENDING):
            access_requests.access_request_cancel(access_request=item, actor=request.user, request=request)
            done += 1
        self.message_user(
            request, ngettext("%(n)d permintaan dibatalkan.", "%(n)d permintaan dibatalkan.", done) % {"n": done}
        )


# Roles are named in code (accounts.roles) and read by every access policy: renaming a
# group, or giving one model permissions, would silently change who reads what. The admin
# shows them and changes nothing; a role's members change on the user's page.
admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(DjangoGroupAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(UnitKerja)
class UnitKerjaAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "level", "parent", "head", "is_active")
    list_filter = ("level", "is_active")
    list_select_related = ("parent", "head")
    search_fields = ("name", "code")
    ordering = ("code",)
    autocomplete_fields = ("parent", "head")
    fields = ("name", "code", "level", "parent", "head", "is_active")
    inlines = (UnitProfileInline,)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        return type(form.__name__, (_UnitHeadNotSelf, form), {"administrator": request.user})


class _UnitHeadNotSelf(forms.ModelForm):
    """The head of a unit decides the conflicts of interest its staff declare (benturan
    routing): an administrator does not make itself one."""

    administrator = None

    def clean_head(self):
        head = self.cleaned_data.get("head")
        if head is not None and self.administrator is not None and head.pk == self.administrator.pk:
            raise forms.ValidationError(
                _("Anda tidak dapat menetapkan diri sendiri sebagai kepala unit; mintalah administrator lain.")
            )
        return head
