"""The advisory exemption check at its boundaries (Peraturan KPK 2/2019 and 1/2026).

Judged at the date the gift was received: Rp1.000.000 / Rp1.000.001 before 20 January
2026, Rp1.500.000 / Rp1.500.001 from it; the yearly cap per giver adds the declarant's
earlier gifts from the same giver that year; the colleagues' farewell rule is gone after
its deletion; money is Decimal, never float.
"""

from datetime import date
from decimal import Decimal

import pytest

from accounts import roles
from casework.services import case_open
from gratifikasi import exemptions
from gratifikasi.choices import HubunganPemberi, JenisLaporan, JenisPenerimaan, JenisPeristiwa
from gratifikasi.exemptions import DOES_NOT_FIT, EXCEEDS, MAY_APPLY, advise, rules_in_force
from gratifikasi.giver import giver_digest
from gratifikasi.models import ExemptionRule

pytestmark = pytest.mark.django_db

BEFORE = date(2026, 1, 19)
AMENDED = date(2026, 1, 20)
GIVER = "Bapak Pemberi Hadiah"


@pytest.fixture
def declarant(make_user):
    return make_user(roles.PEGAWAI)


def gift(declarant, **overrides):
    values = {
        "declarant": declarant,
        "tanggal_terima": AMENDED,
        "jenis_laporan": JenisLaporan.PENERIMAAN,
        "jenis_peristiwa": JenisPeristiwa.PERNIKAHAN,
        "jenis_penerimaan": JenisPenerimaan.UANG,
        "hubungan": HubunganPemberi.LAINNYA,
        "nilai": Decimal(1_000_000),
        "pemberi_digest": giver_digest(GIVER),
    }
    values.update(overrides)
    return values


def verdict_of(advice, category):
    found = [verdict for verdict in advice.verdicts if verdict.rule.category == category]
    assert len(found) == 1, advice.verdicts
    return found[0]


def earlier_gift(
    declarant,
    *,
    tanggal_terima,
    nilai,
    pemberi=GIVER,
    jenis_laporan=JenisLaporan.PENERIMAAN,
    jenis_peristiwa=JenisPeristiwa.ULANG_TAHUN,
):
    """A saved declaration of an earlier gift (only what the giver's sums read matters)."""
    case, _ = case_open(
        kind="gratifikasi",
        title="Pemberian sebelumnya",
        reporter_account=declarant,
        fields={
            "declarant": declarant,
            "jenis_laporan": jenis_laporan,
            "nama": "Pegawai",
            "nik": "3201014501900001",
            "jabatan": "Staf",
            "alamat": "Jl. Merdeka 1",
            "telepon": "081234567890",
            "pemberi_nama": pemberi,
            "pemberi_digest": giver_digest(pemberi),
            "hubungan": HubunganPemberi.REKAN_KERJA,
            "jenis_peristiwa": jenis_peristiwa,
            "jenis_penerimaan": JenisPenerimaan.BARANG,
            "uraian": "Barang",
            "nilai": Decimal(nilai),
            "tanggal_terima": tanggal_terima,
            "tempat_terima": "Kantor",
            "kronologi": "Diberikan di kantor.",
        },
    )
    return case


# --- Ceremonies (huruf l): the threshold changed on 20 January 2026 ------------------------


@pytest.mark.parametrize(
    ("received", "nilai", "verdict"),
    [
        (BEFORE, 1_000_000, MAY_APPLY),
        (BEFORE, 1_000_001, EXCEEDS),
        (AMENDED, 1_500_000, MAY_APPLY),
        (AMENDED, 1_500_001, EXCEEDS),
        (date(2025, 6, 2), 1_000_000, MAY_APPLY),
        (date(2025, 6, 2), 1_000_001, EXCEEDS),
    ],
)
def test_wedding_gift_threshold_at_its_boundaries(declarant, received, nilai, verdict):
    advice = advise(**gift(declarant, tanggal_terima=received, nilai=Decimal(nilai)))
    judged = verdict_of(advice, "upacara")
    assert judged.verdict == verdict
    assert judged.rule.in_force_on(received)
    cap = "Rp1.000.000" if received < AMENDED else "Rp1.500.000"
    assert cap in judged.reasons[0]


