"""The monev records' pages under /staf/laporan/monev/: a meeting (recorded, corrected,
its files added and downloaded), its recommendations (added, changed, reopened), the
list of recommendations and one recommendation with its follow-up.

The Tim ZI / TPI keeps the records; the Pimpinan and the Inspektorat read them; the head
of a recommendation's unit (or of a unit above) sees that recommendation and records its
follow-up. Anything else is 404. A refused form keeps everything typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from ..form_views import apply
from ..stored_files import file_response
from . import access, selectors, services
from .forms import FollowUpForm, MeetingCreateForm, MeetingFilesForm, MeetingForm, ReasonForm, RecommendationForm
from .models import BerkasRapat, BerkasTindakLanjut, RapatMonev, Rekomendasi

PAGE_SIZE = 25


def _reader(request) -> None:
    if not access.may_read_all(request.user):
        raise Http404


def _keeper(request) -> None:
    if not access.may_keep(request.user):
        raise Http404


def _meeting(request, pk: int) -> RapatMonev:
    _reader(request)
    return get_object_or_404(RapatMonev, pk=pk)


def _signed(rapat: RapatMonev) -> bool:
    return selectors.report_for(rapat.tanggal.year, rapat.semester).is_signed


# Meetings -------------------------------------------------------------------------------


def _meeting_form_page(request, form, *, rapat=None, status=200):
    context = {"form": form, "rapat": rapat}
    return render(request, "reports/monev/meeting_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request):
    _keeper(request)
    if request.method != "POST":
        return _meeting_form_page(request, MeetingCreateForm(initial={"tanggal": timezone.localdate()}))
    form = MeetingCreateForm(request.POST, request.FILES)
    done = apply(
        request,
        form,
        lambda data: services.rapat_create(
            actor=request.user, data=form.meeting_data(), files=form.meeting_files(), request=request
        ),
        success=_("Rapat monev dicatat. Tambahkan uraian dan masukan perbaikannya."),
        to=lambda rapat: reverse("reports:monev_meeting", args=[rapat.pk]),
    )
    return done or _meeting_form_page(request, form, status=400)


@login_required
@require_safe
def meeting_detail(request, pk: int):
    rapat = _meeting(request, pk)
    recs = list(rapat.rekomendasi.select_related("unit").prefetch_related("tindak_lanjut").order_by("nomor"))
    context = {
        "rapat": rapat,
        "recommendations": recs,
        "files": list(rapat.berkas.order_by("jenis", "created_at", "pk")),
        "may_keep": access.may_keep(request.user),
        "signed": _signed(rapat),
        "period": rapat.period,
        "files_form": MeetingFilesForm(already_attached=rapat.berkas.count()),
        "today": timezone.localdate(),
    }
    return render(request, "reports/monev/meeting.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_change(request, pk: int):
    _keeper(request)
    rapat = _meeting(request, pk)
    if request.method != "POST":
        form = MeetingForm(initial={name: getattr(rapat, name) for name in MeetingForm.base_fields})
        return _meeting_form_page(request, form, rapat=rapat)
    form = MeetingForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.rapat_change(rapat=rapat, actor=request.user, data=data, request=request),
        success=_("Catatan rapat diperbarui."),
        to=reverse("reports:monev_meeting", args=[rapat.pk]),
    )
    return done or _meeting_form_page(request, form, rapat=rapat, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_files(request, pk: int):
    _keeper(request)
    rapat = _meeting(request, pk)
    attached = rapat.berkas.count()
    if request.method != "POST":
        form = MeetingFilesForm(already_attached=attached)
    else:
        form = MeetingFilesForm(request.POST, request.FILES, already_attached=attached)
        done = apply(
            request,
            form,
            lambda data: services.rapat_add_files(
                rapat=rapat, actor=request.user, jenis=data["jenis"], files=data["berkas"], request=request
            ),
            success=_("Berkas rapat diunggah."),
            to=reverse("reports:monev_meeting", args=[rapat.pk]),
        )
        if done:
            return done
    return render(
        request,
        "reports/monev/meeting_files.html",
        {"form": form, "rapat": rapat},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_safe
def meeting_file(request, pk: int):
    _reader(request)
    row = get_object_or_404(BerkasRapat, pk=pk)
    return file_response(row, actor=request.user, request=request, inline=row.is_image)


# Recommendations ------------------------------------------------------------------------


def _recommendation_form_page(request, form, *, rapat, rekomendasi=None, signed=False, status=200):
    context = {"form": form, "rapat": rapat, "rekomendasi": rekomendasi, "signed": signed}
    return render(request, "reports/monev/recommendation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_create(request, pk: int):
    _keeper(request)
    rapat = _meeting(request, pk)
    if request.method != "POST":
        return _recommendation_form_page(request, RecommendationForm(), rapat=rapat)
    form = RecommendationForm(request.POST)
    # "Simpan dan tambah lagi" comes back to an empty form for the next row.
    again = "lagi" in request.POST
    done = apply(
        request,
        form,
        lambda data: services.rekomendasi_create(rapat=rapat, actor=request.user, data=data, request=request),
        success=_("Uraian dan masukan perbaikan ditambahkan."),
        to=reverse("reports:monev_recommendation_create" if again else "reports:monev_meeting", args=[rapat.pk]),
    )
    return done or _recommendation_form_page(request, form, rapat=rapat, status=400)


def _visible(request, pk: int) -> Rekomendasi:
    try:
        return selectors.recommendation_with_history(access.visible_recommendations(request.user), pk)
    except Rekomendasi.DoesNotExist:
        raise Http404 from None


@login_required
@require_safe
def recommendation_list(request):
    if not access.offers_monev(request.user):
        raise Http404
    show = request.GET.get("tampil", "terbuka")
    if show not in ("terbuka", "selesai", "semua"):
        show = "terbuka"
    rows = access.visible_recommendations(request.user).select_related("rapat", "unit")
    if show == "terbuka":
        rows = rows.filter(selesai_pada__isnull=True).order_by("batas_waktu", "pk")
    elif show == "selesai":
        rows = rows.filter(selesai_pada__isnull=False).order_by("-selesai_pada", "-pk")
    else:
        rows = rows.order_by("-rapat__tanggal", "nomor")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page": page, "rows": list(page), "show": show, "today": timezone.localdate()}
    return render(request, "reports/monev/recommendation_list.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_detail(request, pk: int):
    """The recommendation with its follow-up; its owner (or the Tim ZI) records more."""
    rec = _visible(request, pk)
    may_follow_up = access.may_follow_up(request.user, rec)
    form = FollowUpForm() if may_follow_up and rec.is_open else None
    status = 200
    if request.method == "POST":
        if not may_follow_up:
            raise Http404
        form = FollowUpForm(request.POST, request.FILES)
        done = apply(
            request,
            form,
            lambda data: services.tindak_lanjut_record(
                rekomendasi=rec,
                actor=request.user,
                uraian=data["uraian"],
                tanggal=data["tanggal"],
                selesai=data["selesai"],
                files=data["berkas"],
                request=request,
            ),
            success=_("Tindak lanjut dicatat."),
            to=reverse("reports:monev_recommendation", args=[rec.pk]),
        )
        if done:
            return done
        status = 400
    context = {
        "rec": rec,
        "form": form,
        "may_follow_up": may_follow_up,
        "may_keep": access.may_keep(request.user),
        "reader": access.may_read_all(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "reports/monev/recommendation.html", context, status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_change(request, pk: int):
    _keeper(request)
    rec = _visible(request, pk)
    signed = _signed(rec.rapat)
    if request.method != "POST":
        form = RecommendationForm(initial=RecommendationForm.initial_of(rec))
        return _recommendation_form_page(request, form, rapat=rec.rapat, rekomendasi=rec, signed=signed)
    form = RecommendationForm(request.POST)
    done = apply(
        request,
        form,
        lambda data: services.rekomendasi_change(rekomendasi=rec, actor=request.user, data=data, request=request),
        success=_("Masukan perbaikan diperbarui."),
        to=reverse("reports:monev_recommendation", args=[rec.pk]),
    )
    return done or _recommendation_form_page(request, form, rapat=rec.rapat, rekomendasi=rec, signed=signed, status=400)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def recommendation_reopen(request, pk: int):
    _keeper(request)
    rec = _visible(request, pk)
    if rec.is_open:
        messages.warning(request, _("Masukan ini belum selesai."))
        return redirect("reports:monev_recommendation", rec.pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST":
        done = apply(
            request,
            form,
            lambda data: services.rekomendasi_reopen(
                rekomendasi=rec, actor=request.user, alasan=data["alasan"], request=request
            ),
            success=_("Masukan dibuka kembali dan akan dibawa ke laporan berikutnya sampai selesai."),
            to=reverse("reports:monev_recommendation", args=[rec.pk]),
        )
        if done:
            return done
    return render(
        request,
        "reports/monev/recommendation_reopen.html",
        {"form": form, "rec": rec},
        status=400 if form.is_bound else 200,
    )


@login_required
@require_safe
def follow_up_file(request, pk: int):
    row = get_object_or_404(BerkasTindakLanjut.objects.select_related("tindak_lanjut__rekomendasi"), pk=pk)
    if not access.visible_recommendations(request.user).filter(pk=row.tindak_lanjut.rekomendasi_id).exists():
        raise Http404
    return file_response(row, actor=request.user, request=request, inline=row.is_image)
