"""What a decided control binds and how it ends (benturan.binding, casework.controls):

- the SIGAP case a declaration names by its number;
- every case about an employee the control names (a report naming them, a conflict of
  theirs), now and opened later;
- ending a control (by whoever decides the case or the Tim, with a reason) lifts what it
  bound, and only what it bound; nobody else may end it;
- a conflict case whose decider is recused from it goes on to the next in line.
"""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from benturan import services
from benturan.choices import JenisPengendalian, State
from benturan.models import Benturan, Pengendalian
from casework import access
from casework.models import Recusal, RecusalRule
from casework.services import case_assign
from pengaduan import services as pengaduan_services
from pengaduan.models import KategoriLayanan
from wbs import services as wbs_services
from wbs.choices import Kategori
from wbs.reported import TerlaporInput

from .conftest import _person


@pytest.fixture
def handler(make_user, tree):
    return _person(
        make_user,
        roles.PEGAWAI,
        roles.PENGELOLA_PENGADUAN,
        roles.PENGELOLA_WBS,
        full_name="Sri Wahyuni",
        jabatan="Pengelola",
        unit=tree["seksi"],
    )


@pytest.fixture
def complaint(db):
    def file():
        case, _code = pengaduan_services.pengaduan_create(
            title="Antrean", isi="Antrean panjang.", kategori=KategoriLayanan.objects.get(slug="ktp-el")
        )
        return case

    return file


def wbs_naming(user):
    case, _code = wbs_services.wbs_create(
        title="Laporan",
        kategori=Kategori.KORUPSI,
        apa="Apa",
        dimana="Di mana",
        kapan="Kapan",
        bagaimana="Bagaimana",
        terlapor=[TerlaporInput(nama=user.full_name, user=user)],
    )
    return case


def test_a_declaration_naming_a_case_by_its_number_binds_it_when_decided(declare, advance, handler, complaint):
    source = complaint()
    case_assign(case=source, actor=handler, assignee=handler)
    case = declare(declarant=handler, rujukan_kasus=source.reference.lower())
    assert case.kasus_terkait_id == source.pk
    # Declared on her own page, she holds the decision concerned; nothing binds yet.
    assert access.can_view(handler, source)
    advance(case, "mulai_analisis")
    advance(case, "putuskan_pengendalian", controls=[JenisPengendalian.RECUSAL], pengganti=None)
    assert not access.can_view(handler, source)
    source.refresh_from_db()
    assert source.assignee is None  # no handover named: back to the pool


def test_a_control_naming_an_employee_binds_every_case_about_them(
    declare, advance, handler, colleague, make_user, tree, filed_data
):
    """The handler's brother-in-law works here: she steps back from every case about him."""
    before = wbs_naming(colleague)
    case = declare(declarant=handler)
    advance(case, "mulai_analisis")
    advance(
        case,
        "putuskan_pengendalian",
        controls=[JenisPengendalian.RECUSAL],
        pengganti=None,
        pihak_pegawai=colleague,
    )
    rule = RecusalRule.objects.get(source_case=case)
    assert rule.account_digest and not rule.name_digest and rule.case_id is None
    assert not access.can_view(handler, before)
    # Opened later: a report naming him, and a conflict of his (recused from it too, though
    # her role would not show it to her anyway).
    after = wbs_naming(colleague)
    assert not access.can_view(handler, after)
    his_conflict = declare(declarant=colleague)
    assert Recusal.objects.filter(case=his_conflict, user=handler).exists()
    # A report about someone else stays hers.
    assert access.can_view(handler, wbs_naming(_person(make_user, roles.PEGAWAI, full_name="Orang Lain")))


