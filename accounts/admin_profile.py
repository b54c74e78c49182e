"""The unit profile in the admin, inline on its unit: the letterhead text and the logo,
uploaded as a file and kept in the database."""

from __future__ import annotations

import io

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .models import UnitProfile

#: A logo prints at about 2 cm: more than this is waste in every PDF.
LOGO_MAX_BYTES = 512 * 1024
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}


class UnitProfileForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("logo (PNG atau JPEG, paling besar 512 KB)"),
        required=False,
    )
    remove_logo = forms.BooleanField(label=_("hapus logo"), required=False)

    class Meta:
        model = UnitProfile
        fields = ("official_name", "parent_agency", "address", "city", "phone", "email", "website", "office_hours")

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("Logo terlalu besar: paling besar 512 KB."))
        data = upload.read()
        try:
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
                kind = image.format
        except (UnidentifiedImageError, OSError, SyntaxError):
            raise forms.ValidationError(_("Berkas ini bukan gambar PNG atau JPEG yang utuh.")) from None
        if kind not in _FORMATS:
            raise forms.ValidationError(_("Logo harus berformat PNG atau JPEG."))
        return data, _FORMATS[kind]

    def save(self, commit=True):
        profile = super().save(commit=False)
        logo = self.cleaned_data.get("logo_file")
        if self.cleaned_data.get("remove_logo"):
            profile.logo, profile.logo_type = b"", ""
        elif logo:
            profile.logo, profile.logo_type = logo
        if commit:
            profile.save()
        return profile


class UnitProfileInline(admin.StackedInline):
    model = UnitProfile
    form = UnitProfileForm
    can_delete = False
    extra = 0
    max_num = 1
