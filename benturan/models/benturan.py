"""A conflict of interest (benturan kepentingan), declared by the official or reported by
another employee, decided by the official's superior.

Benturan extends casework.Case (multi-table inheritance) like the other kinds: reference,
state, clock, timeline, messages and attachments live on the shared case row. What the
people wrote (the matter, the interest, the other parties, the reasons) is encrypted at
rest; what the lists filter on (kind, source, what it touches, the outcome) is not.

The workflow (domain.md §6):

    diajukan ─mulai_analisis─▶ analisis
    analisis ─putuskan_pengendalian (controls, reasons)─▶ pelaksanaan
    analisis ─putuskan_tidak_ada_konflik (reasons)─▶ tidak_ada_konflik
    pelaksanaan ─catat_pelaksanaan (evidence)─▶ pemantauan ─selesaikan─▶ selesai

The superior's 7 working days (the `keputusan` clock) run from the day the case is filed
and stop with either decision. Final states: selesai, tidak_ada_konflik. Transition
methods only set fields on this row; benturan.services calls
casework.services.run_transition, which checks permission and conditions, moves the
clocks and writes the timeline and audit. Every transition is public: the one who filed
follows each step on their own page.

Who is involved, fixed when the case is filed:
- `declarant`, the account that filed it (the official themself, or a reporter);
- `pejabat`, the official whose conflict it is (the declarant on a declaration);
- `pihak_pegawai`, employees named among the other parties;
- `atasan`, who decides (benturan.routing: the official's superior, one level up for each
  superior who is a party; None when it went to the Tim Benturan Kepentingan), and
  `eskalasi_ke`, who hears when the decision is late (None: the Tim).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from casework.models import Case
from security.fields import EncryptedCharField, EncryptedTextField

from .. import conditions
from ..choices import Asal, Clock, Jenis, JenisHal, Keputusan, State, Sumber

TEXT_MAX_LENGTH = 10_000
HAL_MAX_LENGTH = 300
#: A SIGAP reference as staff write it: PREFIX/YEAR/NNNNNN (casework.references).
REFERENCE_PATTERN = r"^[A-Z]{2,5}/\d{4}/\d{6}$"
reference_validator = RegexValidator(
    REFERENCE_PATTERN, _("Tulis nomor kasus SIGAP seperti PGD/2026/000123, atau kosongkan.")
)


def _values(choices) -> list[str]:
    return [str(value) for value in choices.values]


def _text(label, *, blank=False):
    return EncryptedTextField(label, blank=blank, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)])


def _person(label, *, related_name="+", null=False):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class Benturan(Case):
    declarant = _person(_("pelapor"), related_name="benturan_filed")
    asal = models.CharField(_("asal"), max_length=20, choices=Asal.choices)
    pejabat = _person(_("pejabat yang bersangkutan"), related_name="benturan_concerning")
    # As the official was when the case was filed: a later transfer does not rewrite it.
    # (Their unit is the case's unit, Case.unit.)
    pejabat_jabatan = models.CharField(_("jabatan pejabat"), max_length=200, blank=True)

    jenis = models.CharField(_("jenis benturan"), max_length=20, choices=Jenis.choices)
    sumber = models.CharField(_("sumber benturan"), max_length=30, choices=Sumber.choices)
    hal_jenis = models.CharField(_("yang terdampak"), max_length=20, choices=JenisHal.choices)
    hal = EncryptedCharField(_("keputusan atau kegiatan yang terdampak"), plaintext_max_length=HAL_MAX_LENGTH)
    rujukan_kasus = models.CharField(
        _("nomor kasus SIGAP terkait"), max_length=20, blank=True, validators=[reference_validator]
    )
    # The case the reference names, found when the case is filed. Never shown to the one who
    # filed: whether a number exists is not theirs to learn (a WBS report's, say).
    kasus_terkait = models.ForeignKey(
        Case,
        verbose_name=_("kasus SIGAP terkait"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="benturan_terkait",
    )
    # The complaint or WBS report a handler turned into this report (benturan.
    # services_from_cases), by id and encrypted: a clear link from a case about an official
    # to that report would tell a reader of the database whom the report is about.
    sumber_kasus = EncryptedCharField(_("kasus asal laporan"), blank=True, plaintext_max_length=20)
    kepentingan = _text(_("kepentingan yang berbenturan"))
    pihak_lain = _text(_("pihak lain yang terkait"), blank=True)
    pihak_pegawai = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("pegawai yang terkait"), blank=True, related_name="+"
    )

    # A key the form carries from the moment it is shown: a form sent twice files one case.
    submission_key = models.UUIDField(null=True, blank=True, editable=False)

    atasan = _person(_("atasan yang memutuskan"), related_name="benturan_to_decide", null=True)
    eskalasi_ke = _person(_("eskalasi kepada"), null=True)

    # The superior's decision.
    keputusan = models.CharField(_("keputusan"), max_length=20, choices=Keputusan.choices, blank=True)
    alasan_keputusan = _text(_("alasan keputusan"), blank=True)
    diputuskan_oleh = _person(_("diputuskan oleh"), null=True)
    diputuskan_pada = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    tidak_dideklarasikan = models.BooleanField(_("benturan tidak dinyatakan oleh pejabat"), default=False)
    rekomendasi_sanksi = _text(_("rekomendasi sanksi"), blank=True)

    # The control applied, and its monitoring.
    bukti_pelaksanaan = _text(_("bukti pelaksanaan pengendalian"), blank=True)
    tanggal_pelaksanaan = models.DateField(_("tanggal pelaksanaan"), null=True, blank=True)
    hasil_pemantauan = _text(_("hasil pemantauan"), blank=True)

    class Meta:
        verbose_name = _("benturan kepentingan")
        verbose_name_plural = _("benturan kepentingan")
        indexes = [
            models.Index(fields=["declarant"], name="benturan_declarant"),
            models.Index(fields=["pejabat", "keputusan"], name="benturan_pejabat"),
            models.Index(fields=["atasan"], name="benturan_atasan"),
            # The staff list's filters, with the case key (casework.lists).
            models.Index(fields=["sumber", "case_ptr"], name="benturan_sumber"),
            models.Index(fields=["jenis", "case_ptr"], name="benturan_list_jenis"),
            models.Index(fields=["asal", "case_ptr"], name="benturan_list_asal"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["declarant", "submission_key"], name="benturan_submitted_once"),
            models.CheckConstraint(condition=Q(asal__in=_values(Asal)), name="benturan_asal_valid"),
            models.CheckConstraint(condition=Q(jenis__in=_values(Jenis)), name="benturan_jenis_valid"),
            models.CheckConstraint(condition=Q(sumber__in=_values(Sumber)), name="benturan_sumber_valid"),
            models.CheckConstraint(condition=Q(hal_jenis__in=_values(JenisHal)), name="benturan_hal_jenis_valid"),
            models.CheckConstraint(
                condition=Q(keputusan="") | Q(keputusan__in=_values(Keputusan)), name="benturan_keputusan_valid"
            ),
            # A declaration is the official's own; a report is about someone else.
            models.CheckConstraint(
                condition=(Q(asal=Asal.DEKLARASI) & Q(pejabat=F("declarant")))
                | (Q(asal=Asal.LAPORAN) & ~Q(pejabat=F("declarant"))),
                name="benturan_asal_matches_people",
            ),
            # Only a conflict someone else brought can have been left undeclared.
            models.CheckConstraint(
                condition=Q(tidak_dideklarasikan=False) | Q(asal=Asal.LAPORAN, keputusan=Keputusan.KONFLIK),
                name="benturan_undeclared_only_reported",
            ),
        ]

    def clean(self):
        """Rules within this row, each reported on the field the user must correct."""
        super().clean()
        errors = {}
        if self.tidak_dideklarasikan and self.asal != Asal.LAPORAN:
            errors["tidak_dideklarasikan"] = _(
                "Benturan yang dinyatakan sendiri oleh pejabat tidak dapat dicatat sebagai tidak dinyatakan."
            )
        if self.tanggal_pelaksanaan:
            if self.tanggal_pelaksanaan > timezone.localdate():
                errors["tanggal_pelaksanaan"] = _("Tanggal pelaksanaan tidak boleh setelah hari ini.")
            elif self.diputuskan_pada and self.tanggal_pelaksanaan < timezone.localdate(self.diputuskan_pada):
                errors["tanggal_pelaksanaan"] = _("Tanggal pelaksanaan tidak boleh sebelum tanggal keputusan.")
        if errors:
            raise ValidationError(errors)

    @property
    def sumber_kasus_id(self) -> int | None:
        return int(self.sumber_kasus) if self.sumber_kasus else None

    @property
    def is_report(self) -> bool:
        return self.asal == Asal.LAPORAN

    @property
    def decided_by_tim(self) -> bool:
        return self.atasan_id is None

    # --- The superior's analysis and decision ----------------------------------------------

    @transition(
        field="state",
        source=State.DIAJUKAN,
        target=State.ANALISIS,
        custom={"label": _("Mulai analisis"), "public": True},
    )
    def mulai_analisis(self):
        pass

    @transition(
        field="state",
        source=State.ANALISIS,
        target=State.PELAKSANAAN,
        conditions=[conditions.has_reason, conditions.has_controls, conditions.sanction_fits],
        custom={"label": _("Putuskan pengendalian"), "public": True, "stops": [Clock.KEPUTUSAN]},
    )
    def putuskan_pengendalian(self):
        self.keputusan = Keputusan.KONFLIK
        self.diputuskan_pada = timezone.now()

    @transition(
        field="state",
        source=State.ANALISIS,
        target=State.TIDAK_ADA_KONFLIK,
        conditions=[conditions.has_reason, conditions.no_sanction],
        custom={"label": _("Putuskan tidak terdapat benturan kepentingan"), "public": True},
    )
    def putuskan_tidak_ada_konflik(self):
        self.keputusan = Keputusan.TIDAK_KONFLIK
        self.diputuskan_pada = timezone.now()

    # --- The control applied and monitored --------------------------------------------------

    @transition(
        field="state",
        source=State.PELAKSANAAN,
        target=State.PEMANTAUAN,
        conditions=[conditions.has_evidence],
        custom={"label": _("Catat pelaksanaan pengendalian"), "public": True},
    )
    def catat_pelaksanaan(self):
        pass

    @transition(
        field="state",
        source=State.PEMANTAUAN,
        target=State.SELESAI,
        conditions=[conditions.has_monitoring_result],
        custom={"label": _("Selesaikan pemantauan"), "public": True},
    )
    def selesaikan(self):
        pass
