"""A gratifikasi declaration: a gift an employee received or refused, reported to the UPG.

Gratifikasi extends casework.Case (multi-table inheritance) like Pengaduan: reference,
state, clocks, timeline and attachments (photos, the scanned SK, receipts) live on the
shared case row. Everything that identifies the declarant or the giver, and what they
wrote, is encrypted at rest; what the recap counts (kinds, value, dates, outcomes) is not.

The workflow (domain.md §5, the UPG's stages):

    administrasi ─registrasi─▶ verifikasi ─terima_lengkap─▶ analisis
    verifikasi ─minta_kelengkapan─▶ perlu_dilengkapi ─lengkapi (pelapor)─▶ verifikasi
    perlu_dilengkapi ─tutup_tidak_lengkap (after the kelengkapan clock)─▶ tidak_diproses
    analisis ─simpulkan_tidak_wajib (a rule cited)─▶ tidak_wajib
    analisis ─teruskan_kpk─▶ diteruskan_kpk
    diteruskan_kpk ─catat_sk (penerimaan)─▶ tindak_lanjut ─catat_tindak_lanjut─▶ selesai
    diteruskan_kpk ─tutup_penolakan (penolakan)─▶ selesai

Final states: selesai, tidak_wajib, tidak_diproses. Transition methods only set fields on
this row; gratifikasi.services calls casework.services.run_transition, which checks
permission and conditions, moves the clocks named in `custom`, and writes the timeline and
audit. Every transition is public: the declarant follows each step of their declaration.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from accounts.models import nip_validator
from casework.models import Case
from casework.money import MAX_DIGITS
from casework.person_lookup import IDENTITY_LOOKUPS, NAME, IdentityDigests, Lookup
from casework.validators import validate_nik, validate_phone
from security.fields import EncryptedCharField, EncryptedTextField

from .. import conditions
from ..choices import (
    ALLOWED_FOLLOW_UP,
    NEEDS_RECEIPT_NUMBER,
    Clock,
    HubunganPemberi,
    JenisLaporan,
    JenisPenerimaan,
    JenisPeristiwa,
    JenisTindakLanjut,
    State,
    StatusKpk,
)
from ..giver import giver_digest

TEXT_MAX_LENGTH = 10_000


def _values(choices) -> list[str]:
    return [str(value) for value in choices.values]


def _text(label, *, blank=False):
    return EncryptedTextField(label, blank=blank, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])


class Gratifikasi(IdentityDigests, Case):
    declarant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        on_delete=models.PROTECT,
        related_name="gratifikasi_declarations",
    )
    jenis_laporan = models.CharField(_("jenis laporan"), max_length=20, choices=JenisLaporan.choices)

    # The declarant as they were when they declared (copied from the account, completed
    # in the form where the account lacks it): a later change of the account, or a
    # transfer to another unit, does not rewrite a report already made.
    nama = EncryptedCharField(_("nama pelapor"), plaintext_max_length=200)
    nik = EncryptedCharField("NIK", plaintext_max_length=16, validators=[validate_nik])
    nip = models.CharField("NIP", max_length=18, blank=True, validators=[nip_validator])
    jabatan = models.CharField(_("jabatan"), max_length=200)
    unit_kerja = models.ForeignKey(
        "accounts.UnitKerja",
        verbose_name=_("unit kerja pelapor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="gratifikasi_declarations",
    )
    alamat = EncryptedCharField(_("alamat pelapor"), plaintext_max_length=300)
    telepon = EncryptedCharField(_("nomor telepon / WhatsApp"), plaintext_max_length=30, validators=[validate_phone])
    email = EncryptedCharField(
        _("e-mail"),
        blank=True,
        plaintext_max_length=254,
        validators=[EmailValidator(_("Alamat e-mail tidak valid."))],
    )

    # The giver.
    pemberi_nama = EncryptedCharField(_("nama pemberi"), plaintext_max_length=200)
    pemberi_instansi = EncryptedCharField(_("instansi / perusahaan pemberi"), blank=True, plaintext_max_length=200)
    pemberi_alamat = EncryptedCharField(_("alamat pemberi"), blank=True, plaintext_max_length=300)
    hubungan = models.CharField(_("hubungan dengan pemberi"), max_length=20, choices=HubunganPemberi.choices)
    # Keyed digest of the giver's normalised name (gratifikasi.giver.giver_digest): how
    # the yearly cap per giver finds the declarant's earlier gifts from "the same giver",
    # and the UPG a giver's declarations, without the name ever being stored in clear.
    pemberi_digest = models.CharField(max_length=64, editable=False)
    # The declarant's identity digests come from IdentityDigests; the giver's name is
    # found through the digest above.
    lookup_digests = {**IDENTITY_LOOKUPS, "pemberi_digest": Lookup("pemberi_nama", NAME, giver_digest)}

    # The gift.
    jenis_peristiwa = models.CharField(_("jenis peristiwa"), max_length=30, choices=JenisPeristiwa.choices)
    jenis_penerimaan = models.CharField(_("jenis penerimaan"), max_length=20, choices=JenisPenerimaan.choices)
    uraian = _text(_("uraian objek gratifikasi"))
    nilai = models.DecimalField(
        _("perkiraan nilai (Rp)"), max_digits=MAX_DIGITS, decimal_places=0, validators=[MinValueValidator(0)]
    )
    tanggal_terima = models.DateField(_("tanggal diterima / ditolak"))
    tempat_terima = EncryptedCharField(_("tempat diterima / ditolak"), plaintext_max_length=300)
    kronologi = _text(_("kronologi"))
    dititipkan = models.BooleanField(_("objek dititipkan kepada UPG"), default=False)

    # A key the declaration form carries from the moment it is shown: a form sent twice
    # (a double press, a resent post) files one declaration, not two.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    # Computed at submission from the clocks in force on the day the gift was received.
    terlambat_upg = models.BooleanField(_("terlambat dilaporkan ke UPG"), default=False)
    terlambat_kpk = models.BooleanField(_("melewati 30 hari kerja saat dilaporkan"), default=False)
    # The rule the advice named at submission (informational; advice never blocks).
    saran_pengecualian = models.ForeignKey(
        "gratifikasi.ExemptionRule",
        verbose_name=_("saran pengecualian saat pelaporan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The UPG's work.
    nomor_registrasi_upg = models.CharField(_("nomor registrasi UPG"), max_length=40, blank=True)
    registered_at = models.DateTimeField(_("diregistrasi pada"), null=True, blank=True)
    catatan_kelengkapan = _text(_("yang perlu dilengkapi"), blank=True)
    jawaban_kelengkapan = _text(_("jawaban pelapor atas permintaan kelengkapan"), blank=True)
    rekomendasi = _text(_("rekomendasi hasil analisis"), blank=True)
    aturan_dikutip = models.ForeignKey(
        "gratifikasi.ExemptionRule",
        verbose_name=_("ketentuan yang dikutip"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # KPK.
    kpk_nomor = models.CharField(_("nomor registrasi KPK (GOL)"), max_length=100, blank=True)
    kpk_tanggal = models.DateField(_("tanggal diteruskan ke KPK"), null=True, blank=True)
    sk_status = models.CharField(_("status menurut SK KPK"), max_length=30, choices=StatusKpk.choices, blank=True)
    sk_nomor = models.CharField(_("nomor SK KPK"), max_length=100, blank=True)
    sk_tanggal = models.DateField(_("tanggal SK KPK"), null=True, blank=True)

    # Follow-up of the object.
    tindak_lanjut_jenis = models.CharField(
        _("jenis tindak lanjut"), max_length=20, choices=JenisTindakLanjut.choices, blank=True
    )
    tindak_lanjut_tanggal = models.DateField(_("tanggal tindak lanjut"), null=True, blank=True)
    tindak_lanjut_nomor = models.CharField(_("nomor tanda terima / bukti pembayaran"), max_length=100, blank=True)
    kompensasi_nilai = models.DecimalField(
        _("nilai kompensasi (Rp)"),
        max_digits=MAX_DIGITS,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    tindak_lanjut_catatan = _text(_("catatan tindak lanjut"), blank=True)

    class Meta:
        verbose_name = _("laporan gratifikasi")
        verbose_name_plural = _("laporan gratifikasi")
        indexes = [
            models.Index(fields=["declarant", "pemberi_digest", "tanggal_terima"], name="gratifikasi_giver_year"),
            models.Index(fields=["pemberi_digest"], name="gratifikasi_pemberi_digest"),
            models.Index(fields=["nama_digest"], name="gratifikasi_nama_digest"),
            models.Index(fields=["nik_digest"], name="gratifikasi_nik_digest"),
            models.Index(fields=["email_digest"], name="gratifikasi_email_digest"),
            models.Index(fields=["telepon_digest"], name="gratifikasi_telepon_digest"),
            models.Index(fields=["nip"], name="gratifikasi_nip"),
            # The staff list's filters on a declaration's own columns, with the case key:
            # the list's count and page find the matching cases from these, instead of
            # hashing every declaration's case (casework.lists).
            models.Index(fields=["jenis_laporan", "case_ptr"], name="gratifikasi_list_jenis"),
            models.Index(fields=["jenis_penerimaan", "case_ptr"], name="gratifikasi_list_penerimaan"),
            models.Index(fields=["case_ptr"], condition=Q(terlambat_upg=True), name="gratifikasi_late_upg"),
            models.Index(fields=["case_ptr"], condition=Q(terlambat_kpk=True), name="gratifikasi_late_kpk"),
            models.Index(
                fields=["case_ptr"],
                condition=Q(terlambat_upg=True) | Q(terlambat_kpk=True),
                name="gratifikasi_late_any",
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["declarant", "submission_key"], name="gratifikasi_submitted_once"),
            models.CheckConstraint(
                condition=Q(jenis_laporan__in=_values(JenisLaporan)), name="gratifikasi_jenis_laporan_valid"
            ),
            models.CheckConstraint(
                condition=Q(jenis_peristiwa__in=_values(JenisPeristiwa)), name="gratifikasi_peristiwa_valid"
            ),
            models.CheckConstraint(
                condition=Q(jenis_penerimaan__in=_values(JenisPenerimaan)), name="gratifikasi_penerimaan_valid"
            ),
            models.CheckConstraint(
                condition=Q(hubungan__in=_values(HubunganPemberi)), name="gratifikasi_hubungan_valid"
            ),
            models.CheckConstraint(condition=Q(nilai__gte=0), name="gratifikasi_nilai_not_negative"),
            models.CheckConstraint(
                condition=Q(kompensasi_nilai__isnull=True) | Q(kompensasi_nilai__gte=0),
                name="gratifikasi_kompensasi_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(sk_status="") | Q(sk_status__in=_values(StatusKpk)), name="gratifikasi_sk_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(tindak_lanjut_jenis="") | Q(tindak_lanjut_jenis__in=_values(JenisTindakLanjut)),
                name="gratifikasi_tindak_lanjut_valid",
            ),
            # A refused gift is not in the declarant's hands, so there is nothing to hold.
            models.CheckConstraint(
                condition=Q(dititipkan=False) | Q(jenis_laporan=JenisLaporan.PENERIMAAN),
                name="gratifikasi_custody_only_received",
            ),
            models.UniqueConstraint(
                fields=["nomor_registrasi_upg"],
                condition=~Q(nomor_registrasi_upg=""),
                name="gratifikasi_registration_unique",
            ),
        ]

    def clean(self):
        """Rules within this row, each reported on the field the user must correct."""
        super().clean()
        today = timezone.localdate()
        errors = {}
        if self.tanggal_terima and self.tanggal_terima > today:
            errors["tanggal_terima"] = _("Tanggal diterima tidak boleh setelah hari ini.")
        if self.dititipkan and self.jenis_laporan == JenisLaporan.PENOLAKAN:
            errors["dititipkan"] = _(
                "Gratifikasi yang ditolak tidak ada pada pelapor, sehingga tidak dapat dititipkan."
            )
        if self.kpk_tanggal:
            if self.kpk_tanggal > today:
                errors["kpk_tanggal"] = _("Tanggal penerusan ke KPK tidak boleh setelah hari ini.")
            elif self.tanggal_terima and self.kpk_tanggal < self.tanggal_terima:
                errors["kpk_tanggal"] = _("Tanggal penerusan ke KPK tidak boleh sebelum gratifikasi diterima.")
            elif self.received_on and self.kpk_tanggal < self.received_on:
                # The UPG forwards what it has received: not before the employee reported.
                errors["kpk_tanggal"] = _(
                    "Tanggal penerusan ke KPK tidak boleh sebelum laporan ini diterima UPG (%(date)s)."
                ) % {"date": formats.date_format(self.received_on, "j F Y")}
        errors.update(self._sk_errors(today))
        errors.update(self._follow_up_errors(today))
        if errors:
            raise ValidationError(errors)

    def _sk_errors(self, today) -> dict:
        sk = {"sk_status": self.sk_status, "sk_nomor": self.sk_nomor.strip(), "sk_tanggal": self.sk_tanggal}
        if not any(sk.values()):
            return {}
        errors = {}
        if self.jenis_laporan == JenisLaporan.PENOLAKAN:
            errors["sk_status"] = _("SK penetapan status hanya untuk laporan penerimaan.")
        # The three identify one decision: recorded together or not at all.
        messages = {
            "sk_status": _("Pilih status yang ditetapkan SK KPK."),
            "sk_nomor": _("Isi nomor SK KPK."),
            "sk_tanggal": _("Isi tanggal SK KPK."),
        }
        for field, value in sk.items():
            if not value:
                errors.setdefault(field, messages[field])
        if self.sk_tanggal:
            if self.sk_tanggal > today:
                errors["sk_tanggal"] = _("Tanggal SK tidak boleh setelah hari ini.")
            elif self.kpk_tanggal and self.sk_tanggal < self.kpk_tanggal:
                errors["sk_tanggal"] = _("Tanggal SK tidak boleh sebelum laporan diteruskan ke KPK.")
        return errors

    def _follow_up_errors(self, today) -> dict:
        jenis = self.tindak_lanjut_jenis
        errors = {}
        if self.kompensasi_nilai is not None and jenis != JenisTindakLanjut.KOMPENSASI:
            errors["kompensasi_nilai"] = _("Nilai kompensasi hanya diisi untuk tindak lanjut kompensasi.")
        if not jenis:
            return errors
        if not self.sk_status:
            errors["tindak_lanjut_jenis"] = _("Tindak lanjut dicatat setelah SK KPK dicatat.")
        elif jenis not in ALLOWED_FOLLOW_UP.get(self.sk_status, ()):
            allowed = ", ".join(
                str(JenisTindakLanjut(value).label) for value in sorted(ALLOWED_FOLLOW_UP.get(self.sk_status, ()))
            )
            errors["tindak_lanjut_jenis"] = _("Untuk status “%(status)s” tindak lanjut yang sesuai: %(allowed)s.") % {
                "status": self.get_sk_status_display(),
                "allowed": allowed,
            }
        if self.tindak_lanjut_tanggal is None:
            errors["tindak_lanjut_tanggal"] = _("Isi tanggal tindak lanjut.")
        elif self.tindak_lanjut_tanggal > today:
            errors["tindak_lanjut_tanggal"] = _("Tanggal tindak lanjut tidak boleh setelah hari ini.")
        elif self.sk_tanggal and self.tindak_lanjut_tanggal < self.sk_tanggal:
            errors["tindak_lanjut_tanggal"] = _("Tanggal tindak lanjut tidak boleh sebelum tanggal SK.")
        if jenis in NEEDS_RECEIPT_NUMBER and not self.tindak_lanjut_nomor.strip():
            errors["tindak_lanjut_nomor"] = _("Isi nomor tanda terima penyerahan atau bukti pembayaran.")
        if jenis == JenisTindakLanjut.KOMPENSASI:
            if self.kompensasi_nilai is None:
                errors["kompensasi_nilai"] = _("Isi nilai kompensasi yang dibayarkan.")
            elif self.kompensasi_nilai <= 0:
                errors["kompensasi_nilai"] = _(
                    "Nilai kompensasi harus lebih dari Rp0: tulis jumlah yang dibayarkan sesuai SK KPK."
                )
        return errors

    @property
    def is_penerimaan(self) -> bool:
        return self.jenis_laporan == JenisLaporan.PENERIMAAN

    # --- Administrasi and verifikasi kelengkapan --------------------------------------------

    @transition(
        field="state",
        source=State.ADMINISTRASI,
        target=State.VERIFIKASI,
        conditions=[conditions.has_registration_number],
        # The UPG's 10 days to KPK run from the day the declaration reached it (its
        # submission), not from this registration: days left unregistered count too.
        custom={"label": _("Registrasi laporan"), "public": True},
    )
    def registrasi(self):
        self.registered_at = timezone.now()

    @transition(
        field="state",
        source=State.VERIFIKASI,
        target=State.PERLU_DILENGKAPI,
        conditions=[conditions.has_completion_request],
        custom={
            "label": _("Minta pelapor melengkapi laporan"),
            "public": True,
            # The UPG's own clock waits while the declarant completes the report; the legal
            # limit to KPK (art. 12C, from the day received) does not stop for it.
            "pauses": True,
            "keeps_running": [Clock.LAPOR_KPK],
            "starts": [Clock.KELENGKAPAN],
        },
    )
    def minta_kelengkapan(self):
        pass

    @transition(
        field="state",
        source=State.PERLU_DILENGKAPI,
        target=State.VERIFIKASI,
        conditions=[conditions.has_completion_answer],
        custom={
            "label": _("Pelapor melengkapi laporan"),
            "public": True,
            "by_reporter": True,
            # The declarant's own answer: no officer may give it for them.
            "reporter_only": True,
            "stops": [Clock.KELENGKAPAN],
            "resumes": True,
        },
    )
    def lengkapi(self):
        pass

    @transition(
        field="state",
        source=State.PERLU_DILENGKAPI,
        target=State.TIDAK_DIPROSES,
        conditions=[conditions.completion_time_passed],
        custom={"label": _("Tutup: tidak dilengkapi dalam batas waktu"), "public": True},
    )
    def tutup_tidak_lengkap(self):
        pass

    @transition(
        field="state",
        source=State.VERIFIKASI,
        target=State.ANALISIS,
        custom={"label": _("Laporan lengkap: lanjut ke analisis"), "public": True},
    )
    def terima_lengkap(self):
        pass

    # --- Analisis ----------------------------------------------------------------------------

    @transition(
        field="state",
        source=State.ANALISIS,
        target=State.TIDAK_WAJIB,
        conditions=[conditions.is_penerimaan, conditions.cites_a_rule, conditions.has_recommendation],
        custom={"label": _("Simpulkan tidak wajib dilaporkan"), "public": True},
    )
    def simpulkan_tidak_wajib(self):
        pass

    @transition(
        field="state",
        source=State.ANALISIS,
        target=State.DITERUSKAN_KPK,
        conditions=[conditions.has_recommendation, conditions.has_kpk_reference],
        custom={
            "label": _("Teruskan ke KPK"),
            "public": True,
            # Reporting to KPK is what both limits measure; KPK's decision is then awaited
            # (gratifikasi.services starts that clock for a penerimaan).
            "stops": [Clock.LAPOR_KPK, Clock.UPG_KPK],
        },
    )
    def teruskan_kpk(self):
        pass

    # --- KPK's decision and the follow-up ---------------------------------------------------

    @transition(
        field="state",
        source=State.DITERUSKAN_KPK,
        target=State.TINDAK_LANJUT,
        conditions=[conditions.is_penerimaan, conditions.has_sk],
        custom={"label": _("Catat SK KPK"), "public": True, "stops": [Clock.KEPUTUSAN_KPK]},
    )
    def catat_sk(self):
        pass

    @transition(
        field="state",
        source=State.DITERUSKAN_KPK,
        target=State.SELESAI,
        conditions=[conditions.is_penolakan],
        custom={"label": _("Selesaikan laporan penolakan"), "public": True},
    )
    def tutup_penolakan(self):
        pass

    @transition(
        field="state",
        source=State.TINDAK_LANJUT,
        target=State.SELESAI,
        conditions=[
            conditions.has_follow_up,
            conditions.follow_up_fits_the_decision,
            conditions.follow_up_has_receipt_number,
            conditions.compensation_has_value,
        ],
        custom={"label": _("Catat tindak lanjut dan selesaikan"), "public": True},
    )
    def catat_tindak_lanjut(self):
        pass
