"""One declaration's UPG page (/staf/gratifikasi/<pk>/), the endpoint of each action on
it, and the declaration printed in the shape of KPK's reporting form.

Only a Petugas UPG reaches it, and never for their own declaration (gratifikasi.policy
through casework.access: anyone else gets 404, the Pimpinan included). The page shows
everything the declarant declared, the advice recorded at submission beside the rules in
force on the day the gift was received, the clocks, the photos and scans, the custody
register's objects of the case, the engine's shared panel (history, messages, notes,
assignment) and one form per action of the state, each calling one service. A refused
action comes back on this page with the form as typed and the reason (400, or 403 when
the user may not act at all); the engine's shared endpoints come back here too, through
CaseKind.staff_page = "gratifikasi.views_staff_case.page".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from casework import access
from casework.views_actions import action_endpoint, action_rows, submit_action
from casework.views_case import case_panel_context
from casework.views_files import INLINE_TYPES

from . import exemptions, kpk_form_pdf, services
from . import forms_staff_case as forms
from .choices import PURPOSE_FOTO, PURPOSE_SK, PURPOSE_TANDA_TERIMA, JenisLaporan
from .forms_custody import CustodyReceiveForm
from .models import Gratifikasi
from .selectors import custody_of
from .services_custody import ACTION as CUSTODY_ACTION

KIND = "gratifikasi"


@dataclass(frozen=True)
class Action:
    """One transition of a declaration as the UPG page offers it."""

    name: str  # the transition
    url_name: str  # its endpoint, in the "gratifikasi_staff" namespace
    form_class: type[forms.UpgActionForm]
    service: Callable  # called with case, actor, request and the form's service_arguments()
    success: str
    explanation: str = ""
    multipart: bool = False
    #: The kind of report the action is for (JenisLaporan), when only one: the other is
    #: never offered a form its transition would always refuse.
    only_for: str = ""
    #: For an action whose conditions depend on time alone, not on what the form says:
    #: `blockers(case)` says why it cannot run yet, and the page shows that (with the
    #: date from which it can) instead of a form bound to be refused.
    blockers: Callable | None = None

    @property
    def form_name(self) -> str:
        return f"{self.name}_form"


ACTIONS = {
    action.name: action
    for action in [
        Action(
            "registrasi",
            "gratifikasi_staff:register",
            forms.RegisterForm,
            services.declaration_register,
            _("Laporan diregistrasi."),
            _(
                "Laporan diterima UPG dan diberi nomor registrasi; batas waktu penerusan UPG ke KPK mulai "
                "berjalan. Pelapor dapat mengunduh tanda terimanya."
            ),
        ),
        Action(
            "minta_kelengkapan",
            "gratifikasi_staff:request_completion",
            forms.RequestCompletionForm,
            services.declaration_request_completion,
            _("Permintaan kelengkapan dikirim kepada pelapor."),
            _("Laporan belum lengkap: tuliskan apa yang harus dilengkapi pelapor."),
        ),
        Action(
            "terima_lengkap",
            "gratifikasi_staff:accept_complete",
            forms.AcceptCompleteForm,
            services.declaration_accept_complete,
            _("Laporan lengkap dan masuk tahap analisis."),
            _("Laporan memuat semua yang diperlukan; lanjutkan ke analisis."),
        ),
        Action(
            "tutup_tidak_lengkap",
            "gratifikasi_staff:close_incomplete",
            forms.CloseIncompleteForm,
            services.declaration_close_incomplete,
            _("Laporan ditutup sebagai tidak diproses."),
            _("Pelapor tidak melengkapi laporan dalam batas waktu. Laporan ditutup dan tidak diproses."),
            blockers=services.close_incomplete_blockers,
        ),
        Action(
            "simpulkan_tidak_wajib",
            "gratifikasi_staff:conclude_not_obligatory",
            forms.ConcludeNotObligatoryForm,
            services.declaration_conclude_not_obligatory,
            _("Laporan disimpulkan tidak wajib dilaporkan dan ditutup."),
            _(
                "Gratifikasi termasuk kategori yang tidak wajib dilaporkan menurut ketentuan yang berlaku pada "
                "tanggal diterima. Laporan ditutup dengan ketentuan itu dan tetap dihitung dalam rekap."
            ),
            only_for=JenisLaporan.PENERIMAAN,
        ),
        Action(
            "teruskan_kpk",
            "gratifikasi_staff:forward_to_kpk",
            forms.ForwardToKpkForm,
            services.declaration_forward_to_kpk,
            _("Laporan dicatat sebagai diteruskan ke KPK."),
            _(
                "Catat nomor registrasi dari KPK (GOL) dan tanggal penerusan. Formulir KPK dapat dicetak dari "
                "halaman ini."
            ),
        ),
        Action(
            "catat_sk",
            "gratifikasi_staff:record_sk",
            forms.RecordSkForm,
            services.declaration_record_sk,
            _("SK KPK dicatat."),
            _(
                "Status yang ditetapkan KPK, dengan pindaian SK-nya. Bila objek menjadi milik negara, batas waktu "
                "penyerahan mulai berjalan sejak tanggal SK."
            ),
            multipart=True,
            only_for=JenisLaporan.PENERIMAAN,
        ),
        Action(
            "tutup_penolakan",
            "gratifikasi_staff:close_refusal",
            forms.CloseRefusalForm,
            services.declaration_close_refusal,
            _("Laporan penolakan diselesaikan."),
            _("Laporan penolakan sudah diteruskan ke KPK; tidak ada objek yang perlu ditetapkan."),
            only_for=JenisLaporan.PENOLAKAN,
        ),
        Action(
            "catat_tindak_lanjut",
            "gratifikasi_staff:follow_up",
            forms.FollowUpForm,
            services.declaration_record_follow_up,
            _("Tindak lanjut dicatat dan laporan selesai."),
            _(
                "Yang terjadi pada objek sesuai SK KPK. Barang titipan yang masih disimpan UPG ikut dikeluarkan "
                "dalam penyerahan atau pengembalian."
            ),
            multipart=True,
        ),
    ]
}


def _form(action: Action, request, case, *, bound: bool = False):
    data = (request.POST, request.FILES) if bound else ()
    return action.form_class(*data, prefix=action.name, case=case, user=request.user)


def _action_rows(request, case, bound_forms) -> list[dict]:
    """The actions of the declaration's state (or just submitted), each with its form
    when the user may run it, else why not; an action for the other kind of report is
    never offered."""
    return action_rows(
        request,
        case,
        ACTIONS.values(),
        bound_forms,
        blank_form=lambda action: _form(action, request, case),
        offered=lambda action: action.only_for in ("", case.jenis_laporan),
    )


def _files(case) -> dict[str, list]:
    """The declaration's files by what they are: the declarant's photos, the scanned SK,
    the follow-up's receipts, and anything else (e.g. sent with a message)."""
    groups = {"photos": [], "sk": [], "receipts": [], "other": []}
    group_of = {PURPOSE_FOTO: "photos", PURPOSE_SK: "sk", PURPOSE_TANDA_TERIMA: "receipts"}
    for attachment in case.attachments.select_related("uploaded_by"):
        groups[group_of.get(attachment.purpose, "other")].append(attachment)
    return groups