def test_the_same_gift_the_day_before_and_the_day_of_the_change(declarant):
    before = verdict_of(advise(**gift(declarant, tanggal_terima=BEFORE, nilai=Decimal(1_200_000))), "upacara")
    after = verdict_of(advise(**gift(declarant, tanggal_terima=AMENDED, nilai=Decimal(1_200_000))), "upacara")
    assert before.verdict == EXCEEDS
    assert before.reasons == (
        "Jumlah pemberian dari pemberi yang sama pada acara ini (Pernikahan, 19 Januari 2026), termasuk "
        "pemberian ini, Rp1.200.000: melebihi batas Rp1.000.000 per pemberi dalam setiap acara.",
    )
    assert before.source == "Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l"
    assert after.verdict == MAY_APPLY
    assert after.source == "Peraturan KPK 2/2019 Pasal 2 ayat (3) huruf l, diubah Peraturan KPK 1/2026"
    assert after.rule.pk != before.rule.pk


def test_the_advice_names_a_rule_and_never_refuses(declarant):
    advice = advise(**gift(declarant, nilai=Decimal(5_000_000)))
    assert advice.suggested_rule is None
    assert [verdict.verdict for verdict in advice.verdicts] == [EXCEEDS]
    advice = advise(**gift(declarant, nilai=Decimal(500_000)))
    assert advice.suggested_rule.category == "upacara"


# --- Ceremonies are capped per giver at each event, not per gift ----------------------------
#
# Huruf l: "dengan batasan nilai per pemberi dalam setiap acara". Two envelopes from one
# guest at one wedding are one giver's gifts at one event: their sum is judged. The same
# event is the same kind of event (jenis peristiwa) on the same day received, as the
# declarations record them; the same giver is found as the yearly cap finds them.


def wedding_envelope(declarant, **overrides):
    return earlier_gift(declarant, tanggal_terima=AMENDED, jenis_peristiwa=JenisPeristiwa.PERNIKAHAN, **overrides)


@pytest.mark.parametrize(
    ("second", "verdict"),
    [(500_000, MAY_APPLY), (500_001, EXCEEDS)],
)
def test_two_envelopes_from_one_guest_at_one_wedding_are_summed(declarant, second, verdict):
    # Declared one by one: the first envelope is already on file when the second is judged.
    wedding_envelope(declarant, nilai=1_000_000)
    advice = advise(**gift(declarant, nilai=Decimal(second)))
    judged = verdict_of(advice, "upacara")
    assert judged.verdict == verdict
    assert judged.event_total == Decimal(1_000_000 + second)
    assert advice.earlier_at_event == Decimal(1_000_000)
    assert "Rp1.500.000 per pemberi dalam setiap acara" in judged.reasons[0]


def test_two_envelopes_of_a_million_no_longer_pass_one_by_one(declarant):
    first = wedding_envelope(declarant, nilai=1_000_000)
    second = wedding_envelope(declarant, nilai=1_000_000)
    # Each judged again as it stands counts the other, whichever was declared first.
    for saved in (first, second):
        judged = verdict_of(exemptions.advise_declaration(saved), "upacara")
        assert judged.verdict == EXCEEDS
        assert judged.event_total == Decimal(2_000_000)


def test_exactly_the_cap_at_one_event_passes(declarant):
    wedding_envelope(declarant, nilai=700_000)
    wedding_envelope(declarant, nilai=300_000, pemberi="  BAPAK pemberi, hadiah ")
    judged = verdict_of(advise(**gift(declarant, nilai=Decimal(500_000))), "upacara")
    assert judged.event_total == Decimal(1_500_000)
    assert judged.verdict == MAY_APPLY


def test_gifts_at_another_event_or_from_another_giver_are_not_summed(declarant, make_user):
    # Not the same event: another day, another kind of event; not the same giver; a
    # refusal; another declarant's gift at the same wedding.
    earlier_gift(declarant, tanggal_terima=date(2026, 1, 21), nilai=1_000_000, jenis_peristiwa="pernikahan")
    wedding_envelope(declarant, nilai=1_000_000, pemberi="Orang Lain")
    earlier_gift(declarant, tanggal_terima=AMENDED, nilai=1_000_000, jenis_peristiwa=JenisPeristiwa.KEAGAMAAN)
    wedding_envelope(declarant, nilai=1_000_000, jenis_laporan=JenisLaporan.PENOLAKAN)
    wedding_envelope(make_user(roles.PEGAWAI), nilai=1_000_000)
    advice = advise(**gift(declarant, nilai=Decimal(1_500_000)))
    judged = verdict_of(advice, "upacara")
    assert judged.verdict == MAY_APPLY
    assert judged.event_total == Decimal(1_500_000)
    assert advice.earlier_at_event == Decimal(0)


