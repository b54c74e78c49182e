"""Demo data: a Dinas Kependudukan dan Pencatatan Sipil, one account per role, demo cases.

Safe to run again: units and users are found by their code and username and brought back
to the demo values (passwords included), so nothing is duplicated. A user's TOTP secret is
kept once made, so an authenticator app set up from an earlier run keeps working.

Each case app may add demo cases with a module `<app>/demo.py` defining

    def create_demo_cases(*, users: dict[str, User], units: dict[str, UnitKerja]) -> None

where `users` maps every role name in accounts.roles.ROLE_NAMES to its demo user and
`units` maps unit codes (see UNITS) to units. It is called on every run, so it must be
idempotent too.
"""

from __future__ import annotations

import argparse
import io
from dataclasses import dataclass
from importlib import import_module

import qrcode
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import roles
from accounts.models import UnitKerja, UnitProfile
from accounts.services import TOTP_DEVICE_NAME, confirmed_totp_device

# The kinds' demo cases first, then the reports' records (monev, work plan) that read them.
CASE_APPS = ("pengaduan", "wbs", "gratifikasi", "benturan", "reports")
EMAIL_DOMAIN = "disdukcapil.example"


@dataclass(frozen=True)
class DemoUnit:
    code: str
    name: str
    level: str
    parent: str | None
    head: str  # username of the head


@dataclass(frozen=True)
class DemoUser:
    username: str
    nip: str
    full_name: str
    jabatan: str
    unit: str | None
    roles: tuple[str, ...]
    password: str
    # The account shown for a role in the demo logins table (one per role).
    represents: str | None = None


_DINAS, _BIDANG, _SEKSI = UnitKerja.Level.DINAS, UnitKerja.Level.BIDANG, UnitKerja.Level.SEKSI
UNITS = [
    DemoUnit("disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil", _DINAS, None, "pimpinan"),
    DemoUnit("bidang-dafduk", "Bidang Pelayanan Pendaftaran Penduduk", _BIDANG, "disdukcapil", "benturan"),
    DemoUnit("seksi-identitas", "Seksi Identitas Penduduk", _SEKSI, "bidang-dafduk", "tindaklanjut"),
    DemoUnit(
        "seksi-pindah-datang",
        "Seksi Pindah Datang dan Pendataan Penduduk",
        _SEKSI,
        "bidang-dafduk",
        "kasi.pindahdatang",
    ),
    DemoUnit("bidang-capil", "Bidang Pelayanan Pencatatan Sipil", _BIDANG, "disdukcapil", "kabid.capil"),
    DemoUnit("seksi-kelahiran", "Seksi Kelahiran dan Kematian", _SEKSI, "bidang-capil", "kasi.kelahiran"),
    DemoUnit(
        "seksi-perkawinan",
        "Seksi Perkawinan, Perceraian, dan Pengangkatan Anak",
        _SEKSI,
        "bidang-capil",
        "kasi.perkawinan",
    ),
    DemoUnit(
        "bidang-piak",
        "Bidang Pengelolaan Informasi Administrasi Kependudukan",
        _BIDANG,
        "disdukcapil",
        "kabid.piak",
    ),
    DemoUnit("seksi-siak", "Seksi Sistem Informasi Administrasi Kependudukan", _SEKSI, "bidang-piak", "kasi.siak"),
    DemoUnit("seksi-data", "Seksi Pengolahan dan Penyajian Data Kependudukan", _SEKSI, "bidang-piak", "kasi.data"),
]

