"""The form field for attaching files, shared by every form that takes evidence.

Checks happen in the form, so a refused file is reported beside the field while the
rest of what the user typed stays on the page. The field hands back sanitized files
(casework.sanitize.CleanFile) that add_attachment() stores without cleaning them again.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .attachments import check_count, check_size, megabytes
from .sanitize import CleanFile, accept_attribute, allowed_labels, sanitize


class MultipleFileInput(forms.FileInput):
    """<input type=file multiple>; Django then gives the field a list of files."""

    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files; cleans to a list of CleanFile ready for add_attachment().

    `already_attached` is how many files the case holds already, so the per-case limit
    counts them too; a form for an existing case sets it in its __init__.
    """

    widget = MultipleFileInput

    def __init__(self, *, already_attached: int = 0, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", gettext_lazy("Lampiran"))
        # Lazy, because forms are built at import time, before any request's language.
        kwargs.setdefault("help_text", lazy(_limits_help_text, str)())
        super().__init__(**kwargs)
        self.already_attached = already_attached
        self.widget.attrs.setdefault("accept", accept_attribute())
        # For the pages' script: say "too many files" as soon as they are picked, and
        # hold the form back until the choice is corrected (the form says it too).
        self.widget.attrs.setdefault("data-max-files", lazy(_max_files, str)())
        self.widget.attrs.setdefault("data-too-many", lazy(_too_many_files, str)())

    def clean(self, data, initial=None) -> list[CleanFile]:
        uploads = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not uploads:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        # Cheap checks first, so no file is decoded when the whole batch is refused.
        check_count(self.already_attached, len(uploads))
        errors: list[ValidationError] = []
        cleaned: list[CleanFile] = []
        for upload in uploads:
            name = getattr(upload, "name", "") or ""
            try:
                upload = super().clean(upload, initial)
                check_size(upload.size)
                upload.seek(0)
                cleaned.append(sanitize(upload.read(), name))
            except ValidationError as exc:
                # Name each refused file: several may be picked at once.
                errors.extend(ValidationError(f"{name}: {message}", code=exc.code) for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _max_files() -> str:
    return str(settings.SIGAP_ATTACHMENT_MAX_COUNT)


def _too_many_files() -> str:
    return _("Paling banyak %(count)d berkas sekaligus. Pilih ulang berkasnya.") % {
        "count": settings.SIGAP_ATTACHMENT_MAX_COUNT
    }


def _limits_help_text() -> str:
    return _("Jenis %(types)s; paling besar %(size)s MB per berkas; paling banyak %(count)d berkas per kasus.") % {
        "types": allowed_labels(),
        "size": megabytes(settings.SIGAP_ATTACHMENT_MAX_BYTES),
        "count": settings.SIGAP_ATTACHMENT_MAX_COUNT,
    }
