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

#: Roles whose holders read case content of other people: each kind's access policy gives
#: them cases (pengaduan/policy.py, wbs/policy.py, gratifikasi/policy.py; the Tim Benturan
#: for conflict-of-interest cases). Granting one of these takes effect only when a second
#: person approves it (accounts.access_requests). Pegawai reads only their own
#: declarations and Admin Sistem reads nothing, so those two are granted at once.
#: tests/test_reading_roles.py checks this list against the policies.
CASE_READING_ROLES = (
    PENGELOLA_PENGADUAN,
    PENGELOLA_WBS,
    PETUGAS_UPG,
    TIM_BENTURAN,
    UNIT_TINDAK_LANJUT,
    PIMPINAN,
    INSPEKTORAT,
    TIM_PENILAI,
)

#: Who may approve a request (a reading role, or a second-factor reset): the Kepala Dinas
#: or the Inspektorat, never Admin Sistem. The Inspektorat handles WBS reports on the
#: unit's leadership, so only the Inspektorat chooses who joins it: a Pimpinan must not
#: place a reader among those who examine the Pimpinan.
APPROVER_ROLES = (PIMPINAN, INSPEKTORAT)
_APPROVERS_OF = {INSPEKTORAT: (INSPEKTORAT,)}


def is_case_reading(role: str) -> bool:
    return role in CASE_READING_ROLES


def approver_roles_for(role: str) -> tuple[str, ...]:
    """The roles one of which a person must hold to approve granting `role`."""
    return _APPROVERS_OF.get(role, APPROVER_ROLES)
