"""A year's LKE evaluation as a report Document (page, PDF and XLSX from one source): the
summary against the WBK and WBBM minimums, every item with SIGAP's proposal, the
evaluator's answer and the score, the evidence behind each proposal, and the overrides
with their reasons."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ..document import Document, Link, Paragraph, Section, Table
from .scoring import Evaluation, ItemResult

SHOWN_SCORE = Decimal("0.001")


def number_column() -> str:
    # Django's own catalog reads a bare "No" as the answer (Tidak).
    return pgettext("nomor urut", "No")


def plain(value: Decimal | None) -> Decimal | None:
    """A decimal without trailing zeros (0.375, 1.5, 3), as people write weights."""
    if value is None:
        return None
    text = format(value.quantize(Decimal("0.0001")), "f")
    return Decimal(text.rstrip("0").rstrip(".") if "." in text else text)


def score(value: Decimal) -> Decimal:
    """A score as shown: three decimals, enough for every option score × weight of the
    worksheet (0,375; 0,201), without trailing zeros."""
    return plain(value.quantize(SHOWN_SCORE, rounding=ROUND_HALF_UP))


def number_text(value: Decimal) -> str:
    return formats.number_format(plain(value), use_l10n=True)


def percent_text(value: Decimal | None) -> str | None:
    # A no-break space keeps the sign with its number on a narrow screen.
    return None if value is None else f"{number_text(value)}\u00a0%"


def day_text(day) -> str:
    return formats.date_format(day, "j F Y")


def proposal_text(result: ItemResult) -> str:
    """SIGAP's proposed answer as a short text."""
    proposal = result.proposal
    if result.item.is_computed:
        if proposal is None or proposal.denominator is None:
            return _("belum ada data di SIGAP")
        if proposal.percent is None:
            return _("— (tidak ada yang harus dihitung)")
        return _("%(percent)s (%(num)s dari %(den)s)") % {
            "percent": percent_text(proposal.percent),
            "num": proposal.numerator,
            "den": proposal.denominator,
        }
    if result.proposed_option is not None:
        return str(result.proposed_option)
    return _("belum ada data di SIGAP")


def answer_text(result: ItemResult) -> str:
    """The answer that counts, and whose it is."""
    if result.item.is_computed:
        return proposal_text(result)
    if result.override is not None:
        return _("%(answer)s (jawaban penilai)") % {"answer": result.override.option}
    if result.proposed_option is not None:
        return _("%(answer)s (usulan SIGAP)") % {"answer": result.proposed_option}
    return _("belum dijawab")


def verdict(evaluation: Evaluation) -> str:
    framework = evaluation.framework

    def said(met: bool) -> str:
        return _("tercapai") if met else _("belum tercapai")

    return _(
        "Nilai area Penguatan Pengawasan %(score)s dari bobot %(weight)s (%(percent)s). "
        "Minimal WBK %(wbk)s: %(wbk_met)s. Minimal WBBM %(wbbm)s: %(wbbm_met)s."
    ) % {
        "score": number_text(score(evaluation.score)),
        "weight": number_text(evaluation.weight),
        "percent": percent_text(evaluation.percent) or "—",
        "wbk": percent_text(framework.wbk_minimum),
        "wbk_met": said(evaluation.meets_wbk),
        "wbbm": percent_text(framework.wbbm_minimum),
        "wbbm_met": said(evaluation.meets_wbbm),
    }


def _summary(evaluation: Evaluation) -> Section:
    rows = []
    for component in evaluation.components:
        rows.append((component.name, plain(component.weight), score(component.score), plain(component.percent)))
        for sub in component.subcomponents:
            rows.append(("– " + sub.name, plain(sub.weight), score(sub.score), plain(sub.percent)))
    framework = evaluation.framework
    return Section(
        _("Ringkasan"),
        (
            Paragraph(
                _("Dinilai menurut %(name)s (%(source)s), berlaku sejak %(date)s.")
                % {
                    "name": framework.name,
                    "source": framework.source,
                    "date": day_text(framework.effective_from),
                }
            ),
            Paragraph(verdict(evaluation), strong=True),
            Table(
                columns=(_("Komponen"), _("Bobot"), pgettext("skor LKE", "Nilai"), _("% bobot")),
                rows=tuple(rows),
                footer=(
                    _("Area Penguatan Pengawasan"),
                    plain(evaluation.weight),
                    score(evaluation.score),
                    plain(evaluation.percent),
                ),
                widths=(5, 1.2, 1.2, 1.4),
                sheet=_("Ringkasan"),
            ),
            Paragraph(
                _(
                    "%(unanswered)s butir belum terjawab (bernilai 0); %(overridden)s butir dijawab penilai "
                    "menggantikan usulan SIGAP."
                )
                % {"unanswered": evaluation.unanswered, "overridden": evaluation.overridden}
            ),
        ),
    )