def test_the_2019_ceremony_cap_was_per_giver_at_each_event_too(declarant):
    earlier_gift(declarant, tanggal_terima=BEFORE, nilai=600_000, jenis_peristiwa=JenisPeristiwa.PERNIKAHAN)
    at_cap = verdict_of(advise(**gift(declarant, tanggal_terima=BEFORE, nilai=Decimal(400_000))), "upacara")
    over = verdict_of(advise(**gift(declarant, tanggal_terima=BEFORE, nilai=Decimal(400_001))), "upacara")
    assert (at_cap.verdict, over.verdict) == (MAY_APPLY, EXCEEDS)
    assert "Rp1.000.000 per pemberi dalam setiap acara" in over.reasons[0]


# --- Colleagues (huruf o): per gift and per year from the same giver -----------------------


def colleague_gift(declarant, **overrides):
    values = {
        "jenis_peristiwa": JenisPeristiwa.LAINNYA,
        "jenis_penerimaan": JenisPenerimaan.BARANG,
        "hubungan": HubunganPemberi.REKAN_KERJA,
    }
    values.update(overrides)
    return gift(declarant, **values)


@pytest.mark.parametrize(
    ("received", "nilai", "verdict"),
    [
        (BEFORE, 200_000, MAY_APPLY),
        (BEFORE, 200_001, EXCEEDS),
        (AMENDED, 500_000, MAY_APPLY),
        (AMENDED, 500_001, EXCEEDS),
    ],
)
def test_colleague_gift_per_gift_cap(declarant, received, nilai, verdict):
    advice = advise(**colleague_gift(declarant, tanggal_terima=received, nilai=Decimal(nilai)))
    assert verdict_of(advice, "rekan_lainnya").verdict == verdict


def test_colleague_gift_of_money_is_not_covered(declarant):
    advice = advise(**colleague_gift(declarant, jenis_penerimaan=JenisPenerimaan.UANG, nilai=Decimal(100_000)))
    assert all(verdict.rule.category != "rekan_lainnya" for verdict in advice.verdicts)


def test_yearly_cap_adds_earlier_gifts_from_the_same_giver(declarant):
    earlier_gift(declarant, tanggal_terima=date(2026, 2, 2), nilai=500_000)
    earlier_gift(declarant, tanggal_terima=date(2026, 3, 2), nilai=500_000)
    # Same giver written differently: still the same giver.
    earlier_gift(declarant, tanggal_terima=date(2026, 4, 1), nilai=400_000, pemberi="  bapak  PEMBERI, hadiah. ")
    # Not counted: another year, a later gift, another giver, a refusal, another declarant.
    earlier_gift(declarant, tanggal_terima=date(2025, 12, 31), nilai=500_000)
    earlier_gift(declarant, tanggal_terima=date(2026, 6, 1), nilai=500_000)
    earlier_gift(declarant, tanggal_terima=date(2026, 2, 3), nilai=500_000, pemberi="Orang Lain")
    earlier_gift(declarant, tanggal_terima=date(2026, 2, 4), nilai=500_000, jenis_laporan=JenisLaporan.PENOLAKAN)
    received = date(2026, 5, 4)
    within = advise(**colleague_gift(declarant, tanggal_terima=received, nilai=Decimal(100_000)))
    assert within.earlier_from_giver == Decimal(1_400_000)
    judged = verdict_of(within, "rekan_lainnya")
    assert judged.verdict == MAY_APPLY
    assert judged.year_total == Decimal(1_500_000)  # ≤ Rp1.500.000: inclusive
    beyond = verdict_of(
        advise(**colleague_gift(declarant, tanggal_terima=received, nilai=Decimal(100_001))), "rekan_lainnya"
    )
    assert beyond.verdict == EXCEEDS
    assert beyond.year_total == Decimal(1_500_001)
    assert "Rp1.500.001" in beyond.reasons[0] and "Rp1.500.000 setahun" in beyond.reasons[0]


def test_the_same_gift_judged_again_is_not_counted_twice(declarant):
    saved = earlier_gift(declarant, tanggal_terima=date(2026, 5, 4), nilai=500_000)
    earlier_gift(declarant, tanggal_terima=date(2026, 2, 2), nilai=1_000_000)
    again = advise(
        **colleague_gift(declarant, tanggal_terima=date(2026, 5, 4), nilai=Decimal(500_000)), exclude_pk=saved.pk
    )
    assert verdict_of(again, "rekan_lainnya").year_total == Decimal(1_500_000)


def test_another_declarants_gifts_are_not_counted(declarant, make_user):
    earlier_gift(make_user(roles.PEGAWAI), tanggal_terima=date(2026, 2, 2), nilai=1_400_000)
    advice = advise(**colleague_gift(declarant, tanggal_terima=date(2026, 5, 4), nilai=Decimal(500_000)))
    assert advice.earlier_from_giver == Decimal(0)


