"""A data set across the four kinds, made through the kinds' own services at chosen local
moments (Asia/Jakarta), for the reports' tests.

It holds the boundaries the reports must get right:
- a complaint and a gift declaration received on the last day of semester 1 at 23:59
  local time (they belong to June and to semester 1, not to July);
- a complaint received on 1 July at 00:05 (July);
- a complaint received by telephone on 27 June and entered on 1 July (June: the day
  received counts, not the day typed);
- a complaint answered and then reopened by its complainant (in process again);
- a complaint moved to the WBS (closed as a complaint, and a new WBS report received the
  day it moved);
- *biasa* and *rahasia* complaints (only the first may be a public row);
- cases finished within their deadline and after it, and cases still open;
- a WBS report naming the Kepala Dinas (routed to the Inspektorat);
- a conflict case whose official is the Kepala Dinas' subordinate, decided late.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja, User
from benturan import services as benturan_services
from benturan.choices import Jenis, JenisHal, JenisPengendalian, Sumber
from gratifikasi import services as gratifikasi_services
from gratifikasi.choices import JenisLaporan, JenisTindakLanjut, StatusKpk
from gratifikasi.exemptions import rules_in_force
from gratifikasi.tests.conftest import declaration_values
from pengaduan import services as pengaduan_services
from pengaduan import services_wbs
from pengaduan.choices import ArchiveReason, Channel
from pengaduan.models import KategoriLayanan
from wbs import services as wbs_services
from wbs.choices import Kategori, Pemeriksa, Temuan
from wbs.reported import TerlaporInput
from wbs.tests.conftest import complete_report

YEAR = 2025


def local(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


class Clock:
    """Sets "now" (timezone.now, and so localdate) for the services."""

    def __init__(self, monkeypatch):
        self._monkeypatch = monkeypatch

    def at(self, moment: datetime.datetime) -> None:
        self._monkeypatch.setattr(timezone, "now", lambda: moment)

    def on(self, day: datetime.date, hour: int = 10, minute: int = 0) -> None:
        self.at(local(day, hour, minute))


@dataclass
class People:
    units: dict
    pengaduan: User
    unit_member: User
    wbs: User
    upg: User
    declarant: User
    tim: User
    tpi: User
    pimpinan: User
    inspektorat: User
    pegawai: User
    unit_tindak_lanjut: User
    admin_sistem: User
    benturan_pegawai: User
    benturan_colleague: User
    kasi: User


def _user(username: str, full_name: str, *role_names: str, **extra) -> User:
    user = User.objects.create_user(
        username=username,
        email=f"{username}@example.test",
        full_name=full_name,
        password="Sandi-yang-kuat-123",
        **extra,
    )
    for name in role_names:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def make_people() -> People:
    dinas = UnitKerja.objects.create(code="dinas", name="Dinas Dukcapil", level=UnitKerja.Level.DINAS)
    bidang = UnitKerja.objects.create(
        code="dafduk", name="Bidang Pendaftaran Penduduk", level=UnitKerja.Level.BIDANG, parent=dinas
    )
    identitas = UnitKerja.objects.create(
        code="identitas", name="Seksi Identitas Penduduk", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    pindah = UnitKerja.objects.create(
        code="pindah", name="Seksi Pindah Datang", level=UnitKerja.Level.SEKSI, parent=bidang
    )
    pimpinan = _user("kadis", "Suharto Wibowo", roles.PIMPINAN, roles.PEGAWAI, unit=dinas, jabatan="Kepala Dinas")
    dinas.head = pimpinan
    dinas.save(update_fields=["head"])
    kabid = _user("kabid", "Bambang Hartono", roles.PEGAWAI, unit=bidang, jabatan="Kepala Bidang")
    bidang.head = kabid
    bidang.save(update_fields=["head"])
    kasi = _user("kasi", "Hendra Gunawan", roles.PEGAWAI, unit=identitas, jabatan="Kepala Seksi")
    identitas.head = kasi
    identitas.save(update_fields=["head"])
    return People(
        units={"dinas": dinas, "bidang": bidang, "identitas": identitas, "pindah": pindah},
        pengaduan=_user("pengaduan", "Sri Handayani", roles.PENGELOLA_PENGADUAN, unit=dinas),
        unit_member=_user("tl", "Joko Susilo", roles.UNIT_TINDAK_LANJUT, unit=identitas),
        wbs=_user("wbs", "Agus Salim", roles.PENGELOLA_WBS, unit=dinas),
        upg=_user("upg", "Dewi Lestari", roles.PETUGAS_UPG, roles.PEGAWAI, unit=dinas),
        declarant=_user(
            "declarant",
            "Rina Marlina",
            roles.PEGAWAI,
            nip="199507302019031005",
            jabatan="Pengadministrasi Kependudukan",
            unit=identitas,
            nik="3201014507950001",
            phone="0812 3456 7890",
            address="Jl. Merdeka No. 10, Bandung",
        ),
        tim=_user("tim", "Lestari Ningsih", roles.TIM_BENTURAN, roles.PEGAWAI, unit=dinas, jabatan="Analis"),
        tpi=_user("tpi", "Nur Aini", roles.TIM_PENILAI, roles.PEGAWAI, unit=dinas),
        pimpinan=pimpinan,
        inspektorat=_user("inspektorat", "Yusuf Hidayat", roles.INSPEKTORAT),
        pegawai=_user("pegawai", "Budi Santoso", roles.PEGAWAI, unit=pindah),
        unit_tindak_lanjut=_user("tl2", "Ani Rahayu", roles.UNIT_TINDAK_LANJUT, unit=pindah),
        admin_sistem=_user("adminsistem", "Fajar Nugroho", roles.ADMIN_SISTEM),
        benturan_pegawai=_user("bpegawai", "Wulan Sari", roles.PEGAWAI, unit=identitas, jabatan="Operator"),
        benturan_colleague=_user("bkolega", "Dedi Kurniawan", roles.PEGAWAI, unit=identitas, jabatan="Verifikator"),
        kasi=kasi,
    )


@dataclass
class Dataset:
    people: People
    cases: dict = field(default_factory=dict)


def _d(month: int, day: int) -> datetime.date:
    return datetime.date(YEAR, month, day)


def _complaint(clock: Clock, people: People, key: str, moment, *, biasa=False, kategori="ktp-el", **extra):
    clock.at(moment)
    case, _code = pengaduan_services.pengaduan_create(
        title=f"Pengaduan {key}",
        isi=f"Isi pengaduan {key} yang tidak boleh tampil di laporan publik.",
        kategori=KategoriLayanan.objects.get(slug=kategori),
        confidentiality="biasa" if biasa else None,
        **extra,
    )
    return case


def _complaint_to_answer(clock: Clock, people: People, case, *, days: list[datetime.date]):
    """verify, disposition, follow-up and answer on the given days (one each)."""
    clock.on(days[0])
    case = pengaduan_services.pengaduan_verify(case=case, actor=people.pengaduan)
    clock.on(days[1])
    case = pengaduan_services.pengaduan_route_to_unit(case=case, actor=people.pengaduan, unit=people.units["identitas"])
    clock.on(days[2])
    case = pengaduan_services.pengaduan_record_follow_up(
        case=case, actor=people.unit_member, summary="Petugas perekaman ditambah satu orang di loket KTP-el."
    )
    clock.on(days[3])
    return pengaduan_services.pengaduan_answer(
        case=case, actor=people.pengaduan, answer="Yth. Bapak Ahmad, mulai Senin petugas perekaman menjadi dua."
    )


def _complaints(clock: Clock, people: People, cases: dict) -> None:
    # Finished quickly: selesai within every deadline.
    p1 = _complaint(clock, people, "p1", local(_d(5, 5)), biasa=True)
    p1 = _complaint_to_answer(clock, people, p1, days=[_d(5, 5), _d(5, 6), _d(5, 7), _d(5, 8)])
    clock.on(_d(5, 9))
    cases["p1"] = pengaduan_services.pengaduan_close(case=p1, actor=people.pengaduan)
    # Rahasia, verified weeks late: finished after its deadline.
    p2 = _complaint(clock, people, "p2", local(_d(5, 6)), kategori="kk")
    clock.on(_d(6, 20))
    cases["p2"] = pengaduan_services.pengaduan_forward(case=p2, actor=people.pengaduan, forwarded_to="Ombudsman RI")
    # Archived as spam the same day.
    p3 = _complaint(clock, people, "p3", local(_d(5, 7)), biasa=True, kategori="kk")
    cases["p3"] = pengaduan_services.pengaduan_archive(case=p3, actor=people.pengaduan, reason=ArchiveReason.SPAM)
    # Answered, then reopened by the complainant: in process again.
    p4 = _complaint(clock, people, "p4", local(_d(5, 8)), biasa=True)
    p4 = _complaint_to_answer(clock, people, p4, days=[_d(5, 8), _d(5, 9), _d(5, 12), _d(5, 13)])
    clock.on(_d(5, 14))
    cases["p4"] = pengaduan_services.pengaduan_rate(case=p4, rating=1, comment="Belum selesai.", reopen=True)
    # Moved to the WBS with the complainant's consent on 12 May.
    p5 = _complaint(clock, people, "p5", local(_d(5, 9)), biasa=True)
    p5 = services_wbs.pengaduan_propose_wbs(
        case=p5, actor=people.pengaduan, explanation="Menyangkut perilaku pegawai; WBS lebih melindungi Anda."
    )
    clock.on(_d(5, 12))
    p5, moved, _code = services_wbs.pengaduan_move_to_wbs(case=p5)
    cases["p5"], cases["w_moved"] = p5, moved
    # The last minute of semester 1, local time.
    cases["p6"] = _complaint(clock, people, "p6", local(_d(6, 30), 23, 59), biasa=True, kategori="akta-kelahiran")
    # The first minutes of semester 2.
    cases["p7"] = _complaint(clock, people, "p7", local(_d(7, 1), 0, 5), biasa=True)
    # Received by telephone on 27 June, entered on 1 July.
    clock.on(_d(7, 1), 9)
    case, _code = pengaduan_services.pengaduan_create(
        actor=people.pengaduan,
        channel=Channel.TELEPON,
        title="Pengaduan p8",
        isi="Disampaikan lewat telepon.",
        kategori=KategoriLayanan.objects.get(slug="kk"),
        received_on=_d(6, 27),
        late_entry_reason="Petugas penerima telepon cuti; dicatat saat kembali.",
    )
    cases["p8"] = case
    # Rahasia and still open in June.
    cases["p9"] = _complaint(clock, people, "p9", local(_d(6, 2)), kategori="kk")


def _wbs(clock: Clock, people: People, cases: dict) -> None:
    clock.on(_d(5, 20))
    w1, _code = wbs_services.wbs_create(**complete_report(title="Pungli loket 3"))
    clock.on(_d(5, 21))
    w1 = wbs_services.wbs_verify(case=w1, actor=people.wbs)
    clock.on(_d(5, 26))
    w1 = wbs_services.wbs_examine(
        case=w1, actor=people.wbs, hasil_telaah="Cukup bukti untuk diperiksa.", pemeriksa=Pemeriksa.TIM_INTERNAL
    )
    clock.on(_d(6, 16))
    cases["w1"] = wbs_services.wbs_conclude(
        case=w1, actor=people.wbs, temuan=Temuan.TERBUKTI, rekomendasi="Hukuman disiplin sedang; loket diawasi CCTV."
    )
    clock.on(_d(6, 10))
    cases["w2"], _code = wbs_services.wbs_create(
        **complete_report(title="Penyalahgunaan wewenang", kategori=Kategori.PENYALAHGUNAAN_WEWENANG)
    )
    # Naming the Kepala Dinas: handled by the Inspektorat.
    clock.on(_d(6, 12))
    cases["w3"], _code = wbs_services.wbs_create(
        **complete_report(
            title="Laporan tentang pimpinan",
            terlapor=[TerlaporInput(nama=people.pimpinan.full_name, jabatan="Kepala Dinas")],
        )
    )


def _gratifikasi(clock: Clock, people: People, cases: dict) -> None:
    def declare(key, day, hour=10, minute=0, **overrides):
        clock.at(local(day, hour, minute))
        data = declaration_values(people.declarant, tanggal_terima=day - datetime.timedelta(days=1), **overrides)
        return gratifikasi_services.declaration_submit(declarant=people.declarant, data=data, photos=[])

    g1 = declare("g1", _d(5, 14))
    g1 = gratifikasi_services.declaration_register(case=g1, actor=people.upg)
    g1 = gratifikasi_services.declaration_accept_complete(case=g1, actor=people.upg)
    clock.on(_d(5, 16))
    g1 = gratifikasi_services.declaration_forward_to_kpk(
        case=g1, actor=people.upg, rekomendasi="Diteruskan.", kpk_nomor="GOL-2025-0001", kpk_tanggal=_d(5, 16)
    )
    from casework.tests.samples import pdf_with_metadata, upload

    clock.on(_d(6, 2))
    g1 = gratifikasi_services.declaration_record_sk(
        case=g1,
        actor=people.upg,
        sk_status=StatusKpk.MILIK_NEGARA,
        sk_nomor="SK-1/GTF/2025",
        sk_tanggal=_d(6, 2),
        sk_scan=upload(pdf_with_metadata(), "sk.pdf", "application/pdf"),
    )
    clock.on(_d(6, 4))
    cases["g1"] = gratifikasi_services.declaration_record_follow_up(
        case=g1, actor=people.upg, jenis=JenisTindakLanjut.PENYERAHAN, tanggal=_d(6, 4), nomor="BAST/UPG/2025/001"
    )
    cases["g2"] = declare("g2", _d(6, 3), jenis_laporan=JenisLaporan.PENOLAKAN, nilai=Decimal(500_000))
    g3 = declare("g3", _d(6, 16), nilai=Decimal(1_000_000))
    g3 = gratifikasi_services.declaration_register(case=g3, actor=people.upg)
    g3 = gratifikasi_services.declaration_accept_complete(case=g3, actor=people.upg)
    cases["g3"] = gratifikasi_services.declaration_conclude_not_obligatory(
        case=g3,
        actor=people.upg,
        rule=rules_in_force(g3.tanggal_terima).get(category="upacara"),
        rekomendasi="Nilai di bawah batas pemberian pernikahan.",
        despite_advice=True,
    )
    # The last minute of semester 1.
    cases["g4"] = declare("g4", _d(6, 30), 23, 59, nilai=Decimal(750_000))
    cases["g5"] = declare("g5", _d(7, 2))


def _benturan(clock: Clock, people: People, cases: dict) -> None:
    def data(**overrides):
        values = {
            "jenis": Jenis.POTENSIAL,
            "sumber": Sumber.AFILIASI_KELUARGA,
            "hal_jenis": JenisHal.PENGADAAN,
            "hal": "Penetapan pemenang pengadaan blangko KTP-el",
            "rujukan_kasus": "",
            "kepentingan": "Sepupu saya direktur salah satu peserta pengadaan.",
            "pihak_lain": "CV Sinar Cetak",
        }
        values.update(overrides)
        return values

    clock.on(_d(5, 21))
    b1 = benturan_services.benturan_declare(declarant=people.benturan_pegawai, data=data())
    b1 = benturan_services.benturan_start_analysis(case=b1, actor=b1.atasan)
    clock.on(_d(5, 23))
    b1 = benturan_services.benturan_decide_control(
        case=b1,
        actor=b1.atasan,
        controls=[JenisPengendalian.RECUSAL, JenisPengendalian.PENGALIHAN_TUGAS],
        hal="Evaluasi dan penetapan pemenang pengadaan blangko KTP-el",
        alasan="Hubungan keluarga dengan peserta.",
        pengganti=people.benturan_colleague,
    )
    clock.on(_d(5, 26))
    b1 = benturan_services.benturan_record_implementation(
        case=b1, actor=b1.atasan, bukti="Surat tugas pengganti Nomor 800/12/2025.", tanggal=_d(5, 26)
    )
    clock.on(_d(6, 5))
    cases["b1"] = benturan_services.benturan_close_monitoring(
        case=b1, actor=b1.atasan, hasil="Penetapan pemenang dilakukan tanpa keikutsertaan pejabat."
    )
    clock.on(_d(6, 11))
    b2 = benturan_services.benturan_report(
        reporter=people.benturan_colleague,
        pejabat=people.benturan_pegawai,
        data=data(sumber=Sumber.KEWENANGAN, kepentingan="Pejabat menilai penawaran adiknya."),
    )
    b2 = benturan_services.benturan_start_analysis(case=b2, actor=b2.atasan)
    clock.on(_d(7, 2))
    cases["b3"] = benturan_services.benturan_declare(
        declarant=people.benturan_pegawai, data=data(sumber=Sumber.RANGKAP_JABATAN)
    )
    # Decided weeks after the superior's 7 working days.
    clock.on(_d(7, 15))
    cases["b2"] = benturan_services.benturan_decide_no_conflict(
        case=b2, actor=b2.atasan, alasan="Peserta tidak memiliki hubungan dengan pejabat."
    )


def build(monkeypatch) -> Dataset:
    """The whole data set; "now" is left at 31 July (afternoon) afterwards."""
    clock = Clock(monkeypatch)
    clock.on(_d(4, 30))
    people = make_people()
    dataset = Dataset(people=people)
    _complaints(clock, people, dataset.cases)
    _wbs(clock, people, dataset.cases)
    _gratifikasi(clock, people, dataset.cases)
    _benturan(clock, people, dataset.cases)
    clock.on(_d(7, 31), 15)
    return dataset


def add_more(monkeypatch, people: People, n: int) -> None:
    """`n` more cases of each kind in June (complaints answered or open, published or not;
    WBS reports; gift declarations; conflicts declared), for counting queries at a second
    size of data."""
    clock = Clock(monkeypatch)
    for index in range(n):
        day = _d(6, 2 + index % 20)
        case = _complaint(clock, people, f"extra{index}", local(day), biasa=index % 2 == 0, kategori="kia")
        if index % 3 == 0:
            _complaint_to_answer(clock, people, case, days=[day, day, day, day])
        clock.on(day)
        wbs_services.wbs_create(**complete_report(title=f"Laporan tambahan {index}"))
        data = declaration_values(people.declarant, tanggal_terima=day - datetime.timedelta(days=1))
        gratifikasi_services.declaration_submit(declarant=people.declarant, data=data, photos=[])
        benturan_services.benturan_declare(
            declarant=people.benturan_pegawai,
            data={
                "jenis": Jenis.AKTUAL,
                "sumber": Sumber.KEPENTINGAN_PRIBADI,
                "hal_jenis": JenisHal.KEGIATAN,
                "hal": f"Kegiatan tambahan {index}",
                "rujukan_kasus": "",
                "kepentingan": "Kepentingan pribadi.",
                "pihak_lain": "",
            },
        )
    clock.on(_d(7, 31), 15)
