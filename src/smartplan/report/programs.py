"""One programme as a report shows it: labels resolved, organisations named, rupiah formatted."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from smartplan.domain.metrics import is_quick_win, quick_win_year, quick_win_years
from smartplan.report import formatting as fmt
from smartplan.report.data import figure, mappings, text, texts, year
from smartplan.report.labels import catalogue
from smartplan.report.values import value_label


@dataclass(frozen=True)
class Point:
    """A baseline, target or actual: `year`, the raw `value` and `value_text` as printed."""

    year: int | None
    value: float | None
    value_text: str


@dataclass(frozen=True)
class KpiRow:
    """One year of an indicator: target against actual; `met` is None when either is missing."""

    year: int
    target_text: str
    actual_text: str
    achievement_text: str
    met: bool | None


@dataclass(frozen=True)
class Indicator:
    name: str
    unit: str
    type: str
    type_label: str
    baseline: Point | None
    targets: list[Point]
    actuals: list[Point]
    rows: list[KpiRow]


@dataclass(frozen=True)
class BudgetLine:
    year: int | None
    amount: float
    amount_text: str
    amount_short: str
    source: str
    source_label: str


@dataclass(frozen=True)
class Progress:
    year: int | None
    status: str
    status_label: str
    percent: float | None
    percent_text: str
    note: str
    date_text: str = ""  # §8: a dated record, e.g. the day of a launch
    milestone: str = ""  # §8: a launch is a milestone, not `done`


@dataclass(frozen=True)
class Program:
    id: str
    anchor: str
    name: str
    dimension: str
    dimension_label: str
    element: str
    element_label: str
    horizon: str
    horizon_label: str
    kind: str
    kind_label: str
    quick_win: bool
    start: int | None
    end: int | None
    open_end: bool  # ongoing, with a start and no end: runs on to the period's end
    years_text: str  # "2023–2027", "sejak 2021" (open), "tanpa tahun" (no year at all)
    lead: str
    lead_name: str
    partners: list[str]
    description: str
    budget: list[BudgetLine]
    budget_total: float
    budget_total_text: str
    budget_total_short: str
    indicators: list[Indicator]
    depends_on: list[str]
    regulations: list[str]
    status: str
    status_label: str
    progress: list[Progress]
    # the programme as practised (SPEC §8); defaults keep older callers working
    quick_win_year: int | None = None  # `quick_win: 2021`, or the start year for `true`
    also_dimensions: list[str] = field(default_factory=list)  # labels of secondary dimensions
    also_dimension_ids: list[str] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)  # source labels, without amounts
    missions: list[int] = field(default_factory=list)
    rpjmd: str = ""
    milestones: list[Progress] = field(default_factory=list)  # progress records with a milestone
    # every year it is a quick win (SPEC §10: `quick_win: [2019, 2020]`), and them as text
    quick_win_years: list[int] = field(default_factory=list)
    quick_win_years_text: str = ""


def anchor(prefix: str, value: str) -> str:
    """An HTML id from a plan id: only safe characters, so links work whatever the plan says."""
    return f"{prefix}-" + (re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-") or "x")


def _point(raw: dict[str, Any], lang: str, default_year: int | None = None) -> Point:
    value = raw.get("value")
    when = year(raw.get("year"))
    return Point(when if when is not None else default_year, figure(value), fmt.number(value, lang))


def _rows(targets: list[Point], actuals: list[Point], lang: str) -> list[KpiRow]:
    by_target = {p.year: p for p in targets if p.year is not None}
    by_actual = {p.year: p for p in actuals if p.year is not None}
    rows = []
    for when in sorted(set(by_target) | set(by_actual)):
        target, actual = by_target.get(when), by_actual.get(when)
        ratio = None
        if target and actual and target.value and actual.value is not None:
            ratio = actual.value / target.value * 100
        rows.append(
            KpiRow(
                when,
                target.value_text if target else "",
                actual.value_text if actual else "",
                fmt.percent(ratio, lang) if ratio is not None else "",
                None if ratio is None else ratio >= 100,
            )
        )
    return rows


def indicator(raw: dict[str, Any], lang: str, target_year: int | None = None) -> Indicator:
    """`target_year`: what a target without `year` means (§8): the programme's end, else the
    period's end."""
    baseline = raw.get("baseline")
    targets = [_point(p, lang, target_year) for p in mappings(raw.get("targets"))]
    actuals = [_point(p, lang) for p in mappings(raw.get("actuals"))]
    return Indicator(
        name=text(raw.get("name")),
        unit=text(raw.get("unit")),
        type=text(raw.get("type")),
        type_label=value_label("indicator_type", raw.get("type"), lang),
        baseline=_point(baseline, lang) if isinstance(baseline, dict) else None,
        targets=targets,
        actuals=actuals,
        rows=_rows(targets, actuals, lang),
    )


