"""Staff users and the unit tree (dinas → bidang → seksi)."""

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
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
