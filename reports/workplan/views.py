"""The work plan's Penguatan Pengawasan pages under /staf/laporan/rencana-kerja/: a year's
actions with the state of their evidence per period (page, PDF, XLSX), one action with
its evidence, the Tim ZI's forms, and the uploaded files.

The Tim ZI / TPI keeps the plan; the Pimpinan and the Inspektorat read it; anyone else
gets 404. A refused form keeps everything typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from security import audit

from .. import formats
from ..form_views import apply
from ..stored_files import file_response
from . import access, documents, schedule, services
from .forms import ActionForm, EvidenceForm, PlanSettingsForm
from .indicators import SubArea
from .models import BerkasBuktiAksi, BuktiAksi, RencanaAksi, RencanaKerja
from .outputs import OUTPUT_TYPES, LinkContext
from .status import action_status, plan_status


def _reader(request) -> None:
    if not access.may_read(request.user):
        raise Http404


def _keeper(request) -> None:
    if not access.may_keep(request.user):
        raise Http404


def _year_or_404(year: int) -> int:
    if not 2000 <= year <= 2100:
        raise Http404
    return year


@login_required
@require_safe
def index(request):
    _reader(request)
    return redirect("reports:workplan_year", timezone.localdate().year)


@login_required
@require_safe
def year_page(request, year: int):
    _reader(request)
    _year_or_404(year)
    plan = RencanaKerja.objects.filter(tahun=year).first()
    today = timezone.localdate()
    statuses = plan_status(year, today=today, active_only=False) if plan else []
    active = [s for s in statuses if s.aksi.aktif]
    fmt = formats.requested_format(request)
    if fmt != "html":
        audit.record(
            audit.Event.EXPORT,
            actor=request.user,
            data={"report": "workplan", "year": year, "format": fmt},
            request=request,
        )
    groups = [(label, [s for s in active if s.aksi.sub_area == area]) for area, label in SubArea.choices]
    context = {
        "plan": plan,
        "year": year,
        "groups": [(label, rows) for label, rows in groups if rows],
        "withdrawn": [s for s in statuses if not s.aksi.aktif],
        "may_keep": access.may_keep(request.user),
        "late": sum(1 for s in active for slot in s.slots if slot.state == "kurang"),
        "years": list(RencanaKerja.objects.order_by("-tahun").values_list("tahun", flat=True)),
        "today": today,
    }
    return formats.respond(
        request, documents.build(year, active), fmt, template="reports/workplan/year.html", context=context
    )


@login_required
@require_POST
def plan_create(request, year: int):
    _keeper(request)
    _year_or_404(year)
    try:
        plan = services.rencana_kerja_create(year=year, actor=request.user, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Rencana kerja %(year)d dibuat dengan %(count)d rencana aksi.")
            % {
                "year": year,
                "count": plan.aksi.count(),
            },
        )
    return redirect("reports:workplan_year", year)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def plan_settings(request, year: int):
    _keeper(request)
    plan = get_object_or_404(RencanaKerja, tahun=_year_or_404(year))
    form = PlanSettingsForm(request.POST or None, initial={"pengingat_hari": plan.pengingat_hari})
    if request.method == "POST":
        done = apply(
            request,
            form,
            lambda data: services.rencana_kerja_change(
                plan=plan, actor=request.user, pengingat_hari=data["pengingat_hari"], request=request
            ),
            success=_("Pengingat disimpan."),
            to=reverse("reports:workplan_year", args=[year]),
        )
        if done:
            return done
    return render(
        request,
        "reports/workplan/settings.html",
        {"form": form, "plan": plan},
        status=400 if form.is_bound else 200,
    )


def _action_form_page(request, form, *, plan, aksi=None, status=200):
    return render(
        request, "reports/workplan/action_form.html", {"form": form, "plan": plan, "aksi": aksi}, status=status
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_create(request, year: int):
    _keeper(request)
    plan = get_object_or_404(RencanaKerja, tahun=_year_or_404(year))
    if request.method != "POST":
        form = ActionForm(initial={"bulan_mulai": 1, "bulan_selesai": 12, "jenis_output": "unggahan"})
        return _action_form_page(request, form, plan=plan)
    form = ActionForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.aksi_create(plan=plan, actor=request.user, data=data, request=request),
        success=_("Rencana aksi ditambahkan."),
        to=lambda aksi: reverse("reports:workplan_action", args=[aksi.pk]),
    )
    return done or _action_form_page(request, form, plan=plan, status=400)


def _action(pk: int) -> RencanaAksi:
    return get_object_or_404(RencanaAksi.objects.select_related("rencana", "unit"), pk=pk)


@login_required
@require_safe
def action_detail(request, pk: int):
    _reader(request)
    aksi = _action(pk)
    today = timezone.localdate()
    uploads = list(
        BuktiAksi.objects.filter(aksi=aksi)
        .select_related("dicatat_oleh")
        .prefetch_related("berkas")
        .order_by("periode", "dicatat_pada", "pk")
    )
    status = action_status(aksi, LinkContext(year=aksi.tahun, today=today), uploads)
    keys = {s.slot.key for s in status.slots}
    context = {
        "aksi": aksi,
        "status": status,
        # Evidence of a period the action's schedule no longer has (it was changed).
        "outside": [bukti for bukti in uploads if bukti.periode not in keys],
        "output_type": OUTPUT_TYPES.get(aksi.jenis_output),
        "when": schedule.months_text(aksi.tahun, aksi.bulan_mulai, aksi.bulan_selesai),
        "may_keep": access.may_keep(request.user),
        "form": EvidenceForm(slots=schedule.slots_of(aksi), initial={"periode": _suggested(status, today)}),
        "today": today,
    }
    return render(request, "reports/workplan/action.html", context)


def _suggested(status, today) -> str:
    """The period the upload form proposes: the earliest one without evidence that has
    started, else the first."""
    for slot_status in status.slots:
        if slot_status.state != "ada" and slot_status.slot.has_started(today):
            return slot_status.slot.key
    return status.slots[0].slot.key if status.slots else ""


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def action_change(request, pk: int):
    _keeper(request)
    aksi = _action(pk)
    if request.method != "POST":
        return _action_form_page(request, ActionForm(initial=ActionForm.initial_of(aksi)), plan=aksi.rencana, aksi=aksi)
    form = ActionForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.aksi_change(aksi=aksi, actor=request.user, data=data, request=request),
        success=_("Rencana aksi diperbarui."),
        to=reverse("reports:workplan_action", args=[aksi.pk]),
    )
    return done or _action_form_page(request, form, plan=aksi.rencana, aksi=aksi, status=400)


@login_required
@require_POST
def action_set_active(request, pk: int):
    _keeper(request)
    aksi = _action(pk)
    aktif = request.POST.get("aktif") == "1"
    try:
        services.aksi_set_active(aksi=aksi, actor=request.user, aktif=aktif, request=request)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Rencana aksi diaktifkan kembali.") if aktif else _("Rencana aksi ditarik."))
    return redirect("reports:workplan_action", aksi.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def evidence_add(request, pk: int):
    _keeper(request)
    aksi = _action(pk)
    slots = schedule.slots_of(aksi)
    if request.method != "POST":
        return redirect("reports:workplan_action", aksi.pk)
    form = EvidenceForm(request.POST, request.FILES, slots=slots)
    done = apply(
        request,
        form,
        lambda data: services.bukti_add(
            aksi=aksi,
            actor=request.user,
            periode=data["periode"],
            jenis=data["jenis"],
            keterangan=data["keterangan"],
            tautan=data["tautan"],
            files=data["berkas"],
            request=request,
        ),
        success=_("Bukti dicatat."),
        to=reverse("reports:workplan_action", args=[aksi.pk]),
    )
    if done:
        return done
    return render(request, "reports/workplan/evidence_form.html", {"form": form, "aksi": aksi}, status=400)


@login_required
@require_safe
def evidence_detail(request, pk: int):
    _reader(request)
    bukti = get_object_or_404(
        BuktiAksi.objects.select_related("aksi__rencana", "dicatat_oleh").prefetch_related("berkas"), pk=pk
    )
    slot = schedule.slot_by_key(bukti.aksi, bukti.periode)
    return render(
        request,
        "reports/workplan/evidence.html",
        {"bukti": bukti, "aksi": bukti.aksi, "slot": slot, "files": list(bukti.berkas.all())},
    )


@login_required
@require_safe
def evidence_file(request, pk: int):
    _reader(request)
    row = get_object_or_404(BerkasBuktiAksi, pk=pk)
    return file_response(row, actor=request.user, request=request, inline=row.is_image)
