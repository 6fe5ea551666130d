"""Tables across programmes: roadmap, budget by year × source, KPIs, evaluation, progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from smartplan.domain.metrics import (
    COMPONENTS,
    computed_index,
    differs,
    evaluation_index,
    evaluation_method,
    evaluation_pairs,
    evaluation_round,
    method_changed,
    published_index,
)
from smartplan.report import formatting as fmt
from smartplan.report.data import figure, mapping, mappings, text, year
from smartplan.report.labels import catalogue
from smartplan.report.programs import Indicator, Program, anchor
from smartplan.report.values import VALUES, value_label

MAX_YEARS = 30  # a typo such as 20230 must not draw a roadmap of eighteen thousand columns


def span(period: dict[str, Any], programs: list[Program]) -> list[int]:
    """The roadmap's years: the plan's period, widened to programmes that run outside it and
    to the earliest quick-win year (a quick win of the Bimtek year before the period, SPEC §10)."""
    start, end = year(period.get("start")), year(period.get("end"))
    known = [y for p in programs for y in (p.start, p.end, p.quick_win_year) if y is not None]
    if start is None or end is None or end < start:
        if not known:
            return []
        start, end = min(known), max(known)
    low = min([start, *(y for y in known if start - 5 <= y)])
    high = max([end, *(y for y in known if y <= end + 5)])
    return list(range(low, min(high, low + MAX_YEARS - 1) + 1))


@dataclass(frozen=True)
class RoadmapRow:
    program: Program
    cells: list[bool]  # one per year of Roadmap.years: does the programme run that year?
    milestones: list[str] = field(default_factory=list)  # per year: its milestones, or ""
    open_end: bool = False  # ongoing without an end: drawn to the period's end, marked open


@dataclass(frozen=True)
class Roadmap:
    years: list[int]
    rows: list[RoadmapRow]  # programmes with years only
    undated: list[Program] = field(default_factory=list)  # no year at all: listed apart


def roadmap(years: list[int], programs: list[Program], period_end: int | None = None) -> Roadmap:
    """A bar per programme with years; an `ongoing` one without `end` runs open to the period's
    end (SPEC §8); a programme without any year gets no bar and is listed apart."""
    rows, undated = [], []
    for p in programs:
        if p.start is None and p.end is None and p.quick_win_year is None and not p.milestones:
            undated.append(p)  # nothing to draw in any year
            continue
        open_end = p.open_end and period_end is not None and p.start is not None
        first = p.start if p.start is not None else p.end
        last = p.end if p.end is not None else p.start
        if open_end and period_end is not None and first is not None:
            last = max(first, period_end)
        cells = [first is not None and last is not None and first <= y <= last for y in years]
        marks = ["; ".join(m.milestone for m in p.milestones if m.year == y) for y in years]
        rows.append(RoadmapRow(p, cells, marks, open_end))
    return Roadmap(years, rows, undated)


@dataclass(frozen=True)
class Source:
    id: str
    label: str
    short: str  # for legends and narrow columns: the acronym (APBD) or the label


ACRONYMS = ("apbd", "apbn", "dak", "kpbu", "csr")


@dataclass(frozen=True)
class BudgetYear:
    year: int
    amounts: list[float]  # one per BudgetTable.sources
    cells: list[str]  # the same as rupiah, "" where nothing is planned
    cells_short: list[str]  # the same as `Rp 2,5 M`, for tables that must fit a page
    cell_ids: list[str]  # HTML ids of the table's cells: a chart segment too small to carry
    # its own label points at its cell
    total: float
    total_text: str


@dataclass(frozen=True)
class BudgetTable:
    sources: list[Source]
    rows: list[BudgetYear]
    source_totals: list[str]
    source_totals_short: list[str]
    total: float | None  # None when no programme has a budget line: "belum ada data"
    total_text: str
    total_short: str


def budget(programs: list[Program], lang: str) -> BudgetTable:
    sums: dict[tuple[int, str], float] = {}
    for p in programs:
        for line in p.budget:
            if line.year is not None:
                key = (line.year, line.source)
                sums[key] = sums.get(key, 0.0) + line.amount
    order = list(VALUES["source"])
    used = sorted({s for _, s in sums}, key=lambda s: (order.index(s) if s in order else 99, s))
    sources = [
        Source(
            s,
            value_label("source", s, lang),
            s.upper() if s in ACRONYMS else value_label("source", s, lang),
        )
        for s in used
    ]
    rows = []
    for when in sorted({y for y, _ in sums}):
        amounts = [sums.get((when, s), 0.0) for s in used]
        cells = [
            fmt.rupiah(a) if (when, s) in sums else "" for a, s in zip(amounts, used, strict=True)
        ]
        short = [
            fmt.rupiah_short(a) if cell else "" for a, cell in zip(amounts, cells, strict=True)
        ]
        ids = [anchor("budget", f"{when}-{s}") for s in used]
        total = sum(amounts)
        rows.append(BudgetYear(when, amounts, cells, short, ids, total, fmt.rupiah(total)))
    per_source = [sum(v for (_, s), v in sums.items() if s == source) for source in used]
    if not sums:  # no budget line: no total, and never "Rp 0" (SPEC §8)
        missing = catalogue(lang)["no_data"]
        return BudgetTable(sources, rows, [], [], None, missing, missing)
    total = sum(per_source)
    return BudgetTable(
        sources,
        rows,
        [fmt.rupiah(a) for a in per_source],
        [fmt.rupiah_short(a) for a in per_source],
        total,
        fmt.rupiah(total),
        fmt.rupiah_short(total),
    )


@dataclass(frozen=True)
class Kpi:
    program: Program
    indicator: Indicator


def kpis(programs: list[Program]) -> list[Kpi]:
    """Indicators with at least one target or actual, in programme order."""
    return [Kpi(p, i) for p in programs for i in p.indicators if i.rows]


@dataclass(frozen=True)
class Component:
    id: str
    label: str
    weight_text: str
    score_text: str


@dataclass(frozen=True)
class EvaluationYear:
    year: int
    components: list[Component]  # one per Evaluation.component_labels, "–" where not used
    index: float | None  # the published score where recorded, else the computed one
    index_text: str
    change_text: str  # "+0,23" against the previous; "method changed" across methods; "" first
    note: str
    round: int | None = None  # Tahap I / II when the year was evaluated in rounds (§8)
    label: str = ""  # "2024", or "2024 · Tahap II"
    computed_text: str = ""  # the computed index, only when it differs from the published one
    method_changed: bool = False  # other components or weights than the previous evaluation


@dataclass(frozen=True)
class Evaluation:
    component_labels: list[str]
    years: list[EvaluationYear]
    trend: str  # "up", "down", "flat", "method" (not comparable) or "" with fewer than two
    trend_label: str
    latest_text: str
    latest_computed: str = ""  # the latest computed index beside a published one that differs

    @property
    def method_note(self) -> bool:
        """Whether the table needs the note on published scores and changed methods."""
        return any(y.computed_text or y.method_changed for y in self.years)


def evaluation(data: dict[str, Any], lang: str) -> Evaluation:
    entries = sorted(
        (e for e in mappings(data.get("evaluations")) if year(e.get("year")) is not None),
        key=lambda e: (int(e["year"]), evaluation_round(e) or 0),
    )
    keys = _component_keys(entries)
    years: list[EvaluationYear] = []
    previous: tuple[float, tuple[Any, ...]] | None = None
    for entry in entries:
        index, method = evaluation_index(entry), evaluation_method(entry)
        change, changed = "", False
        if index is not None and previous is not None:
            known = method_changed(previous[1], method)
            changed = known is True
            if known is False:
                change = _signed(round(index - previous[0], 2), lang)
            elif changed:
                change = catalogue(lang)["method_changed"]
        years.append(_year_row(entry, keys, index, change, changed, lang))
        previous = (index, method) if index is not None else previous
    return _summary(keys, entries, years, lang)


def _component_keys(entries: list[dict[str, Any]]) -> list[str]:
    """The five known components, then any other in the order the evaluations name them."""
    keys = list(COMPONENTS)
    for entry in entries:
        keys += [k for k in evaluation_pairs(entry) if k not in keys]
    return keys


def _component_label(key: str, entries: list[dict[str, Any]], lang: str) -> str:
    """A known component's label; another's from the evaluations' `components:`, else its key."""
    if key in COMPONENTS:
        return value_label("component", key, lang)
    for entry in reversed(entries):
        named = text(mapping(entry.get("components")).get(key))
        if named:
            return named
    return key


