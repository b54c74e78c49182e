"""A history line is named for what happened: a complainant who completes their complaint
or reopens it is not shown as "Diterima" or "Diverifikasi" again, and a rating is not a
bare internal name."""

from django.test import Client
from django.urls import reverse

from accounts.testing import verified_login
from pengaduan import services
from pengaduan.choices import State


def _public_history(client) -> str:
    body = client.get(reverse("track_case")).content.decode()
    # The history section only: the page's list of every status follows it.
    return body.split('id="riwayat"')[1].split("</section>")[0]


def test_the_complainants_own_steps_are_named_on_both_sides(client, tracked, advance, handler):
    case = tracked(State.DITUNDA)
    case = services.pengaduan_supply_information(case=case, reply="Loket tiga, pukul sepuluh.")
    history = _public_history(client)
    assert "Dilengkapi pelapor" in history and history.count("Diterima") == 0
    for name in ("verifikasi", "disposisi", "catat_tindak_lanjut", "jawab"):
        case = advance(case, name)
    services.pengaduan_rate(case=case, rating=1, comment="Belum beres.", reopen=True)
    history = _public_history(client)
    assert "Dibuka kembali atas permintaan pelapor" in history

    staff = Client()
    verified_login(staff, handler)
    body = staff.get(reverse("pengaduan_staff:detail", args=[case.pk])).content.decode()
    timeline = body.split('id="riwayat"')[1]
    for label in ("Dilengkapi pelapor", "Penilaian pelapor", "Dibuka kembali atas permintaan pelapor"):
        assert f"<strong>{label}</strong>" in timeline
    assert "<strong>rating</strong>" not in timeline


def test_a_rating_given_in_english_is_noted_for_staff_in_the_sites_language(client, tracked):
    case = tracked(State.DIJAWAB)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert client.post(reverse("pengaduan:track_rate"), {"rating": "4", "comment": "Good."}).status_code == 302
    note = case.timeline.get(transition="rating").note
    assert note == "Penilaian pelapor: 4 dari 5."
