"""A public complaint (pengaduan masyarakat) and the editable list of service categories.

Pengaduan extends casework.Case (multi-table inheritance): reference, state, unit,
assignee, privacy flags, clocks, timeline and messages live on the shared case row; this
table holds what only a complaint has. Everything the complainant wrote or that
identifies them is encrypted at rest.

The workflow (Perpres 76/2013 penerimaan → pemilahan → distribusi → penyelesaian, with
the triage outcomes of SP4N-LAPOR!):

    diterima ─verifikasi─▶ diverifikasi ─disposisi─▶ didisposisikan
    didisposisikan ─catat_tindak_lanjut (unit)─▶ ditindaklanjuti ─jawab─▶ dijawab
    dijawab ─selesaikan (petugas, or the system after the konfirmasi period)─▶ selesai
    diterima ─tunda─▶ ditunda ─lengkapi (pelapor)─▶ diterima
    ditunda ─arsipkan_tidak_lengkap (after the kelengkapan period)─▶ diarsipkan
    diterima ─bukan_wewenang─▶ diteruskan;  diterima ─arsipkan─▶ diarsipkan
    dijawab, selesai ─buka_kembali (pelapor, once)─▶ diverifikasi
    diterima ─usulkan_wbs─▶ menunggu_persetujuan_wbs
    menunggu_persetujuan_wbs ─setujui_wbs (pelapor)─▶ dipindahkan_ke_wbs
    menunggu_persetujuan_wbs ─tolak_wbs (pelapor, or a handler withdrawing)─▶ diterima

Final states: selesai, diteruskan, diarsipkan, dipindahkan_ke_wbs.

Transition methods only set fields on this row; casework.services.run_transition (called
by pengaduan.services) checks permission and conditions, moves the clocks named in each
transition's `custom`, and writes the timeline and the audit log. Every transition is
public because the complainant is told of every status change (domain.md §3).
"""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.models import Case
from casework.person_lookup import IdentityDigests
from casework.validators import validate_nik, validate_phone
from security.fields import EncryptedCharField, EncryptedTextField

from . import conditions
from .choices import ArchiveReason, Channel, Clock, Jenis, State

TEXT_MAX_LENGTH = 10_000