def test_only_the_decider_or_the_tim_ends_a_control_with_a_reason(
    case_in, kasi, tim, pegawai, inspektorat, outsider, kabid
):
    case = case_in(State.PELAKSANAAN)
    control = Pengendalian.objects.filter(benturan=case).first()
    for someone in (pegawai, inspektorat, outsider, kabid):
        with pytest.raises(PermissionDenied):
            services.benturan_end_control(case=case, actor=someone, control=control, alasan="Selesai.")
    with pytest.raises(ValidationError) as refused:
        services.benturan_end_control(case=case, actor=kasi, control=control, alasan="  ")
    assert "alasan" in refused.value.message_dict
    services.benturan_end_control(case=case, actor=tim, control=control, alasan="Pengadaan dibatalkan.")
    control.refresh_from_db()
    assert control.berakhir_pada and control.diakhiri_oleh == tim and control.alasan_berakhir == "Pengadaan dibatalkan."
    with pytest.raises(ValidationError):
        services.benturan_end_control(case=case, actor=kasi, control=control, alasan="Lagi.")
    assert case.timeline.filter(transition="control_ended").count() == 1


def test_a_control_cannot_be_ended_once_the_case_is_finished(case_in, kasi):
    case = case_in(State.SELESAI)
    control = Pengendalian.objects.filter(benturan=case).first()
    assert control.berakhir_pada is not None  # ended with the monitoring
    from casework.workflow import TransitionBlocked

    with pytest.raises(TransitionBlocked):
        services.benturan_end_control(case=case, actor=kasi, control=control, alasan="Lagi.")


def test_the_staff_page_ends_a_control_and_says_what_it_binds(client, case_in, kasi, pegawai):
    case = case_in(State.PEMANTAUAN)
    verified_login(client, kasi)
    page = reverse("benturan_staff:detail", args=[case.pk])
    body = client.get(page).content.decode()
    assert 'id="akhiri-pengendalian"' in body
    assert "juga yang dibuka kemudian" in body
    control = Pengendalian.objects.filter(benturan=case).first()
    url = reverse("benturan_staff:end_control", args=[case.pk])
    refused = client.post(url, {"akhiri_pengendalian-pengendalian": control.pk, "akhiri_pengendalian-alasan": ""})
    assert refused.status_code == 400 and "Tuliskan alasan pengendalian ini diakhiri." in refused.content.decode()
    done = client.post(url, {"akhiri_pengendalian-pengendalian": control.pk, "akhiri_pengendalian-alasan": "Batal."})
    assert done.status_code == 302
    control.refresh_from_db()
    assert control.berakhir_pada is not None
    # The official reads that it ended, and why.
    verified_login(client, pegawai)
    assert "Batal." in client.get(reverse("benturan:detail", args=[case.pk])).content.decode()
    # Someone who may not act is refused before the form is judged.
    verified_login(client, pegawai)
    assert client.post(url, {}).status_code == 404


def test_a_decider_recused_by_a_control_is_passed_over(declare, advance, kasi, kabid, kadis, colleague):
    """The Kepala Seksi must step back from every case about his relative Dedi; a conflict
    Dedi declares later goes past him to the Kepala Bidang."""
    own = declare(declarant=kasi)
    assert own.atasan == kabid
    advance(own, "mulai_analisis")
    advance(own, "putuskan_pengendalian", controls=[JenisPengendalian.RECUSAL], pengganti=None, pihak_pegawai=colleague)
    later = Benturan.objects.get(pk=declare(declarant=colleague).pk)
    assert (later.atasan, later.assignee, later.eskalasi_ke) == (kabid, kabid, kadis)
    assert not access.can_view(kasi, later)
    routing = later.timeline.get(transition="routing")
    assert "dikecualikan oleh pengendalian" in routing.note and "Hendra" in routing.note


def test_a_decider_recused_after_routing_passes_the_case_on(declare, advance, kasi, kabid, colleague, pegawai):
    """A case already with the Kepala Seksi when a control about its official is decided
    goes to the Kepala Bidang, and the next in line becomes the Tim."""
    waiting = declare(declarant=colleague)
    assert waiting.atasan == kasi
    own = declare(declarant=kasi)
    advance(own, "mulai_analisis")
    advance(own, "putuskan_pengendalian", controls=[JenisPengendalian.RECUSAL], pengganti=None, pihak_pegawai=colleague)
    waiting = Benturan.objects.get(pk=waiting.pk)
    assert (waiting.atasan, waiting.assignee, waiting.eskalasi_ke) == (kabid, kabid, None)
    assert "Atasan yang memutuskan dikecualikan" in waiting.timeline.filter(transition="routing").last().note
