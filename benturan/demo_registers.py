"""The demo registers for `manage.py seed_demo` (called from benturan.demo): a risk map
of several entries across the demo units, one reviewed and one overdue for its review,
and the yearly declaration campaign of this year, open, for the whole dinas, with part
of the staff declared. The demo Pegawai (Rina Marlina) has not declared, so the
campaign waits on her own page and in her Kotak Masuk.

Made through the services, as the Tim would; running it again adds nothing.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts import roles

from . import services_campaign, services_risk_map
from .choices import Sumber
from .models import KampanyeDeklarasi, PetaRisiko

#: (unit code, objek, name, risk, source, likelihood, impact, existing controls, owner's unit)
RISKS = [
    (
        "seksi-identitas",
        "jabatan",
        "Verifikator berkas KTP-el dan KK",
        "Verifikator dapat mendahulukan atau meloloskan berkas kerabat dan kenalan.",
        Sumber.AFILIASI_KELUARGA,
        3,
        4,
        "Verifikasi berjenjang oleh kepala seksi; antrean berkas menurut nomor urut sistem.",
    ),
    (
        "seksi-pindah-datang",
        "proses",
        "Penerbitan surat keterangan pindah",
        "Permohonan yang dibantu calo dapat diproses lebih dahulu dengan imbalan.",
        Sumber.GRATIFIKASI,
        3,
        3,
        "Layanan daring dengan nomor antrean; larangan menerima imbalan dipasang di loket.",
    ),
    (
        "seksi-kelahiran",
        "proses",
        "Penerbitan akta kelahiran yang terlambat dicatatkan",
        "Penilaian kelengkapan bukti dapat dipengaruhi hubungan pribadi dengan pemohon.",
        Sumber.KEWENANGAN,
        2,
        4,
        "Daftar periksa bukti baku; persetujuan kepala seksi.",
    ),
    (
        "bidang-piak",
        "proses",
        "Pengadaan pemeliharaan perangkat SIAK",
        "Pejabat pengadaan dapat memiliki hubungan usaha dengan penyedia.",
        Sumber.AFILIASI_USAHA,
        3,
        5,
        "Pakta integritas panitia; pengadaan melalui katalog elektronik.",
    ),
    (
        "seksi-data",
        "jabatan",
        "Pengelola hak akses data kependudukan",
        "Hak akses data dapat diberikan kepada pihak yang dikenal tanpa perjanjian kerja sama.",
        Sumber.KELEMAHAN_SISTEM,
        4,
        5,
        "Hak akses hanya berdasar perjanjian kerja sama yang ditandatangani Kepala Dinas.",
    ),
    (
        "disdukcapil",
        "jabatan",
        "Kepala Dinas: penandatanganan perjanjian pemanfaatan data",
        "Perjanjian dengan lembaga tempat keluarga pejabat bekerja.",
        Sumber.RANGKAP_JABATAN,
        1,
        5,
        "",
    ),
]
#: The staff who have answered the demo campaign ("tidak ada"), by username.
DECLARED = ["tindaklanjut", "pimpinan", "tpi", "kasi.pindahdatang", "kasi.kelahiran", "kasi.siak", "kabid.capil"]


def create_demo_registers(*, users, units) -> None:
    tim = users[roles.TIM_BENTURAN]
    today = timezone.localdate()
    with transaction.atomic():
        if not PetaRisiko.objects.exists():
            _risk_map(tim, units, today)
        if not KampanyeDeklarasi.objects.filter(tahun=today.year).exists():
            _campaign(tim, users, units, today)


def _risk_map(tim, units, today) -> None:
    entries = []
    for code, objek, nama, uraian, sumber, kemungkinan, dampak, pengendalian in RISKS:
        unit = units[code]
        entries.append(
            services_risk_map.peta_risiko_create(
                actor=tim,
                data={
                    "unit": unit,
                    "objek": objek,
                    "nama": nama,
                    "uraian_risiko": uraian,
                    "sumber": sumber,
                    "kemungkinan": kemungkinan,
                    "dampak": dampak,
                    "pengendalian_ada": pengendalian,
                    "pemilik": unit.head,
                    "tinjau_berikutnya": today + datetime.timedelta(days=300),
                },
            )
        )
    services_risk_map.peta_risiko_review(
        entry=entries[0],
        actor=tim,
        data={
            "kemungkinan": 2,
            "pengendalian_ada": entries[0].pengendalian_ada + " Rotasi verifikator setiap enam bulan.",
            "tinjau_berikutnya": today + datetime.timedelta(days=365),
        },
        hasil="Rotasi verifikator menurunkan kemungkinan; pengendalian ditambahkan.",
    )
    # A review date that has passed, as a map kept for a year would have: set on the row
    # because the service only accepts dates ahead.
    PetaRisiko.objects.filter(pk=entries[-1].pk).update(tinjau_berikutnya=today - datetime.timedelta(days=20))


def _campaign(tim, users, units, today) -> None:
    campaign = services_campaign.kampanye_open(
        actor=tim, tahun=today.year, units=[units["disdukcapil"]], batas_waktu=today + datetime.timedelta(days=30)
    )
    by_username = {user.username: user for user in users.values()}
    by_username.update({unit.head.username: unit.head for unit in units.values() if unit.head_id})
    for username in DECLARED:
        if username in by_username:
            services_campaign.kampanye_declare_none(kampanye=campaign, pegawai=by_username[username])
