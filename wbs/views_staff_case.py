"""One WBS report's staff page (/staf/wbs/<pk>/) and the endpoint of each action on it.

Only the role that handles the report reaches it (wbs.policy through casework.access:
anyone else, the reported person included, gets 404). The page shows the report
decrypted, the persons it names with their match to a staff account, its files, whether
an identity was given (never the identity: wbs/views_identity.py), the contact's
existence (never the address), the deadlines, the engine's shared panel (history,
messages, notes, assignment) and one form per action, each calling one service. A refused
action comes back on this page with the form as typed and the reason (400, or 403 when
the user may not act at all); the engine's shared endpoints come back here too, through
CaseKind.staff_page = "wbs.views_staff_case.page".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from casework import access
from casework.forms_case import StaffMessageForm
from casework.views_actions import back_to_case_or_list, submit_action, submit_form
from casework.views_case import case_panel_context
from casework.views_files import INLINE_TYPES
from casework.views_named import named_person_rows
from casework.workflow import available_transitions

from . import forms_staff_case as forms
from . import identity, selectors, services
from .choices import Kategori, StatusPermintaan
from .models import KontakPelapor, LaporanWbs

KIND = "wbs"
MESSAGE_IDS = "message-%s"  # the ids the shared panel gives its message form


@dataclass(frozen=True)
class Action:
    """One WBS transition as the page offers it."""

    name: str  # the transition, and the last part of its endpoint's URL
    form_class: type[forms.WbsActionForm]
    service: Callable  # called with case, actor, request and the form's service_arguments()
    success: str
    explanation: str = ""

    @property
    def form_name(self) -> str:
        return f"{self.name}_form"


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "verifikasi",
            forms.VerifyForm,
            services.wbs_verify,
            _("Laporan diverifikasi dan masuk tahap telaah."),
            _("Laporan menjawab apa, siapa, di mana, kapan, dan bagaimana; lanjutkan ke telaah."),
        ),
        Action(
            "tunda",
            forms.RequestInformationForm,
            services.wbs_request_information,
            _("Permintaan kelengkapan dikirim kepada pelapor."),
            _("Tanyakan yang kurang kepada pelapor. Batas waktu berhenti sampai pelapor menjawab."),
        ),
        Action(
            "lengkapi",
            forms.ResumeForm,
            services.wbs_resume,
            _("Laporan diproses kembali."),
            _("Pelapor sudah menjawab lewat pesan, bukan lewat formulir jawaban: lanjutkan penanganan."),
        ),
        Action(
            "periksa",
            forms.ExamineForm,
            services.wbs_examine,
            _("Laporan masuk tahap pemeriksaan."),
            _("Hasil telaah: laporan layak diperiksa oleh tim internal atau Inspektorat."),
        ),
        Action(
            "teruskan",
            forms.ForwardForm,
            services.wbs_forward,
            _("Laporan diteruskan dan ditutup."),
            _("Laporan menjadi wewenang instansi lain (KPK, kepolisian, kejaksaan, Ombudsman, Inspektorat)."),
        ),
        Action(
            "selesaikan",
            forms.ConcludeForm,
            services.wbs_conclude,
            _("Laporan diselesaikan."),
            _("Catat hasil pemeriksaan dan rekomendasinya. Laporan ditutup."),
        ),
        Action(
            "hentikan",
            forms.DiscontinueForm,
            services.wbs_discontinue,
            _("Laporan dinyatakan tidak dapat ditindaklanjuti."),
            _("Laporan ditutup; pelapor membaca alasannya."),
        ),
        Action(
            "kirim_pembaruan",
            forms.UpdateForm,
            services.wbs_send_update,
            _("Kabar perkembangan dikirim kepada pelapor."),
            _("Pelapor berhak mendapat kabar berkala; tahap laporan tidak berubah."),
        ),
    ]
}


def _form(action: Action, request, case, *, bound: bool = False):
    data = (request.POST,) if bound else ()
    return action.form_class(*data, prefix=action.name, case=case, user=request.user)


def _action_rows(request, case, bound_forms) -> list[dict]:
    """The actions of the report's state (or just submitted), each with its form when
    the user may run it, else why not."""
    user = request.user
    labels = {t.name: t.custom.get("label", t.name) for t in case.get_all_state_transitions()}
    offered = set(available_transitions(case))
    rows = []
    for action in ACTIONS.values():
        form = bound_forms.get(action.form_name)
        if action.name not in offered and form is None:
            continue
        try:
            access.ensure_can_act(user, case, action.name)
        except PermissionDenied as exc:
            refusal = str(exc)
        else:
            refusal = None
            form = form or _form(action, request, case)
        rows.append({"action": action, "label": labels.get(action.name, action.name), "form": form, "refusal": refusal})
    return rows


def _reported_rows(case, bound_forms) -> list[dict]:
    return named_person_rows(case, bound_forms.get("match_form"), prefix="terlapor")


def page(request, case, *, status=200, **bound_forms):
    """Render the report's page; a form in `bound_forms` (by its context name) is shown
    as submitted, with its errors. CaseKind.staff_page of the wbs kind."""
    user = request.user
    context = case_panel_context(request, case, **bound_forms)
    rows = _action_rows(request, case, bound_forms)
    requests = list(selectors.identity_requests(case))
    mine = [r for r in requests if r.requested_by_id == user.pk]
    may_act = access.can_act(user, case, "named_persons")
    holds = case.assignee_id == user.pk
    context.update(
        {
            "laporan": case,
            "kategori": Kategori(case.kategori).label if case.kategori in Kategori.values else case.kategori,
            "missing": case.missing_elements(),
            "message_action": reverse("wbs_staff:message", args=[case.pk]),
            "action_rows": rows,
            "may_act": any(row["form"] is not None for row in rows),
            "single_form": sum(row["form"] is not None for row in rows) == 1,
            "blocked": [row for row in rows if row["form"] is None],
            "reported_rows": _reported_rows(case, bound_forms),
            # A closed report takes no new or rematched person (casework.closure).
            "may_add_reported": may_act and case.is_open,
            "add_reported_form": bound_forms.get("add_reported_form") or forms.AddReportedForm(prefix="terlapor-baru"),
            "files": list(case.attachments.select_related("uploaded_by")),
            "inline_types": INLINE_TYPES,
            "has_contact": KontakPelapor.objects.filter(laporan=case).exists(),
            "identity_requests": requests,
            # An approval counts while its requester holds the report (wbs.identity).
            "may_open_identity": holds and may_act and any(r.status == StatusPermintaan.DISETUJUI for r in mine),
            "identity_request_form": _identity_request_form(case, user, mine, bound_forms),
        }
    )
    return render(request, "wbs/staff/detail.html", context, status=status)


def _identity_request_form(case, user, mine, bound_forms):
    """The request form, for the assigned handler of a report with an identity who has
    no pending or approved request (or the form just submitted)."""
    if "identity_request_form" in bound_forms:
        return bound_forms["identity_request_form"]
    settled = any(r.status in (StatusPermintaan.MENUNGGU, StatusPermintaan.DISETUJUI) for r in mine)
    if case.is_open and case.has_identity and case.assignee_id == user.pk and not settled:
        return forms.IdentityRequestForm()
    return None


#: The relations of the report its page shows, read with it.
SHOWN_RELATIONS = ("unit", "assignee")


def get_report(request, pk) -> LaporanWbs:
    """The report if the user may see it (404 otherwise; the view is audited)."""
    return access.get_case_for_user(request.user, pk, kind=KIND, request=request, related=SHOWN_RELATIONS)


@login_required
def detail(request, pk):
    return page(request, get_report(request, pk))


@login_required
@require_POST
def act(request, pk, action):
    """Run one action from its form."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    case = get_report(request, pk)
    return submit_action(
        request,
        case,
        name=spec.name,
        form=_form(spec, request, case, bound=True),
        form_name=spec.form_name,
        service=spec.service,
        success=spec.success,
        page=page,
        done=_after_change,
    )


