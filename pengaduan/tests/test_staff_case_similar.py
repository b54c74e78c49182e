"""Similar open complaints suggested to the triager (pengaduan.similar).

Ranked by the content words title and text share, rarer words weighing more; the same
complainant always suggested; only open, recent complaints the user may see; at most a
bounded number of candidates, fetched in one query.
"""

import datetime

import pytest
from django.utils import timezone

from accounts import roles
from casework.models import Case
from casework.services import case_recuse
from pengaduan.choices import State
from pengaduan.models import KategoriLayanan
from pengaduan.similar import same_complainant, similar_open_complaints, words

QUEUE = "Antrean perekaman KTP-el sangat panjang, petugas perekaman hanya satu orang."


@pytest.fixture
def complaint(file_pengaduan):
    def make(title, isi="", **kwargs):
        return file_pengaduan(title=title, isi=isi or title, **kwargs)[0]

    return make


def references(suggestions):
    return [s.case.reference for s in suggestions]


def test_words_drop_stop_words_short_words_and_the_possessive():
    assert words("Saya sudah menunggu antreannya di loket 3 dan tidak dilayani!") == {
        "menunggu",
        "antrean",
        "loket",
        "dilayani",
    }
    assert words("") == set()


def test_ranked_by_shared_content_words(complaint, handler):
    same = complaint("Antrean perekaman KTP-el panjang", QUEUE)
    partly = complaint("Perekaman KTP-el gagal", "Alat perekaman sidik jari rusak sejak pagi.")
    unrelated = complaint("Akta kematian belum terbit", "Pengajuan akta kematian ayah saya sudah sebulan.")
    case = complaint("Antrean KTP-el panjang sekali", QUEUE)
    found = similar_open_complaints(case, handler)
    assert references(found) == [same.reference, partly.reference]
    assert unrelated.reference not in references(found)
    assert found[0].score > found[1].score
    assert "antrean" in found[0].shared_words and found[0].same_kategori


def test_rare_words_weigh_more_than_common_ones(complaint, handler):
    for n in range(6):
        complaint(f"Petugas loket {n}", f"Petugas pelayanan loket nomor {n} tidak ramah.")
    printer = complaint("Printer rusak", "Printer pencetakan rusak, petugas bilang besok.")
    case = complaint("Printer KK rusak", "Printer pencetakan KK rusak kata petugas.")
    assert references(similar_open_complaints(case, handler))[0] == printer.reference


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        ({"email": "Rina@Example.test"}, {"email": "rina@example.test"}),
        ({"telepon": "+62 812-1111-2222"}, {"telepon": "0812 1111 2222"}),
        ({"nik": "3201014501900001"}, {"nik": "3201 0145 0190 0001"}),
    ],
)
def test_the_same_complainant_is_always_suggested_first(complaint, handler, theirs, ours):
    wordy = complaint("Antrean perekaman KTP-el panjang", QUEUE)
    earlier = complaint("Akta kematian belum terbit", "Sudah sebulan.", **theirs)
    case = complaint("Antrean perekaman KTP-el", QUEUE, **ours)
    found = similar_open_complaints(case, handler)
    assert references(found) == [earlier.reference, wordy.reference]
    assert found[0].same_complainant and not found[1].same_complainant


def test_empty_contacts_do_not_make_the_same_complainant(complaint):
    assert not same_complainant(complaint("Satu"), complaint("Dua"))


def test_only_open_recent_complaints_other_than_itself(complaint, handler, advance):
    closed = complaint("Antrean perekaman KTP-el panjang", QUEUE)
    advance(closed, "arsipkan")
    old = complaint("Antrean perekaman KTP-el lama", QUEUE)
    Case.objects.filter(pk=old.pk).update(opened_at=timezone.now() - datetime.timedelta(days=91))
    recent = complaint("Antrean perekaman KTP-el lagi", QUEUE)
    case = complaint("Antrean perekaman KTP-el", QUEUE)
    assert references(similar_open_complaints(case, handler)) == [recent.reference]


def test_the_window_is_a_setting(complaint, handler, settings):
    old = complaint("Antrean perekaman KTP-el lama", QUEUE)
    Case.objects.filter(pk=old.pk).update(opened_at=timezone.now() - datetime.timedelta(days=91))
    settings.SIGAP_PENGADUAN_SIMILAR_DAYS = 120
    case = complaint("Antrean perekaman KTP-el", QUEUE)
    assert references(similar_open_complaints(case, handler)) == [old.reference]


def test_candidates_are_bounded_and_related_ones_come_first(
    complaint, handler, settings, units, django_assert_max_num_queries
):
    settings.SIGAP_PENGADUAN_SIMILAR_CANDIDATES = 3
    other = KategoriLayanan.objects.get(slug="kk")
    beyond_the_bound = complaint("Antrean perekaman KTP-el panjang", QUEUE, kategori=other)
    related = [complaint(f"Akta kematian {n}", "Belum terbit.") for n in range(2)]
    same_unit = complaint("Antrean perekaman KTP-el juga", QUEUE, kategori=other, unit_tujuan=units["identitas"])
    newer_unrelated = complaint("Antrean perekaman KTP-el lagi", QUEUE, kategori=other)
    case = complaint("Antrean perekaman KTP-el", QUEUE, unit_tujuan=units["identitas"])
    assert related and newer_unrelated
    with django_assert_max_num_queries(2):  # the reader's roles, then the candidates
        found = similar_open_complaints(case, handler)
    # Compared: the two of the same kategori and the one for the same unit; then the
    # newest other one. The older one beyond the bound is never read.
    assert references(found) == [same_unit.reference]
    assert beyond_the_bound.reference not in references(found)
    assert found[0].same_unit_tujuan


def test_a_complaint_the_user_may_not_see_is_never_suggested(complaint, handler, make_user, units):
    hidden = complaint("Antrean perekaman KTP-el panjang", QUEUE)
    Case.objects.filter(pk=hidden.pk).update(confidentiality="sangat_rahasia")
    case_recuse(case=hidden, user=handler, reason="konflik")
    colleague = make_user(roles.PENGELOLA_PENGADUAN)
    case = complaint("Antrean perekaman KTP-el", QUEUE)
    assert similar_open_complaints(case, handler) == []
    assert references(similar_open_complaints(case, colleague)) == [hidden.reference]
    # A unit member sees only complaints dispositioned to their unit.
    member = make_user(roles.UNIT_TINDAK_LANJUT, unit=units["kelahiran"])
    assert similar_open_complaints(case, member) == []


def test_a_case_with_no_candidates_has_no_suggestions(complaint, handler):
    case = complaint("Antrean perekaman KTP-el", QUEUE)
    assert similar_open_complaints(case, handler) == []
    assert case.state == State.DITERIMA