def _signed(change: float, lang: str) -> str:
    shown = fmt.number(change, lang, 2)
    return shown if shown.startswith("-") else f"+{shown}"


def _year_row(
    entry: dict[str, Any],
    keys: list[str],
    index: float | None,
    change: str,
    changed: bool,
    lang: str,
) -> EvaluationYear:
    weights, scores = mapping(entry.get("weights")), mapping(entry.get("scores"))
    components = [
        Component(
            c,
            _component_label(c, [entry], lang),
            fmt.number(weights.get(c), lang),
            fmt.number(scores.get(c), lang, 2) if figure(scores.get(c)) is not None else "–",
        )
        for c in keys
    ]
    computed = computed_index(entry)
    beside = fmt.number(computed, lang, 2) if differs(published_index(entry), computed) else ""
    number = evaluation_round(entry)
    label = str(entry["year"])
    if number in (1, 2):
        label += " · " + catalogue(lang)[f"round_{number}"]
    shown = fmt.number(index, lang, 2) if index is not None else catalogue(lang)["no_data"]
    return EvaluationYear(
        int(entry["year"]),
        components,
        index,
        shown,
        change,
        text(entry.get("note")),
        number,
        label,
        beside,
        changed,
    )


def _summary(
    keys: list[str], entries: list[dict[str, Any]], years: list[EvaluationYear], lang: str
) -> Evaluation:
    indexed = [y for y in years if y.index is not None]
    trend = ""
    if len(indexed) >= 2:
        last, before = indexed[-1], indexed[-2]
        assert last.index is not None and before.index is not None
        if last.method_changed:
            trend = "method"
        elif last.change_text:  # comparable: same components, same weights
            trend = (
                "up"
                if last.index > before.index
                else "down"
                if last.index < before.index
                else "flat"
            )
    labels = [_component_label(k, entries, lang) for k in keys]
    latest = indexed[-1].index_text if indexed else ""
    beside = indexed[-1].computed_text if indexed else ""
    return Evaluation(labels, years, trend, _trend_label(trend, lang), latest, beside)


def _trend_label(trend: str, lang: str) -> str:
    if trend == "method":
        return catalogue(lang)["method_changed"]
    return catalogue(lang)[f"trend_{trend}"] if trend else ""


@dataclass(frozen=True)
class ProgressRow:
    program: Program
    cells: list[str]  # one per ProgressTable.years: "60%", a status, or ""


@dataclass(frozen=True)
class ProgressTable:
    years: list[int]
    rows: list[ProgressRow]


def progress_table(programs: list[Program]) -> ProgressTable:
    years = sorted({r.year for p in programs for r in p.progress if r.year is not None})
    rows = []
    for p in programs:
        if not p.progress:
            continue
        by_year = {r.year: (r.percent_text or r.status_label) for r in p.progress}
        rows.append(ProgressRow(p, [by_year.get(y, "") for y in years]))
    return ProgressTable(years, rows)
