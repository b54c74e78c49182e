"""One conflict case's staff page (/staf/benturan/<pk>/) and the endpoint of each step.

Whoever may see the case reaches it (benturan.policy through casework.access: the
superior it was routed or escalated to, the Tim Benturan Kepentingan, the Inspektorat;
never a party to it; anyone else gets 404). The page shows what was filed, who is
involved, who decides and why, the decided controls, the evidence, the files, the
engine's shared panel (history, messages, notes, deadlines) and one form per step the
user may take now, each calling one service. A refused step comes back on this page with
the form as typed and the reason (400, or 403 when the user may not act at all); the
engine's shared endpoints come back here too, through CaseKind.staff_page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from casework import access
from casework.selectors import visible_among
from casework.views_actions import action_endpoint, action_rows, submit_action, submit_form
from casework.views_case import case_panel_context, case_url
from casework.views_files import INLINE_TYPES
from casework.views_public import attachment_count

from . import forms_staff_case as forms
from . import selectors, services
from .binding import key_of
from .choices import ACTIVE_CONTROL_STATES, PURPOSE_BUKTI_PELAKSANAAN
from .models import Benturan
from .policy import POLICY
from .selectors import controls_of

#: Ending a control early (benturan.policy FOLLOW_UP_ACTIONS), and its form's context name.
END_CONTROL = "akhiri_pengendalian"
END_CONTROL_FORM = "end_control_form"

KIND = "benturan"


@dataclass(frozen=True)
class Action:
    """One step of a conflict case as the staff page offers it."""

    name: str  # the transition
    url_name: str  # its endpoint, in the "benturan_staff" namespace
    form_class: type[forms.BenturanActionForm]
    service: Callable  # called with case, actor, request and the form's service_arguments()
    success: str
    explanation: str = ""
    multipart: bool = False

    @property
    def form_name(self) -> str:
        return f"{self.name}_form"


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "mulai_analisis",
            "benturan_staff:start_analysis",
            forms.StartAnalysisForm,
            services.benturan_start_analysis,
            _("Analisis dimulai."),
            _("Pelapor melihat bahwa kasusnya sedang dianalisis. Batas waktu keputusan terus berjalan."),
        ),
        Action(
            "putuskan_pengendalian",
            "benturan_staff:decide_control",
            forms.DecideControlForm,
            services.benturan_decide_control,
            _("Pengendalian diputuskan."),
            _(
                "Terdapat benturan kepentingan. Setiap bentuk pengendalian yang dipilih dicatat tersendiri, "
                "dengan hal yang dikendalikan dan, untuk pengalihan tugas, pegawai penggantinya."
            ),
        ),
        Action(
            "putuskan_tidak_ada_konflik",
            "benturan_staff:decide_no_conflict",
            forms.DecideNoConflictForm,
            services.benturan_decide_no_conflict,
            _("Diputuskan tidak terdapat benturan kepentingan."),
            _("Kasus ditutup. Pejabat yang bersangkutan dapat melanjutkan keputusan atau kegiatannya."),
        ),
        Action(
            "catat_pelaksanaan",
            "benturan_staff:record_implementation",
            forms.RecordImplementationForm,
            services.benturan_record_implementation,
            _("Pelaksanaan pengendalian dicatat; pemantauan dimulai."),
            _("Catat bukti bahwa pengendalian telah dilaksanakan, dengan dokumennya bila ada."),
            multipart=True,
        ),
        Action(
            "selesaikan",
            "benturan_staff:close_monitoring",
            forms.CloseMonitoringForm,
            services.benturan_close_monitoring,
            _("Pemantauan selesai; kasus ditutup."),
            _("Pengendalian telah berjalan dan dipantau; tuliskan hasilnya."),
        ),
    ]
}


def _form(action: Action, request, case, *, bound: bool = False):
    data = (request.POST, request.FILES) if bound else ()
    extra = {"already_attached": attachment_count(case)} if action.multipart else {}
    return action.form_class(*data, prefix=action.name, case=case, user=request.user, **extra)


def _files(case) -> dict[str, list]:
    """The case's files: what the one who filed sent, and the evidence of the control."""
    groups = {"filed": [], "evidence": []}
    for attachment in case.attachments.select_related("uploaded_by"):
        groups["evidence" if attachment.purpose == PURPOSE_BUKTI_PELAKSANAAN else "filed"].append(attachment)
    return groups


@dataclass(frozen=True)
class Bound:
    """A case a control binds, as the page may show it: its link, and what became of it."""

    case: object  # the case (kind and reference only), which the user may see
    recusal: object  # casework.Recusal: took_case, handed_to, rule.substitute


