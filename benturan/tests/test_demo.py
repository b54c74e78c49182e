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
