"""Demo declarations for `manage.py seed_demo`: five, in different states, one object in
the UPG's custody.

Everything is made through the services, as the declarant and the UPG would make it, so
the history, clocks and audit log look real. The demo Pegawai declares; the demo Petugas
UPG handles. Running it again adds nothing: the KPK reference of the forwarded refusal
marks the set.
"""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from pypdf import PdfWriter

from accounts import roles

from . import services
from .choices import HubunganPemberi, JenisLaporan, JenisPenerimaan, JenisPeristiwa, StatusKpk
from .exemptions import rules_in_force
from .models import Gratifikasi
from .services_custody import custody_receive

#: The KPK reference of the demo's forwarded refusal; its presence means the set exists.
DEMO_KPK_NOMOR = "GOL-DEMO-0001"


def create_demo_cases(*, users, units) -> None:
    """Create the demo declarations unless they exist. `users` maps role names to the
    demo user of each role, `units` unit codes to units (see casework seed_demo)."""
    if Gratifikasi.objects.filter(kpk_nomor=DEMO_KPK_NOMOR).exists():
        return
    declarant = users[roles.PEGAWAI]
    officer = users[roles.PETUGAS_UPG]
    today = timezone.localdate()
    identity = {
        "nama": declarant.full_name,
        "nik": declarant.nik or "3273017007950002",
        "nip": declarant.nip or "",
        "jabatan": declarant.jabatan or "Pegawai",
        "unit_kerja": declarant.unit or units.get("seksi-identitas"),
        "alamat": declarant.address or "Jl. Cihampelas No. 21, Bandung",
        "telepon": declarant.phone or "0812 2233 4455",
        "email": declarant.email,
    }

    def declare(**gift):
        data = {
            "jenis_laporan": JenisLaporan.PENERIMAAN,
            **identity,
            "pemberi_instansi": "",
            "pemberi_alamat": "",
            "dititipkan": False,
            **gift,
        }
        return services.declaration_submit(declarant=declarant, data=data)

    with transaction.atomic():
        # Administrasi: a wedding gift above the Rp1.500.000 cap, just filed.
        declare(
            pemberi_nama="H. Ahmad Fauzi",
            pemberi_instansi="Pengguna layanan",
            hubungan=HubunganPemberi.PENGGUNA_LAYANAN,
            jenis_peristiwa=JenisPeristiwa.PERNIKAHAN,
            jenis_penerimaan=JenisPenerimaan.UANG,
            uraian="Amplop berisi uang pada resepsi pernikahan saya.",
            nilai=Decimal(2_000_000),
            tanggal_terima=today - timedelta(days=3),
            tempat_terima="Gedung Serbaguna Kecamatan",
            kronologi="Diberikan oleh tamu undangan yang pernah mengurus akta kelahiran di loket saya.",
        )

        # Perlu dilengkapi: a parcel from a supplier, late to the UPG.
        parcel = declare(
            pemberi_nama="PT Sinar Cetak Mandiri",
            pemberi_instansi="PT Sinar Cetak Mandiri",
            pemberi_alamat="Jl. Soekarno-Hatta No. 400, Bandung",
            hubungan=HubunganPemberi.REKANAN,
            jenis_peristiwa=JenisPeristiwa.KEAGAMAAN,
            jenis_penerimaan=JenisPenerimaan.BARANG,
            uraian="Parsel makanan dan peralatan makan menjelang hari raya.",
            nilai=Decimal(850_000),
            tanggal_terima=today - timedelta(days=20),
            tempat_terima="Diantar ke rumah",
            kronologi="Kurir mengantar parsel ke rumah; pengirimnya penyedia blangko cetak dinas.",
        )
        parcel = services.declaration_register(case=parcel, actor=officer)
        services.declaration_request_completion(
            case=parcel,
            actor=officer,
            catatan="Mohon lampirkan foto parsel dan rincian isinya, serta perkiraan nilai tiap barang.",
        )

        # Diteruskan ke KPK: a refused envelope from someone asking for a faster service.
        refusal = declare(
            jenis_laporan=JenisLaporan.PENOLAKAN,
            pemberi_nama="Sdr. Hendra",
            hubungan=HubunganPemberi.PENGGUNA_LAYANAN,
            jenis_peristiwa=JenisPeristiwa.TUGAS_PELAYANAN,
            jenis_penerimaan=JenisPenerimaan.UANG,
            uraian="Amplop berisi uang yang ditawarkan agar KK selesai hari itu juga.",
            nilai=Decimal(500_000),
            tanggal_terima=today - timedelta(days=5),
            tempat_terima="Loket pelayanan KK",
            kronologi="Pemohon menyelipkan amplop di berkas permohonan; langsung saya kembalikan.",
        )
        for step in (services.declaration_register, services.declaration_accept_complete):
            refusal = step(case=refusal, actor=officer)
        services.declaration_forward_to_kpk(
            case=refusal,
            actor=officer,
            rekomendasi="Penolakan dilaporkan ke KPK sebagai bukti integritas petugas.",
            kpk_nomor=DEMO_KPK_NOMOR,
            kpk_tanggal=today,
        )

        # Tindak lanjut: a watch held by the UPG, declared state property by KPK.
        watch = declare(
            pemberi_nama="CV Mitra Data Nusantara",
            pemberi_instansi="CV Mitra Data Nusantara",
            hubungan=HubunganPemberi.REKANAN,
            jenis_peristiwa=JenisPeristiwa.TUGAS_NON_PELAYANAN,
            jenis_penerimaan=JenisPenerimaan.BARANG,
            uraian="Jam tangan dalam kotak, diberikan setelah serah terima pekerjaan jaringan.",
            nilai=Decimal(3_500_000),
            tanggal_terima=today - timedelta(days=10),
            tempat_terima="Ruang rapat Bidang PIAK",
            kronologi="Diberikan oleh direktur penyedia setelah berita acara serah terima ditandatangani.",
            dititipkan=True,
        )
        for step in (services.declaration_register, services.declaration_accept_complete):
            watch = step(case=watch, actor=officer)
        custody_receive(
            case=watch,
            actor=officer,
            uraian="Satu jam tangan pria dalam kotak, lengkap dengan kartu garansi.",
            nilai=Decimal(3_500_000),
            diterima_dari=watch.nama,
            diterima_tanggal=today,
            lokasi_simpan="Lemari besi UPG, laci 1",
        )
        watch = services.declaration_forward_to_kpk(
            case=watch,
            actor=officer,
            rekomendasi="Pemberian dari rekanan terkait pekerjaan; diusulkan menjadi milik negara.",
            kpk_nomor="GOL-DEMO-0002",
            kpk_tanggal=today,
        )
        services.declaration_record_sk(
            case=watch,
            actor=officer,
            sk_status=StatusKpk.MILIK_NEGARA,
            sk_nomor="SK-DEMO/GTF/01",
            sk_tanggal=today,
            sk_scan=_demo_scan(),
        )

        # Tidak wajib dilaporkan: a wedding gift within the cap.
        small = declare(
            pemberi_nama="Ibu Sulastri",
            hubungan=HubunganPemberi.LAINNYA,
            jenis_peristiwa=JenisPeristiwa.PERNIKAHAN,
            jenis_penerimaan=JenisPenerimaan.BARANG,
            uraian="Satu set peralatan dapur sebagai kado pernikahan.",
            nilai=Decimal(600_000),
            tanggal_terima=today - timedelta(days=4),
            tempat_terima="Rumah",
            kronologi="Dikirim tetangga sebagai kado pernikahan.",
        )
        for step in (services.declaration_register, services.declaration_accept_complete):
            small = step(case=small, actor=officer)
        services.declaration_conclude_not_obligatory(
            case=small,
            actor=officer,
            rule=rules_in_force(small.tanggal_terima).get(category="upacara"),
            rekomendasi="Kado pernikahan di bawah batas nilai per pemberi; tidak ada benturan kepentingan.",
        )


def _demo_scan() -> SimpleUploadedFile:
    """A one-page PDF standing in for the scanned SK (demo data only)."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return SimpleUploadedFile("sk-demo.pdf", out.getvalue(), content_type="application/pdf")
