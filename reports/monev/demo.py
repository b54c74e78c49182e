"""Demo monev records: the semester before the current one, signed, with three meetings
and their recommendations, some followed up; the current semester with the meetings held
so far and its report submitted to the Pimpinan, carrying the unfinished ones. Dates
follow today, so the demo always reads as recent. Made through the services, once.

The owners are the demo units' heads: the Unit Tindak Lanjut account (Kepala Seksi
Identitas Penduduk) finds two open recommendations in its Kotak Masuk.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from accounts import roles
from casework.reporting import Period

from . import services
from .models import RapatMonev
from .selectors import report_for, semester_of

#: (day offset from the semester's start, subject, attendees, [(finding, recommendation,
#: unit code, days to the due date, follow-up or None, finishes)]).
_EARLIER = [
    (
        40,
        "Monev pembangunan ZI triwulan I",
        "Kepala Dinas, Sekretaris, para Kepala Bidang, Tim ZI",
        [
            (
                "Nilai LKE tahun lalu pada area penguatan pengawasan masih di bawah batas WBK.",
                "Petakan butir LKE yang nilainya rendah dan tetapkan penanggung jawab tiap butir.",
                "bidang-dafduk",
                30,
                "Pemetaan butir LKE selesai dan penanggung jawab ditetapkan dalam rapat Tim ZI.",
                True,
            ),
            (
                "Petugas loket belum semua memahami kanal pengaduan dan WBS.",
                "Sosialisasikan kanal pengaduan dan WBS pada apel pagi setiap Senin.",
                "seksi-identitas",
                45,
                "Sosialisasi sudah dua kali pada apel pagi; loket kecamatan belum.",
                False,
            ),
        ],
    ),
    (
        75,
        "Monev standar pelayanan dan SOP",
        "Tim ZI, Kepala Seksi, koordinator loket",
        [
            (
                "SOP perekaman KTP-el belum diperbarui sejak aplikasi antrean baru dipakai.",
                "Perbarui SOP perekaman KTP-el mengikuti alur antrean yang baru.",
                "seksi-identitas",
                40,
                None,
                False,
            ),
            (
                "Janji layanan belum terpasang di ruang tunggu.",
                "Pasang banner janji layanan di ruang tunggu dan di situs web.",
                "bidang-capil",
                30,
                "Banner terpasang di ruang tunggu; versi daringnya terbit di situs web.",
                True,
            ),
        ],
    ),
    (
        130,
        "Monev penguatan pengawasan",
        "Kepala Dinas, Tim ZI, Pengelola Pengaduan, UPG",
        [
            (
                "Laporan bulanan tindak lanjut pengaduan terlambat terbit dua kali.",
                "Terbitkan laporan bulanan paling lambat tanggal 10 bulan berikutnya.",
                "seksi-kelahiran",
                30,
                "Laporan bulan lalu terbit tanggal 8.",
                True,
            ),
        ],
    ),
]
_CURRENT = [
    (
        35,
        "Monev pembangunan ZI triwulan III",
        "Kepala Dinas, para Kepala Bidang, Tim ZI",
        [
            (
                "Survei kepuasan belum menjangkau layanan jemput bola.",
                "Sertakan layanan jemput bola dalam survei kepuasan berikutnya.",
                "bidang-piak",
                60,
                None,
                False,
            ),
            (
                "Rekap gratifikasi semester lalu belum dibahas bersama pimpinan.",
                "Bahas rekap gratifikasi dalam rapat pimpinan bulan depan.",
                "bidang-dafduk",
                30,
                "Rekap dibahas dalam rapat pimpinan; tindak lanjutnya dicatat di notula.",
                True,
            ),
        ],
    ),
    (
        100,
        "Monev rencana aksi akhir tahun",
        "Tim ZI, Kepala Seksi",
        [
            (
                "Bukti sosialisasi pedoman benturan kepentingan belum diunggah.",
                "Unggah daftar hadir dan notula sosialisasi ke rencana aksi.",
                "seksi-identitas",
                21,
                None,
                False,
            ),
        ],
    ),
]


def _record(meetings, period: Period, *, units, tim, today: date) -> None:
    for offset, subject, attendees, rows in meetings:
        day = period.start + timedelta(days=offset)
        if day > today:
            continue
        rapat = services.rapat_create(
            actor=tim,
            data={"tanggal": day, "perihal": subject, "peserta": attendees, "tempat": "Ruang rapat Kepala Dinas"},
        )
        for uraian, masukan, unit_code, due_days, follow_up, finished in rows:
            rec = services.rekomendasi_create(
                rapat=rapat,
                actor=tim,
                data={
                    "uraian": uraian,
                    "masukan": masukan,
                    "unit": units[unit_code],
                    "batas_waktu": day + timedelta(days=due_days),
                },
            )
            done_on = min(day + timedelta(days=due_days - 5), today)
            if follow_up:
                head = units[unit_code].responsible_head() or tim
                services.tindak_lanjut_record(
                    rekomendasi=rec, actor=head, uraian=follow_up, tanggal=done_on, selesai=finished
                )


def create_demo_records(*, users, units) -> None:
    if RapatMonev.objects.exists():
        return
    today = timezone.localdate()
    current = semester_of(today)
    earlier = current.previous()
    tim, pimpinan = users[roles.TIM_PENILAI], users[roles.PIMPINAN]
    _record(_EARLIER, earlier, units=units, tim=tim, today=today)
    year, number = earlier.start.year, 1 if earlier.start.month == 1 else 2
    place = report_for(year, number).tempat or "Kota Contoh"
    services.monev_report_sign(year=year, semester=number, actor=pimpinan, tempat=place, tanggal=earlier.end)
    _record(_CURRENT, current, units=units, tim=tim, today=today)
    if RapatMonev.objects.filter(tanggal__gte=current.start).exists():
        services.monev_report_submit(year=current.start.year, semester=1 if current.start.month == 1 else 2, actor=tim)
