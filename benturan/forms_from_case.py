"""The conflict-of-interest forms every kind's staff case page offers (casework.conflicts,
through benturan.conflict_intake): a staff member's own conflict with the case, and a
complaint or WBS report turned into a conflict reported about the official it names.

They are the declaration forms of an employee's own pages (benturan.forms_declaration)
less what the case itself answers: the matter is the case, the SIGAP number is the link,
and nothing is attached (the case's files stay with it). Field names are the model's, so
the services' errors come back on them.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from casework import named_persons

from .forms_declaration import DeclarationForm, ReportForm
from .services import FILED_FIELDS
from .services_from_cases import DECLARED_FIELDS

#: What the case answers for these forms.
_NOT_ASKED = ("rujukan_kasus", "files", "pihak_pegawai")


def _without(form, names) -> None:
    for name in names:
        form.fields.pop(name, None)


def _keyed(kwargs) -> dict:
    # A key from the moment the form is shown: sending it twice files one case.
    kwargs.setdefault("initial", {"kunci_kiriman": uuid.uuid4()})
    return kwargs


class CaseConflictDeclarationForm(DeclarationForm):
    """ "I have a conflict of interest with this case": whether it is actual or potential,
    its source, the interest and the other parties. The matter is the case; the identity
    is the account's (a position it lacks is asked)."""

    konfirmasi = forms.BooleanField(
        label=_("Saya mengerti bahwa saya langsung dikecualikan dari kasus ini."),
        error_messages={"required": _("Centang pernyataan ini untuk melanjutkan.")},
    )

    def __init__(self, data=None, *, source, user, **kwargs):
        super().__init__(data, user=user, prefix="benturan-nyatakan", **_keyed(kwargs))
        self.source = source
        _without(self, (*_NOT_ASKED, "hal_jenis", "hal"))
        self.fields["pihak_lain"].help_text = _(
            "Nama orang, perusahaan, atau lembaga yang terkait dengan Anda dan kasus ini, beserta hubungannya."
        )

    def filed_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in DECLARED_FIELDS}


class CaseConflictReportForm(ReportForm):
    """A complaint or WBS report turned into a conflict reported about an official it names
    (matched to their account), in the handler's own words."""

    def __init__(self, data=None, *, source, user, **kwargs):
        super().__init__(data, user=user, prefix="benturan-laporkan", **_keyed(kwargs))
        self.source = source
        _without(self, _NOT_ASKED)
        named = [person.pk for person in named_persons.matched_users(source) if person.pk != user.pk]
        self.fields["pejabat"].queryset = (
            get_user_model().objects.filter(pk__in=named, is_active=True).select_related("unit").order_by("full_name")
        )
        self.fields["pejabat"].help_text = _(
            "Pejabat yang disebut kasus ini dan sudah dicocokkan dengan akun pegawai. Ia tidak pernah diberi tahu "
            "siapa yang melaporkan."
        )
        self.fields["kepentingan"].help_text = _(
            "Tulis dengan kata-kata Anda sendiri. Jangan menyalin isi kasus ini atau apa pun yang dapat "
            "mengenali pelapornya."
        )

    @property
    def unavailable(self) -> str:
        """Why the form cannot be used yet (casework.conflicts: shown instead of the form)."""
        if self.fields["pejabat"].queryset.exists():
            return ""
        return _(
            "Kasus ini belum menyebut pejabat yang dicocokkan dengan akun pegawai. Catat dan cocokkan dulu pihak "
            "yang disebut kasus ini, lalu jadikan kasus benturan kepentingan."
        )

    def filed_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in FILED_FIELDS if name != "rujukan_kasus"}
