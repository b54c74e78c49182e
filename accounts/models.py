"""Staff users and the unit tree (dinas → bidang → seksi)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from security.fields import EncryptedCharField

nip_validator = RegexValidator(r"^\d{18}$", _("NIP terdiri atas 18 angka."))


class UnitKerja(models.Model):
    class Level(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BIDANG = "bidang", _("Bidang / Bagian")
        SEKSI = "seksi", _("Seksi / Subbagian")

    name = models.CharField(_("nama"), max_length=200)
    code = models.SlugField(_("kode"), max_length=40, unique=True)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.ForeignKey(
        "accounts.User",
        verbose_name=_("kepala unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_units",
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["code"]

    def __str__(self):
        return self.name

    def ancestors(self):
        """This unit's parents, nearest first (the tree is a few levels deep)."""
        chain, unit = [], self.parent
        while unit is not None:
            chain.append(unit)
            unit = unit.parent
        return chain

    def descendant_ids(self):
        """Ids of this unit and every unit below it."""
        ids, frontier = [self.pk], [self.pk]
        while frontier:
            frontier = list(UnitKerja.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            ids.extend(frontier)
        return ids

    def responsible_head(self):
        """The head of this unit, or of the nearest unit above it that has one."""
        for unit in [self, *self.ancestors()]:
            if unit.head_id:
                return unit.head
        return None


class SigapUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})


class User(AbstractUser):
    """A staff account. Members of the public never have one."""

    # Staff sign in with NIP or e-mail; `username` stays as Django's stable handle.
    nip = models.CharField("NIP", max_length=18, unique=True, null=True, blank=True, validators=[nip_validator])
    email = models.EmailField(_("alamat e-mail"))
    full_name = models.CharField(_("nama lengkap"), max_length=200)
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    unit = models.ForeignKey(
        UnitKerja,
        verbose_name=_("unit kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    nik = EncryptedCharField("NIK", blank=True, plaintext_max_length=16)
    phone = EncryptedCharField(_("nomor telepon"), blank=True, plaintext_max_length=30)
    address = EncryptedCharField(_("alamat"), blank=True, plaintext_max_length=300)

    objects = SigapUserManager()

    REQUIRED_FIELDS = ["email", "full_name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name

    def has_role(self, *roles: str) -> bool:
        """True when the user holds any of the given roles (accounts.roles constants)."""
        names = getattr(self, "_role_names", None)
        if names is None:
            names = set(self.groups.values_list("name", flat=True)) if self.pk else set()
            self._role_names = names
        return bool(names.intersection(roles))


class AccessRequest(models.Model):
    """A change to an account that opens case content (a reading role) or could hand the
    account to someone else (a second-factor reset), waiting for a second person.

    An administrator asks; a Pimpinan or Inspektorat member who is neither the requester
    nor the account's owner approves or refuses (accounts.access_requests). Only an
    approval changes the account.
    """

    class Kind(models.TextChoices):
        ROLE_GRANT = "peran", _("Pemberian peran")
        SECOND_FACTOR_RESET = "reset_2fa", _("Reset verifikasi dua langkah")

    class State(models.TextChoices):
        PENDING = "menunggu", _("Menunggu persetujuan")
        APPROVED = "disetujui", _("Disetujui")
        REFUSED = "ditolak", _("Ditolak")
        CANCELLED = "dibatalkan", _("Dibatalkan")
        EXPIRED = "kedaluwarsa", _("Kedaluwarsa")

    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    user = models.ForeignKey(User, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="access_requests")
    # A role name (accounts.roles) for a grant; empty for a second-factor reset.
    role = models.CharField(_("peran"), max_length=100, blank=True)
    requested_by = models.ForeignKey(
        User, verbose_name=_("diminta oleh"), on_delete=models.PROTECT, related_name="access_requests_made"
    )
    reason = models.TextField(_("alasan"), blank=True)
    state = models.CharField(_("status"), max_length=12, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(_("diminta pada"))
    expires_at = models.DateTimeField(_("berlaku sampai"))
    decided_by = models.ForeignKey(
        User,
        verbose_name=_("diputus oleh"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="access_requests_decided",
    )
    decided_at = models.DateTimeField(_("diputus pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan keputusan"), blank=True)

    class Meta:
        verbose_name = _("permintaan persetujuan akses")
        verbose_name_plural = _("permintaan persetujuan akses")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "expires_at"], name="accounts_accessreq_pending")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="peran") & ~models.Q(role=""))
                | (models.Q(kind="reset_2fa") & models.Q(role="")),
                name="accounts_accessreq_role_iff_grant",
            ),
            # The database itself refuses an approval or refusal by the requester or by the
            # account's owner, whatever code path wrote it. (Withdrawing is the
            # administrators' own business.)
            models.CheckConstraint(
                condition=~models.Q(state__in=["disetujui", "ditolak"])
                | (
                    models.Q(decided_by__isnull=False)
                    & ~models.Q(decided_by=models.F("requested_by"))
                    & ~models.Q(decided_by=models.F("user"))
                ),
                name="accounts_accessreq_second_person",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.ROLE_GRANT:
            return _("Peran %(role)s untuk %(user)s") % {"role": self.role, "user": self.user}
        return _("Reset verifikasi dua langkah %(user)s") % {"user": self.user}

    @property
    def is_pending(self) -> bool:
        return self.state == self.State.PENDING and self.expires_at > timezone.now()

    @property
    def shown_state(self) -> str:
        """The state as people should read it: a pending request past its date has expired."""
        if self.state == self.State.PENDING and not self.is_pending:
            return self.State.EXPIRED.label
        return self.get_state_display()


class UnitProfile(models.Model):
    """How a unit presents itself: the letterhead of its reports and prints, and the
    contacts its public pages give. A unit without one uses its nearest parent's
    (accounts.profiles.profile_for)."""

    unit = models.OneToOneField(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="profile"
    )
    official_name = models.CharField(
        _("nama resmi"),
        max_length=200,
        help_text=_("Seperti pada kop surat, mis. Dinas Kependudukan dan Pencatatan Sipil"),
    )
    parent_agency = models.CharField(
        _("instansi induk"),
        max_length=200,
        blank=True,
        help_text=_("Baris pertama kop, mis. Pemerintah Kabupaten Contoh"),
    )
    address = models.CharField(_("alamat kantor"), max_length=300, blank=True)
    city = models.CharField(_("kota"), max_length=100, blank=True, help_text=_("Tempat penandatanganan laporan"))
    phone = models.CharField(_("telepon"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    office_hours = models.CharField(_("jam layanan"), max_length=200, blank=True)
    # Kept in the database (a few dozen KB), so a logo needs no public media folder and
    # travels with every backup.
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_type = models.CharField(max_length=20, blank=True, editable=False)

    class Meta:
        verbose_name = _("profil unit")
        verbose_name_plural = _("profil unit")

    def __str__(self):
        return self.official_name
