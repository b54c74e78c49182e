"""The LKE "Penguatan Pengawasan" of PermenPANRB 90/2021 as data (domain.md §7).

Pemenuhan 7.5 (five sub-components of 1.5, split equally among their items) and Reform
7.5 (mekanisme pengendalian 2.5, penanganan pengaduan 3.0, LHKPN/LHKASN 2.0); option
scores Ya/Tidak 1/0, three options 1/0.5/0, four 1/0.67/0.33/0, five 1/0.75/0.5/0.25/0;
the area needs 60 % of its weight for WBK and 75 % for WBBM. The items' wording follows
the worksheet's questions in plain form; an administrator corrects it, or adds the
version of a later amendment, in the admin. Running it again changes nothing.
"""

from decimal import Decimal

from django.db import migrations

EFFECTIVE_FROM = "2022-01-01"

YA_TIDAK = [("a", "Ya", "1"), ("b", "Tidak", "0")]


def three(full, part, none):
    return [("a", full, "1"), ("b", part, "0.5"), ("c", none, "0")]


#: (code, name, [(sub code, sub name, [(item code, question, guidance, kind, weight, options)])])
WORKSHEET = [
    (
        "pemenuhan",
        "Pemenuhan",
        [
            (
                "gratifikasi",
                "Pengendalian gratifikasi",
                [
                    (
                        "gratifikasi.kampanye",
                        "Apakah telah dilakukan public campaign tentang pengendalian gratifikasi?",
                        "Ya, jika unit melakukan kampanye publik (spanduk, media sosial, sosialisasi) tentang "
                        "pengendalian gratifikasi. Data dukung: dokumentasi dan materi kampanye.",
                        "pilihan",
                        "0.75",
                        YA_TIDAK,
                    ),
                    (
                        "gratifikasi.implementasi",
                        "Apakah pengendalian gratifikasi telah diimplementasikan?",
                        "Ya, jika UPG telah ditetapkan dan laporan gratifikasi diterima serta ditangani. "
                        "Data dukung: SK UPG, rekap penanganan laporan gratifikasi.",
                        "pilihan",
                        "0.75",
                        YA_TIDAK,
                    ),
                ],
            ),
            (
                "spip",
                "Penerapan Sistem Pengendalian Intern Pemerintah (SPIP)",
                [
                    (
                        "spip.lingkungan",
                        "Apakah telah dibangun lingkungan pengendalian?",
                        "Kode etik, komitmen pimpinan, struktur organisasi, kebijakan SDM dan peran APIP. "
                        "Data dukung: SK, dokumen kebijakan.",
                        "pilihan",
                        "0.375",
                        three(
                            "Lingkungan pengendalian telah dibangun seluruhnya",
                            "Sebagian lingkungan pengendalian telah dibangun",
                            "Belum dibangun",
                        ),
                    ),
                    (
                        "spip.penilaian_risiko",
                        "Apakah telah dilakukan penilaian risiko atas pelaksanaan kebijakan?",
                        "Data dukung: register risiko, laporan penilaian risiko.",
                        "pilihan",
                        "0.375",
                        three(
                            "Penilaian risiko dilakukan atas seluruh kebijakan dan proses utama",
                            "Penilaian risiko dilakukan atas sebagian",
                            "Belum dilakukan",
                        ),
                    ),
                    (
                        "spip.kegiatan_pengendalian",
                        "Apakah telah dilakukan kegiatan pengendalian untuk meminimalisir risiko yang telah "
                        "diidentifikasi?",
                        "Data dukung: rencana tindak pengendalian dan laporan pelaksanaannya.",
                        "pilihan",
                        "0.375",
                        three(
                            "Seluruh risiko yang teridentifikasi telah dikendalikan",
                            "Sebagian risiko telah dikendalikan",
                            "Belum ada kegiatan pengendalian",
                        ),
                    ),
                    (
                        "spip.informasi_komunikasi",
                        "Apakah SPI telah diinformasikan dan dikomunikasikan kepada seluruh pihak terkait?",
                        "Data dukung: notula sosialisasi, daftar hadir, media informasi.",
                        "pilihan",
                        "0.375",
                        three(
                            "Telah dikomunikasikan kepada seluruh pihak terkait",
                            "Telah dikomunikasikan kepada sebagian pihak",
                            "Belum dikomunikasikan",
                        ),
                    ),
                ],
            ),
            (
                "pengaduan",
                "Pengaduan masyarakat",
                [
                    (
                        "pengaduan.kebijakan",
                        "Apakah kebijakan pengaduan masyarakat telah diimplementasikan?",
                        "Pengaduan diterima melalui saluran yang ditetapkan dan ditangani menurut prosedur dan "
                        "batas waktunya. Data dukung: SK/SOP pengaduan, daftar pengaduan dan penanganannya.",
                        "pilihan",
                        "0.375",
                        three(
                            "Kebijakan pengaduan masyarakat telah diimplementasikan seluruhnya",
                            "Diimplementasikan sebagian",
                            "Belum diimplementasikan",
                        ),
                    ),
                    (
                        "pengaduan.tindak_lanjut",
                        "Apakah pengaduan masyarakat telah ditindaklanjuti?",
                        "Ya, jika pengaduan yang diterima ditindaklanjuti sampai selesai. Data dukung: laporan "
                        "tindak lanjut pengaduan.",
                        "pilihan",
                        "0.375",
                        YA_TIDAK,
                    ),
                    (
                        "pengaduan.monev",
                        "Apakah telah dilakukan monitoring dan evaluasi atas penanganan pengaduan masyarakat secara "
                        "berkala?",
                        "Data dukung: laporan monitoring dan evaluasi, notula rapat monev.",
                        "pilihan",
                        "0.375",
                        three(
                            "Monitoring dan evaluasi dilakukan secara berkala",
                            "Dilakukan, tetapi tidak berkala",
                            "Belum dilakukan",
                        ),
                    ),
                    (
                        "pengaduan.evaluasi_tindak_lanjut",
                        "Apakah hasil evaluasi atas penanganan pengaduan masyarakat telah ditindaklanjuti?",
                        "Data dukung: tindak lanjut atas masukan perbaikan hasil monev.",
                        "pilihan",
                        "0.375",
                        three(
                            "Seluruh hasil evaluasi telah ditindaklanjuti",
                            "Sebagian telah ditindaklanjuti",
                            "Belum ditindaklanjuti",
                        ),
                    ),
                ],
            ),
            (
                "wbs",
                "Whistle-Blowing System",
                [
                    (
                        "wbs.penerapan",
                        "Apakah Whistle-Blowing System telah diterapkan?",
                        "Ya, jika saluran WBS tersedia, dikenal pegawai, dan laporan ditangani dengan "
                        "perlindungan pelapor. Data dukung: SK/SOP WBS, saluran pelaporan, rekap laporan.",
                        "pilihan",
                        "0.5",
                        YA_TIDAK,
                    ),
                    (
                        "wbs.evaluasi",
                        "Apakah telah dilakukan evaluasi atas penerapan Whistle-Blowing System?",
                        "Data dukung: laporan evaluasi penerapan WBS.",
                        "pilihan",
                        "0.5",
                        three("Evaluasi dilakukan secara berkala", "Dilakukan, tetapi tidak berkala", "Belum dilakukan"),
                    ),
                    (
                        "wbs.evaluasi_tindak_lanjut",
                        "Apakah hasil evaluasi atas penerapan Whistle-Blowing System telah ditindaklanjuti?",
                        "Data dukung: tindak lanjut atas hasil evaluasi WBS.",
                        "pilihan",
                        "0.5",
                        three(
                            "Seluruh hasil evaluasi telah ditindaklanjuti",
                            "Sebagian telah ditindaklanjuti",
                            "Belum ditindaklanjuti",
                        ),
                    ),
                ],
            ),
            (
                "benturan",
                "Penanganan benturan kepentingan",
                [
                    (
                        "benturan.pemetaan",
                        "Apakah telah terdapat identifikasi/pemetaan benturan kepentingan dalam tugas fungsi utama?",
                        "Data dukung: peta risiko (pemetaan potensi) benturan kepentingan per unit kerja.",
                        "pilihan",
                        "0.3",
                        [
                            ("a", "Seluruh unit kerja telah dipetakan", "1"),
                            ("b", "Sebagian besar (sedikitnya separuh) unit kerja telah dipetakan", "0.67"),
                            ("c", "Sebagian kecil (kurang dari separuh) unit kerja telah dipetakan", "0.33"),
                            ("d", "Belum ada pemetaan", "0"),
                        ],
                    ),
                    (
                        "benturan.sosialisasi",
                        "Apakah penanganan benturan kepentingan telah disosialisasikan/diinternalisasi?",
                        "Data dukung: sosialisasi, deklarasi tahunan pegawai tentang benturan kepentingan.",
                        "pilihan",
                        "0.3",
                        three(
                            "Telah disosialisasikan kepada seluruh pegawai",
                            "Telah disosialisasikan kepada sebagian pegawai",
                            "Belum disosialisasikan",
                        ),
                    ),
                    (
                        "benturan.implementasi",
                        "Apakah penanganan benturan kepentingan telah diimplementasikan?",
                        "Benturan kepentingan yang dinyatakan atau dilaporkan diputuskan atasan beserta "
                        "pengendaliannya. Data dukung: matrik implementasi, keputusan pengendalian.",
                        "pilihan",
                        "0.3",
                        three(
                            "Seluruh benturan kepentingan yang teridentifikasi telah ditangani",
                            "Sebagian telah ditangani",
                            "Belum ditangani",
                        ),
                    ),
                    (
                        "benturan.evaluasi",
                        "Apakah telah dilakukan evaluasi atas penanganan benturan kepentingan?",
                        "Data dukung: tinjauan berkala peta risiko dan laporan evaluasi.",
                        "pilihan",
                        "0.3",
                        three(
                            "Evaluasi dilakukan atas seluruh pemetaan",
                            "Evaluasi dilakukan atas sebagian",
                            "Belum dilakukan",
                        ),
                    ),
                    (
                        "benturan.evaluasi_tindak_lanjut",
                        "Apakah hasil evaluasi atas penanganan benturan kepentingan telah ditindaklanjuti?",
                        "Data dukung: pengendalian yang ditetapkan atas risiko hasil pemetaan dan evaluasi.",
                        "pilihan",
                        "0.3",
                        three(
                            "Seluruh hasil evaluasi telah ditindaklanjuti",
                            "Sebagian telah ditindaklanjuti",
                            "Belum ditindaklanjuti",
                        ),
                    ),
                ],
            ),
        ],
    ),
    (
        "reform",
        "Reform",
        [
            (
                "mekanisme_pengendalian",
                "Mekanisme pengendalian",
                [
                    (
                        "reform.mekanisme_pengendalian",
                        "Apakah mekanisme pengendalian aktivitas utama unit kerja yang berisiko telah berjalan efektif?",
                        "Risiko aktivitas utama dipetakan, dikendalikan, dipantau, dan dievaluasi. Data dukung: "
                        "peta risiko, laporan pemantauan pengendalian.",
                        "pilihan",
                        "2.5",
                        [
                            ("a", "Seluruh aktivitas utama telah dikendalikan, dipantau, dan dievaluasi", "1"),
                            ("b", "Sebagian besar aktivitas utama (sedikitnya tiga perempat)", "0.75"),
                            ("c", "Separuh sampai kurang dari tiga perempat aktivitas utama", "0.5"),
                            ("d", "Kurang dari separuh aktivitas utama", "0.25"),
                            ("e", "Belum ada mekanisme pengendalian", "0"),
                        ],
                    ),
                ],
            ),
            (
                "penanganan_pengaduan",
                "Penanganan pengaduan masyarakat",
                [
                    (
                        "reform.penanganan_pengaduan",
                        "Persentase penanganan pengaduan masyarakat: jumlah yang selesai ditindaklanjuti ÷ jumlah "
                        "yang harus ditindaklanjuti",
                        "Dihitung SIGAP dari pengaduan yang diterima tahun itu dan yang sudah selesai.",
                        "persentase",
                        "3.0",
                        [],
                    ),
                ],
            ),
            (
                "laporan_harta",
                "Penyampaian laporan harta kekayaan",
                [
                    (
                        "reform.lhkpn",
                        "Persentase penyampaian LHKPN: wajib LHKPN yang telah menyampaikan ÷ seluruh wajib LHKPN",
                        "Dihitung SIGAP dari register LHKPN/LHKASN.",
                        "persentase",
                        "1.0",
                        [],
                    ),
                    (
                        "reform.lhkasn",
                        "Persentase penyampaian LHKASN: ASN wajib LHKASN yang telah menyampaikan ÷ seluruh wajib "
                        "LHKASN",
                        "Dihitung SIGAP dari register LHKPN/LHKASN.",
                        "persentase",
                        "1.0",
                        [],
                    ),
                ],
            ),
        ],
    ),
]