_UTL = roles.UNIT_TINDAK_LANJUT
USERS = [
    # One account per role, in the order of accounts.roles.ALL_ROLES.
    DemoUser(
        "pegawai",
        "199507302019031005",
        "Rina Marlina",
        "Pengadministrasi Kependudukan",
        "seksi-identitas",
        (roles.PEGAWAI,),
        "Rumah-Kaca-2026",
        roles.PEGAWAI,
    ),
    DemoUser(
        "pengaduan",
        "198602142010012001",
        "Sri Wahyuni",
        "Pengelola Pengaduan",
        "disdukcapil",
        (roles.PEGAWAI, roles.PENGELOLA_PENGADUAN),
        "Meja-Layanan-2026",
        roles.PENGELOLA_PENGADUAN,
    ),
    DemoUser(
        "wbs",
        "198411032009011003",
        "Agus Salim",
        "Pengelola WBS",
        "disdukcapil",
        (roles.PEGAWAI, roles.PENGELOLA_WBS),
        "Pintu-Rahasia-2026",
        roles.PENGELOLA_WBS,
    ),
    DemoUser(
        "upg",
        "199001252014022001",
        "Dewi Lestari",
        "Petugas Unit Pengendalian Gratifikasi",
        "disdukcapil",
        (roles.PEGAWAI, roles.PETUGAS_UPG),
        "Kotak-Hadiah-2026",
        roles.PETUGAS_UPG,
    ),
    DemoUser(
        "benturan",
        "197808172003121004",
        "Bambang Hartono",
        "Kepala Bidang Pelayanan Pendaftaran Penduduk",
        "bidang-dafduk",
        (roles.PEGAWAI, roles.TIM_BENTURAN),
        "Timbang-Rasa-2026",
        roles.TIM_BENTURAN,
    ),
    DemoUser(
        "tindaklanjut",
        "198207092006041002",
        "Hendra Gunawan",
        "Kepala Seksi Identitas Penduduk",
        "seksi-identitas",
        (roles.PEGAWAI, _UTL),
        "Kerja-Nyata-2026",
        _UTL,
    ),
    DemoUser(
        "pimpinan",
        "197305121998031002",
        "Drs. Suharto Wibowo, M.Si.",
        "Kepala Dinas",
        "disdukcapil",
        (roles.PEGAWAI, roles.PIMPINAN),
        "Tanda-Tangan-2026",
        roles.PIMPINAN,
    ),
    DemoUser(
        "inspektorat",
        "197912202005011001",
        "Yusuf Hidayat",
        "Auditor, Inspektorat Daerah",
        None,
        (roles.INSPEKTORAT,),
        "Kaca-Pembesar-2026",
        roles.INSPEKTORAT,
    ),
    DemoUser(
        "tpi",
        "198803152011012002",
        "Nur Aisyah",
        "Anggota Tim Penilai Internal",
        "disdukcapil",
        (roles.PEGAWAI, roles.TIM_PENILAI),
        "Lembar-Kerja-2026",
        roles.TIM_PENILAI,
    ),
    DemoUser(
        "admin",
        "199210082017031001",
        "Fajar Nugroho",
        "Pranata Komputer",
        "seksi-siak",
        (roles.ADMIN_SISTEM,),
        "Ruang-Server-2026",
        roles.ADMIN_SISTEM,
    ),
    # Heads of the other units.
    DemoUser(
        "kabid.capil",
        "197706232002122001",
        "Siti Rahmawati",
        "Kepala Bidang Pelayanan Pencatatan Sipil",
        "bidang-capil",
        (roles.PEGAWAI,),
        "Buku-Induk-2026",
    ),
    DemoUser(
        "kabid.piak",
        "198003112005011006",
        "Joko Santoso",
        "Kepala Bidang Pengelolaan Informasi Adminduk",
        "bidang-piak",
        (roles.PEGAWAI,),
        "Pusat-Data-2026",
    ),
    DemoUser(
        "kasi.pindahdatang",
        "198509272010011004",
        "Andi Saputra",
        "Kepala Seksi Pindah Datang",
        "seksi-pindah-datang",
        (roles.PEGAWAI, _UTL),
        "Jalan-Pulang-2026",
    ),
    DemoUser(
        "kasi.kelahiran",
        "198712042012022003",
        "Maya Sari",
        "Kepala Seksi Kelahiran dan Kematian",
        "seksi-kelahiran",
        (roles.PEGAWAI, _UTL),
        "Akta-Lahir-2026",
    ),
    DemoUser(
        "kasi.perkawinan",
        "198901182014031002",
        "Rudi Hermawan",
        "Kepala Seksi Perkawinan dan Perceraian",
        "seksi-perkawinan",
        (roles.PEGAWAI, _UTL),
        "Cincin-Emas-2026",
    ),
    DemoUser(
        "kasi.siak",
        "199104262015031003",
        "Eko Prasetyo",
        "Kepala Seksi SIAK",
        "seksi-siak",
        (roles.PEGAWAI, _UTL),
        "Jaringan-Kabel-2026",
    ),
    DemoUser(
        "kasi.data",
        "199302142018012002",
        "Putri Anggraini",
        "Kepala Seksi Pengolahan dan Penyajian Data",
        "seksi-data",
        (roles.PEGAWAI, _UTL),
        "Grafik-Batang-2026",
    ),
]