def numbers(evaluation: Evaluation) -> dict[int, int]:
    """Each item's number in the report (1, 2, … through both components), by item pk."""
    return {result.item.pk: number for number, result in enumerate(evaluation.items(), start=1)}


def _items(evaluation: Evaluation, numbered: dict[int, int]) -> list[Section]:
    sections = []
    for component in evaluation.components:
        tables = []
        for sub in component.subcomponents:
            rows = []
            for result in sub.items:
                rows.append(
                    (
                        numbered[result.item.pk],
                        result.item.question,
                        proposal_text(result),
                        str(result.override.option) if result.override is not None else "",
                        plain(result.item.weight),
                        score(result.score),
                    )
                )
            tables.append(
                Table(
                    columns=(
                        number_column(),
                        _("Butir"),
                        _("Usulan SIGAP"),
                        _("Jawaban penilai"),
                        _("Bobot"),
                        pgettext("skor LKE", "Nilai"),
                    ),
                    rows=tuple(rows),
                    caption=sub.name,
                    footer=(
                        "",
                        _("Jumlah %(name)s") % {"name": sub.name},
                        "",
                        "",
                        plain(sub.weight),
                        score(sub.score),
                    ),
                    widths=(0.8, 5, 3, 2.4, 1.1, 1.1),
                )
            )
        sections.append(Section(component.name, tuple(tables), page_break=True))
    return sections


def _evidence(evaluation: Evaluation, numbered: dict[int, int]) -> Section:
    rows = []
    for result in evaluation.items():
        number = numbered[result.item.pk]
        proposal = result.proposal
        if proposal is None:
            rows.append((number, _("belum ada data di SIGAP"), "", ""))
            continue
        evidence = proposal.evidence or ()
        if not evidence:
            rows.append((number, proposal.note, "", ""))
        for index, item in enumerate(evidence):
            rows.append(
                (
                    number,
                    proposal.note if index == 0 else "",
                    Link(item.label, item.url) if item.url else item.label,
                    item.detail,
                )
            )
    return Section(
        _("Dasar usulan dan data dukung"),
        (
            Table(
                columns=(number_column(), _("Dasar usulan SIGAP"), _("Data dukung"), _("Angka")),
                rows=tuple(rows),
                widths=(0.8, 5, 2.8, 2.9),
                sheet=_("Data dukung"),
            ),
        ),
        page_break=True,
    )


def _overrides(evaluation: Evaluation, numbered: dict[int, int]) -> Section:
    rows = []
    for result in evaluation.items():
        override = result.override
        if override is None:
            continue
        rows.append(
            (
                numbered[result.item.pk],
                str(override.proposed_option) if override.proposed_option else _("belum ada data di SIGAP"),
                str(override.option),
                override.reason,
                str(override.decided_by),
                timezone.localdate(override.decided_at),
            )
        )
    return Section(
        _("Jawaban penilai"),
        (
            Table(
                columns=(
                    number_column(),
                    _("Usulan SIGAP saat itu"),
                    _("Jawaban penilai"),
                    _("Alasan"),
                    _("Oleh"),
                    _("Tanggal"),
                ),
                rows=tuple(rows),
                empty=_("Semua jawaban mengikuti usulan SIGAP."),
                widths=(0.8, 2.6, 2.6, 4, 1.6, 1.6),
                sheet=_("Jawaban penilai"),
            ),
        ),
    )


def build(evaluation: Evaluation) -> Document:
    numbered = numbers(evaluation)
    return Document(
        title=_("LKE Penguatan Pengawasan"),
        subtitle=_("Tahun %(year)s") % {"year": evaluation.year},
        sections=(
            _summary(evaluation),
            *_items(evaluation, numbered),
            _evidence(evaluation, numbered),
            _overrides(evaluation, numbered),
        ),
        slug=f"lke-penguatan-pengawasan-{evaluation.year}",
        status_note=_("Usulan SIGAP dihitung dari catatannya per %(date)s; penilai dapat menggantinya dengan alasan.")
        % {"date": day_text(timezone.localdate())},
    )


def document_for_job(*, period, user=None, **_params) -> Document:
    """The year's worksheet for a background file (reports.jobs.downloads)."""
    from .selectors import evaluate

    evaluation = evaluate(period.start.year)
    if evaluation is None:
        raise ValueError(f"No LKE version is in force for {period.start.year}")
    return build(evaluation)