# --- The farewell rule (huruf n): < Rp1.000.000 a year, deleted in 2026 --------------------


def farewell_gift(declarant, **overrides):
    return colleague_gift(declarant, jenis_peristiwa=JenisPeristiwa.MUTASI_PROMOSI, **overrides)


def test_farewell_rule_before_its_deletion(declarant):
    advice = advise(**farewell_gift(declarant, tanggal_terima=BEFORE, nilai=Decimal(300_000)))
    assert verdict_of(advice, "rekan_pisah_sambut").verdict == MAY_APPLY
    assert (
        verdict_of(
            advise(**farewell_gift(declarant, tanggal_terima=BEFORE, nilai=Decimal(300_001))), "rekan_pisah_sambut"
        ).verdict
        == EXCEEDS
    )


def test_farewell_yearly_cap_is_strictly_below(declarant):
    earlier_gift(declarant, tanggal_terima=date(2025, 3, 3), nilai=300_000)
    earlier_gift(declarant, tanggal_terima=date(2025, 6, 2), nilai=300_000)
    earlier_gift(declarant, tanggal_terima=date(2025, 9, 1), nilai=200_000)
    at_cap = advise(**farewell_gift(declarant, tanggal_terima=date(2025, 12, 1), nilai=Decimal(200_000)))
    judged = verdict_of(at_cap, "rekan_pisah_sambut")
    assert judged.year_total == Decimal(1_000_000)
    assert judged.verdict == EXCEEDS
    below = advise(**farewell_gift(declarant, tanggal_terima=date(2025, 12, 1), nilai=Decimal(199_999)))
    assert verdict_of(below, "rekan_pisah_sambut").verdict == MAY_APPLY


def test_farewell_rule_is_gone_after_2026(declarant):
    advice = advise(**farewell_gift(declarant, tanggal_terima=AMENDED, nilai=Decimal(300_000)))
    assert "rekan_pisah_sambut" not in [verdict.rule.category for verdict in advice.verdicts]
    # The general colleague rule still judges it.
    assert verdict_of(advice, "rekan_lainnya").verdict == MAY_APPLY
    assert "rekan_pisah_sambut" not in rules_in_force(AMENDED).values_list("category", flat=True)
    assert "rekan_pisah_sambut" in rules_in_force(BEFORE).values_list("category", flat=True)


def test_the_listing_says_where_a_letter_was_deleted(db):
    from gratifikasi.exemptions import rule_listing

    after = rule_listing(AMENDED)
    letters = [entry.rule.letter for entry in after]
    assert letters == sorted(letters) and "n" in letters
    [deleted] = [entry for entry in after if entry.ended_since]
    assert deleted.rule.category == "rekan_pisah_sambut" and deleted.ended_since == date(2026, 1, 20)
    assert not any(entry.ended_since for entry in rule_listing(BEFORE))


def test_picking_the_deleted_farewell_rule_says_since_when(declarant):
    advice = advise(
        **farewell_gift(declarant, tanggal_terima=date(2026, 2, 2), nilai=Decimal(100_000)),
        category="rekan_pisah_sambut",
    )
    (judged,) = advice.verdicts
    assert judged.verdict == DOES_NOT_FIT
    assert judged.reasons == (
        "Ketentuan ini tidak berlaku lagi sejak 20 Januari 2026; gratifikasi diterima 2 Februari 2026.",
    )


# --- Picked categories and the rest --------------------------------------------------------


def test_a_picked_category_is_judged_alone(declarant):
    advice = advise(**gift(declarant, nilai=Decimal(100)), category="investasi")
    (judged,) = advice.verdicts
    assert judged.rule.category == "investasi" and judged.verdict == MAY_APPLY
    assert judged.reasons == ("Ketentuan ini tidak membatasi nilai pemberian.",)


def test_a_picked_category_that_does_not_fit_says_why(declarant):
    advice = advise(**gift(declarant, jenis_penerimaan=JenisPenerimaan.UANG), category="rekan_lainnya")
    (judged,) = advice.verdicts
    assert judged.verdict == DOES_NOT_FIT
    assert "Ketentuan ini hanya untuk pemberian yang bukan berupa uang." in judged.reasons
    assert any("Rekan kerja" in reason for reason in judged.reasons)


def test_a_picked_rule_row_is_judged_by_its_version_in_force(declarant):
    old = ExemptionRule.objects.get(category="upacara", effective_from=date(2019, 1, 1))
    advice = advise(**gift(declarant, nilai=Decimal(1_400_000)), category=old)
    (judged,) = advice.verdicts
    assert judged.rule.effective_from == AMENDED and judged.verdict == MAY_APPLY


