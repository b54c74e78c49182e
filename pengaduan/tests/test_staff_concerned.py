"""Staff a complaint is about (pihak terkait): named by the complainant on the public form
or by a handler at triage, matched to a staff account as WBS matches reported persons,
and a matched account that could see the complaint is recused from it — so a complaint
about a Pengelola Pengaduan never sits in her own inbox. The complainant's tracking page
shows the persons they named, never those staff added."""

import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts import roles
from accounts.testing import verified_login
from casework import access
from casework.formstamp import sign_started
from casework.models import NamedPerson, Recusal
from casework.notifications import escalation_recipients, reminder_recipients
from casework.selectors import assignable_users
from pengaduan import selectors, services
from pengaduan.choices import Jenis, State
from pengaduan.models import Pengaduan

URL = "/pengaduan/baru/"


@pytest.fixture
def named_handler(make_user):
    user = make_user(roles.PENGELOLA_PENGADUAN)
    user.full_name = "Sri Wahyuni"
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def public_post(kategori):
    def make(**changes):
        data = {
            "jenis": Jenis.PENGADUAN,
            "title": "Petugas loket membentak warga",
            "isi": "Petugas di loket pengaduan membentak saya ketika bertanya syarat KK.",
            "kategori": str(kategori.pk),
            "anonim": "on",
            "rahasia": "on",
            "dimulai": sign_started(time.time() - 60),
        }
        data.update(changes)
        return data

    return make


def assert_cannot_see(user, case):
    assert not access.can_view(user, case)
    assert not selectors.pengaduan_visible_to(user).filter(pk=case.pk).exists()
    assert not access.inbox_cases(user).filter(pk=case.pk).exists()
    assert not selectors.pengaduan_list(user, search=case.reference).filter(pk=case.pk).exists()


def test_the_public_form_offers_an_optional_explained_field_for_staff_concerned(client, db):
    body = client.get(URL).content.decode()
    assert 'name="petugas_nama"' in body and 'name="petugas_jabatan"' in body
    assert "Petugas yang Anda adukan" in body
    assert "tidak dapat melihat pengaduan Anda" in body


def test_a_complaint_naming_a_handler_never_reaches_her(client, public_post, named_handler, handler):
    response = client.post(URL, public_post(petugas_nama="Sri Wahyuni", petugas_jabatan="Petugas loket"))
    assert response.status_code == 302
    # Opened at once, in the same transaction as its recusal: never visible to her.
    case = Pengaduan.objects.get()
    person = NamedPerson.objects.get(case=case)
    assert (person.nama, person.jabatan, person.from_reporter) == ("Sri Wahyuni", "Petugas loket", True)
    assert person.matched_user_id == named_handler.pk
    assert Recusal.objects.filter(case=case, user=named_handler, reason=Recusal.Reason.TERLAPOR).exists()
    assert_cannot_see(named_handler, case)
    assert named_handler not in assignable_users(case)
    assert named_handler not in reminder_recipients(case)
    assert named_handler not in escalation_recipients(case)
    verified_login(client, named_handler)
    assert client.get(reverse("pengaduan_staff:detail", args=[case.pk])).status_code == 404
    assert case.reference not in client.get(reverse("pengaduan_staff:list")).content.decode()
    assert case.reference not in client.get(reverse("casework:inbox")).content.decode()
    # Her colleagues handle it.
    assert access.can_view(handler, case)


def test_a_complaint_without_staff_concerned_stays_on_the_quick_path(client, public_post):
    from casework.models import PendingCase

    assert client.post(URL, public_post()).status_code == 302
    assert PendingCase.objects.count() == 1 and not Pengaduan.objects.exists()


def test_an_unknown_name_is_kept_unmatched(client, public_post, handler):
    client.post(URL, public_post(petugas_jabatan="Satpam depan"))
    case = Pengaduan.objects.get()
    person = NamedPerson.objects.get(case=case)
    assert person.matched_user_id is None and person.nama == ""
    assert not Recusal.objects.filter(case=case).exists()


