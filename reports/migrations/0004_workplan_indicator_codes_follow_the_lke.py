"""The work plan's indicator codes are the LKE's item codes (reports.lke): the three
"hasil evaluasi ... telah ditindaklanjuti" indicators take the LKE's spelling, and the
plans already kept follow."""

from django.db import migrations, models

RENAMED = {
    f"{area}.evaluasi_ditindaklanjuti": f"{area}.evaluasi_tindak_lanjut" for area in ("pengaduan", "wbs", "benturan")
}


def forwards(apps, schema_editor):
    RencanaAksi = apps.get_model("reports", "RencanaAksi")
    for old, new in RENAMED.items():
        RencanaAksi.objects.filter(indikator_kode=old).update(indikator_kode=new)


def backwards(apps, schema_editor):
    RencanaAksi = apps.get_model("reports", "RencanaAksi")
    for old, new in RENAMED.items():
        RencanaAksi.objects.filter(indikator_kode=new).update(indikator_kode=old)


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0003_seed_lke_penguatan_pengawasan'),
    ]

    operations = [
        migrations.AlterField(
            model_name='rencanaaksi',
            name='indikator_kode',
            field=models.CharField(choices=[('gratifikasi.kampanye', 'Kampanye publik pengendalian gratifikasi telah dilakukan'), ('gratifikasi.implementasi', 'Pengendalian gratifikasi telah diterapkan'), ('spip.lingkungan', 'Lingkungan pengendalian intern telah dibangun'), ('spip.penilaian_risiko', 'Risiko atas pelaksanaan kebijakan telah dinilai'), ('spip.kegiatan_pengendalian', 'Kegiatan pengendalian atas risiko yang dikenali telah dilakukan'), ('spip.informasi_komunikasi', 'Pengendalian intern telah diinformasikan kepada seluruh pihak'), ('pengaduan.kebijakan', 'Kebijakan pengaduan masyarakat telah diterapkan'), ('pengaduan.tindak_lanjut', 'Pengaduan masyarakat telah ditindaklanjuti'), ('pengaduan.monev', 'Penanganan pengaduan telah dimonitor dan dievaluasi'), ('pengaduan.evaluasi_tindak_lanjut', 'Hasil evaluasi penanganan pengaduan telah ditindaklanjuti'), ('wbs.penerapan', 'Whistle-blowing system telah diterapkan'), ('wbs.evaluasi', 'Penerapan whistle-blowing system telah dievaluasi'), ('wbs.evaluasi_tindak_lanjut', 'Hasil evaluasi whistle-blowing system telah ditindaklanjuti'), ('benturan.pemetaan', 'Benturan kepentingan dalam tugas utama telah dipetakan'), ('benturan.sosialisasi', 'Penanganan benturan kepentingan telah disosialisasikan'), ('benturan.implementasi', 'Penanganan benturan kepentingan telah diterapkan'), ('benturan.evaluasi', 'Penanganan benturan kepentingan telah dievaluasi'), ('benturan.evaluasi_tindak_lanjut', 'Hasil evaluasi penanganan benturan kepentingan telah ditindaklanjuti'), ('lhkpn.penetapan_wajib', 'Pejabat wajib LHKPN telah ditetapkan'), ('lhkpn.kepatuhan', 'Kepatuhan penyampaian LHKPN'), ('lhkasn.penetapan_wajib', 'Pegawai wajib LHKASN telah ditetapkan'), ('lhkasn.kepatuhan', 'Kepatuhan penyampaian LHKASN')], max_length=60, verbose_name='indikator LKE'),
        ),
        migrations.RunPython(forwards, backwards),
    ]
