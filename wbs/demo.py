"""Demo WBS reports for `manage.py seed_demo`: one in each stage, made through the services.

Two reports have fixed, published receipt codes so that the reporter's side can be tried
(DEMO_RECEIPTS); every real code is random and never known to anyone but its reporter.
The report on the Kepala Dinas shows the routing to the Inspektorat, and one report
carries a sealed identity with a request to open it waiting for the Pimpinan. Running it
again adds nothing: the first demo code's report marks the set as made.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from accounts import roles
from casework import tracking
from casework.services import case_assign

from . import identity, receipts, services
from .choices import Kategori, Pemeriksa, Temuan, TujuanPenerusan
from .models import LaporanWbs
from .reported import TerlaporInput

#: Published receipt codes of two demo reports: waiting for the reporter, and finished.
DEMO_RECEIPTS = {"ditunda": "DEM0-WBS0-0000-0001", "selesai": "DEM0-WBS0-0000-0002"}


def create_demo_cases(*, users, units) -> None:
    """Create the demo reports unless they exist. `users` maps role names to the demo user
    of each role, `units` unit codes to units (see casework seed_demo)."""
    if receipts.find_report(DEMO_RECEIPTS["ditunda"]) is not None:
        return
    handler = users[roles.PENGELOLA_WBS]
    kepala_dinas = users[roles.PIMPINAN]

    with transaction.atomic():
        # Diterima: just in, anonymous, with an amount.
        services.wbs_create(
            title="Biaya tambahan untuk percepatan KTP-el",
            kategori=Kategori.KORUPSI,
            apa="Warga diminta membayar Rp100.000 agar KTP-el jadi hari itu juga.",
            dimana="Loket perekaman KTP-el, kantor dinas",
            kapan="Hampir setiap hari kerja sejak Oktober 2026",
            bagaimana="Uang diterima di meja loket tanpa kuitansi; yang menolak diminta datang minggu depan.",
            nilai_kerugian=Decimal("100000"),
            terlapor=[TerlaporInput(nama="Petugas loket perekaman", jabatan="Pengadministrasi Kependudukan")],
        )

        # Ditunda: the handler asked when and who.
        waiting, _code = services.wbs_create(
            title="Data kependudukan dijual ke pihak luar",
            kategori=Kategori.PENYALAHGUNAAN_WEWENANG,
            apa="Ada pegawai yang mengirim data NIK warga kepada perusahaan pinjaman daring.",
            dimana="Ruang server",
        )
        _use_demo_receipt(waiting, "ditunda")
        services.wbs_request_information(
            case=waiting,
            actor=handler,
            question="Kapan Anda mengetahui hal ini, dan apakah Anda tahu nama atau jabatan pegawai tersebut?",
        )

        # Ditelaah, with a sealed identity and a request to open it waiting for a decision.
        reviewed, _code = services.wbs_create(
            title="Absensi dititipkan setiap Jumat",
            kategori=Kategori.PELANGGARAN_DISIPLIN,
            apa="Seorang kepala seksi menitipkan absensi sidik jari kepada staf setiap Jumat dan tidak masuk kantor.",
            dimana="Mesin absensi lantai 2",
            kapan="Setiap Jumat sejak Agustus 2026",
            bagaimana="Jari staf didaftarkan atas nama kepala seksi tersebut.",
            terlapor=[TerlaporInput(nama="Kepala seksi", jabatan="Kepala Seksi", unit_kerja="Bidang Pencatatan Sipil")],
            identitas=identity.Identitas(nama="Rahmat Hidayat", jabatan="Staf", telepon="0812 0000 1111"),
        )
        services.wbs_verify(case=reviewed, actor=handler)
        case_assign(case=reviewed, actor=handler, assignee=handler)
        identity.identity_request(
            case=reviewed,
            actor=handler,
            reason="Pelapor satu-satunya saksi langsung; pemeriksa perlu meminta keterangan resmi darinya.",
        )

        # Diperiksa by the internal team.
        examined, _code = services.wbs_create(
            title="Pengadaan printer kartu dengan harga tidak wajar",
            kategori=Kategori.KOLUSI,
            apa="Harga printer kartu dalam pengadaan dua kali harga pasar; pemenangnya kerabat panitia.",
            dimana="Pengadaan barang bidang PIAK",
            kapan="Tahun anggaran 2026",
            bagaimana="Spesifikasi disusun agar hanya satu penyedia memenuhi.",
            nilai_kerugian=Decimal("185000000"),
            terlapor=[TerlaporInput(nama="Ketua panitia pengadaan", jabatan="Ketua Panitia")],
        )
        services.wbs_verify(case=examined, actor=handler)
        services.wbs_examine(
            case=examined,
            actor=handler,
            hasil_telaah="Dokumen pengadaan menguatkan dugaan; perlu pemeriksaan.",
            pemeriksa=Pemeriksa.TIM_INTERNAL,
        )

        # Selesai: proven, with recommendations.
        finished, _code = services.wbs_create(
            title="Pungutan pengesahan akta di luar tarif",
            kategori=Kategori.KORUPSI,
            apa="Pemohon akta diminta Rp50.000 untuk pengesahan yang seharusnya gratis.",
            dimana="Loket akta",
            kapan="Oktober 2026",
            bagaimana="Diminta lisan oleh petugas loket.",
            terlapor=[TerlaporInput(nama="Petugas loket akta")],
        )
        _use_demo_receipt(finished, "selesai")
        services.wbs_verify(case=finished, actor=handler)
        services.wbs_examine(
            case=finished, actor=handler, hasil_telaah="Dua pemohon lain menguatkan.", pemeriksa=Pemeriksa.TIM_INTERNAL
        )
        services.wbs_conclude(
            case=finished,
            actor=handler,
            temuan=Temuan.TERBUKTI,
            rekomendasi="Hukuman disiplin sedang; papan tarif nol rupiah dipasang di setiap loket.",
            public_note="Laporan Anda terbukti. Terima kasih atas keberanian Anda.",
        )

        # Diteruskan to the KPK after review.
        forwarded, _code = services.wbs_create(
            title="Suap perizinan lintas instansi",
            kategori=Kategori.KORUPSI,
            apa="Pejabat instansi lain menerima suap untuk rekomendasi izin berbasis data kependudukan.",
            dimana="Kantor instansi lain",
            kapan="September 2026",
            bagaimana="Melalui perantara.",
            terlapor=[TerlaporInput(nama="Pejabat instansi lain")],
        )
        services.wbs_verify(case=forwarded, actor=handler)
        services.wbs_forward(
            case=forwarded,
            actor=handler,
            forwarded_to=TujuanPenerusan.KPK,
            forward_reference="R/045/WBS/XI/2026",
            hasil_telaah="Terlapor di luar kewenangan dinas.",
        )

        # Tidak dapat ditindaklanjuti.
        services.wbs_discontinue(
            case=services.wbs_create(
                title="Pegawai sering terlambat",
                kategori=Kategori.LAINNYA,
                apa="Banyak pegawai terlambat.",
            )[0],
            actor=handler,
            alasan="Laporan tidak menyebut siapa, kapan, dan di mana; pelapor tidak dapat dimintai kelengkapan.",
        )

        # On the Kepala Dinas: handled by the Inspektorat, unseen by the Pengelola WBS.
        services.wbs_create(
            title="Perjalanan dinas fiktif pimpinan",
            kategori=Kategori.PENYALAHGUNAAN_WEWENANG,
            apa="Surat perjalanan dinas ke luar kota dibuat tanpa perjalanan yang sebenarnya.",
            dimana="Bagian keuangan",
            kapan="Triwulan III 2026",
            bagaimana="Tiket dan bukti penginapan dibuat oleh biro perjalanan yang sama.",
            terlapor=[TerlaporInput(nama=kepala_dinas.full_name, jabatan="Kepala Dinas", user=kepala_dinas)],
        )


def _use_demo_receipt(case: LaporanWbs, name: str) -> None:
    """Give a demo report its published receipt code. Demo data only: a real report's
    code is random, shown once to its reporter and known to nobody else."""
    digest = tracking.slow_digest(DEMO_RECEIPTS[name], purpose=receipts.PURPOSE)
    LaporanWbs.objects.filter(pk=case.pk).update(receipt_digest=digest)
