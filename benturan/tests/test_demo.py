"""The demo cases: one in each state, made through the services, and made once."""

import io

from django.core.management import call_command

from benturan.choices import Asal, State
from benturan.models import Benturan


def test_the_demo_has_one_case_in_each_state_and_runs_again_safely(db):
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert sorted(Benturan.objects.values_list("state", flat=True)) == sorted(State.values)
    reported = Benturan.objects.get(asal=Asal.LAPORAN)
    assert reported.pejabat.username == "pegawai" and reported.atasan.username == "tindaklanjut"
    # The declaration naming her superior went one level up, to the Tim account.
    assert Benturan.objects.get(state=State.SELESAI).atasan.username == "benturan"
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert Benturan.objects.count() == len(State.values)


def test_the_demo_has_a_risk_map_and_an_open_campaign_partly_declared(db):
    from benturan.models import KampanyeDeklarasi, KewajibanDeklarasi, PetaRisiko

    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert PetaRisiko.objects.values("unit").distinct().count() >= 5
    assert PetaRisiko.objects.filter(ditinjau_pada__isnull=False).exists()
    campaign = KampanyeDeklarasi.objects.get()
    assert campaign.is_open
    rows = KewajibanDeklarasi.objects.filter(kampanye=campaign)
    assert 0 < rows.filter(dinyatakan_pada__isnull=False).count() < rows.count()
    assert rows.filter(pegawai__username="pegawai", dinyatakan_pada__isnull=True).exists()
    call_command("seed_demo", "--no-qr", stdout=io.StringIO())
    assert KampanyeDeklarasi.objects.count() == 1 and PetaRisiko.objects.count() == 6
