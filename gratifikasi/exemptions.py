"""Advice on whether a gift needs reporting: which not-obligatory rule may apply, or which
limit it exceeds, each with the rule's source. Advice never blocks a declaration.

A gift is judged by the rules in force on the day it was received (ExemptionRule rows
with effective periods): a wedding gift of Rp1.200.000 received on 19 January 2026
exceeds the Rp1.000.000 of Peraturan KPK 2/2019, the same gift a day later is within the
Rp1.500.000 of Peraturan KPK 1/2026. A yearly cap per giver adds the declarant's earlier
gifts from the same giver that calendar year (found by the keyed digest of the giver's
name, never the name in clear). A cap per giver at each event (the ceremony rule, huruf
l: "per pemberi dalam setiap acara") adds the declarant's other gifts from the same giver
at the same event, whichever was declared first: two envelopes from one guest at one
wedding are judged as their sum. The same event is the same kind of event (jenis
peristiwa) on the same day received: what a declaration records of the occasion (its
place is encrypted, so it cannot be compared in the database); a gift handed over on
another day for the same ceremony is the UPG's to judge. One declaration holds one value:
gifts declared together are declared as their total. Amounts are Decimal throughout; a
float is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import formats
from django.utils.translation import gettext as _

from casework.money import as_amount, format_rupiah

from .choices import CASH, HubunganPemberi, JenisLaporan, JenisPenerimaan, JenisPeristiwa
from .models import ExemptionRule, Gratifikasi

#: Givers who have a matter before the declarant's office. Every not-obligatory rule
#: holds only "provided there is no conflict of interest" (Peraturan KPK 2/2019 Pasal 2
#: ayat (3)); a gift from someone the declarant serves or buys from is exactly that
#: conflict, so no rule is suggested for it, however small or customary the gift.
CONFLICTED_GIVERS = frozenset({HubunganPemberi.PENGGUNA_LAYANAN, HubunganPemberi.REKANAN})

MAY_APPLY = "may_apply"
EXCEEDS = "exceeds"
DOES_NOT_FIT = "does_not_fit"


# --- Rules in force ------------------------------------------------------------------------


def _in_force(on: date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def rules_in_force(on: date) -> QuerySet[ExemptionRule]:
    """The rules in force on `on`, one version per category, in the order of the
    regulation's letters (for the declaration form's category select and the UPG's
    choice of the rule it cites). Should two versions of a category overlap, the later
    one governs."""
    newer = ExemptionRule.objects.filter(
        _in_force(on), category=OuterRef("category"), effective_from__gt=OuterRef("effective_from")
    )
    return ExemptionRule.objects.filter(_in_force(on)).exclude(Exists(newer)).order_by("letter", "category")


def rules_ended(on: date) -> list[ExemptionRule]:
    """The categories no longer in force on `on` (a letter the regulation deleted), each
    as its last version, in letter order: so a list that goes from m to o can say that n
    was deleted, and since when."""
    in_force = set(rules_in_force(on).values_list("category", flat=True))
    last = {}
    for rule in (
        ExemptionRule.objects.filter(effective_to__lt=on).exclude(category__in=in_force).order_by("effective_to")
    ):
        last[rule.category] = rule
    return sorted(last.values(), key=lambda rule: (rule.letter, rule.category))


def ended_since(rule: ExemptionRule) -> date:
    """The first day `rule` no longer applied."""
    return rule.effective_to + timedelta(days=1)


@dataclass(frozen=True)
class ListedRule:
    rule: ExemptionRule
    #: The first day the letter no longer applied (None: in force).
    ended_since: date | None = None


def rule_listing(on: date) -> list[ListedRule]:
    """Every letter as it stands on `on`, in order: the rules in force, and in their place
    the letters deleted before that day, saying since when."""
    listed = [ListedRule(rule) for rule in rules_in_force(on)]
    listed += [ListedRule(rule, ended_since(rule)) for rule in rules_ended(on)]
    return sorted(listed, key=lambda entry: (entry.rule.letter, entry.rule.category))


def rule_in_force(category: str, on: date) -> ExemptionRule | None:
    """The version of `category` in force on `on`, or None (not yet, or no longer)."""
    return rules_in_force(on).filter(category=category).first()


# --- Advice -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What one rule says about the gift: MAY_APPLY, EXCEEDS or DOES_NOT_FIT (the last
    only for a rule the declarant picked), with the reasons in plain words."""

    rule: ExemptionRule
    verdict: str
    reasons: tuple[str, ...]
    #: The giver's gifts that year including this one, when the rule has a yearly cap.
    year_total: Decimal | None = None
    #: The giver's gifts at this event including this one, when the rule caps an event.
    event_total: Decimal | None = None

    @property
    def may_apply(self) -> bool:
        return self.verdict == MAY_APPLY

    @property
    def source(self) -> str:
        return self.rule.source