def test_the_handler_adds_and_matches_staff_concerned_at_triage(file_pengaduan, handler, named_handler, make_user):
    case, _code = file_pengaduan()
    pimpinan = make_user(roles.PIMPINAN)
    with pytest.raises(ValidationError):
        services.pengaduan_add_concerned(case=case, actor=handler, nama="", jabatan="")
    person = services.pengaduan_add_concerned(case=case, actor=handler, nama="Petugas loket dua")
    assert not person.from_reporter and person.matched_user_id is None
    services.pengaduan_match_concerned(case=case, actor=handler, person=person, user=named_handler)
    assert_cannot_see(named_handler, case)
    # Anyone who could see the complaint is recused when named: an overseer as well.
    services.pengaduan_add_concerned(case=case, actor=handler, nama="Kepala", user=pimpinan)
    assert Recusal.objects.filter(case=case, user=pimpinan).exists()
    assert_cannot_see(pimpinan, case)
    assert case.timeline.filter(transition="named_person").count() == 2


def test_only_handlers_name_staff_concerned(case_in, unit_member, make_user):
    case = case_in(State.DIDISPOSISIKAN)
    for someone in (unit_member, make_user(roles.PIMPINAN), make_user(roles.PEGAWAI)):
        with pytest.raises(PermissionDenied):
            services.pengaduan_add_concerned(case=case, actor=someone, nama="Siapa Saja")


def test_a_closed_complaint_takes_no_new_staff_concerned(case_in, handler):
    case = case_in(State.DIARSIPKAN)
    with pytest.raises(ValidationError, match="Kasus sudah ditutup"):
        services.pengaduan_add_concerned(case=case, actor=handler, nama="Petugas loket dua")


def test_the_triage_page_adds_and_matches(client, file_pengaduan, handler, named_handler):
    case, _code = file_pengaduan()
    verified_login(client, handler)
    page = reverse("pengaduan_staff:detail", args=[case.pk])
    add = reverse("pengaduan_staff:add_concerned", args=[case.pk])
    assert add in client.get(page).content.decode()
    response = client.post(add, {"terkait-baru-unit_kerja": "Seksi Identitas"})
    assert response.status_code == 400 and 'value="Seksi Identitas"' in response.content.decode()
    assert client.post(add, {"terkait-baru-nama": "Petugas loket dua"}).status_code == 302
    person = NamedPerson.objects.get(case=case)
    match = reverse("pengaduan_staff:match_concerned", args=[case.pk, person.pk])
    assert match in client.get(page).content.decode()
    assert client.post(match, {f"terkait-{person.pk}-user": named_handler.pk}).status_code == 302
    assert "Akun pegawai: Sri Wahyuni" in client.get(page).content.decode()
    assert Recusal.objects.filter(case=case, user=named_handler).exists()


def test_the_handler_naming_herself_loses_the_complaint(client, file_pengaduan, named_handler):
    case, _code = file_pengaduan()
    verified_login(client, named_handler)
    response = client.post(
        reverse("pengaduan_staff:add_concerned", args=[case.pk]), {"terkait-baru-user": named_handler.pk}
    )
    assert response["Location"] == reverse("pengaduan_staff:list")
    assert client.get(reverse("pengaduan_staff:detail", args=[case.pk])).status_code == 404


def test_the_tracking_page_shows_what_the_complainant_gave_not_what_staff_added(
    client, public_post, handler, named_handler
):
    client.post(URL, public_post(petugas_nama="Sri Wahyuni", petugas_jabatan="Petugas loket"))
    receipt = client.get(reverse("pengaduan:receipt")).content.decode()
    code = receipt.split('<code id="tracking-code" class="receipt__code">')[1].split("</code>")[0]
    case = Pengaduan.objects.get()
    services.pengaduan_add_concerned(case=case, actor=handler, nama="Bambang Kurniawan", jabatan="Kepala Seksi")
    assert client.post(reverse("track"), {"code": code}).status_code == 302
    body = client.get(reverse("track_case")).content.decode()
    assert "Sri Wahyuni" in body and "Petugas loket" in body
    assert "Bambang Kurniawan" not in body and "Kepala Seksi" not in body
