"""The demo's monev and work plan: the semester before the current one signed, the
current one waiting for the Pimpinan's signature, open recommendations in the Unit
Tindak Lanjut account's inbox, this year's plan with some evidence; made once."""

import io

from django.core.management import call_command

from accounts.models import User
from casework.waiting import waiting_for
from reports.models import BuktiAksi, LaporanMonev, LaporanMonevVersi, RapatMonev, RencanaAksi
from reports.monev.models import StatusLaporan
from reports.workplan.defaults import DEFAULT_ACTIONS


def test_the_demo_has_a_signed_semester_a_submitted_one_and_a_plan(db):
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert LaporanMonevVersi.objects.count() == 1
    assert set(LaporanMonev.objects.values_list("status", flat=True)) <= {StatusLaporan.TERBIT, StatusLaporan.DIAJUKAN}
    assert RencanaAksi.objects.count() == len(DEFAULT_ACTIONS) and BuktiAksi.objects.count() == 4
    head = User.objects.get(username="tindaklanjut")
    assert any(item.label.startswith("Masukan perbaikan monev") for item in waiting_for(head))
    counts = (RapatMonev.objects.count(), LaporanMonevVersi.objects.count(), BuktiAksi.objects.count())
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert (RapatMonev.objects.count(), LaporanMonevVersi.objects.count(), BuktiAksi.objects.count()) == counts