def _after_change(request, case):
    """Back to the report, or to the list when the change took it out of the user's
    sight (they named themselves, or the leadership, so it went to the Inspektorat)."""
    return back_to_case_or_list(
        request, case, list_url="wbs_staff:list", gone=_("Laporan ini tidak lagi dapat Anda buka.")
    )


def _submit(request, case, *, form_name: str, form, send, success):
    """A form of the page other than an action."""
    return submit_form(
        request, case, form=form, form_name=form_name, send=send, success=success, page=page, done=_after_change
    )


@login_required
@require_POST
def message(request, pk):
    """The shared panel's message form on a WBS report: the reporter hears there is news."""
    case = get_report(request, pk)
    return _submit(
        request,
        case,
        form_name="message_form",
        form=StaffMessageForm(request.POST, auto_id=MESSAGE_IDS),
        send=lambda data: services.wbs_message_reporter(
            case=case, actor=request.user, body=data["body"], request=request
        ),
        success=_("Pesan terkirim ke pelapor."),
    )


@login_required
@require_POST
def add_reported(request, pk):
    case = get_report(request, pk)
    form = forms.AddReportedForm(request.POST, prefix="terlapor-baru")
    return _submit(
        request,
        case,
        form_name="add_reported_form",
        form=form,
        send=lambda data: services.wbs_add_reported(
            case=case, actor=request.user, person=form.person(), request=request
        ),
        success=_("Terlapor ditambahkan."),
    )


@login_required
@require_POST
def match_reported(request, pk, terlapor):
    case = get_report(request, pk)
    person = get_object_or_404(selectors.reported_persons(case), pk=terlapor)
    return _submit(
        request,
        case,
        form_name="match_form",
        form=forms.MatchReportedForm(request.POST, prefix=f"terlapor-{person.pk}"),
        send=lambda data: services.wbs_match_reported(
            case=case, actor=request.user, terlapor=person, user=data["user"], reason=data["reason"], request=request
        ),
        success=_("Terlapor dicocokkan dengan akun pegawai."),
    )


@login_required
@require_POST
def request_identity(request, pk):
    """The assigned handler asks, in writing, to open the reporter's identity."""
    case = get_report(request, pk)
    return _submit(
        request,
        case,
        form_name="identity_request_form",
        form=forms.IdentityRequestForm(request.POST),
        send=lambda data: identity.identity_request(
            case=case, actor=request.user, reason=data["reason"], request=request
        ),
        success=_("Permintaan dikirim. Pimpinan atau Inspektorat akan memutuskannya."),
    )
