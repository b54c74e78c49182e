"""The LKE's scores, recomputed independently: every option count (2, 3, 4, 5) and every
option of each, a percentage item, the sub-component, component and area totals, the
evaluator's override over SIGAP's proposal, and the WBK / WBBM minimums at exactly 60 %
and 75 % of the area's weight. The seeded worksheet is checked against domain.md §7."""

from __future__ import annotations

import itertools
from decimal import ROUND_HALF_UP, Decimal

import pytest

from reports.lke import scoring, selectors
from reports.lke.models import LkeFramework, LkeItem, LkeOption, LkeOverride
from reports.lke.sources import Proposal
from reports.tests.lke_helpers import LETTERS, OPTION_SCORES, YEAR, make_framework, register  # noqa: F401

pytestmark = pytest.mark.django_db

#: One item of each option count and a percentage, across two components.
SPEC = [
    (
        "pemenuhan",
        [
            ("dua", [("dua.satu", "0.75", 2), ("dua.dua", "0.75", 2)]),
            ("tiga", [("tiga.satu", "0.5", 3), ("tiga.dua", "0.5", 3), ("tiga.tiga", "0.5", 3)]),
            ("empat", [("empat.satu", "0.3", 4), ("empat.dua", "1.2", 4)]),
        ],
    ),
    (
        "reform",
        [
            ("lima", [("lima.satu", "2.5", 5)]),
            ("persen", [("persen.satu", "3", "persen")]),
        ],
    ),
]


def expected(answers: dict, percents: dict, overrides: dict | None = None) -> dict:
    """The scores from the raw rows, by a plain loop: each item's weight × the score of
    the option that counts (override, else proposal) or × the ratio, to four decimals."""
    overrides = overrides or {}
    option_score = {
        (code, letter): score for code, letter, score in LkeOption.objects.values_list("item__code", "letter", "score")
    }
    totals = {"items": {}, "subs": {}, "components": {}, "area": Decimal(0), "weight": Decimal(0)}
    rows = LkeItem.objects.filter(subcomponent__component__framework__effective_from__year=YEAR).values_list(
        "code", "weight", "subcomponent__code", "subcomponent__component__code"
    )
    for code, weight, sub, component in rows:
        if code in percents:
            num, den = percents[code]
            fraction = Decimal(num) / Decimal(den) if den else None
        else:
            letter = overrides.get(code, answers.get(code))
            fraction = option_score[(code, letter)] if letter else None
        score = Decimal(0) if fraction is None else (weight * fraction).quantize(Decimal("0.0001"), ROUND_HALF_UP)
        totals["items"][code] = score
        totals["subs"][sub] = totals["subs"].get(sub, Decimal(0)) + score
        totals["components"][component] = totals["components"].get(component, Decimal(0)) + score
        totals["area"] += score
        totals["weight"] += weight
    return totals


def answer_with(register, answers: dict, percents: dict):  # noqa: F811
    for code, letter in answers.items():
        register(code, lambda year, letter=letter: Proposal(option=letter, note="uji"))
    for code, (num, den) in percents.items():
        register(
            code,
            lambda year, num=num, den=den: Proposal(
                percent=(Decimal(num) * 100 / Decimal(den)).quantize(Decimal("0.1")) if den else None,
                numerator=num,
                denominator=den,
            ),
        )


def assert_matches(evaluation, totals):
    for result in evaluation.items():
        assert result.score == totals["items"][result.item.code], result.item.code
    for component in evaluation.components:
        assert component.score == totals["components"][component.code]
        for sub in component.subcomponents:
            assert sub.score == totals["subs"][sub.code]
    assert evaluation.score == totals["area"]
    assert evaluation.weight == totals["weight"]


@pytest.mark.parametrize("count", [2, 3, 4, 5])
def test_every_option_of_every_count_earns_its_share_of_the_weight(register, count):  # noqa: F811
    make_framework([("pemenuhan", [("sub", [(f"item.{count}", "0.9", count)])])])
    proposed = {}
    register(f"item.{count}", lambda year: Proposal(option=proposed["letter"]))
    for index, letter in enumerate(LETTERS[:count]):
        proposed["letter"] = letter
        result = selectors.evaluate(YEAR).items()[0]
        assert result.chosen.letter == letter
        assert result.score == (Decimal("0.9") * Decimal(OPTION_SCORES[count][index])).quantize(Decimal("0.0001"))