def _advice(case: Gratifikasi):
    """The not-obligatory rules judged again for the analysis, at the date received
    (gratifikasi.exemptions.advise; the advice recorded at submission is shown beside)."""
    if case.jenis_laporan != JenisLaporan.PENERIMAAN:
        return None
    return exemptions.advise_declaration(case)


def may_receive_custody(case, *, may_keep: bool) -> bool:
    """The custody form is offered on an open penerimaan, to a user who may keep objects
    for it (`may_keep`: access.can_act for the custody action, asked once per page)."""
    return may_keep and case.is_open and case.jenis_laporan == JenisLaporan.PENERIMAAN


def page(request, case, *, status=200, **bound_forms):
    """Render the declaration's page; a form in `bound_forms` (by its context name) is
    shown as submitted, with its errors. CaseKind.staff_page of the gratifikasi kind."""
    user = request.user
    context = case_panel_context(request, case, **bound_forms)
    rows = _action_rows(request, case, bound_forms)
    may_keep = access.can_act(user, case, CUSTODY_ACTION)
    may_custody = may_receive_custody(case, may_keep=may_keep)
    custody_form = bound_forms.get("custody_form")
    if custody_form is None and may_custody:
        custody_form = CustodyReceiveForm(case=case)
    context.update(
        {
            "gratifikasi": case,
            "action_rows": rows,
            "may_act": any(row["form"] is not None for row in rows),
            "single_form": sum(row["form"] is not None for row in rows) == 1,
            "blocked": [row for row in rows if row["form"] is None],
            "files": _files(case),
            "inline_types": INLINE_TYPES,
            "advice": _advice(case),
            "rule_listing": exemptions.rule_listing(case.tanggal_terima),
            "custody_items": list(custody_of(case)),
            "custody_form": custody_form,
            "may_release": may_keep,
        }
    )
    return render(request, "gratifikasi/staff/detail.html", context, status=status)


#: The relations of the declaration its page shows, read with it.
SHOWN_RELATIONS = ("declarant", "unit_kerja", "saran_pengecualian", "aturan_dikutip", "unit", "assignee")


def get_declaration(request, pk) -> Gratifikasi:
    """The declaration if the user may handle it (404 otherwise; the read is audited)."""
    return access.get_case_for_user(request.user, pk, kind=KIND, request=request, related=SHOWN_RELATIONS)


@login_required
@require_safe
def detail(request, pk):
    return page(request, get_declaration(request, pk))


def _act(request, pk, name):
    """Run one action from its form: the shared path of every action endpoint."""
    action = ACTIONS[name]
    case = get_declaration(request, pk)
    form = _form(action, request, case, bound=True)
    return submit_action(
        request,
        case,
        name=name,
        form=form,
        form_name=action.form_name,
        service=action.service,
        success=action.success,
        page=page,
    )


def _endpoint(name: str):
    return action_endpoint(_act, name, doc=f"POST endpoint of the {name!r} form of a declaration's UPG page.")


register = _endpoint("registrasi")
request_completion = _endpoint("minta_kelengkapan")
accept_complete = _endpoint("terima_lengkap")
close_incomplete = _endpoint("tutup_tidak_lengkap")
conclude_not_obligatory = _endpoint("simpulkan_tidak_wajib")
forward_to_kpk = _endpoint("teruskan_kpk")
record_sk = _endpoint("catat_sk")
close_refusal = _endpoint("tutup_penolakan")
record_follow_up = _endpoint("catat_tindak_lanjut")


@login_required
@require_safe
def kpk_form(request, pk):
    """The declaration in the shape of KPK's reporting form, to forward it (PDF)."""
    case = get_declaration(request, pk)
    pdf = kpk_form_pdf.render_kpk_form_pdf(case)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = "formulir-kpk-" + case.reference.replace("/", "-") + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