@dataclass(frozen=True)
class Advice:
    judged_on: date
    verdicts: tuple[Verdict, ...] = ()
    #: A general remark (e.g. that rules concern received gifts only).
    note: str = ""
    #: The declarant's earlier gifts from the same giver in the year of this one.
    earlier_from_giver: Decimal = field(default=Decimal(0))
    #: The declarant's other gifts from the same giver at the same event as this one.
    earlier_at_event: Decimal = field(default=Decimal(0))

    @property
    def year_capped(self) -> bool:
        """Whether a rule judged here sums the giver's gifts of the year."""
        return any(verdict.year_total is not None for verdict in self.verdicts)

    @property
    def event_capped(self) -> bool:
        """Whether a rule judged here sums the giver's gifts at the event."""
        return any(verdict.event_total is not None for verdict in self.verdicts)

    @property
    def applicable(self) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if verdict.may_apply]

    @property
    def suggested_rule(self) -> ExemptionRule | None:
        """The rule the advice names first as possibly applying (recorded with the
        declaration, for the UPG's analysis), or None."""
        applicable = self.applicable
        return applicable[0].rule if applicable else None


@dataclass(frozen=True)
class GiverTotals:
    """The declarant's other received gifts from one giver: `year`, those of the same
    calendar year up to the day received; `event`, those at the same event (the same
    jenis peristiwa on the same day received, already inside `year`)."""

    year: Decimal = Decimal(0)
    event: Decimal = Decimal(0)


def other_gifts_from_giver(
    *, declarant, pemberi_digest: str, tanggal_terima: date, jenis_peristiwa: str, exclude_pk: int | None = None
) -> GiverTotals:
    """Sum the declarant's other received gifts from the same giver for the yearly cap
    and the cap per event, in one query (see GiverTotals)."""
    gifts = Gratifikasi.objects.filter(
        declarant=declarant,
        jenis_laporan=JenisLaporan.PENERIMAAN,
        pemberi_digest=pemberi_digest,
        tanggal_terima__gte=date(tanggal_terima.year, 1, 1),
        tanggal_terima__lte=tanggal_terima,
    )
    if exclude_pk is not None:
        gifts = gifts.exclude(pk=exclude_pk)
    totals = gifts.aggregate(
        year=Sum("nilai"),
        event=Sum("nilai", filter=Q(tanggal_terima=tanggal_terima, jenis_peristiwa=jenis_peristiwa)),
    )
    return GiverTotals(year=totals["year"] or Decimal(0), event=totals["event"] or Decimal(0))


def advise(
    *,
    declarant,
    tanggal_terima: date,
    jenis_laporan: str,
    jenis_peristiwa: str,
    jenis_penerimaan: str,
    hubungan: str,
    nilai: Decimal | int,
    pemberi_digest: str,
    category: str | ExemptionRule | None = None,
    exclude_pk: int | None = None,
) -> Advice:
    """Judge the gift against the rules in force on `tanggal_terima`.

    With `category` (a slug or a rule the declarant picked), that category only, judged
    even where its criteria do not fit (then DOES_NOT_FIT, saying why). Otherwise every
    rule that may be suggested (auto_match) and whose criteria fit, each MAY_APPLY or
    EXCEEDS. `exclude_pk` leaves a saved declaration out of the yearly sum (judging it
    again). Never raises for a gift that fits nothing: the advice is then empty.
    """
    nilai = as_amount(nilai, name="advise()'s value")
    if jenis_laporan != JenisLaporan.PENERIMAAN:
        return Advice(
            judged_on=tanggal_terima,
            note=_(
                "Ketentuan tidak wajib lapor berlaku untuk gratifikasi yang diterima. Penolakan gratifikasi tetap "
                "dilaporkan agar tercatat."
            ),
        )
    others = other_gifts_from_giver(
        declarant=declarant,
        pemberi_digest=pemberi_digest,
        tanggal_terima=tanggal_terima,
        jenis_peristiwa=jenis_peristiwa,
        exclude_pk=exclude_pk,
    )
    if hubungan in CONFLICTED_GIVERS:
        return _conflicted(hubungan, tanggal_terima, category, others)
    gift = {
        "peristiwa": jenis_peristiwa,
        "hubungan": hubungan,
        "penerimaan": jenis_penerimaan,
        "nilai": nilai,
        "year_total": others.year + nilai,
        "year": tanggal_terima.year,
        "event_total": others.event + nilai,
        "received": tanggal_terima,
    }
    if category is not None:
        verdicts = _judge_picked(category, tanggal_terima, lambda rule: _judge_fit_and_caps(rule, gift))
    else:
        verdicts = tuple(
            _judge_caps(rule, gift)
            for rule in rules_in_force(tanggal_terima).filter(auto_match=True)
            if not _misfits(rule, gift)
        )
    return _advice(tanggal_terima, others, verdicts=verdicts)


