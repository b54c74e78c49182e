"""A whistle-blowing report (laporan WBS) and the reporter's optional contact for
notifications. The people it reports (terlapor) are the engine's named persons
(casework.models.NamedPerson), as for every kind that names people.

LaporanWbs extends casework.Case (multi-table inheritance): reference, state, assignee,
privacy flags, clocks, timeline and messages live on the shared case row; this table
holds what only a WBS report has. Everything the reporter wrote is encrypted at rest.
The reporter's identity is not here at all: it is sealed apart (models/identity.py).

Nothing on these rows says who filed the report: there is no account, address or
session column, and the services that write them never receive a request or a user.

The workflow (domain.md §4):

    diterima ─verifikasi─▶ ditelaah ─periksa─▶ diperiksa ─selesaikan─▶ selesai
    diterima ─tunda─▶ ditunda ─lengkapi (pelapor)─▶ diterima
    ditelaah, diperiksa ─teruskan─▶ diteruskan
    diterima, ditunda, ditelaah, diperiksa ─hentikan─▶ tidak_dapat_ditindaklanjuti
    diterima, ditelaah, diperiksa ─kirim_pembaruan─▶ (the same state)

Final states: selesai, diteruskan, tidak_dapat_ditindaklanjuti. Every transition is
public: the reporter follows the report with the receipt code and sees each step, with
the handler's note for them (the reason, when the report cannot be followed up).

Clocks: the first response (tanggapan_awal, 7 working days) runs from filing until the
handler first answers (verifies, asks, gives news or ends the case); from then the
periodic-update clock (pembaruan, about a month) restarts at every step the reporter
sees, so a report never goes a month without news. The engine's deadline sweep reminds
and escalates on both. Asking the reporter pauses the clocks until they answer.
"""

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition

from casework.models import Case, Confidentiality
from security.fields import EncryptedCharField, EncryptedTextField

from .. import conditions
from ..choices import (
    FINAL_STATES,
    WORKING_STATES,
    Clock,
    Kategori,
    Pemeriksa,
    Penanganan,
    State,
    Temuan,
    TujuanPenerusan,
    Unsur,
)
from ..fields import EncryptedDecimalField

TEXT_MAX_LENGTH = 10_000
#: A WBS report is never published: only these levels are allowed.
ALLOWED_CONFIDENTIALITY = frozenset({Confidentiality.RAHASIA, Confidentiality.SANGAT_RAHASIA})
OPEN_STATES = [state for state in State if state not in FINAL_STATES]


def _text(**kwargs):
    return EncryptedTextField(validators=[MaxLengthValidator(TEXT_MAX_LENGTH)], **kwargs)


def _valid_or_empty(field: str, choices) -> Q:
    return Q(**{field: ""}) | Q(**{f"{field}__in": [str(v) for v in choices.values]})


