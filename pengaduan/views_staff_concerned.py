"""The staff a complaint is about (pihak terkait) on its staff page: a handler adds one or
matches one to a staff account (casework.named_persons). A refused form comes back on
the complaint's page with what was typed and why; a handler who named herself loses the
complaint and goes back to the list."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.forms_named import AddNamedPersonForm, MatchNamedPersonForm
from casework.named_persons import persons_of
from casework.views_actions import back_to_case_or_list, submit_form

from . import services
from .views_staff_case import get_complaint, page


def _after_change(request, case):
    return back_to_case_or_list(
        request, case, list_url="pengaduan_staff:list", gone=_("Pengaduan ini tidak lagi dapat Anda buka.")
    )


def _submit(request, case, *, form_name: str, form, send, success: str):
    return submit_form(
        request, case, form=form, form_name=form_name, send=send, success=success, page=page, done=_after_change
    )


@login_required
@require_POST
def add_concerned(request, pk):
    case = get_complaint(request, pk)
    form = AddNamedPersonForm(request.POST, prefix="terkait-baru")

    def send(data):
        person = form.person()
        services.pengaduan_add_concerned(
            case=case,
            actor=request.user,
            nama=person.nama,
            jabatan=person.jabatan,
            unit_kerja=person.unit_kerja,
            user=person.user,
            request=request,
        )

    return _submit(
        request, case, form_name="add_concerned_form", form=form, send=send, success=_("Petugas terkait dicatat.")
    )


@login_required
@require_POST
def match_concerned(request, pk, person):
    case = get_complaint(request, pk)
    named = get_object_or_404(persons_of(case), pk=person)
    return _submit(
        request,
        case,
        form_name="match_concerned_form",
        form=MatchNamedPersonForm(request.POST, prefix=f"terkait-{named.pk}"),
        send=lambda data: services.pengaduan_match_concerned(
            case=case, actor=request.user, person=named, user=data["user"], reason=data["reason"], request=request
        ),
        success=_("Petugas terkait dicocokkan dengan akun pegawai."),
    )
