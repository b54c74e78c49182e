"""Staff roles (domain.md §2), kept as named groups.

The group names are data that administrators see in the admin; code refers to roles only
through these constants so a rename happens in one place.
"""

from django.utils.translation import gettext_lazy as _

PEGAWAI = "Pegawai"
PENGELOLA_PENGADUAN = "Pengelola Pengaduan"
PENGELOLA_WBS = "Pengelola WBS"
PETUGAS_UPG = "Petugas UPG"
TIM_BENTURAN = "Tim Benturan Kepentingan"
UNIT_TINDAK_LANJUT = "Unit Tindak Lanjut"
PIMPINAN = "Pimpinan"
INSPEKTORAT = "Inspektorat"
TIM_PENILAI = "Tim ZI / TPI"
ADMIN_SISTEM = "Admin Sistem"

ALL_ROLES = [
    (PEGAWAI, _("Pegawai: melaporkan gratifikasi dan benturan kepentingan")),
    (PENGELOLA_PENGADUAN, _("Pengelola Pengaduan: menangani pengaduan masyarakat")),
    (PENGELOLA_WBS, _("Pengelola WBS: satu-satunya peran staf yang membaca laporan WBS")),
    (PETUGAS_UPG, _("Petugas UPG: menangani laporan gratifikasi")),
    (TIM_BENTURAN, _("Atasan / Tim Benturan Kepentingan: menilai dan mengendalikan konflik")),
    (UNIT_TINDAK_LANJUT, _("Unit tindak lanjut: mengerjakan dan mencatat tindak lanjut disposisi")),
    (PIMPINAN, _("Pimpinan (Kepala Dinas): mengawasi dan menandatangani laporan")),
    (INSPEKTORAT, _("Inspektorat: menangani laporan terhadap pimpinan unit")),
    (TIM_PENILAI, _("Tim ZI / TPI: membaca laporan, monev, rekomendasi")),
    (ADMIN_SISTEM, _("Admin sistem: konfigurasi, pengguna, unit; tidak membaca isi kasus")),
]
ROLE_NAMES = [name for name, _label in ALL_ROLES]
