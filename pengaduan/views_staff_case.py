"""One complaint's staff page (/staf/pengaduan/<pk>/) and the endpoint of each action on it.

The page shows what a handler needs to decide (the complaint, its channel, its files, the
complainant's identity where the reader may see it, the deadlines per clock, similar open
complaints while it is triaged) and the shared panel of the engine (history,
conversation, notes, assignment, confidentiality). Each pengaduan action has its own form
and endpoint calling its own service; the form is offered only to a user who may run it
in the current state. A refused action — by a rule, a missing field or the user's role —
comes back on this page with the form as it was typed and the reason (400, or 403 when
the user may not act at all). The engine's shared endpoints come back here too, through
CaseKind.staff_page = "pengaduan.views_staff_case.page".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from casework import access
from casework.forms_named import AddNamedPersonForm
from casework.views_actions import action_endpoint, action_rows, submit_action
from casework.views_case import case_panel_context
from casework.views_files import INLINE_TYPES
from casework.views_named import named_person_rows

from . import forms_staff_case as forms
from . import services, services_wbs
from .models import Pengaduan
from .services_follow_up import EVIDENCE_PURPOSE, pengaduan_record_follow_up_with_evidence
from .similar import similar_open_complaints

KIND = "pengaduan"
#: Similar complaints are shown to whoever may run this action, whose form picks the
#: original of a duplicate among them.
TRIAGE_ACTION = "arsipkan"


def shows_identity(user, case) -> bool:
    """Whether `user` may read the complainant's name, NIK and contact on this page.

    domain.md §3: *anonim* hides the identity from the reported party and the public.
    The complaints team (the kind's handler roles) always reads it, since it must be able
    to reach the complainant; anyone else who may see the complaint — the dispositioned
    unit, which may be the reported party's own, and the overseers — only when the
    complainant did not ask for anonymity.
    """
    return not case.is_anonymous or user.has_role(*case.kind_spec.policy.handler_roles)


# --- The actions -------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    """One pengaduan transition as the page offers it."""

    name: str  # the transition
    url_name: str  # its endpoint, in the "pengaduan_staff" namespace
    form_name: str  # the form's name in the page context
    form_class: type[forms.ActionForm]
    service: Callable  # called with case, actor, request and the form's service_arguments()
    success: str
    explanation: str = ""
    multipart: bool = False
    #: For an action that waits for a date rather than for input: `blockers(case)` says
    #: why it cannot run yet, and the page shows that instead of offering its form.
    blockers: Callable | None = None


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "verifikasi",
            "pengaduan_staff:verify",
            "verify_form",
            forms.VerifyForm,
            services.pengaduan_verify,
            _("Pengaduan diverifikasi."),
            _("Pengaduan lengkap dan menjadi wewenang unit ini. Batas waktu penyelesaian mulai berjalan."),
        ),
        Action(
            "tunda",
            "pengaduan_staff:request_information",
            "request_information_form",
            forms.RequestInformationForm,
            services.pengaduan_request_information,
            _("Permintaan kelengkapan dikirim kepada pelapor."),
            _("Pengaduan belum lengkap: tanyakan kepada pelapor. Batas waktu berhenti sampai pelapor menjawab."),
        ),
        Action(
            "bukan_wewenang",
            "pengaduan_staff:forward",
            "forward_form",
            forms.ForwardForm,
            services.pengaduan_forward,
            _("Pengaduan dicatat sebagai bukan wewenang dan ditutup."),
            _("Pengaduan menjadi wewenang instansi lain; catat ke mana diteruskan. Pengaduan ditutup."),
        ),
        Action(
            "arsipkan",
            "pengaduan_staff:archive",
            "archive_form",
            forms.ArchiveForm,
            services.pengaduan_archive,
            _("Pengaduan diarsipkan."),
            _("Spam, kasar, terlalu umum, atau duplikat pengaduan yang masih berjalan. Pengaduan ditutup."),
        ),
        Action(
            "arsipkan_tidak_lengkap",
            "pengaduan_staff:archive_incomplete",
            "archive_incomplete_form",
            forms.ArchiveIncompleteForm,
            services.pengaduan_archive_incomplete,
            _("Pengaduan diarsipkan karena tidak dilengkapi."),
            _(
                "Pelapor tidak menjawab permintaan kelengkapan sampai batas waktunya. Pengaduan ditutup; "
                "selama belum diarsipkan, jawaban pelapor yang terlambat tetap membuka kembali penanganannya."
            ),
            blockers=services.archive_incomplete_blockers,
        ),
        Action(
            "disposisi",
            "pengaduan_staff:route",
            "disposition_form",
            forms.DispositionForm,
            services.pengaduan_route_to_unit,
            _("Pengaduan didisposisikan ke unit."),
            _(
                "Unit tujuan dapat membuka pengaduan ini dan mencatat tindak lanjutnya; "
                "batas waktu tindak lanjut mulai berjalan."
            ),
        ),
        Action(
            "catat_tindak_lanjut",
            "pengaduan_staff:follow_up",
            "follow_up_form",
            forms.FollowUpForm,
            pengaduan_record_follow_up_with_evidence,
            _("Tindak lanjut dicatat."),
            _("Uraikan yang sudah dikerjakan dan lampirkan buktinya."),
            multipart=True,
        ),
        Action(
            "jawab",
            "pengaduan_staff:answer",
            "answer_form",
            forms.AnswerForm,
            services.pengaduan_answer,
            _("Jawaban dikirim kepada pelapor."),
            _("Jika pelapor tidak menanggapi dalam masa konfirmasi, pengaduan selesai dengan sendirinya."),
        ),
        Action(
            "usulkan_wbs",
            "pengaduan_staff:propose_wbs",
            "propose_wbs_form",
            forms.ProposeWbsForm,
            services_wbs.pengaduan_propose_wbs,
            _("Usulan pindah ke WBS dikirim kepada pelapor."),
            _(
                "Untuk laporan pelanggaran oleh pegawai: pelapor diminta setuju memindahkannya ke WBS. "
                "Batas waktu berhenti sampai pelapor memilih."
            ),
        ),
        Action(
            "tolak_wbs",
            "pengaduan_staff:withdraw_wbs",
            "withdraw_wbs_form",
            forms.WithdrawWbsForm,
            services_wbs.pengaduan_keep_as_complaint,
            _("Usulan pindah ke WBS dibatalkan; pengaduan kembali ke tahap verifikasi."),
            _("Batalkan usulan bila pelapor tidak menanggapi atau menolak lewat saluran lain."),
        ),
        Action(
            "selesaikan",
            "pengaduan_staff:close",
            "close_form",
            forms.CloseForm,
            services.pengaduan_close,
            _("Pengaduan diselesaikan."),
            _(
                "Tutup pengaduan yang sudah dijawab tanpa menunggu akhir masa konfirmasi, "
                "misalnya bila pelapor menyatakan puas."
            ),
        ),
    ]
}


def _blank_form(action: Action, request, case):
    return action.form_class(prefix=action.name, case=case, user=request.user)


def _bound_form(action: Action, request, case):
    return action.form_class(request.POST, request.FILES, prefix=action.name, case=case, user=request.user)


# --- The page ----------------------------------------------------------------------------


def page(request, case, *, status=200, **bound_forms):
    """Render the complaint's page; a form in `bound_forms` (by its context name) is
    shown as submitted, with its errors. CaseKind.staff_page of the pengaduan kind."""
    user = request.user
    context = case_panel_context(request, case, **bound_forms)
    rows = action_rows(
        request, case, ACTIONS.values(), bound_forms, blank_form=lambda action: _blank_form(action, request, case)
    )
    # The original of a duplicate is picked among similar open complaints, suggested to
    # whoever may archive at triage.
    triage = next((row for row in rows if row["action"].name == TRIAGE_ACTION), None)
    suggestions = similar_open_complaints(case, user) if triage and triage["available"] else []
    if triage and isinstance(triage["form"], forms.ArchiveForm):
        triage["form"].offer(suggestions)
    attachments = list(case.attachments.select_related("uploaded_by"))
    context.update(
        {
            "pengaduan": case,
            # The staff it is about: handlers add and match them while it is open.
            "concerned_rows": named_person_rows(case, bound_forms.get("match_concerned_form"), prefix="terkait"),
            "may_add_concerned": case.is_open and access.can_act(user, case, "named_persons"),
            "add_concerned_form": bound_forms.get("add_concerned_form") or AddNamedPersonForm(prefix="terkait-baru"),
            "action_rows": rows,
            "blocked": _group_refusals([row for row in rows if row["form"] is None]),
            "may_act": any(row["form"] is not None for row in rows),
            # One action to choose from: its form opens at once.
            "single_form": sum(row["form"] is not None for row in rows) == 1,
            "suggestions": suggestions,
            "show_identity": shows_identity(user, case),
            "complaint_files": [a for a in attachments if a.purpose != EVIDENCE_PURPOSE],
            "evidence_files": [a for a in attachments if a.purpose == EVIDENCE_PURPOSE],
            "inline_types": INLINE_TYPES,
        }
    )
    return render(request, "pengaduan/staff/detail.html", context, status=status)


def _group_refusals(rows) -> list[dict]:
    """The actions this user may not run, grouped by the reason (an overseer is refused
    every action for the same one), in the page's order."""
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(" ".join(row["refusal"]), []).append(row["label"])
    return [{"reason": reason, "labels": labels} for reason, labels in groups.items()]


#: The relations of the complaint its page shows, read with it.
SHOWN_RELATIONS = ("kategori", "unit_tujuan", "duplicate_of", "unit", "assignee")


def get_complaint(request, pk) -> Pengaduan:
    """The complaint if the user may see it (404 otherwise; the view is audited)."""
    return access.get_case_for_user(request.user, pk, kind=KIND, request=request, related=SHOWN_RELATIONS)


@login_required
def detail(request, pk):
    return page(request, get_complaint(request, pk))


def _act(request, pk, name):
    """Run one action from its form: the shared path of every action endpoint."""
    action = ACTIONS[name]
    case = get_complaint(request, pk)
    return submit_action(
        request,
        case,
        name=name,
        form=_bound_form(action, request, case),
        form_name=action.form_name,
        service=action.service,
        success=action.success,
        page=page,
    )


def _endpoint(name: str):
    return action_endpoint(_act, name, doc=f"POST endpoint of the {name!r} form of a complaint's page.")


verify = _endpoint("verifikasi")
request_information = _endpoint("tunda")
forward = _endpoint("bukan_wewenang")
archive = _endpoint("arsipkan")
archive_incomplete = _endpoint("arsipkan_tidak_lengkap")
route = _endpoint("disposisi")
record_follow_up = _endpoint("catat_tindak_lanjut")
answer = _endpoint("jawab")
close = _endpoint("selesaikan")
propose_wbs = _endpoint("usulkan_wbs")
withdraw_wbs = _endpoint("tolak_wbs")