def _with_links(request, case, controls) -> dict:
    """The SIGAP cases the page names, each only where the user may see it (casework.
    access, one query): the case the conflict touches or was reported from, the case
    each control names, and the cases each control binds now. Anyone else reads the kind
    of case, never its number: whether a WBS report exists is not theirs to learn."""
    linked = selectors.linked_case(case)
    bound = selectors.bound_by_control(case)
    wanted = [getattr(linked, "pk", None), *(c.kasus_id for c in controls)]
    wanted += [row.case_id for rows in bound.values() for row in rows]
    visible = visible_among(request.user, wanted)
    for control in controls:
        control.kasus_link = visible.get(control.kasus_id)
        control.bound = [
            Bound(visible[row.case_id], row) for row in bound.get(key_of(control), []) if row.case_id in visible
        ]
    return {
        "linked_case": linked,
        "linked_case_link": visible.get(getattr(linked, "pk", None)),
        "binds": any(control.steps_back for control in controls),
    }


def _end_control_form(request, case, bound_forms):
    """The form that ends a control early, for whoever may, while controls are in force."""
    if END_CONTROL_FORM in bound_forms:
        return bound_forms[END_CONTROL_FORM]
    if case.state not in ACTIVE_CONTROL_STATES or not access.can_act(request.user, case, END_CONTROL):
        return None
    form = forms.EndControlForm(case=case)
    return form if form.fields["pengendalian"].queryset.exists() else None


def page(request, case, *, status=200, **bound_forms):
    """Render the case's page; a form in `bound_forms` (by its context name) is shown as
    submitted, with its errors. CaseKind.staff_page of the benturan kind."""
    context = case_panel_context(request, case, **bound_forms)
    rows = action_rows(
        request, case, ACTIONS.values(), bound_forms, blank_form=lambda action: _form(action, request, case)
    )
    controls = list(controls_of(case))
    context.update(
        {
            "benturan": case,
            "action_rows": rows,
            "single_form": sum(row["form"] is not None for row in rows) == 1,
            "blocked": [row for row in rows if row["form"] is None],
            "controls": controls,
            **_with_links(request, case, controls),
            "end_control_form": _end_control_form(request, case, bound_forms),
            "others": list(case.pihak_pegawai.select_related("unit")),
            "escalated": POLICY.was_escalated(case),
            "files": _files(case),
            "inline_types": INLINE_TYPES,
        }
    )
    return render(request, "benturan/staff/detail.html", context, status=status)


#: The relations of the case its page shows, read with it.
SHOWN_RELATIONS = ("declarant", "pejabat", "atasan", "eskalasi_ke", "diputuskan_oleh", "unit", "assignee")


def get_case(request, pk) -> Benturan:
    """The case if the user may see it (404 otherwise; the read is audited)."""
    return access.get_case_for_user(request.user, pk, kind=KIND, request=request, related=SHOWN_RELATIONS)


@login_required
@require_safe
def detail(request, pk):
    return page(request, get_case(request, pk))


def _act(request, pk, name):
    """Run one step from its form: the shared path of every step's endpoint."""
    action = ACTIONS[name]
    case = get_case(request, pk)
    return submit_action(
        request,
        case,
        name=name,
        form=_form(action, request, case, bound=True),
        form_name=action.form_name,
        service=action.service,
        success=action.success,
        page=page,
    )


def _endpoint(name: str):
    return action_endpoint(_act, name, doc=f"POST endpoint of the {name!r} form of a conflict case's staff page.")


start_analysis = _endpoint("mulai_analisis")
decide_control = _endpoint("putuskan_pengendalian")
decide_no_conflict = _endpoint("putuskan_tidak_ada_konflik")
record_implementation = _endpoint("catat_pelaksanaan")
close_monitoring = _endpoint("selesaikan")


@login_required
@require_POST
def end_control(request, pk):
    """POST endpoint of the form that ends one control early, with the reason."""
    case = get_case(request, pk)
    # The right to act before the form is judged: someone who may not learns nothing more.
    access.ensure_can_act(request.user, case, END_CONTROL)
    form = forms.EndControlForm(request.POST, case=case)
    return submit_form(
        request,
        case,
        form=form,
        form_name=END_CONTROL_FORM,
        send=lambda data: services.benturan_end_control(
            case=case, actor=request.user, control=data["pengendalian"], alasan=data["alasan"], request=request
        ),
        success=_("Pengendalian diakhiri; pengecualian yang dibuatnya dicabut."),
        page=page,
        done=lambda request, case: redirect(case_url(case)),
    )