def test_family_and_bereavement_are_uncapped(declarant):
    family = advise(**gift(declarant, hubungan=HubunganPemberi.KELUARGA, nilai=Decimal(50_000_000)))
    assert verdict_of(family, "keluarga").verdict == MAY_APPLY
    grief = advise(**gift(declarant, jenis_peristiwa=JenisPeristiwa.MUSIBAH, nilai=Decimal(5_000_000)))
    assert verdict_of(grief, "musibah").verdict == MAY_APPLY


def test_rules_that_the_data_cannot_show_are_never_suggested(declarant):
    advice = advise(**gift(declarant, jenis_peristiwa=JenisPeristiwa.LAINNYA, hubungan=HubunganPemberi.REKANAN))
    assert advice.verdicts == ()
    assert advice.suggested_rule is None


def test_a_refusal_gets_a_note_and_no_rule(declarant):
    advice = advise(**gift(declarant, jenis_laporan=JenisLaporan.PENOLAKAN, nilai=Decimal(100)))
    assert advice.verdicts == () and "Penolakan" in advice.note


def test_before_any_rule_there_is_no_advice(declarant):
    assert advise(**gift(declarant, tanggal_terima=date(2018, 6, 1))).verdicts == ()


def test_rules_in_force_one_version_per_category_in_letter_order():
    for day in (BEFORE, AMENDED, date(2030, 1, 1)):
        rules = list(rules_in_force(day))
        categories = [rule.category for rule in rules]
        assert len(categories) == len(set(categories))
        assert [rule.letter for rule in rules] == sorted(rule.letter for rule in rules)
    assert len(rules_in_force(BEFORE)) == 17
    assert len(rules_in_force(AMENDED)) == 16


def test_an_overlapping_newer_version_governs():
    ExemptionRule.objects.create(
        category="upacara",
        letter="l",
        title="Uji",
        explanation="Uji",
        source="Uji",
        effective_from=date(2027, 1, 1),
        max_per_event_per_giver=Decimal(2_000_000),
        peristiwa=["pernikahan"],
    )
    assert exemptions.rule_in_force("upacara", date(2027, 1, 1)).max_per_event_per_giver == Decimal(2_000_000)
    assert exemptions.rule_in_force("upacara", date(2026, 12, 31)).max_per_event_per_giver == Decimal(1_500_000)


# --- Money is Decimal ----------------------------------------------------------------------


def test_a_float_value_is_refused(declarant):
    with pytest.raises(TypeError):
        advise(**gift(declarant, nilai=1_000_000.0))


def test_an_int_value_is_taken_as_decimal(declarant):
    judged = verdict_of(advise(**colleague_gift(declarant, nilai=500_000)), "rekan_lainnya")
    assert isinstance(judged.year_total, Decimal) and judged.year_total == Decimal(500_000)


def test_giver_digest_ignores_case_spacing_and_punctuation():
    assert giver_digest("PT. Maju, Jaya") == giver_digest("pt maju   jaya")
    assert giver_digest("PT Maju Jaya") != giver_digest("PT Maju Jaya Abadi")
    assert len(giver_digest("x")) == 64


@pytest.mark.parametrize("giver", [HubunganPemberi.PENGGUNA_LAYANAN, HubunganPemberi.REKANAN])
def test_no_rule_is_suggested_for_a_gift_from_someone_with_a_matter_before_the_office(declarant, giver):
    """Every rule holds only where there is no conflict of interest: a small wedding gift
    from a service user or a holiday parcel from a supplier must be reported."""
    for occasion, kind in (
        (JenisPeristiwa.PERNIKAHAN, JenisPenerimaan.UANG),
        (JenisPeristiwa.KEAGAMAAN, JenisPenerimaan.BARANG),
        (JenisPeristiwa.TUGAS_NON_PELAYANAN, JenisPenerimaan.MAKANAN),
    ):
        advice = advise(
            **gift(declarant, hubungan=giver, jenis_peristiwa=occasion, jenis_penerimaan=kind, nilai=Decimal(500_000))
        )
        assert advice.verdicts == () and advice.suggested_rule is None
        assert "benturan kepentingan" in advice.note and "wajib dilaporkan" in advice.note
    picked = advise(**gift(declarant, hubungan=giver, nilai=Decimal(500_000)), category="upacara")
    (judged,) = picked.verdicts
    assert judged.verdict == DOES_NOT_FIT and "benturan kepentingan" in judged.reasons[0]