@pytest.mark.parametrize("combination", range(6))
def test_a_whole_data_set_scores_as_a_plain_loop_over_the_rows(register, combination):  # noqa: F811
    make_framework(SPEC)
    codes = [code for _c, subs in SPEC for _s, items in subs for code, _w, n in items if n != "persen"]
    counts = {code: n for _c, subs in SPEC for _s, items in subs for code, _w, n in items if n != "persen"}
    # A different, deterministic choice of answers per run, some left unanswered.
    choices = itertools.islice(itertools.cycle(range(7)), combination, None)
    answers = {}
    for code in codes:
        pick = next(choices) % (counts[code] + 1)
        if pick < counts[code]:
            answers[code] = LETTERS[pick]
    percents = {"persen.satu": [(7, 9), (0, 0), (3, 3), (1, 3), (0, 5), (2, 7)][combination]}
    answer_with(register, answers, percents)
    assert_matches(selectors.evaluate(YEAR), expected(answers, percents))


def test_the_evaluators_answer_counts_over_the_proposal(register, make_user):  # noqa: F811
    make_framework(SPEC)
    answers = {"dua.satu": "b", "tiga.satu": "c", "empat.dua": "d", "lima.satu": "e"}
    answer_with(register, answers, {"persen.satu": (1, 2)})
    evaluator = make_user()
    overrides = {"dua.satu": "a", "empat.dua": "b", "lima.satu": "b", "tiga.dua": "b"}
    for code, letter in overrides.items():
        item = LkeItem.objects.get(code=code)
        LkeOverride.objects.create(
            year=YEAR, item=item, option=item.options.get(letter=letter), reason="uji", decided_by=evaluator
        )
    evaluation = selectors.evaluate(YEAR)
    assert_matches(evaluation, expected(answers, {"persen.satu": (1, 2)}, overrides))
    by_code = {result.item.code: result for result in evaluation.items()}
    # Both are kept: the proposal stays beside the answer that counts.
    assert by_code["dua.satu"].proposed_option.letter == "b"
    assert by_code["dua.satu"].chosen.letter == "a"
    assert by_code["tiga.dua"].proposed_option is None and by_code["tiga.dua"].chosen.letter == "b"
    assert evaluation.overridden == 4


def test_a_withdrawn_answer_gives_the_proposal_back(register, make_user):  # noqa: F811
    make_framework(SPEC)
    answer_with(register, {"dua.satu": "b"}, {})
    item = LkeItem.objects.get(code="dua.satu")
    user = make_user()
    LkeOverride.objects.create(year=YEAR, item=item, option=item.options.get(letter="a"), reason="x", decided_by=user)
    LkeOverride.objects.create(year=YEAR, item=item, option=None, reason="salah pilih", decided_by=user)
    result = next(r for r in selectors.evaluate(YEAR).items() if r.item.code == "dua.satu")
    assert result.override is None and result.chosen.letter == "b" and result.score == Decimal("0")
    assert len(result.history) == 2


def test_an_unanswered_item_and_a_percentage_with_nothing_to_divide_earn_nothing(register):  # noqa: F811
    make_framework(SPEC)
    answer_with(register, {}, {"persen.satu": (0, 0)})
    evaluation = selectors.evaluate(YEAR)
    assert evaluation.score == 0
    assert evaluation.unanswered == 9
    result = next(r for r in evaluation.items() if r.item.code == "persen.satu")
    assert result.percent is None and not result.answered


# --- The minimums -------------------------------------------------------------------------

#: An area of weight 15: one item of weight 15 with five options would give 15 × 0.75 =
# 11.25 (75 %) exactly; 60 % = 9 comes from a percentage item of weight 15 at 3 ÷ 5.
THRESHOLD_SPEC = [("area", [("satu", [("batas.persen", "15", "persen")])])]