def _advice(on: date, others: GiverTotals, **kwargs) -> Advice:
    return Advice(judged_on=on, earlier_from_giver=others.year, earlier_at_event=others.event, **kwargs)


def _conflict_reason(hubungan: str) -> str:
    # Read by the declarant and by the UPG officer alike: it names the receiver, not "you".
    return _(
        "Pemberi adalah %(giver)s, pihak yang berurusan dengan jabatan atau layanan penerima. Ketentuan tidak wajib "
        "lapor hanya berlaku jika tidak ada benturan kepentingan, jadi pemberian ini wajib dilaporkan."
    ) % {"giver": str(HubunganPemberi(hubungan).label).lower()}


def _conflicted(hubungan: str, on: date, category, others: GiverTotals) -> Advice:
    """The advice for a gift from a giver in CONFLICTED_GIVERS: no rule applies. A rule
    the declarant (or the UPG) picked is answered DOES_NOT_FIT, saying why."""
    reason = _conflict_reason(hubungan)
    if category is None:
        return _advice(on, others, note=reason)
    verdicts = _judge_picked(category, on, lambda rule: Verdict(rule, DOES_NOT_FIT, (reason,)))
    return _advice(on, others, verdicts=verdicts)


def _judge_picked(category, on: date, judge) -> tuple[Verdict, ...]:
    """A category the declarant or the UPG picked (a slug or a rule row): its version in
    force on `on` judged by `judge(rule)`, or why no version is in force."""
    slug = category.category if isinstance(category, ExemptionRule) else str(category)
    rule = rule_in_force(slug, on)
    if rule is None:
        return (_not_in_force(slug, on),) if _any_version(slug) else ()
    return (judge(rule),)


def _judge_fit_and_caps(rule: ExemptionRule, gift: dict) -> Verdict:
    misfits = _misfits(rule, gift)
    return Verdict(rule, DOES_NOT_FIT, tuple(misfits)) if misfits else _judge_caps(rule, gift)


def advise_declaration(case, *, category: str | ExemptionRule | None = None) -> Advice:
    """`advise` for a saved declaration, judged again as it stands (its own value is
    not counted twice in the giver's yearly sum)."""
    return advise(
        declarant=case.declarant,
        tanggal_terima=case.tanggal_terima,
        jenis_laporan=case.jenis_laporan,
        jenis_peristiwa=case.jenis_peristiwa,
        jenis_penerimaan=case.jenis_penerimaan,
        hubungan=case.hubungan,
        nilai=case.nilai,
        pemberi_digest=case.pemberi_digest,
        category=category,
        exclude_pk=case.pk,
    )


def _any_version(slug: str) -> bool:
    return ExemptionRule.objects.filter(category=slug).exists()


def _not_in_force(slug: str, on: date) -> Verdict:
    """A picked category with no version in force on the day received (the farewell rule
    after its deletion in 2026, or a category not yet in force)."""
    latest = ExemptionRule.objects.filter(category=slug).order_by("-effective_from").first()
    if latest.effective_to is not None and latest.effective_to < on:
        reason = _("Ketentuan ini tidak berlaku lagi sejak %(date)s; gratifikasi diterima %(received)s.") % {
            "date": _day(latest.effective_to + timedelta(days=1)),
            "received": _day(on),
        }
    else:
        reason = _("Ketentuan ini belum berlaku pada %(received)s.") % {"received": _day(on)}
    return Verdict(latest, DOES_NOT_FIT, (reason,))


def _labels(values, choices) -> str:
    return ", ".join(str(choices(value).label) for value in values if value in choices.values)


