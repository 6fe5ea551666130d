"""The view model between a plan and its templates (documented in docs/templates.md).

`build(data, framework, lang)` turns a loaded plan into plain, read-only values: every label
resolved in the report's language, every amount and date formatted, every table precomputed, so a
template needs no logic beyond loops and simple conditions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from smartplan.report import facts, figures, sections
from smartplan.report import formatting as fmt
from smartplan.report.data import mapping, mappings, text, texts, year
from smartplan.report.labels import catalogue
from smartplan.report.programs import Indicator, Names, Program, indicator, organizations, program
from smartplan.report.sections import Bimtek, Commitment, Labelled, Person, Regulation, missing
from smartplan.report.values import value_label

if TYPE_CHECKING:
    from smartplan.domain.framework import Framework


@dataclass(frozen=True)
class Region:
    name: str
    kind: str
    kind_label: str
    province: str
    code: str
    cohort: str


@dataclass(frozen=True)
class Element:
    id: str
    label: str
    programs: list[Program]


@dataclass(frozen=True)
class Dimension:
    id: str
    anchor: str
    label: str
    description: str
    goal: str
    issues: list[str]
    strategy: list[str]
    elements: list[Element]  # the framework's elements, then "no element" when needed
    programs: list[Program]
    quick_wins: int
    budget_total_text: str
    indicators: list[Indicator] = field(default_factory=list)  # city-level (§8)
    also_programs: list[Program] = field(default_factory=list)  # serving it as a secondary
    # the counts as a reader sees them: "tidak tercatat", or marked "sebagian tercatat" (§10)
    programs_count: str = ""
    quick_wins_count: str = ""


@dataclass(frozen=True)
class QuickWinYear:
    """The quick wins of one year: regions designate quick wins every year (§8)."""

    year: int | None
    year_text: str
    programs: list[Program]
    heading: str = ""  # "Quick-win year 2019", or "Quick wins without a year": never "… no year"


@dataclass(frozen=True)
class Plan:
    title: str
    region: Region
    period_text: str
    stage: str
    framework: str
    vision: str
    missions: list[str]
    bimtek: list[Bimtek]
    readiness: list[Labelled]
    swot: list[Labelled]
    dimensions: list[Dimension]
    programs: list[Program]
    quick_wins: list[Program]
    roadmap: figures.Roadmap
    budget: figures.BudgetTable
    kpis: list[figures.Kpi]
    evaluation: figures.Evaluation
    progress: figures.ProgressTable
    regulations: list[Regulation]
    council: list[Person]
    implementers: list[Person]
    commitment: Commitment | None
    head_of_region: Person | None  # the signatory with role: head, else the first
    # the programme as practised (SPEC §8)
    quick_win_years: list[QuickWinYear] = field(default_factory=list)
    funding: list[str] = field(default_factory=list)  # the plan's sources, without amounts
    not_recorded: tuple[str, ...] = ()  # dotted paths the file does not hold
    # the plan's record of itself (SPEC §10)
    profile_facts: list[facts.Fact] = field(default_factory=list)  # replaces, adopted by, RPJMD
    agreements: list[facts.Agreement] = field(default_factory=list)
    ratings: list[facts.Rating] = field(default_factory=list)  # never in the evaluation index
    forum: list[Person] = field(default_factory=list)
    partly_recorded: tuple[str, ...] = ()  # dotted paths the file holds in part (§10)
    programs_count: str = ""  # "12", "12 (sebagian tercatat)" or "tidak tercatat"
    quick_wins_count: str = ""
    no_quick_wins: str = ""  # what stands for an empty list of quick wins
    programs_line: str = ""  # the profile's "12 (3 quick win)", unknowns in words

    def missing(self, path: str) -> bool:
        """Is `path` (or a section above it) listed under not_recorded? Reports then say
        *tidak tercatat* instead of showing nothing or zero."""
        return _covered(self.not_recorded, path)

    def partly(self, path: str) -> bool:
        """Is `path` (or a section above it) listed under partly_recorded? Its counts are
        then marked *sebagian tercatat*."""
        return _covered(self.partly_recorded, path)


def _covered(entries: tuple[str, ...], path: str) -> bool:
    return any(path == entry or path.startswith(entry + ".") for entry in entries)


class Tally:
    """A count over a section as a reader sees it (SPEC §10): unknown when the section is not
    recorded (never 0), marked when it is recorded only in part."""

    def __init__(self, data: dict[str, Any], lang: str) -> None:
        self.unknown = texts(data.get("not_recorded"))
        self.partial = texts(data.get("partly_recorded"))
        self.words = catalogue(lang)

    def __call__(self, path: str, count: int) -> str:
        if _covered(tuple(self.unknown), path):
            return self.words["not_recorded"]
        if _covered(tuple(self.partial), path):
            return f"{count} ({self.words['partly_recorded']})"
        return str(count)


def build(data: dict[str, Any], framework: Framework, lang: str) -> Plan:
    orgs = organizations(data)
    names = Names(
        orgs,
        {d.id: d.label.get(lang, d.id) for d in framework.dimensions},
        {(d.id, e.id): e.label.get(lang, e.id) for d, e in framework.elements},
    )
    last = year(mapping(data.get("period")).get("end"))
    programs = [program(p, names, lang, last) for p in mappings(data.get("programs"))]
    region = mapping(data.get("region"))
    period = mapping(data.get("period"))
    start, end = year(period.get("start")), year(period.get("end"))
    commitment = sections.commitment(mapping(data.get("commitment")), orgs, lang)
    team = mapping(data.get("team"))
    title_kind = catalogue(lang)["title_masterplan"]
    tally = Tally(data, lang)
    quick_wins = [p for p in programs if p.quick_win]
    return Plan(
        title=f"{title_kind} {text(region.get('name'))} {fmt.years(start, end)}".strip(),
        region=Region(
            text(region.get("name")),
            text(region.get("kind")),
            value_label("region_kind", region.get("kind"), lang),
            text(region.get("province")),
            text(region.get("code")),
            text(region.get("cohort")),
        ),
        period_text=_period_text(data, start, end, lang),
        stage=text(data.get("stage")),
        framework=framework.name.get(lang, framework.id),
        vision=text(data.get("vision")),
        missions=texts(data.get("missions")),
        bimtek=[sections.bimtek(b, lang) for b in mappings(data.get("bimtek"))],
        readiness=sections.readiness(data, lang),
        swot=sections.keyed(mapping(data.get("swot")), "swot", lang),
        dimensions=_dimensions(data, framework, programs, names, lang),
        programs=programs,
        quick_wins=quick_wins,
        roadmap=figures.roadmap(figures.span(period, programs), programs, end),
        budget=figures.budget(programs, lang),
        kpis=figures.kpis(programs),
        evaluation=figures.evaluation(data, lang),
        progress=figures.progress_table(programs),
        regulations=[sections.regulation(r, lang) for r in mappings(data.get("regulations"))],
        council=sections.people(team.get("council"), "role", orgs, lang),
        implementers=sections.people(team.get("implementers"), "role", orgs, lang),
        commitment=commitment,
        head_of_region=_head(mapping(data.get("commitment")), commitment),
        quick_win_years=_quick_win_years(programs, lang),
        funding=[value_label("source", s, lang) for s in texts(data.get("funding"))],
        not_recorded=tuple(texts(data.get("not_recorded"))),
        profile_facts=facts.profile(data, lang),
        agreements=facts.agreements(data, orgs, lang),
        ratings=facts.ratings(data),
        forum=sections.people(team.get("forum"), "role", orgs, lang),
        partly_recorded=tuple(texts(data.get("partly_recorded"))),
        programs_count=tally("programs", len(programs)),
        quick_wins_count=tally("programs.quick_win", len(quick_wins)),
        no_quick_wins=catalogue(lang)[
            "not_recorded" if missing(data, "programs.quick_win") else "no_quick_wins"
        ],
        programs_line=_programs_line(tally, len(programs), len(quick_wins)),
    )


def _programs_line(tally: Tally, programs: int, quick_wins: int) -> str:
    marker = tally.words["quick_win_marker"]
    count = tally("programs.quick_win", quick_wins)
    if count.isdigit():
        return f"{tally('programs', programs)} ({count} {marker})"
    return f"{tally('programs', programs)} ({marker}: {count})"


def _period_text(data: dict[str, Any], start: int | None, end: int | None, lang: str) -> str:
    """The years, or *periode tidak tercatat* when the plan names its period not recorded."""
    if start is None and end is None and missing(data, "period"):
        return catalogue(lang)["period_not_recorded"]
    return fmt.years(start, end)


def _head(raw: dict[str, Any], commitment: Commitment | None) -> Person | None:
    if commitment is None or not commitment.signatories:
        return None
    roles = [mapping(s).get("role") for s in mappings(raw.get("signatories"))]
    pairs = zip(commitment.signatories, roles, strict=True)
    heads = [person for person, role in pairs if role == "head"]
    return heads[0] if heads else commitment.signatories[0]


def _quick_win_years(programs: list[Program], lang: str) -> list[QuickWinYear]:
    """The quick wins of each year; a programme designated in several years is listed under
    each (SPEC §10), one without a year under none of them but apart."""
    found: set[int | None] = set()
    for p in programs:
        if p.quick_win:
            found |= set(p.quick_win_years) or {None}
    years = sorted(found, key=lambda y: (y is None, y or 0))
    words = catalogue(lang)
    return [
        QuickWinYear(
            y,
            str(y) if y is not None else words["no_year"],
            [p for p in programs if p.quick_win and _designated(p, y)],
            words["quick_win_year_of"].format(year=y)
            if y is not None
            else words["quick_win_no_year"],
        )
        for y in years
    ]


def _designated(program: Program, when: int | None) -> bool:
    return when in program.quick_win_years if when is not None else not program.quick_win_years


def _dimensions(
    data: dict[str, Any], framework: Framework, programs: list[Program], names: Names, lang: str
) -> list[Dimension]:
    """The framework's dimensions in order, then any the programmes name that it does not know."""
    directions = mapping(data.get("dimensions"))
    tally = Tally(data, lang)
    known = [
        (
            d.id,
            d.description.get(lang, ""),
            [(e.id, names.elements[(d.id, e.id)]) for e in d.elements],
        )
        for d in framework.dimensions
    ]
    extra: list[tuple[str, str, list[tuple[str, str]]]]
    extra = [(p.dimension, "", []) for p in programs if p.dimension not in names.dimensions]
    seen: set[str] = set()
    result = []
    for did, description, elements in known + extra:
        if did in seen:
            continue
        seen.add(did)
        own = [p for p in programs if p.dimension == did]
        groups = [
            Element(eid, label, [p for p in own if p.element == eid]) for eid, label in elements
        ]
        placed = {eid for eid, _ in elements}
        loose = [p for p in own if p.element not in placed]
        if loose:
            # an element not recorded is unknown, not absent (SPEC §10)
            word = "not_recorded" if missing(data, "programs.element") else "no_element"
            groups.append(Element("", catalogue(lang)[word], loose))
        direction = mapping(directions.get(did))
        total = sum(p.budget_total for p in own)
        no_data = catalogue(lang)["no_data"]
        result.append(
            Dimension(
                did,
                f"dimension-{did}" if did.replace("-", "").isalnum() else "dimension-x",
                names.dimensions.get(did, did),
                description,
                text(direction.get("goal")),
                texts(direction.get("issues")),
                texts(direction.get("strategy")),
                groups,
                own,
                sum(p.quick_win for p in own),
                fmt.rupiah(total) if any(p.budget for p in own) else no_data,
                [
                    indicator(i, lang, year(mapping(data.get("period")).get("end")))
                    for i in mappings(direction.get("indicators"))
                ],
                [p for p in programs if did in p.also_dimension_ids],
                tally("programs.dimension", len(own)),
                tally("programs.quick_win", sum(p.quick_win for p in own)),
            )
        )
    return result