@pytest.mark.parametrize(
    ("num", "den", "wbk", "wbbm"),
    [
        (3, 5, True, False),  # exactly 60 %
        (5999, 10000, False, False),  # just under
        (3, 4, True, True),  # exactly 75 %
        (7499, 10000, True, False),  # just under
    ],
)
def test_the_minimums_hold_at_exactly_60_and_75_percent(register, num, den, wbk, wbbm):  # noqa: F811
    make_framework(THRESHOLD_SPEC)
    answer_with(register, {}, {"batas.persen": (num, den)})
    evaluation = selectors.evaluate(YEAR)
    assert (evaluation.meets_wbk, evaluation.meets_wbbm) == (wbk, wbbm)


def test_a_choice_answer_at_exactly_75_percent_meets_wbbm(register):  # noqa: F811
    make_framework([("area", [("satu", [("batas.lima", "15", 5)])])])
    answer_with(register, {"batas.lima": "b"}, {})  # 0.75 × 15 = 11.25
    evaluation = selectors.evaluate(YEAR)
    assert evaluation.score == Decimal("11.25") and evaluation.percent == Decimal("75.00")
    assert evaluation.meets_wbk and evaluation.meets_wbbm


def test_the_minimums_are_read_from_the_version_not_from_code(register):  # noqa: F811
    make_framework(THRESHOLD_SPEC, wbk="50", wbbm="70")
    answer_with(register, {}, {"batas.persen": (1, 2)})
    evaluation = selectors.evaluate(YEAR)
    assert evaluation.meets_wbk and not evaluation.meets_wbbm


def test_meets_compares_without_rounding():
    assert scoring.meets(Decimal("9"), Decimal("15"), Decimal("60"))
    assert not scoring.meets(Decimal("8.9999"), Decimal("15"), Decimal("60"))


def test_a_year_is_scored_under_the_version_in_force_on_its_last_day():
    seeded = LkeFramework.objects.get()
    later = LkeFramework.objects.create(
        name="Perubahan", source="Uji", effective_from="2030-07-01", wbk_minimum=60, wbbm_minimum=75
    )
    assert selectors.framework_for(2029) == seeded
    assert selectors.framework_for(2030) == later
    assert selectors.framework_for(2021) is None
    assert selectors.evaluate(2021) is None


# --- The seeded worksheet -----------------------------------------------------------------


def test_the_seeded_worksheet_is_domain_7():
    framework = LkeFramework.objects.get()
    assert (framework.wbk_minimum, framework.wbbm_minimum) == (Decimal(60), Decimal(75))
    evaluation = selectors.evaluate(framework.effective_from.year)
    components = {component.code: component for component in evaluation.components}
    assert components["pemenuhan"].weight == Decimal("7.5")
    assert [sub.weight for sub in components["pemenuhan"].subcomponents] == [Decimal("1.5")] * 5
    assert [sub.code for sub in components["pemenuhan"].subcomponents] == [
        "gratifikasi",
        "spip",
        "pengaduan",
        "wbs",
        "benturan",
    ]
    assert [sub.weight for sub in components["reform"].subcomponents] == [Decimal("2.5"), Decimal("3"), Decimal("2")]
    assert evaluation.weight == Decimal(15)
    counts = set()
    for item in LkeItem.objects.filter(answer_kind="pilihan").prefetch_related("options"):
        scores = [option.score for option in item.options.order_by("order")]
        counts.add(len(scores))
        assert scores == [Decimal(score) for score in OPTION_SCORES[len(scores)]], item.code
    assert counts == {2, 3, 4, 5}
    codes = list(LkeItem.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))


def test_every_builtin_source_answers_an_item_of_the_seed():
    from reports.lke.builtin_sources import BUILTIN

    assert set(BUILTIN) <= set(LkeItem.objects.values_list("code", flat=True))
    percentage_items = set(LkeItem.objects.filter(answer_kind="persentase").values_list("code", flat=True))
    assert percentage_items == {"reform.penanganan_pengaduan", "reform.lhkpn", "reform.lhkasn"}
