"""Demo conflict-of-interest cases for `manage.py seed_demo`: one in each state.

Everything is made through the services, as the employees and their superiors would
make it, so the routing, history, clock and audit log look real. The demo Pegawai (Rina
Marlina, Seksi Identitas Penduduk) files five; her atasan langsung, the Kepala Seksi
Identitas (the Unit Tindak Lanjut account) decides four; one names him as a party and
goes one level up to the Kepala Bidang (the Tim Benturan Kepentingan account). A sixth
is a report about her by a colleague, decided with a handover, which she reads as a
control decided about her. Running it again adds nothing: the first declaration's
submission key marks the set.
"""

from __future__ import annotations

import uuid

from django.db import transaction
from django.utils import timezone

from accounts import roles

from . import services
from .choices import Jenis, JenisHal, JenisPengendalian, Sumber
from .demo_registers import create_demo_registers
from .models import Benturan

#: The submission key of the demo's first declaration; its presence means the set exists.
DEMO_KEY = uuid.UUID("00000000-0000-4000-8000-00000000b701")


def create_demo_cases(*, users, units) -> None:
    """Create the demo cases unless they exist, and the registers (benturan.demo_registers).
    `users` maps role names to the demo user of each role, `units` unit codes to units
    (see casework seed_demo)."""
    create_demo_registers(users=users, units=units)
    if Benturan.objects.filter(submission_key=DEMO_KEY).exists():
        return
    pegawai = users[roles.PEGAWAI]
    kasi = units["seksi-identitas"].head  # Rina's atasan langsung
    kabid = units["bidang-dafduk"].head  # the Tim Benturan account, one level up
    colleague = units["seksi-pindah-datang"].head  # takes a task over
    reporter = users[roles.TIM_PENILAI]
    today = timezone.localdate()

    def declare(key: int, *, declarant=pegawai, pihak_pegawai=(), **data):
        return services.benturan_declare(
            declarant=declarant,
            data={"rujukan_kasus": "", "pihak_lain": "", **data},
            pihak_pegawai=pihak_pegawai,
            submission_key=DEMO_KEY if key == 0 else uuid.UUID(int=DEMO_KEY.int + key),
        )

    with transaction.atomic():
        # Diajukan: a potential conflict in a procurement, just declared.
        declare(
            0,
            jenis=Jenis.POTENSIAL,
            sumber=Sumber.AFILIASI_KELUARGA,
            hal_jenis=JenisHal.PENGADAAN,
            hal="Penetapan penyedia jasa cetak blangko Kartu Keluarga 2026",
            kepentingan="Sepupu saya direktur CV Sinar Cetak, yang mendaftar sebagai peserta pengadaan.",
            pihak_lain="CV Sinar Cetak (direktur: Budi Santoso, sepupu saya)",
        )

        # Analisis: an actual conflict the superior is reading.
        friend = declare(
            1,
            jenis=Jenis.AKTUAL,
            sumber=Sumber.AFILIASI_TEMAN,
            hal_jenis=JenisHal.PERIZINAN,
            hal="Verifikasi permohonan perubahan data KTP-el atas nama Dewi Anggraini",
            kepentingan="Pemohon sahabat dekat saya sejak sekolah; berkasnya ada di antrean verifikasi saya.",
        )
        services.benturan_start_analysis(case=friend, actor=kasi)

        # Pemantauan: a paid side job, recorded and watched by a third party.
        side_job = declare(
            2,
            jenis=Jenis.POTENSIAL,
            sumber=Sumber.RANGKAP_JABATAN,
            hal_jenis=JenisHal.KEGIATAN,
            hal="Narasumber berbayar pelatihan administrasi kependudukan untuk perangkat desa",
            kepentingan="Saya diminta menjadi narasumber berbayar oleh lembaga pelatihan swasta.",
            pihak_lain="LPK Cakap Desa",
        )
        services.benturan_start_analysis(case=side_job, actor=kasi)
        services.benturan_decide_control(
            case=side_job,
            actor=kasi,
            controls=[JenisPengendalian.PENCATATAN, JenisPengendalian.PENGAWASAN_PIHAK_KETIGA],
            hal="Kegiatan narasumber di luar jam kerja",
            pihak_nama="LPK Cakap Desa",
            uraian="Dilakukan di luar jam kerja, tanpa atribut dinas; honor dilaporkan kepada atasan.",
            alasan="Kegiatan tidak bersinggungan dengan layanan, tetapi perlu dicatat dan diawasi.",
        )
        services.benturan_record_implementation(
            case=side_job,
            actor=kasi,
            bukti="Surat izin atasan Nomor 800/45/Dafduk; jadwal kegiatan di luar jam kerja.",
            tanggal=today,
        )

        # Selesai: the superior is a party, so it went one level up and was closed there.
        relative = declare(
            3,
            pihak_pegawai=[kasi],
            jenis=Jenis.AKTUAL,
            sumber=Sumber.AFILIASI_KELUARGA,
            hal_jenis=JenisHal.KEPUTUSAN,
            hal="Penerbitan akta kelahiran atas nama keponakan kami",
            kepentingan="Pemohon keponakan saya dan juga keponakan Kepala Seksi Identitas.",
        )
        services.benturan_start_analysis(case=relative, actor=kabid)
        services.benturan_decide_control(
            case=relative,
            actor=kabid,
            controls=[JenisPengendalian.RECUSAL],
            hal="Verifikasi dan penandatanganan akta kelahiran keponakan",
            alasan="Kedua pejabat berhubungan keluarga dengan pemohon; keputusan diambil pejabat lain.",
        )
        services.benturan_record_implementation(
            case=relative,
            actor=kabid,
            bukti="Akta diverifikasi dan ditandatangani oleh Kepala Seksi lain.",
            tanggal=today,
        )
        services.benturan_close_monitoring(
            case=relative, actor=kabid, hasil="Akta terbit tanpa keterlibatan kedua pejabat."
        )

        # Tidak terdapat benturan kepentingan.
        neighbour = declare(
            4,
            jenis=Jenis.POTENSIAL,
            sumber=Sumber.KEPENTINGAN_PRIBADI,
            hal_jenis=JenisHal.PERIZINAN,
            hal="Pelayanan legalisasi dokumen untuk tetangga",
            kepentingan="Tetangga saya sering datang ke loket legalisasi.",
        )
        services.benturan_start_analysis(case=neighbour, actor=kasi)
        services.benturan_decide_no_conflict(
            case=neighbour,
            actor=kasi,
            alasan="Legalisasi mengikuti prosedur baku tanpa ruang penilaian pribadi.",
        )

        # Pelaksanaan: a report about her by a colleague, decided with a handover.
        reported = services.benturan_report(
            reporter=reporter,
            pejabat=pegawai,
            data={
                "jenis": Jenis.AKTUAL,
                "sumber": Sumber.AFILIASI_KELUARGA,
                "hal_jenis": JenisHal.PERIZINAN,
                "hal": "Verifikasi permohonan pindah datang keluarga kakak pejabat",
                "rujukan_kasus": "",
                "kepentingan": "Berkas pindah datang atas nama kakak ipar pejabat diverifikasi oleh pejabat sendiri.",
                "pihak_lain": "",
            },
            submission_key=uuid.UUID(int=DEMO_KEY.int + 5),
        )
        services.benturan_start_analysis(case=reported, actor=kasi)
        services.benturan_decide_control(
            case=reported,
            actor=kasi,
            controls=[JenisPengendalian.PENGALIHAN_TUGAS],
            hal="Verifikasi berkas pindah datang keluarga pejabat",
            pengganti=colleague,
            alasan="Berkas keluarga sendiri tidak boleh diverifikasi oleh yang bersangkutan.",
            tidak_dideklarasikan=True,
            rekomendasi_sanksi="Teguran lisan dan pembinaan oleh atasan langsung.",
        )
