"""Who decides a conflict case (benturan.routing.route), each branch, and what filing a
case stores from it."""

from accounts import roles
from benturan.routing import line_of_superiors, route
from casework.models import TimelineEntry


def test_a_pegawai_goes_to_the_head_of_their_unit(pegawai, kasi, kabid):
    routing = route(official=pegawai, parties=[pegawai])
    assert routing.atasan == kasi
    assert routing.eskalasi_ke == kabid
    assert routing.passed_over == ()
    assert not routing.to_tim


def test_a_head_goes_to_the_head_of_the_unit_above(kasi, kabid, kadis):
    routing = route(official=kasi, parties=[kasi])
    assert (routing.atasan, routing.eskalasi_ke) == (kabid, kadis)


def test_a_superior_named_among_the_parties_is_passed_over_one_level(pegawai, kasi, kabid, kadis):
    routing = route(official=pegawai, parties=[pegawai, kasi])
    assert routing.atasan == kabid
    assert routing.eskalasi_ke == kadis
    assert routing.passed_over == (kasi,)


def test_a_superior_who_reports_is_passed_over(colleague, pegawai, kasi, kabid):
    """The head who files a report about their own staff is a party: the head above decides."""
    routing = route(official=pegawai, parties=[kasi])
    assert routing.atasan == kabid and routing.passed_over == (kasi,)


def test_a_reported_head_goes_above_them(pegawai, kasi, kabid, kadis):
    routing = route(official=kasi, parties=[pegawai])
    assert (routing.atasan, routing.eskalasi_ke) == (kabid, kadis)


def test_several_parties_in_the_line_send_it_as_high_as_needed(pegawai, kasi, kabid, kadis):
    routing = route(official=pegawai, parties=[kasi, kabid])
    assert routing.atasan == kadis
    assert routing.eskalasi_ke is None  # nobody left above: the Tim hears of a late decision
    assert routing.passed_over == (kasi, kabid)


def test_a_party_above_the_decider_is_not_the_escalation(pegawai, kasi, kabid, kadis):
    routing = route(official=pegawai, parties=[kabid])
    assert routing.atasan == kasi
    assert routing.eskalasi_ke == kadis
    assert routing.passed_over == ()


def test_the_head_of_the_dinas_goes_to_the_tim(kadis):
    routing = route(official=kadis, parties=[kadis])
    assert routing.to_tim and routing.atasan is None and routing.eskalasi_ke is None


def test_every_superior_a_party_goes_to_the_tim(pegawai, kasi, kabid, kadis):
    routing = route(official=pegawai, parties=[kasi, kabid, kadis])
    assert routing.to_tim
    assert routing.passed_over == (kasi, kabid, kadis)


def test_an_employee_without_a_unit_goes_to_the_tim(make_user):
    loose = make_user(roles.PEGAWAI)
    assert route(official=loose, parties=[]).to_tim


def test_a_unit_without_a_head_goes_to_the_nearest_head_above(make_user, tree, kabid):
    tree["seksi"].head = None
    tree["seksi"].save()
    employee = make_user(roles.PEGAWAI, unit=tree["seksi"])
    assert route(official=employee, parties=[]).atasan == kabid


def test_one_person_heading_two_levels_counts_once(make_user, tree, kabid, kadis):
    # The head of the bidang also heads the seksi (acting): one superior, not two.
    tree["seksi"].head = kabid
    tree["seksi"].save()
    employee = make_user(roles.PEGAWAI, unit=tree["seksi"])
    assert line_of_superiors(employee) == [kabid, kadis]
    routing = route(official=employee, parties=[])
    assert (routing.atasan, routing.eskalasi_ke) == (kabid, kadis)


def test_an_inactive_head_decides_nothing(pegawai, kasi, kabid):
    kasi.is_active = False
    kasi.save()
    assert route(official=pegawai, parties=[]).atasan == kabid


# --- What filing stores ---------------------------------------------------------------------


def test_a_declaration_is_routed_and_assigned_to_the_superior(declare, pegawai, kasi, kabid):
    case = declare()
    assert case.atasan == kasi and case.eskalasi_ke == kabid
    assert case.assignee == kasi  # the engine's reminders and inbox follow the assignee
    assert case.unit == pegawai.unit
    entry = TimelineEntry.objects.get(case=case, transition="routing")
    assert entry.note == "Diputuskan oleh Hendra Gunawan."
    assert not entry.is_public


def test_a_declaration_naming_the_superior_goes_one_level_up(declare, kasi, kabid, kadis):
    case = declare(pihak_pegawai=[kasi])
    assert (case.atasan, case.eskalasi_ke, case.assignee) == (kabid, kadis, kabid)
    entry = TimelineEntry.objects.get(case=case, transition="routing")
    assert entry.note == (
        "Dilewati karena merupakan pihak dalam benturan ini: Hendra Gunawan. Diputuskan oleh Bambang Hartono."
    )


def test_a_report_by_the_superior_goes_one_level_up(report, kasi, kabid):
    case = report(reporter=kasi)
    assert case.atasan == kabid


def test_a_case_of_the_top_goes_to_the_tim(declare, kadis):
    case = declare(declarant=kadis)
    assert case.atasan is None and case.assignee is None and case.eskalasi_ke is None
    assert TimelineEntry.objects.get(case=case, transition="routing").note == (
        "Tidak ada atasan yang bukan pihak dalam benturan ini: diputuskan oleh Tim Benturan Kepentingan."
    )