def budget_line(raw: dict[str, Any], lang: str) -> BudgetLine:
    amount = figure(raw.get("amount")) or 0.0
    source = text(raw.get("source"))
    return BudgetLine(
        year(raw.get("year")),
        amount,
        fmt.rupiah(amount),
        fmt.rupiah_short(amount),
        source,
        value_label("source", source, lang),
    )


def progress(raw: dict[str, Any], lang: str) -> Progress:
    percent = figure(raw.get("percent"))
    return Progress(
        year(raw.get("year")),
        text(raw.get("status")),
        value_label("status", raw.get("status"), lang),
        percent,
        fmt.percent(percent, lang) if percent is not None else "",
        text(raw.get("note")),
        fmt.date(raw.get("date"), lang) if raw.get("date") else "",
        text(raw.get("milestone")),
    )


@dataclass(frozen=True)
class Names:
    """What a programme's codes mean: organisation names, dimension and element labels."""

    organizations: dict[str, str]
    dimensions: dict[str, str]
    elements: dict[tuple[str, str], str]


def program(raw: dict[str, Any], names: Names, lang: str, period_end: int | None = None) -> Program:
    pid, dimension, element = (
        text(raw.get("id")),
        text(raw.get("dimension")),
        text(raw.get("element")),
    )
    start, end = year(raw.get("start")), year(raw.get("end"))
    open_end = raw.get("status") == "ongoing" and start is not None and end is None
    records = [progress(p, lang) for p in mappings(raw.get("progress"))]
    also = [d for d in texts(raw.get("also_dimensions")) if d and d != dimension]
    budget = [budget_line(line, lang) for line in mappings(raw.get("budget"))]
    total = sum(line.amount for line in budget)
    lead = text(raw.get("lead"))
    return Program(
        id=pid,
        anchor=anchor("program", pid),
        name=text(raw.get("name")),
        dimension=dimension,
        dimension_label=names.dimensions.get(dimension, dimension),
        element=element,
        element_label=names.elements.get((dimension, element), element),
        horizon=text(raw.get("horizon")),
        horizon_label=value_label("horizon", raw.get("horizon"), lang),
        kind=text(raw.get("kind")),
        kind_label=value_label("program_kind", raw.get("kind"), lang),
        quick_win=is_quick_win(raw),
        start=start,
        end=end,
        open_end=open_end,
        years_text=_years_text(start, end, open_end, lang),
        lead=lead,
        lead_name=names.organizations.get(lead, lead),
        partners=[names.organizations.get(p, p) for p in texts(raw.get("partners"))],
        description=text(raw.get("description")),
        budget=budget,
        budget_total=total,
        budget_total_text=fmt.rupiah(total) if budget else "",
        budget_total_short=fmt.rupiah_short(total) if budget else "",
        indicators=[
            indicator(i, lang, end if end is not None else period_end)
            for i in mappings(raw.get("indicators"))
        ],
        depends_on=texts(raw.get("depends_on")),
        regulations=texts(raw.get("regulations")),
        status=text(raw.get("status")),
        status_label=value_label("status", raw.get("status"), lang),
        progress=records,
        quick_win_year=quick_win_year(raw),
        also_dimensions=[names.dimensions.get(d, d) for d in also],
        also_dimension_ids=also,
        funding=[value_label("source", s, lang) for s in texts(raw.get("funding"))],
        missions=[n for n in (year(m) for m in mappings_or_values(raw.get("missions"))) if n],
        rpjmd=text(raw.get("rpjmd")),
        milestones=[r for r in records if r.milestone],
        quick_win_years=quick_win_years(raw),
        quick_win_years_text=", ".join(map(str, quick_win_years(raw))),
    )


def _years_text(start: int | None, end: int | None, open_end: bool, lang: str) -> str:
    words = catalogue(lang)
    if open_end:
        return words["since_year"].format(year=start)
    return fmt.years(start, end) or words["no_years"]


def mappings_or_values(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def organizations(data: dict[str, Any]) -> dict[str, str]:
    found = {}
    for org in mappings(data.get("organizations")):
        if text(org.get("id")):
            found[text(org.get("id"))] = text(org.get("name")) or text(org.get("id"))
    return found