def _misfits(rule: ExemptionRule, gift: dict) -> list[str]:
    """Why the gift is not of the kind the rule covers (empty: it is)."""
    reasons = []
    if rule.peristiwa and gift["peristiwa"] not in rule.peristiwa:
        reasons.append(
            _("Ketentuan ini untuk peristiwa: %(list)s.") % {"list": _labels(rule.peristiwa, JenisPeristiwa)}
        )
    if rule.hubungan and gift["hubungan"] not in rule.hubungan:
        reasons.append(
            _("Ketentuan ini untuk pemberian dari: %(list)s.") % {"list": _labels(rule.hubungan, HubunganPemberi)}
        )
    if rule.penerimaan and gift["penerimaan"] not in rule.penerimaan:
        reasons.append(
            _("Ketentuan ini untuk jenis penerimaan: %(list)s.") % {"list": _labels(rule.penerimaan, JenisPenerimaan)}
        )
    if rule.non_cash_only and gift["penerimaan"] in CASH:
        reasons.append(_("Ketentuan ini hanya untuk pemberian yang bukan berupa uang."))
    return reasons


def _judge_caps(rule: ExemptionRule, gift: dict) -> Verdict:
    nilai, total = gift["nilai"], gift["year_total"]
    within, beyond = [], []
    if rule.max_per_gift is not None:
        values = {"value": format_rupiah(nilai), "cap": format_rupiah(rule.max_per_gift)}
        if nilai <= rule.max_per_gift:
            within.append(_("Nilai %(value)s tidak melebihi batas %(cap)s per pemberian.") % values)
        else:
            beyond.append(_("Nilai %(value)s melebihi batas %(cap)s per pemberian.") % values)
    event_total = None
    if rule.max_per_event_per_giver is not None:
        event_total = gift["event_total"]
        values = {
            "event": str(JenisPeristiwa(gift["peristiwa"]).label),
            "day": _day(gift["received"]),
            "total": format_rupiah(event_total),
            "cap": format_rupiah(rule.max_per_event_per_giver),
        }
        if event_total <= rule.max_per_event_per_giver:
            within.append(
                _(
                    "Jumlah pemberian dari pemberi yang sama pada acara ini (%(event)s, %(day)s), termasuk "
                    "pemberian ini, %(total)s: tidak melebihi batas %(cap)s per pemberi dalam setiap acara."
                )
                % values
            )
        else:
            beyond.append(
                _(
                    "Jumlah pemberian dari pemberi yang sama pada acara ini (%(event)s, %(day)s), termasuk "
                    "pemberian ini, %(total)s: melebihi batas %(cap)s per pemberi dalam setiap acara."
                )
                % values
            )
    year_total = None
    if rule.max_per_year_per_giver is not None:
        year_total = total
        cap = rule.max_per_year_per_giver
        values = {"total": format_rupiah(total), "cap": format_rupiah(cap), "year": gift["year"]}
        if rule.year_cap_inclusive:
            if total <= cap:
                within.append(
                    _(
                        "Jumlah pemberian dari pemberi yang sama pada tahun %(year)s, termasuk pemberian ini, "
                        "%(total)s: tidak melebihi batas %(cap)s setahun."
                    )
                    % values
                )
            else:
                beyond.append(
                    _(
                        "Jumlah pemberian dari pemberi yang sama pada tahun %(year)s, termasuk pemberian ini, "
                        "%(total)s: melebihi batas %(cap)s setahun."
                    )
                    % values
                )
        elif total < cap:
            within.append(
                _(
                    "Jumlah pemberian dari pemberi yang sama pada tahun %(year)s, termasuk pemberian ini, "
                    "%(total)s: kurang dari batas %(cap)s setahun."
                )
                % values
            )
        else:
            beyond.append(
                _(
                    "Jumlah pemberian dari pemberi yang sama pada tahun %(year)s, termasuk pemberian ini, "
                    "%(total)s: mencapai atau melebihi batas %(cap)s setahun (harus kurang dari batas)."
                )
                % values
            )
    if beyond:
        return Verdict(rule, EXCEEDS, tuple(beyond), year_total, event_total)
    if not within:
        within.append(_("Ketentuan ini tidak membatasi nilai pemberian."))
    return Verdict(rule, MAY_APPLY, tuple(within), year_total, event_total)


def _day(day: date) -> str:
    return formats.date_format(day, "j F Y")
