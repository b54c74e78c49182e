"""The forms of a complaint's staff page: one per action, each feeding one service.

They check only the shape of input (required, length, a choice that exists); the rules
of the workflow stay in pengaduan.services and the transitions' conditions, whose
refusals the view shows on the same form. Every form is the engine's action form
(casework.forms_case.ActionForm) with its two notes: an internal one for the history,
and an optional one the complainant reads on the tracking page — except where the
action's own text is what the complainant reads (the question of tunda, the answer).
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import UnitKerja
from accounts.unit_choices import UnitChoiceField
from casework.forms_case import ActionForm
from casework.uploads import AttachmentsField
from security.request_values import IdChoiceField

from . import conditions
from .choices import TRIAGE_ARCHIVE_REASONS, ArchiveReason, Jenis
from .models import TEXT_MAX_LENGTH, KategoriLayanan, Pengaduan
from .selectors import pengaduan_visible_to


def _long_text(label, *, required_message, rows=5, help_text=""):
    """A required text of a complaint (the follow-up, the answer...), up to the model's limit."""
    return forms.CharField(
        label=label,
        max_length=TEXT_MAX_LENGTH,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": _("Teks terlalu panjang: paling banyak %(limit_value)d karakter."),
        },
    )


class VerifyForm(ActionForm):
    """Verifikasi: the complaint is complete and the unit's to handle. The handler may
    correct the category and type the complainant chose."""

    kategori = IdChoiceField(label=_("Kategori layanan"), queryset=KategoriLayanan.objects.none(), empty_label=None)
    jenis = forms.ChoiceField(label=_("Jenis laporan"), choices=Jenis.choices)

    def __init__(self, *args, case: Pengaduan, **kwargs):
        kwargs.setdefault("initial", {"kategori": case.kategori_id, "jenis": case.jenis})
        super().__init__(*args, case=case, **kwargs)
        # The active list, plus the complaint's own category should it have been retired since.
        self.fields["kategori"].queryset = KategoriLayanan.objects.filter(
            Q(is_active=True) | Q(pk=case.kategori_id)
        ).order_by("order", "name")

    def corrections(self) -> list[str]:
        """The classification changes this verification makes, as lines for the history."""
        lines = []
        kategori = self.cleaned_data["kategori"]
        if kategori.pk != self.case.kategori_id:
            lines.append(_("Kategori diubah: %(old)s → %(new)s.") % {"old": self.case.kategori, "new": kategori})
        jenis = self.cleaned_data["jenis"]
        if jenis != self.case.jenis:
            lines.append(
                _("Jenis laporan diubah: %(old)s → %(new)s.")
                % {"old": self.case.get_jenis_display(), "new": Jenis(jenis).label}
            )
        return lines

    def history_note(self) -> str:
        """The internal note, with the corrections made, so the history shows them."""
        return "\n".join(filter(None, [*map(str, self.corrections()), self.cleaned_data["note"]]))

    def service_arguments(self) -> dict:
        return {
            **super().service_arguments(),
            "kategori": self.cleaned_data["kategori"],
            "jenis": self.cleaned_data["jenis"],
            "note": self.history_note(),
        }


class RequestInformationForm(ActionForm):
    """Tunda: ask the complainant for what is missing; the deadlines pause meanwhile."""

    question = _long_text(
        _("Pertanyaan untuk pelapor"),
        required_message=_("Tuliskan informasi apa yang perlu dilengkapi pelapor."),
        rows=4,
        help_text=_("Pelapor membacanya di halaman pelacakan. Batas waktu berhenti sampai pelapor menjawab."),
    )
    public_note = None

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "question": self.cleaned_data["question"]}


class ForwardForm(ActionForm):
    """Bukan wewenang: close the complaint, recording where it was forwarded."""

    forwarded_to = forms.CharField(
        label=_("Diteruskan kepada"),
        max_length=Pengaduan._meta.get_field("forwarded_to").max_length,
        help_text=_("Instansi yang berwenang, misalnya OPD lain, Ombudsman, KPK, atau kepolisian."),
        error_messages={"required": conditions.has_forwarded_to.blocked_message},
    )

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "forwarded_to": self.cleaned_data["forwarded_to"]}


