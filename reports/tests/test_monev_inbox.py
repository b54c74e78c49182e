"""An open recommendation waits in the Kotak Masuk of the one who answers for it, with
its due date, until it is finished; nobody else gets it."""

import datetime

from django.urls import reverse

from accounts.testing import verified_login
from casework.waiting import waiting_for

D = datetime.date


def monev_items(user):
    return [item for item in waiting_for(user) if item.label.startswith("Masukan perbaikan monev")]


def test_the_owner_sees_their_open_recommendations_with_due_dates(
    monev_people, meeting, recommend, follow_up, tree, client
):
    rapat = meeting(D(2026, 3, 8))
    first = recommend(rapat, masukan="Pasang banner janji layanan", due=D(2026, 4, 30))
    second = recommend(rapat, masukan="Perbarui SOP loket", due=D(2026, 4, 15))
    headless = recommend(rapat, masukan="Untuk seksi tanpa kepala", unit=tree["seksi_tanpa_kepala"])

    items = monev_items(monev_people["kasi"])
    assert [(item.url, item.due) for item in items] == [
        (reverse("reports:monev_recommendation", args=[second.pk]), D(2026, 4, 15)),
        (reverse("reports:monev_recommendation", args=[first.pk]), D(2026, 4, 30)),
    ]
    assert "Perbarui SOP loket" in items[0].label and "Seksi Identitas Penduduk" in items[0].note
    # The seksi without a head waits for the head of its bidang; heads further up get nothing.
    assert [item.url for item in monev_items(monev_people["kabid"])] == [
        reverse("reports:monev_recommendation", args=[headless.pk])
    ]
    for who in ("kadis", "tim", "inspektorat", "kasi_lain", "pegawai", "admin_sistem"):
        assert monev_items(monev_people[who]) == [], who

    # Progress keeps it waiting; finishing it takes it away.
    follow_up(second, D(2026, 4, 1), actor=monev_people["kasi"])
    assert len(monev_items(monev_people["kasi"])) == 2
    follow_up(second, D(2026, 4, 10), done=True, actor=monev_people["kasi"])
    assert [item.due for item in monev_items(monev_people["kasi"])] == [D(2026, 4, 30)]

    verified_login(client, monev_people["kasi"])
    page = client.get(reverse("casework:inbox")).content.decode()
    assert "Pasang banner janji layanan" in page and "30 April 2026" in page


def test_a_new_owner_unit_moves_the_item(monev_people, meeting, recommend, tree):
    from reports.monev import services

    rec = recommend(meeting(D(2026, 3, 8)))
    services.rekomendasi_change(rekomendasi=rec, actor=monev_people["tim"], data={"unit": tree["seksi_lain"]})
    assert monev_items(monev_people["kasi"]) == []
    assert [item.url for item in monev_items(monev_people["kasi_lain"])] == [
        reverse("reports:monev_recommendation", args=[rec.pk])
    ]