def forwards(apps, schema_editor):
    Framework = apps.get_model("reports", "LkeFramework")
    Component = apps.get_model("reports", "LkeComponent")
    SubComponent = apps.get_model("reports", "LkeSubComponent")
    Item = apps.get_model("reports", "LkeItem")
    Option = apps.get_model("reports", "LkeOption")
    framework, created = Framework.objects.get_or_create(
        effective_from=EFFECTIVE_FROM,
        defaults={
            "name": "LKE Zona Integritas: Penguatan Pengawasan",
            "source": "PermenPANRB 90/2021, Lampiran: Lembar Kerja Evaluasi, komponen pengungkit",
            "wbk_minimum": Decimal("60"),
            "wbbm_minimum": Decimal("75"),
            "notes": "Dipakai untuk penilaian mulai tahun 2022. Periksa rumusan butir terhadap LKE yang berlaku.",
        },
    )
    if not created:
        return
    for c_order, (c_code, c_name, subs) in enumerate(WORKSHEET, start=1):
        component = Component.objects.create(framework=framework, code=c_code, name=c_name, order=c_order)
        for s_order, (s_code, s_name, items) in enumerate(subs, start=1):
            sub = SubComponent.objects.create(component=component, code=s_code, name=s_name, order=s_order)
            for i_order, (code, question, guidance, kind, weight, options) in enumerate(items, start=1):
                item = Item.objects.create(
                    subcomponent=sub,
                    code=code,
                    question=question,
                    guidance=guidance,
                    answer_kind=kind,
                    weight=Decimal(weight),
                    order=i_order,
                )
                Option.objects.bulk_create(
                    Option(item=item, letter=letter, label=label, score=Decimal(score), order=o_order)
                    for o_order, (letter, label, score) in enumerate(options, start=1)
                )


class Migration(migrations.Migration):
    dependencies = [("reports", "0002_lke_and_lhkpn_register")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