class ArchiveForm(ActionForm):
    """Arsipkan: close without handling, for a reason from the LAPOR! list. A duplicate
    names its original, picked among the suggested similar complaints or typed by its
    reference number."""

    archive_reason = forms.ChoiceField(
        label=_("Alasan pengarsipan"),
        choices=TRIAGE_ARCHIVE_REASONS,
        widget=forms.RadioSelect,
        error_messages={"required": conditions.has_archive_reason.blocked_message},
    )
    duplicate_of = IdChoiceField(
        label=_("Pengaduan asal (dari saran pengaduan serupa)"),
        queryset=Pengaduan.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Pengaduan asal tidak ditemukan.")},
    )
    duplicate_reference = forms.CharField(
        label=_("atau nomor pengaduan asal"),
        required=False,
        max_length=40,
        help_text=_("Misalnya PGD/2026/000123."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The original must be a complaint the user may see (policy and recusal).
        self.visible = pengaduan_visible_to(self.user).exclude(pk=self.case.pk)
        self.fields["duplicate_of"].queryset = self.visible
        self.offer([])
        self.used_reference = False

    def offer(self, suggestions) -> None:
        """List the suggested similar complaints as the choices of the original. Any
        complaint the user may see is still accepted, by its choice or its number."""
        self.fields["duplicate_of"].widget.choices = [("", _("Bukan salah satu dari saran ini"))] + [
            (s.case.pk, f"{s.case.reference} · {s.case.title}") for s in suggestions
        ]

    def clean_duplicate_reference(self):
        return self.cleaned_data["duplicate_reference"].strip().upper()

    def clean(self):
        cleaned = super().clean()
        picked = cleaned.get("duplicate_of")
        reference = cleaned.get("duplicate_reference")
        if "archive_reason" not in cleaned or "duplicate_of" not in cleaned or reference is None:
            return cleaned
        if cleaned["archive_reason"] != ArchiveReason.DUPLIKAT:
            if picked or reference:
                self.add_error(
                    "duplicate_reference" if reference else "duplicate_of",
                    _("Pengaduan asal hanya diisi bila alasannya duplikat."),
                )
            return cleaned
        if reference:
            self.used_reference = True
            original = self.visible.filter(reference=reference).first()
            if original is None:
                self.add_error(
                    "duplicate_reference",
                    _("Tidak ada pengaduan bernomor %(reference)s yang dapat Anda buka.") % {"reference": reference},
                )
            elif picked is not None and picked.pk != original.pk:
                self.add_error("duplicate_reference", _("Pilih salah satu: saran pengaduan serupa atau nomornya."))
            else:
                cleaned["duplicate_of"] = original
        elif picked is None:
            self.add_error("duplicate_of", conditions.duplicate_names_its_original.blocked_message)
        return cleaned

    def service_arguments(self) -> dict:
        return {
            **super().service_arguments(),
            "reason": self.cleaned_data["archive_reason"],
            "duplicate_of": self.cleaned_data["duplicate_of"],
        }

    def error_field_for(self, model_field: str) -> str:
        if model_field == "duplicate_of" and self.used_reference:
            return "duplicate_reference"
        return model_field


class ArchiveIncompleteForm(ActionForm):
    """Arsipkan (tidak dilengkapi): the complainant left the request for information
    unanswered past the kelengkapan period. Only the notes; left empty, the note for the
    complainant is SIGAP's own sentence, in their language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_note"].help_text = _(
            "Boleh dikosongkan: pelapor lalu membaca bahwa informasi yang diminta tidak dilengkapi sampai batas "
            "waktunya sehingga pengaduan diarsipkan, dan bahwa ia dapat mengirim pengaduan baru."
        )


class DispositionForm(ActionForm):
    """Disposisi: send the verified complaint to the unit that must follow it up."""

    unit = UnitChoiceField(
        label=_("Unit tujuan disposisi"),
        queryset=UnitKerja.objects.filter(is_active=True).order_by("code"),
        empty_label=_("— pilih unit —"),
        error_messages={"required": conditions.has_unit.blocked_message},
    )

    def __init__(self, *args, case: Pengaduan, **kwargs):
        # The complainant's suggested unit, when they named one, is the likely choice.
        kwargs.setdefault("initial", {"unit": case.unit_id or case.unit_tujuan_id})
        super().__init__(*args, case=case, **kwargs)

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "unit": self.cleaned_data["unit"]}


class FollowUpForm(ActionForm):
    """Catat tindak lanjut: what the unit did, with its evidence files."""

    tindak_lanjut = _long_text(
        _("Uraian tindak lanjut"),
        required_message=conditions.has_follow_up.blocked_message,
        help_text=_(
            "Apa yang sudah dikerjakan unit, kapan, dan hasilnya. Petugas pengaduan menyusun jawaban dari sini."
        ),
    )
    lampiran = AttachmentsField(label=_("Bukti tindak lanjut"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The per-case file limit counts the files the complaint already holds.
        self.fields["lampiran"].already_attached = self.case.attachments.count()

    def service_arguments(self) -> dict:
        return {
            **super().service_arguments(),
            "summary": self.cleaned_data["tindak_lanjut"],
            "files": self.cleaned_data["lampiran"],
        }


class AnswerForm(ActionForm):
    """Jawab: the answer the complainant reads; the case closes by itself after the
    konfirmasi period unless they reply."""

    jawaban = _long_text(
        _("Jawaban untuk pelapor"),
        required_message=conditions.has_answer.blocked_message,
        rows=6,
        help_text=_("Pelapor membacanya di halaman pelacakan dan dapat menilainya."),
    )
    public_note = None

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "answer": self.cleaned_data["jawaban"]}


class ProposeWbsForm(ActionForm):
    """Usulkan pindah ke WBS: the complaint reports staff wrongdoing; ask the complainant
    to let it move to the WBS, where their identity is sealed."""

    explanation = _long_text(
        _("Penjelasan untuk pelapor"),
        required_message=_("Jelaskan kepada pelapor mengapa pengaduannya sebaiknya ditangani melalui WBS."),
        rows=4,
        help_text=_(
            "Pelapor membacanya di halaman pelacakan dan memilih setuju atau tidak. Bila setuju, isi, lampiran "
            "dan identitasnya pindah ke WBS dan dihapus dari pengaduan ini; tim pengaduan tidak dapat "
            "mengikutinya ke sana."
        ),
    )
    public_note = None

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "explanation": self.cleaned_data["explanation"]}


class WithdrawWbsForm(ActionForm):
    """Tetap sebagai pengaduan: withdraw the proposal (e.g. the complainant answered by
    phone, or never answered); the complaint returns to triage."""

    public_note = None


class CloseForm(ActionForm):
    """Selesaikan: close an answered complaint before the automatic close."""