class LaporanWbs(Case):
    kategori = models.CharField(_("jenis pelanggaran"), max_length=40, choices=Kategori.choices)
    # The 4W+1H (and how much) of domain.md §4; "who" is the case's named persons.
    apa = _text(verbose_name=_("apa yang terjadi"))
    dimana = EncryptedCharField(_("di mana"), blank=True, plaintext_max_length=300)
    kapan = EncryptedCharField(_("kapan"), blank=True, plaintext_max_length=200)
    bagaimana = _text(verbose_name=_("bagaimana terjadinya"), blank=True)
    nilai_kerugian = EncryptedDecimalField(
        _("perkiraan nilai kerugian (Rp)"), null=True, blank=True, max_digits=18, decimal_places=2
    )

    # Who handles it: visible to the policy, so a plain column (it names a role, not a person).
    penanganan = models.CharField(
        _("ditangani oleh"), max_length=20, choices=Penanganan.choices, default=Penanganan.PENGELOLA_WBS
    )
    # Slow keyed hash of the receipt code (casework.tracking.slow_digest); never the code.
    receipt_digest = models.CharField(max_length=64, unique=True, editable=False)

    # Set by the transitions that need them (see wbs.services).
    alasan_verifikasi = _text(verbose_name=_("alasan laporan tetap ditelaah meski belum lengkap"), blank=True)
    hasil_telaah = _text(verbose_name=_("hasil telaah"), blank=True)
    pemeriksa = models.CharField(_("pemeriksa"), max_length=20, choices=Pemeriksa.choices, blank=True)
    forwarded_to = models.CharField(_("diteruskan kepada"), max_length=20, choices=TujuanPenerusan.choices, blank=True)
    forwarded_to_name = EncryptedCharField(_("nama instansi tujuan"), blank=True, plaintext_max_length=300)
    forward_reference = EncryptedCharField(
        _("nomor surat atau registrasi penerusan"), blank=True, plaintext_max_length=100
    )
    temuan = models.CharField(_("hasil pemeriksaan"), max_length=20, choices=Temuan.choices, blank=True)
    rekomendasi = _text(verbose_name=_("rekomendasi (sanksi, perbaikan sistem)"), blank=True)
    alasan_tidak_ditindaklanjuti = _text(verbose_name=_("alasan tidak dapat ditindaklanjuti"), blank=True)

    class Meta:
        verbose_name = _("laporan WBS")
        verbose_name_plural = _("laporan WBS")
        indexes = [
            # Who sees a report (wbs.policy.visible_q asks its routing by key): with the
            # key, a list's count reads this index alone instead of the whole table.
            models.Index(fields=["penanganan", "case_ptr"], name="wbs_penanganan_case"),
            # The staff list's category filter, with the case key (casework.lists).
            models.Index(fields=["kategori", "case_ptr"], name="wbs_list_kategori"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kategori__in=[str(v) for v in Kategori.values]), name="wbs_kategori_valid"
            ),
            models.CheckConstraint(
                condition=Q(penanganan__in=[str(v) for v in Penanganan.values]), name="wbs_penanganan_valid"
            ),
            models.CheckConstraint(condition=_valid_or_empty("pemeriksa", Pemeriksa), name="wbs_pemeriksa_valid"),
            models.CheckConstraint(
                condition=_valid_or_empty("forwarded_to", TujuanPenerusan), name="wbs_forwarded_to_valid"
            ),
            models.CheckConstraint(condition=_valid_or_empty("temuan", Temuan), name="wbs_temuan_valid"),
        ]

    def clean(self):
        """Rules within this row, each reported on the field the user must correct."""
        super().clean()
        errors = {}
        if not (self.title or "").strip():
            errors["title"] = _("Judul laporan wajib diisi.")
        if not (self.apa or "").strip():
            errors["apa"] = _("Ceritakan apa yang terjadi.")
        if self.confidentiality not in ALLOWED_CONFIDENTIALITY:
            errors["confidentiality"] = _("Laporan WBS selalu rahasia atau sangat rahasia.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # The one rule no path may skip, including the engine's privacy change (which saves
        # without full_clean): a WBS report is never made publishable.
        if self.confidentiality not in ALLOWED_CONFIDENTIALITY:
            raise ValidationError({"confidentiality": _("Laporan WBS selalu rahasia atau sangat rahasia.")})
        super().save(*args, **kwargs)

    # --- Reads ---------------------------------------------------------------------------

    def missing_elements(self) -> list[str]:
        """The 4W+1H elements the report does not answer yet (Unsur values)."""
        answered = {
            Unsur.APA: bool((self.apa or "").strip()),
            Unsur.SIAPA: self.pk is not None and self.named_persons.exists(),
            Unsur.DI_MANA: bool((self.dimana or "").strip()),
            Unsur.KAPAN: bool((self.kapan or "").strip()),
            Unsur.BAGAIMANA: bool((self.bagaimana or "").strip()),
        }
        return [str(element) for element, ok in answered.items() if not ok]

    @property
    def terlapor(self):
        """The people the report names (the engine's named persons of this case)."""
        return self.named_persons

    @property
    def has_identity(self) -> bool:
        """Whether the reporter gave an identity (sealed; handlers see only this)."""
        from .identity import SealedIdentity

        return self.pk is not None and SealedIdentity.objects.filter(laporan_id=self.pk).exists()

    # --- Verification (4W+1H) ----------------------------------------------------------

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.DITELAAH,
        conditions=[conditions.elements_complete_or_accepted],
        custom={
            "label": _("Verifikasi: laporan memadai, lanjut ke telaah"),
            "public": True,
            "stops": [Clock.TANGGAPAN_AWAL],
            "starts": [Clock.PEMBARUAN],
        },
    )
    def verifikasi(self):
        pass

    @transition(
        field="state",
        source=State.DITERIMA,
        target=State.DITUNDA,
        custom={
            "label": _("Minta kelengkapan kepada pelapor"),
            "public": True,
            "stops": [Clock.TANGGAPAN_AWAL],
            "pauses": True,
        },
    )
    def tunda(self):
        pass

    @transition(
        field="state",
        source=State.DITUNDA,
        target=State.DITERIMA,
        custom={
            "label": _("Pelapor melengkapi laporan"),
            "public": True,
            "by_reporter": True,
            "resumes": True,
            "starts": [Clock.PEMBARUAN],
        },
    )
    def lengkapi(self):
        pass

    # --- Review, examination, forwarding -----------------------------------------------

    @transition(
        field="state",
        source=State.DITELAAH,
        target=State.DIPERIKSA,
        conditions=[conditions.has_review, conditions.has_examiner],
        custom={"label": _("Lanjutkan ke pemeriksaan"), "public": True, "starts": [Clock.PEMBARUAN]},
    )
    def periksa(self):
        pass

    @transition(
        field="state",
        source=[State.DITELAAH, State.DIPERIKSA],
        target=State.DITERUSKAN,
        conditions=[
            conditions.has_review,
            conditions.has_forward_target,
            conditions.other_target_is_named,
            conditions.has_forward_reference,
        ],
        custom={"label": _("Teruskan ke instansi yang berwenang"), "public": True},
    )
    def teruskan(self):
        pass

    @transition(
        field="state",
        source=State.DIPERIKSA,
        target=State.SELESAI,
        conditions=[conditions.has_finding, conditions.proven_has_recommendation],
        custom={"label": _("Selesaikan dengan hasil pemeriksaan"), "public": True},
    )
    def selesaikan(self):
        pass

    @transition(
        field="state",
        source=OPEN_STATES,
        target=State.TIDAK_DAPAT_DITINDAKLANJUTI,
        conditions=[conditions.has_discontinue_reason],
        custom={"label": _("Tidak dapat ditindaklanjuti"), "public": True},
    )
    def hentikan(self):
        pass

    # --- News for the reporter ---------------------------------------------------------

    @transition(
        field="state",
        source=list(WORKING_STATES),
        target=RETURN_VALUE(*WORKING_STATES),
        custom={
            "label": _("Kirim kabar perkembangan kepada pelapor"),
            "public": True,
            "stops": [Clock.TANGGAPAN_AWAL],
            "starts": [Clock.PEMBARUAN],
        },
    )
    def kirim_pembaruan(self):
        # The state stays; the transition exists so the news is a public history entry and
        # restarts the periodic-update clock through the engine like any other step.
        return self.state


class KontakPelapor(models.Model):
    """An e-mail address the reporter chose to give so that they hear when there is news.

    Only its existence means "notify me": no mail is ever sent to a reporter without one,
    and the mail says only that there is news (wbs.notify). The reporter may remove it.
    """

    laporan = models.OneToOneField(LaporanWbs, on_delete=models.CASCADE, primary_key=True, related_name="kontak")
    email = EncryptedCharField(
        _("e-mail untuk pemberitahuan"),
        plaintext_max_length=254,
        validators=[EmailValidator(_("Alamat e-mail tidak valid."))],
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kontak pelapor")
        verbose_name_plural = _("kontak pelapor")

    def __str__(self):
        return f"{self.laporan} kontak"