class KategoriLayanan(models.Model):
    """A service a complaint is about (KTP-el, KK, akta kelahiran, ...). Administrators
    edit the list; a category in use is retired (is_active=False), never deleted."""

    name = models.CharField(_("nama"), max_length=100)
    slug = models.SlugField(_("kode"), max_length=50, unique=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori layanan")
        verbose_name_plural = _("kategori layanan")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def _choice_values(choices) -> list[str]:
    return [str(value) for value in choices.values]


class Pengaduan(IdentityDigests, Case):
    jenis = models.CharField(_("jenis laporan"), max_length=30, choices=Jenis.choices, default=Jenis.PENGADUAN)
    isi = EncryptedTextField(_("isi / kronologi"), validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    tanggal_kejadian = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    lokasi = EncryptedCharField(_("lokasi"), blank=True, plaintext_max_length=300)
    kategori = models.ForeignKey(
        KategoriLayanan, verbose_name=_("kategori layanan"), on_delete=models.PROTECT, related_name="pengaduan"
    )
    # The complainant's suggestion only; Case.unit is where the handler dispositions it.
    unit_tujuan = models.ForeignKey(
        "accounts.UnitKerja",
        verbose_name=_("unit tujuan yang disarankan pelapor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pengaduan_disarankan",
    )
    channel = models.CharField(_("saluran"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    lapor_tracking_id = models.CharField(_("nomor tiket SP4N-LAPOR!"), max_length=50, blank=True)

    # The complainant's identity: all optional, all encrypted.
    nama = EncryptedCharField(_("nama pelapor"), blank=True, plaintext_max_length=200)
    nik = EncryptedCharField("NIK", blank=True, plaintext_max_length=16, validators=[validate_nik])
    email = EncryptedCharField(
        _("e-mail pelapor"),
        blank=True,
        plaintext_max_length=254,
        validators=[EmailValidator(_("Alamat e-mail tidak valid."))],
    )
    telepon = EncryptedCharField(
        _("nomor telepon / WhatsApp pelapor"), blank=True, plaintext_max_length=30, validators=[validate_phone]
    )

    # Set by the transitions that need them (see the services).
    forwarded_to = models.CharField(_("diteruskan kepada"), max_length=300, blank=True)
    archive_reason = models.CharField(_("alasan pengarsipan"), max_length=20, choices=ArchiveReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplikat dari"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    tindak_lanjut = EncryptedTextField(
        _("uraian tindak lanjut"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    jawaban = EncryptedTextField(_("jawaban"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])
    answered_at = models.DateTimeField(_("dijawab pada"), null=True, blank=True)
    reopened_count = models.PositiveSmallIntegerField(_("dibuka kembali"), default=0)
    rating = models.PositiveSmallIntegerField(
        _("penilaian"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = EncryptedTextField(
        _("komentar penilaian"), blank=True, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        indexes = [
            # A channel or category filter counts a long list from these, reading the
            # case keys in the index itself, not the (wide, encrypted) complaint rows.
            models.Index(fields=["channel", "case_ptr"], name="pengaduan_channel"),
            models.Index(fields=["kategori", "case_ptr"], name="pengaduan_kategori_case"),
            models.Index(fields=["nama_digest"], name="pengaduan_nama_digest"),
            models.Index(fields=["nik_digest"], name="pengaduan_nik_digest"),
            models.Index(fields=["email_digest"], name="pengaduan_email_digest"),
            models.Index(fields=["telepon_digest"], name="pengaduan_telepon_digest"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(jenis__in=_choice_values(Jenis)), name="pengaduan_jenis_valid"),
            models.CheckConstraint(condition=Q(channel__in=_choice_values(Channel)), name="pengaduan_channel_valid"),
            models.CheckConstraint(
                condition=Q(archive_reason="") | Q(archive_reason__in=_choice_values(ArchiveReason)),
                name="pengaduan_archive_reason_valid",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5), name="pengaduan_rating_1_to_5"
            ),
            # A LAPOR! ticket is entered once, and only on a complaint that came from LAPOR!.
            models.UniqueConstraint(
                fields=["lapor_tracking_id"],
                condition=~Q(lapor_tracking_id=""),
                name="pengaduan_lapor_id_unique",
                violation_error_message=_("Tiket SP4N-LAPOR! ini sudah tercatat."),
            ),
            models.CheckConstraint(
                condition=Q(channel=Channel.SP4N_LAPOR, lapor_tracking_id__gt="")
                | (~Q(channel=Channel.SP4N_LAPOR) & Q(lapor_tracking_id="")),
                name="pengaduan_lapor_id_iff_lapor",
            ),
            models.CheckConstraint(
                condition=Q(duplicate_of__isnull=True)
                | (Q(archive_reason=ArchiveReason.DUPLIKAT) & ~Q(duplicate_of=F("case_ptr"))),
                name="pengaduan_duplicate_of_other",
            ),
        ]

    def clean(self):
        """Rules within this row, each reported on the field the user must correct."""
        super().clean()
        errors = {}
        title = (self.title or "").strip()
        # Its length is the field's own rule (Case.title's plaintext limit).
        if not title:
            errors["title"] = _("Judul wajib diisi.")
        if self.tanggal_kejadian and self.tanggal_kejadian > timezone.localdate():
            errors["tanggal_kejadian"] = _("Tanggal kejadian tidak boleh setelah hari ini.")
        if self.channel == Channel.SP4N_LAPOR and not self.lapor_tracking_id.strip():
            errors["lapor_tracking_id"] = _("Pengaduan dari SP4N-LAPOR! wajib mencantumkan nomor tiketnya.")
        elif self.channel != Channel.SP4N_LAPOR and self.lapor_tracking_id:
            errors["lapor_tracking_id"] = _("Nomor tiket SP4N-LAPOR! hanya diisi untuk pengaduan dari SP4N-LAPOR!.")
        if self.duplicate_of_id is not None:
            if self.archive_reason != ArchiveReason.DUPLIKAT:
                errors["duplicate_of"] = _(
                    "Pengaduan asal hanya diisi untuk pengaduan yang diarsipkan sebagai duplikat."
                )
            elif self.pk is not None and self.duplicate_of_id == self.pk:
                errors["duplicate_of"] = _("Pengaduan tidak dapat menjadi duplikat dari dirinya sendiri.")
        if errors:
            raise ValidationError(errors)

    # --- Triage (pemilahan) ------------------------------------------------------------------

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.DIVERIFIKASI,
        custom={
            "label": _("Verifikasi"),
            "public": True,
            "stops": [Clock.VERIFIKASI],
            # Perpres 76/2013: resolution counts from the day the file is complete.
            "starts": [Clock.PENYELESAIAN],
        },
    )
    def verifikasi(self):
        pass

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.DITUNDA,
        custom={
            "label": _("Tunda: minta kelengkapan kepada pelapor"),
            "public": True,
            "pauses": True,
            # The complainant's time to answer (a waiting period: no handler is reminded).
            "starts": [Clock.KELENGKAPAN],
        },
    )
    def tunda(self):
        pass

    @transition(
        field="state",
        source=State.DITUNDA,
        target=State.DITERIMA,
        custom={
            "label": _("Lengkapi"),
            "public": True,
            "by_reporter": True,
            "stops": [Clock.KELENGKAPAN],
            "resumes": True,
        },
    )
    def lengkapi(self):
        pass

    @transition(
        field="state",
        source=State.DITUNDA,
        target=State.DIARSIPKAN,
        conditions=[conditions.completion_time_passed],
        custom={"label": _("Arsipkan: tidak dilengkapi sampai batas waktu"), "public": True},
    )
    def arsipkan_tidak_lengkap(self):
        self.archive_reason = ArchiveReason.TIDAK_DILENGKAPI

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.DITERUSKAN,
        conditions=[conditions.has_forwarded_to],
        custom={"label": _("Bukan wewenang: teruskan ke instansi lain"), "public": True},
    )
    def bukan_wewenang(self):
        pass

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.DIARSIPKAN,
        conditions=[
            conditions.has_archive_reason,
            conditions.reason_fits_triage,
            conditions.duplicate_names_its_original,
        ],
        custom={"label": _("Arsipkan"), "public": True},
    )
    def arsipkan(self):
        pass

    # --- A report of staff wrongdoing belongs in the WBS (domain.md §3) --------------------

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.MENUNGGU_PERSETUJUAN_WBS,
        custom={"label": _("Usulkan pindah ke WBS (minta persetujuan pelapor)"), "public": True, "pauses": True},
    )
    def usulkan_wbs(self):
        pass

    @transition(
        field="state",
        source=State.MENUNGGU_PERSETUJUAN_WBS,
        target=State.DIPINDAHKAN_KE_WBS,
        # Only the complainant's own consent moves it (pengaduan.services_wbs).
        custom={"label": _("Setujui pindah ke WBS"), "public": True, "by_reporter": True, "reporter_only": True},
    )
    def setujui_wbs(self):
        pass

    @transition(
        field="state",
        source=State.MENUNGGU_PERSETUJUAN_WBS,
        target=State.DITERIMA,
        custom={"label": _("Tetap sebagai pengaduan"), "public": True, "by_reporter": True, "resumes": True},
    )
    def tolak_wbs(self):
        pass

    # --- Distribution and resolution (distribusi, penyelesaian) --------------------------

    @transition(
        field="state",
        source=State.DIVERIFIKASI,
        target=State.DIDISPOSISIKAN,
        conditions=[conditions.has_unit],
        custom={"label": _("Disposisi ke unit"), "public": True, "starts": [Clock.TINDAK_LANJUT]},
    )
    def disposisi(self):
        pass

    @transition(
        field="state",
        source=State.DIDISPOSISIKAN,
        target=State.DITINDAKLANJUTI,
        conditions=[conditions.has_follow_up],
        custom={"label": _("Catat tindak lanjut"), "public": True, "stops": [Clock.TINDAK_LANJUT]},
    )
    def catat_tindak_lanjut(self):
        pass

    @transition(
        field="state",
        source=State.DITINDAKLANJUTI,
        target=State.DIJAWAB,
        conditions=[conditions.has_answer],
        custom={
            "label": _("Kirim jawaban kepada pelapor"),
            "public": True,
            "stops": [Clock.PENYELESAIAN],
            # SP4N-LAPOR!: an answered case closes by itself when the complainant is silent.
            "starts": [Clock.KONFIRMASI],
        },
    )
    def jawab(self):
        self.answered_at = timezone.now()

    @transition(
        field="state",
        source=State.DIJAWAB,
        target=State.SELESAI,
        custom={"label": _("Selesaikan"), "public": True},
    )
    def selesaikan(self):
        pass

    @transition(
        field="state",
        source=[State.DIJAWAB, State.SELESAI],
        target=State.DIVERIFIKASI,
        conditions=[conditions.not_reopened_yet],
        custom={
            "label": _("Buka kembali"),
            "public": True,
            "by_reporter": True,
            "stops": [Clock.KONFIRMASI],
            "starts": [Clock.PENYELESAIAN],
        },
    )
    def buka_kembali(self):
        self.reopened_count += 1
        # The answer no longer stands: the case is not "answered" (in the monthly report or
        # anywhere else) until a new answer is sent. The history keeps the first one.
        self.answered_at = None
