"""The yearly declaration campaign: who must declare (fixed at opening), compliance counted
from the rows and checked against a plain loop, "ada" opening a conflict case, reminders
only to those who have not declared and once per interval, closing that freezes the
figures, who sees what, the employee's own page and inbox, and lists whose query count
does not grow with the staff."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import UnitKerja
from accounts.testing import verified_login
from benturan import campaign as selectors
from benturan.models import Benturan, KewajibanDeklarasi
from benturan.registers_access import Scope
from benturan.services_campaign import (
    kampanye_close,
    kampanye_declare_conflict,
    kampanye_declare_none,
    kampanye_open,
)
from benturan.tasks import send_campaign_reminders

EVERY_UNIT = Scope(every_unit=True)


def deadline():
    return timezone.localdate() + datetime.timedelta(days=30)


@pytest.fixture
def open_campaign(tim, tree):
    def make(*units, tahun=2026, actor=tim):
        return kampanye_open(actor=actor, tahun=tahun, units=list(units) or [tree["bidang"]], batas_waktu=deadline())

    return make


@pytest.fixture
def staff(pegawai, colleague, outsider, kasi, kasi_lain, kabid, kadis, tim):
    """Everyone in the tree: the bidang (kabid), its two seksi (kasi, pegawai, colleague;
    kasi_lain, outsider), and the dinas above (kadis, tim)."""
    return {
        "pegawai": pegawai,
        "colleague": colleague,
        "outsider": outsider,
        "kasi": kasi,
        "kasi_lain": kasi_lain,
        "kabid": kabid,
        "kadis": kadis,
        "tim": tim,
    }


def test_who_must_declare_is_fixed_when_it_opens(make_user, open_campaign, staff, tree):
    gone = make_user(roles.PEGAWAI, unit=tree["seksi"], is_active=False)
    campaign = open_campaign()  # the bidang and the two seksi below it
    obliged = {row.pegawai_id: row.unit_id for row in campaign.kewajiban.all()}
    expected = ["kabid", "kasi", "pegawai", "colleague", "kasi_lain", "outsider"]
    assert set(obliged) == {staff[name].pk for name in expected}
    assert gone.pk not in obliged
    assert obliged[staff["outsider"].pk] == tree["seksi_lain"].pk
    # Later moves and arrivals change nothing.
    staff["outsider"].unit = tree["seksi"]
    staff["outsider"].save()
    make_user(roles.PEGAWAI, unit=tree["seksi"])
    assert {row.pegawai_id: row.unit_id for row in campaign.kewajiban.all()} == obliged


def plain_figures(campaign, units) -> dict[int, tuple[int, int]]:
    """(declared, obliged) of each unit with the units below it, by a plain loop over the rows."""
    figures = {}
    for unit in units:
        below = {unit.pk}
        changed = True
        while changed:
            changed = False
            for other in UnitKerja.objects.all():
                if other.parent_id in below and other.pk not in below:
                    below.add(other.pk)
                    changed = True
        declared = obliged = 0
        for row in KewajibanDeklarasi.objects.filter(kampanye=campaign):
            if row.unit_id in below:
                obliged += 1
                if row.dinyatakan_pada is not None:
                    declared += 1
        figures[unit.pk] = (declared, obliged)
    return figures


def test_compliance_is_counted_from_the_rows(client, make_user, open_campaign, staff, tree, filed_data, tim):
    extra = [make_user(roles.PEGAWAI, unit=tree["seksi_lain"], jabatan="Operator") for _ in range(3)]
    campaign = open_campaign(tree["dinas"])
    kampanye_declare_none(kampanye=campaign, pegawai=staff["pegawai"])
    kampanye_declare_none(kampanye=campaign, pegawai=extra[0])
    kampanye_declare_conflict(kampanye=campaign, pegawai=staff["colleague"], data=filed_data())
    # Someone moves after the campaign opened, then declares: counted where they were.
    extra[1].unit = tree["seksi"]
    extra[1].save()
    kampanye_declare_none(kampanye=campaign, pegawai=extra[1])
    units = list(UnitKerja.objects.all())
    expected = plain_figures(campaign, units)
    assert expected[tree["seksi_lain"].pk] == (2, 5)  # kasi_lain, outsider, three extra; two declared
    assert expected[tree["seksi"].pk] == (2, 3)
    figures = selectors.compliance(campaign, EVERY_UNIT)
    assert {f.unit.pk: (f.declared, f.obliged) for f in figures.units} == {
        pk: value for pk, value in expected.items() if value[1]
    }
    assert (figures.declared, figures.obliged) == expected[tree["dinas"].pk]
    assert figures.ada == 1
    percent = {f.unit.pk: f.percent for f in figures.units}
    assert percent[tree["seksi_lain"].pk] == 40.0 and percent[tree["seksi"].pk] == 66.7
    # The page shows the same figures and who has not declared.
    verified_login(client, tim)
    response = client.get(reverse("benturan_register:campaign", args=[campaign.pk]))
    assert response.status_code == 200
    assert [(f.unit.pk, f.declared, f.obliged) for f in response.context["compliance"].units] == [
        (f.unit.pk, f.declared, f.obliged) for f in figures.units
    ]
    pending = {row.pegawai_id for row in response.context["pending"]}
    assert pending == {
        row.pegawai_id for row in KewajibanDeklarasi.objects.filter(kampanye=campaign, dinyatakan_pada=None)
    }
    assert staff["pegawai"].pk not in pending and extra[2].pk in pending
    narrowed = client.get(reverse("benturan_register:campaign", args=[campaign.pk]), {"unit": tree["seksi"].pk})
    assert {row.pegawai_id for row in narrowed.context["pending"]} == {staff["kasi"].pk}


def test_ada_opens_a_conflict_case_linked_to_the_campaign(client, open_campaign, staff, filed_data):
    campaign = open_campaign()
    case = kampanye_declare_conflict(kampanye=campaign, pegawai=staff["pegawai"], data=filed_data())
    assert isinstance(case, Benturan) and case.declarant == staff["pegawai"] and case.atasan == staff["kasi"]
    row = KewajibanDeklarasi.objects.get(kampanye=campaign, pegawai=staff["pegawai"])
    assert (row.jawaban, row.benturan_id) == ("ada", case.pk)
    # The matrix names its source.
    verified_login(client, staff["tim"])
    rows = client.get(reverse("benturan_register:matrix"), {"asal": "kampanye"}).context["rows"]
    assert [row["cells"][0]["text"] for row in rows] == [case.reference]
    assert rows[0]["cells"][5]["text"] == "Deklarasi tahunan 2026"


def test_ada_through_the_pages(client, open_campaign, pegawai, filed_data):
    campaign = open_campaign()
    verified_login(client, pegawai)
    url = reverse("benturan:campaign_declare", args=[campaign.pk])
    form = client.get(url)
    assert form.status_code == 200
    key = form.context["form"].initial["kunci_kiriman"]
    data = {**filed_data(), "kunci_kiriman": key}
    refused = client.post(url, {**data, "kepentingan": ""})
    assert refused.status_code == 400 and 'value="Penetapan pemenang pengadaan blangko KTP-el 2026"' in (
        refused.content.decode()
    )
    assert not Benturan.objects.exists()
    sent = client.post(url, data)
    case = Benturan.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("benturan:detail", args=[case.pk])
    assert client.post(url, data).status_code == 302  # sent twice: one case
    assert Benturan.objects.count() == 1
    assert KewajibanDeklarasi.objects.get(pegawai=pegawai).benturan == case


def test_tidak_ada_through_the_page_needs_the_statement(client, open_campaign, pegawai):
    campaign = open_campaign()
    verified_login(client, pegawai)
    url = reverse("benturan:campaign", args=[campaign.pk])
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"konfirmasi": "on"}).status_code == 302
    row = KewajibanDeklarasi.objects.get(pegawai=pegawai)
    assert row.jawaban == "tidak_ada" and row.benturan is None
    page = client.get(url).content.decode()
    assert "Anda menyatakan tidak ada benturan kepentingan" in page
    with pytest.raises(ValidationError):
        kampanye_declare_none(kampanye=campaign, pegawai=pegawai)  # once


def test_only_the_obliged_declare(client, open_campaign, tim, pegawai):
    campaign = open_campaign()
    with pytest.raises(PermissionDenied):
        kampanye_declare_none(kampanye=campaign, pegawai=tim)  # in the dinas, not covered
    verified_login(client, tim)
    assert client.get(reverse("benturan:campaign", args=[campaign.pk])).status_code == 404
    assert client.get(reverse("benturan:campaign_declare", args=[campaign.pk])).status_code == 404


def test_reminders_go_to_those_who_have_not_declared_once_per_interval(settings, open_campaign, staff, tree):
    settings.SIGAP_CAMPAIGN_REMINDER_DAYS = 7
    campaign = open_campaign(tree["seksi"])  # kasi, pegawai, colleague
    kampanye_declare_none(kampanye=campaign, pegawai=staff["pegawai"])
    now = timezone.now()
    assert send_campaign_reminders(now=now)["reminded"] == 2
    assert sorted(message.to[0] for message in mail.outbox) == sorted([staff["kasi"].email, staff["colleague"].email])
    assert "2026" in mail.outbox[0].subject and str(campaign.pk) in mail.outbox[0].body
    # Not twice in one interval, however often the task runs.
    assert send_campaign_reminders(now=now + datetime.timedelta(days=6))["reminded"] == 0
    assert len(mail.outbox) == 2
    # Someone declares meanwhile; the next interval reminds only the one left.
    kampanye_declare_none(kampanye=campaign, pegawai=staff["kasi"])
    assert send_campaign_reminders(now=now + datetime.timedelta(days=7))["reminded"] == 1
    assert mail.outbox[-1].to == [staff["colleague"].email]
    row = KewajibanDeklarasi.objects.get(pegawai=staff["colleague"])
    assert row.jumlah_pengingat == 2
    # A closed campaign reminds nobody.
    kampanye_close(kampanye=campaign, actor=staff["tim"])
    assert send_campaign_reminders(now=now + datetime.timedelta(days=30))["reminded"] == 0


def test_a_failed_reminder_is_tried_again(settings, open_campaign, staff, tree, monkeypatch):
    from benturan import tasks

    campaign = open_campaign(tree["seksi"])

    def refuse(row):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr(tasks, "send", refuse)
    assert send_campaign_reminders()["failed"] == 3
    assert not KewajibanDeklarasi.objects.filter(kampanye=campaign, diingatkan_pada__isnull=False).exists()
    monkeypatch.undo()
    assert send_campaign_reminders()["reminded"] == 3


def test_the_scheduler_queues_the_reminders(settings):
    assert "benturan.tasks.remind_yearly_declarations" in settings.SIGAP_PERIODIC_TASKS


def test_closing_freezes_the_figures(open_campaign, staff, tree, make_user):
    campaign = open_campaign()
    kampanye_declare_none(kampanye=campaign, pegawai=staff["pegawai"])
    before = selectors.compliance(campaign, EVERY_UNIT)
    kampanye_close(kampanye=campaign, actor=staff["tim"])
    with pytest.raises(ValidationError):
        kampanye_declare_none(kampanye=campaign, pegawai=staff["colleague"])
    staff["outsider"].unit = tree["seksi"]
    staff["outsider"].save()
    staff["kasi_lain"].is_active = False
    staff["kasi_lain"].save()
    make_user(roles.PEGAWAI, unit=tree["seksi"])
    after = selectors.compliance(campaign, EVERY_UNIT)
    assert [(f.unit.pk, f.declared, f.obliged) for f in after.units] == [
        (f.unit.pk, f.declared, f.obliged) for f in before.units
    ]
    with pytest.raises(ValidationError):
        kampanye_close(kampanye=campaign, actor=staff["tim"])


def test_one_campaign_a_year_and_a_deadline_ahead(open_campaign, tim, tree):
    open_campaign()
    with pytest.raises(ValidationError) as refused:
        open_campaign()
    assert "tahun" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        kampanye_open(actor=tim, tahun=2027, units=[], batas_waktu=timezone.localdate() - datetime.timedelta(days=1))
    assert set(refused.value.message_dict) == {"units", "batas_waktu"}


@pytest.mark.parametrize("person", ["pegawai", "kasi", "inspektorat", "kadis"])
def test_only_an_administrator_or_the_tim_opens_and_closes(request, client, open_campaign, tree, person):
    user = request.getfixturevalue(person)
    with pytest.raises(PermissionDenied):
        open_campaign(actor=user)
    campaign = open_campaign()
    with pytest.raises(PermissionDenied):
        kampanye_close(kampanye=campaign, actor=user)
    verified_login(client, user)
    assert client.get(reverse("benturan_register:campaign_open")).status_code == 404
    assert client.post(reverse("benturan_register:campaign_close", args=[campaign.pk])).status_code == 404


def test_who_sees_the_compliance(client, make_user, open_campaign, staff, tree, inspektorat, admin_sistem):
    campaign = open_campaign(tree["dinas"])
    detail = reverse("benturan_register:campaign", args=[campaign.pk])

    def seen(user):
        verified_login(client, user)
        response = client.get(detail)
        if response.status_code != 200:
            return response.status_code
        if "compliance" not in response.context:
            return "no figures"
        return {f.unit.pk for f in response.context["compliance"].units}, {
            row.pegawai_id for row in response.context["pending"]
        }

    everyone = {row.pegawai_id for row in campaign.kewajiban.all()}
    every_unit = {unit.pk for unit in tree.values()}
    for reader in (staff["tim"], inspektorat, staff["kadis"], make_user(roles.TIM_PENILAI)):
        assert seen(reader) == (every_unit, everyone)
    assert seen(staff["kasi"]) == ({tree["seksi"].pk}, {staff[n].pk for n in ("kasi", "pegawai", "colleague")})
    assert seen(staff["kabid"])[0] == {tree["bidang"].pk, tree["seksi"].pk, tree["seksi_lain"].pk}
    assert seen(staff["pegawai"]) == 404
    # The administrator opens and closes, and reads no figure and no name.
    assert seen(admin_sistem) == "no figures"
    page = client.get(reverse("benturan_register:campaigns")).content.decode()
    assert "Sudah menyatakan" not in page and "Rina Marlina" not in client.get(detail).content.decode()
    assert client.post(reverse("benturan_register:campaign_close", args=[campaign.pk])).status_code == 302


def test_the_administrator_opens_a_campaign_on_the_page(client, admin_sistem, staff, tree):
    verified_login(client, admin_sistem)
    url = reverse("benturan_register:campaign_open")
    refused = client.post(url, {"tahun": "2026", "batas_waktu": deadline().isoformat()})
    assert refused.status_code == 400 and "units" in refused.context["form"].errors
    sent = client.post(url, {"tahun": "2026", "batas_waktu": deadline().isoformat(), "units": [tree["seksi"].pk]})
    assert sent.status_code == 302
    assert KewajibanDeklarasi.objects.count() == 3


def test_the_employee_sees_the_open_campaign_on_their_page_and_in_the_inbox(client, open_campaign, pegawai, tim):
    campaign = open_campaign()
    verified_login(client, pegawai)
    own = client.get(reverse("benturan:list")).content.decode()
    assert "Deklarasi benturan kepentingan 2026" in own and reverse("benturan:campaign", args=[campaign.pk]) in own
    inbox = client.get(reverse("casework:inbox"))
    [row] = inbox.context["waiting"]
    item = row.item
    assert item.due == campaign.batas_waktu and item.url == reverse("benturan:campaign", args=[campaign.pk])
    assert "Menunggu Anda" in inbox.content.decode()
    kampanye_declare_none(kampanye=campaign, pegawai=pegawai)
    assert client.get(reverse("casework:inbox")).context["waiting"] == []
    # Someone not obliged has nothing waiting.
    verified_login(client, tim)
    assert client.get(reverse("casework:inbox")).context["waiting"] == []


def test_the_lists_cost_the_same_queries_at_two_sizes(client, make_user, open_campaign, staff, tree, tim):
    def measure(url, **params):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200
        return len(queries)

    for _ in range(2):
        make_user(roles.PEGAWAI, unit=tree["seksi"])
    small_campaign = open_campaign(tree["dinas"], tahun=2025)
    for _ in range(40):
        make_user(roles.PEGAWAI, unit=tree["seksi_lain"])
    large_campaign = open_campaign(tree["dinas"], tahun=2026)
    assert large_campaign.kewajiban.count() > 4 * small_campaign.kewajiban.count() - 20
    verified_login(client, tim)
    detail = "benturan_register:campaign"
    assert measure(reverse(detail, args=[small_campaign.pk])) == measure(reverse(detail, args=[large_campaign.pk]))
    assert measure(reverse(detail, args=[small_campaign.pk]), unit=tree["seksi"].pk) == measure(
        reverse(detail, args=[large_campaign.pk]), unit=tree["seksi"].pk
    )
    listed = measure(reverse("benturan_register:campaigns"))
    open_campaign(tree["seksi"], tahun=2024)
    assert measure(reverse("benturan_register:campaigns")) == listed


def test_one_reminder_per_person_per_interval_even_with_two_campaigns_open(
    open_campaign, tree, pegawai, kasi, colleague
):
    open_campaign(tree["seksi"], tahun=2025)
    open_campaign(tree["seksi"], tahun=2026)
    now = timezone.now()
    assert send_campaign_reminders(now=now)["reminded"] == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(u.email for u in (pegawai, kasi, colleague))
    assert send_campaign_reminders(now=now + datetime.timedelta(days=1))["reminded"] == 0