def demo_email(username: str) -> str:
    return f"{username.replace('.', '-')}@{EMAIL_DOMAIN}"


class Command(BaseCommand):
    help = "Create or refresh the demo unit tree, one account per role with TOTP, and demo cases."

    def add_arguments(self, parser):
        parser.add_argument(
            "--qr",
            nargs="*",
            metavar="NIP",
            help="Also draw the TOTP QR code in the terminal: of the accounts named by NIP, or of every account.",
        )
        # Kept so older scripts still run: links without QR codes are the default now.
        parser.add_argument("--no-qr", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, qr=None, no_qr=False, **options):
        if settings.SIGAP_ENV == "production":
            raise CommandError("seed_demo creates accounts with published passwords; it never runs in production.")
        with transaction.atomic():
            units = self._units()
            self._profile(units["disdukcapil"])
            users, accounts = self._users(units)
            for spec in UNITS:
                unit = units[spec.code]
                head = accounts[spec.head]
                if unit.head_id != head.pk:
                    unit.head = head
                    unit.save(update_fields=["head"])
            devices = {username: self._device(user) for username, user in accounts.items()}
            created_by = self._demo_cases(users=users, units=units)
        self._report(accounts, devices, created_by, qr=None if no_qr else qr)

    def _units(self) -> dict[str, UnitKerja]:
        units: dict[str, UnitKerja] = {}
        for spec in UNITS:
            units[spec.code], _ = UnitKerja.objects.update_or_create(
                code=spec.code,
                defaults={
                    "name": spec.name,
                    "level": spec.level,
                    "parent": units[spec.parent] if spec.parent else None,
                    "is_active": True,
                },
            )
        return units

    def _profile(self, dinas: UnitKerja) -> None:
        """A believable letterhead and contacts for the demo's Dinas (accounts.UnitProfile)."""
        UnitProfile.objects.update_or_create(
            unit=dinas,
            defaults={
                "official_name": "Dinas Kependudukan dan Pencatatan Sipil",
                "parent_agency": "Pemerintah Kabupaten Sukamaju",
                "address": "Jl. Jenderal Sudirman No. 17, Sukamaju 57111",
                "city": "Sukamaju",
                "phone": "(0271) 555-0117",
                "email": "disdukcapil@sukamaju.go.id",
                "website": "https://disdukcapil.sukamaju.go.id",
                "office_hours": "Senin–Kamis 08.00–15.00, Jumat 08.00–11.00 WIB",
                "logo": _demo_logo(),
                "logo_type": "image/png",
            },
        )

    def _users(self, units):
        User = get_user_model()
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_NAMES}
        accounts, by_role = {}, {}
        for spec in USERS:
            is_admin = roles.ADMIN_SISTEM in spec.roles
            user, _ = User.objects.update_or_create(
                username=spec.username,
                defaults={
                    "nip": spec.nip,
                    "email": demo_email(spec.username),
                    "full_name": spec.full_name,
                    "jabatan": spec.jabatan,
                    "unit": units[spec.unit] if spec.unit else None,
                    "is_active": True,
                    "is_staff": is_admin,
                    "is_superuser": is_admin,
                },
            )
            try:
                validate_password(spec.password, user)
            except ValidationError as exc:
                raise CommandError(f"The demo password of {spec.username} fails validation: {exc}") from exc
            user.set_password(spec.password)
            user.save(update_fields=["password"])
            user.groups.set([groups[name] for name in spec.roles])
            accounts[spec.username] = user
            if spec.represents:
                by_role[spec.represents] = user
        missing = set(roles.ROLE_NAMES) - set(by_role)
        if missing:
            raise CommandError(f"No demo user for roles: {', '.join(sorted(missing))}")
        return by_role, accounts

    def _device(self, user) -> TOTPDevice:
        # An unconfirmed device is someone's enrolment in progress; it is left alone.
        device = confirmed_totp_device(user)
        return device or TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)

    def _demo_cases(self, *, users, units) -> list[str]:
        ran = []
        for app_label in CASE_APPS:
            if not apps.is_installed(app_label):
                continue
            module_name = f"{app_label}.demo"
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name == module_name:
                    continue  # this case app has no demo data (yet)
                raise
            module.create_demo_cases(users=users, units=units)
            ran.append(app_label)
        return ran

    def _report(self, accounts, devices, created_by, *, qr):
        """The TOTP links, then the logins, where the terminal shows them when the command
        ends; the QR codes only when asked, and after the logins (drawn before them, ten
        codes pushed the logins out of sight)."""
        out = self.stdout
        represented = [spec for spec in USERS if spec.represents]
        others = [spec for spec in USERS if not spec.represents]
        drawn = {spec.nip for spec in USERS} if qr == [] else set(qr or ())
        out.write("Second factor (TOTP) of each demo account: open its otpauth:// link on the phone,")
        out.write("or draw its QR code with seed_demo --qr <NIP> (or --qr for all), or run demo_totp.")
        for spec in represented:
            out.write(f"  {spec.represents} — {spec.nip}  {devices[spec.username].config_url}")
        out.write("Heads of the other units:")
        for spec in others:
            out.write(f"  {spec.nip}  {devices[spec.username].config_url}")
        out.write("")
        out.write("Demo logins (sign in with the NIP or the e-mail address, then the 6-digit code):")
        rows = [("Role", "NIP", "E-mail", "Password")]
        for spec in represented + others:
            role = spec.represents or f"Kepala unit ({spec.username})"
            rows.append((role, spec.nip, demo_email(spec.username), spec.password))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            out.write("  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
        out.write("A current code without a phone: manage.py demo_totp <nip-or-email>")
        out.write("")
        out.write(f"Demo cases from: {', '.join(created_by)}" if created_by else "No case app provides demo cases yet.")
        out.write(self.style.SUCCESS(f"Demo data ready: {len(UNITS)} units, {len(accounts)} accounts."))
        for spec in USERS:
            if spec.nip in drawn:
                out.write("")
                out.write(self.style.MIGRATE_HEADING(f"{spec.represents or spec.username} — {spec.nip}"))
                out.write(_ascii_qr(devices[spec.username].config_url))


def _ascii_qr(data: str) -> str:
    qr = qrcode.QRCode(border=2)
    qr.add_data(data)
    buffer = io.StringIO()
    qr.print_ascii(out=buffer, invert=True)
    return buffer.getvalue().rstrip("\n")


def _demo_logo() -> bytes:
    """A plain emblem for the demo letterhead: a shield-blue disc with the unit's initials."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (160, 160), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, 156, 156), fill=(11, 74, 130, 255), outline=(224, 138, 0, 255), width=8)
    draw.text((80, 80), "DUKCAPIL", fill="white", anchor="mm", font_size=22)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()
