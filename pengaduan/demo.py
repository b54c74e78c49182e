"""Demo complaints for `manage.py seed_demo`: six cases, one in each interesting state.

Everything is made through the services, as staff and the public would make it, so the
timeline, clocks and audit log look real. Running it again adds nothing: the set is made
in one transaction (seed_demo's), and the SP4N-LAPOR! case's ticket number marks it.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts import roles
from casework import sla, tracking
from casework.calendar import add_working_days, working_days_between
from casework.models import Case, Deadline, TimelineEntry

from . import services
from .choices import Channel, Jenis
from .models import KategoriLayanan, Pengaduan

# The ticket of the demo's SP4N-LAPOR! complaint; its presence means the set exists.
DEMO_LAPOR_TICKET = "LAPOR-DEMO-0001"
#: Published tracking codes of two demo complaints, so the complainant's side can be tried:
#: one waiting for the complainant's information, one answered and waiting for a rating.
DEMO_TRACKING_CODES = {"ditunda": "DEM0-PGD0-0000-0001", "dijawab": "DEM0-PGD0-0000-0002"}


def create_demo_cases(*, users, units) -> None:
    """Create the demo complaints unless they exist. `users` maps role names to the demo
    user of each role, `units` unit codes to units (see casework seed_demo)."""
    if Pengaduan.objects.filter(lapor_tracking_id=DEMO_LAPOR_TICKET).exists():
        return
    handler = users[roles.PENGELOLA_PENGADUAN]
    unit_member = users[roles.UNIT_TINDAK_LANJUT]
    follow_up_unit = unit_member.unit or units["seksi-identitas"]
    kategori = {k.slug: k for k in KategoriLayanan.objects.all()}

    with transaction.atomic():
        # Diterima and overdue: filed a week ago from the web, never verified.
        late, _code = services.pengaduan_create(
            title="Antrean perekaman KTP-el sampai sore",
            isi=(
                "Saya datang pukul 07.30 untuk perekaman KTP-el, nomor antrean 112, dan baru dipanggil pukul "
                "15.00. Petugas perekaman hanya satu orang. Mohon ditambah petugas pada hari Senin."
            ),
            kategori=kategori["ktp-el"],
            lokasi="Kantor Disdukcapil, loket perekaman",
        )
        _backdate(late, working_days=6)

        # Ditunda: entered from a phone call; the handler asked for the registration number.
        waiting, _code = services.pengaduan_create(
            actor=handler,
            channel=Channel.TELEPON,
            title="Akta kelahiran anak belum terbit",
            isi="Pengajuan akta kelahiran anak saya sudah tiga minggu dan belum selesai.",
            kategori=kategori["akta-kelahiran"],
            nama="Siti Aminah",
            telepon="0812 3456 7890",
        )
        services.pengaduan_request_information(
            case=waiting,
            actor=handler,
            question="Mohon sebutkan nomor registrasi pengajuan yang tertera pada tanda terima.",
        )
        _publish_code(waiting, "ditunda")

        # Ditunda for longer than the complainant's time to answer: the handler may now
        # archive it as not completed, and the lists mark it "masa tunggu berakhir".
        unanswered, _code = services.pengaduan_create(
            title="Pengurusan akta kematian berbelit",
            isi="Saya diminta kembali tiga kali untuk melengkapi berkas akta kematian ayah saya.",
            kategori=kategori["akta-kematian"],
        )
        services.pengaduan_request_information(
            case=unanswered,
            actor=handler,
            question="Berkas apa saja yang diminta petugas, dan di loket mana Anda dilayani?",
        )
        _backdate(unanswered, working_days=12)

        # Diverifikasi: forwarded from SP4N-LAPOR!.
        verified, _code = services.pengaduan_create(
            actor=handler,
            channel=Channel.SP4N_LAPOR,
            lapor_tracking_id=DEMO_LAPOR_TICKET,
            title="Surat pindah tidak bisa diproses daring",
            isi="Permohonan surat pindah melalui aplikasi selalu gagal pada tahap unggah dokumen.",
            kategori=kategori["pindah-datang"],
        )
        services.pengaduan_verify(case=verified, actor=handler)

        # Didisposisikan: from the complaint box, waiting for the unit's follow-up.
        routed, _code = services.pengaduan_create(
            actor=handler,
            channel=Channel.KOTAK_PENGADUAN,
            title="KK baru tidak bisa dicetak",
            isi="Sudah dua kali datang, KK baru tidak bisa dicetak karena printer rusak.",
            kategori=kategori["kk"],
            unit_tujuan=follow_up_unit,
        )
        services.pengaduan_verify(case=routed, actor=handler)
        services.pengaduan_route_to_unit(case=routed, actor=handler, unit=follow_up_unit)

        # Dijawab: a request for information, followed up and answered; closes by itself.
        answered, _code = services.pengaduan_create(
            actor=handler,
            channel=Channel.DATANG_LANGSUNG,
            jenis=Jenis.PERMINTAAN_INFORMASI,
            title="Persyaratan KIA untuk anak usia 5 tahun",
            isi="Apa saja persyaratan membuat KIA untuk anak usia 5 tahun yang belum punya akta?",
            kategori=kategori["kia"],
        )
        services.pengaduan_verify(case=answered, actor=handler)
        services.pengaduan_route_to_unit(case=answered, actor=handler, unit=follow_up_unit)
        _publish_code(answered, "dijawab")
        services.pengaduan_record_follow_up(
            case=answered,
            actor=unit_member,
            summary="Persyaratan dicek ulang; akta kelahiran wajib diurus lebih dahulu, bisa sekaligus.",
        )
        services.pengaduan_answer(
            case=answered,
            actor=handler,
            answer=(
                "KIA untuk anak di bawah 5 tahun memerlukan fotokopi akta kelahiran dan KK orang tua. Akta "
                "kelahiran dapat diajukan bersamaan di loket yang sama."
            ),
        )

        # Diteruskan: not this unit's competence.
        services.pengaduan_forward(
            case=services.pengaduan_create(
                actor=handler,
                channel=Channel.MEDIA_SOSIAL,
                title="Jalan rusak di depan kantor kecamatan",
                isi="Jalan berlubang di depan kantor kecamatan membahayakan pengendara.",
                kategori=kategori["lainnya"],
            )[0],
            actor=handler,
            forwarded_to="Dinas Pekerjaan Umum dan Penataan Ruang",
        )


def _publish_code(case: Case, name: str) -> None:
    """Give a demo complaint its published tracking code. Demo data only: a real code is
    random and shown once to its complainant."""
    Case.objects.filter(pk=case.pk).update(tracking_digest=tracking.digest(DEMO_TRACKING_CODES[name]))


def _backdate(case: Case, *, working_days: int) -> None:
    """Move a new case's opening and clocks back by `working_days`, so the demo shows an
    overdue case without anyone waiting a week. Demo data only: real cases never move."""
    today = timezone.localdate()
    start = today
    while working_days_between(start, today) < working_days:
        start -= timedelta(days=1)
    opened = timezone.now() - (today - start)
    Case.objects.filter(pk=case.pk).update(opened_at=opened, received_on=start)
    TimelineEntry.objects.filter(case=case).update(created_at=opened)
    for deadline in Deadline.objects.filter(case=case, completed_at__isnull=True):
        deadline.started_on = start
        deadline.due_date = add_working_days(start, deadline.working_days)
        if deadline.paused_on is not None:
            deadline.paused_on = start  # paused on the day it was asked, as everything else
        deadline.save(update_fields=["started_on", "due_date", "paused_on"])
    sla.refresh_due_date(case)
