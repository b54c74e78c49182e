"""The form field for attaching files, shared by every form that takes evidence.

Checks happen in the form, so a refused file is reported beside the field while the
rest of what the user typed stays on the page. The field hands back sanitized files
(casework.sanitize.CleanFile) that add_attachment() stores without cleaning them again.

A form that files a case calls keep_files() in its __init__: the files of a refused post
are then kept for its next try (casework.held_uploads) and come back in the field's
cleaned value; the view calls settle_refused() before it shows the refused form again,
and release_kept() in the transaction that files the case.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .attachments import check_count, check_size, megabytes
from .held_uploads import HeldFiles
from .sanitize import CleanFile, accept_attribute, allowed_labels, sanitize


class MultipleFileInput(forms.FileInput):
    """<input type=file multiple>; Django then gives the field a list of files."""

    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files; cleans to a list of CleanFile ready for add_attachment().

    `already_attached` is how many files the case holds already, so the per-case limit
    counts them too; a form for an existing case sets it in its __init__. `held` is set
    by keep_files(): the files kept from the form's refused posts, counted in the limit
    and cleaned first, before the new ones. `accepted` is, after clean(), each new file
    that passed its checks with the name it was sent under, even when another did not.
    """

    widget = MultipleFileInput
    held: HeldFiles | None = None

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
        self.accepted: list[tuple[str, CleanFile]] = []
        held = len(self.held) if self.held is not None else 0
        if not uploads:
            if self.required and not held:
                raise ValidationError(self.error_messages["required"], code="required")
            return self.held.read() if held else []
        # Cheap checks first, so no file is decoded when the whole batch is refused.
        check_count(self.already_attached + held, len(uploads))
        errors: list[ValidationError] = []
        for upload in uploads:
            name = getattr(upload, "name", "") or ""
            try:
                upload = super().clean(upload, initial)
                check_size(upload.size)
                upload.seek(0)
                self.accepted.append((name, sanitize(upload.read(), name)))
            except ValidationError as exc:
                # Name each refused file: several may be picked at once.
                errors.extend(ValidationError(f"{name}: {message}", code=exc.code) for message in exc.messages)
        if errors:
            raise ValidationError(errors)
        kept = self.held.read() if held else []
        return [*kept, *(clean for _name, clean in self.accepted)]


def keep_files(form: forms.BaseForm, *, field: str, name: str, owner=None) -> HeldFiles:
    """Let `form` keep the files of its AttachmentsField `field` across refused posts.

    Call at the end of the form's __init__. `name` names the form for the binding
    ("pengaduan.intake"): files kept for one form are never found by another. `owner` is
    the signed-in employee whose form it is; a public form passes none (a WBS form must).
    The kept files are `form.held_files`, for the template
    (casework/includes/held_files.html).
    """
    held = HeldFiles.from_post(form=name, data=form.data if form.is_bound else None, owner=owner)
    form.fields[field].held = held
    form.held_files = held
    form.held_field = field
    _show_room(form)
    return held


def settle_refused(form: forms.BaseForm) -> HeldFiles:
    """Before a refused form set up by keep_files() is shown again: keep this post's good
    files (not those of a post the robot trap caught), drop the ticked ones, and say
    which files must be picked again."""
    held: HeldFiles = form.held_files
    attachments = form.fields[form.held_field]
    sent = [getattr(upload, "name", "") or "" for upload in form.files.getlist(form.add_prefix(form.held_field))]
    robotic = getattr(form, "caught_by_trap", False)
    held.settle([] if robotic else getattr(attachments, "accepted", []), sent=sent)
    _show_room(form)
    return held


def release_kept(form: forms.BaseForm) -> None:
    """The form set up by keep_files() filed its case with the kept files: remove them
    from the waiting place. Call in the transaction that files the case."""
    form.held_files.release()


def _show_room(form: forms.BaseForm) -> None:
    """Tell the page's script how many more files may be picked beside the kept ones."""
    attachments = form.fields[form.held_field]
    held = len(form.held_files)
    if not held:
        return
    room = max(settings.SIGAP_ATTACHMENT_MAX_COUNT - attachments.already_attached - held, 0)
    attachments.widget.attrs["data-max-files"] = str(room)
    attachments.widget.attrs["data-too-many"] = _(
        "Sudah ada %(held)d berkas tersimpan; Anda dapat memilih paling banyak %(room)d berkas lagi. "
        "Pilih ulang berkasnya."
    ) % {"held": held, "room": room}


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
