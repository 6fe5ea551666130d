"""Years: the period, programme spans, horizons and budget lines fit together (quick wins:
rules/quickwins.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartplan.domain.metrics import is_quick_win
from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, mapping, number, period, year


def _years(pointer: str, program: dict[str, Any]) -> Iterator[tuple[str, int, str]]:
    """(pointer, year, what) of every budget line and indicator target of a programme."""
    for index, line in enumerate(listed(program.get("budget"))):
        value = year(mapping(line).get("year"))
        if value is not None:
            yield join(join(join(pointer, "budget"), index), "year"), value, "budget line"
    for i, indicator in enumerate(listed(program.get("indicators"))):
        for j, target in enumerate(listed(mapping(indicator).get("targets"))):
            value = year(mapping(target).get("year"))
            if value is not None:
                where = join(join(join(join(pointer, "indicators"), i), "targets"), j)
                yield join(where, "year"), value, "indicator target"


def check_period(context: PlanContext) -> Iterator[Problem]:
    yield from context.period_not_recorded(
        _(
            "the period is not recorded (period is in not_recorded): programme, budget and "
            "target years are not checked against it"
        )
    )
    first, last = period(context.data)
    if first is None or last is None:
        return
    if last < first:
        yield Problem(
            "/period/end",
            _("period ends in {end}, before it starts in {start}", end=last, start=first),
        )
        return
    for pointer, program in context.programs():
        start, end = year(program.get("start")), year(program.get("end"))
        if start is not None and end is not None and end < start:
            yield Problem(
                join(pointer, "end"),
                _(
                    "{program} ends in {end}, before it starts in {start}",
                    program=label(program),
                    end=end,
                    start=start,
                ),
            )
        # quick wins are often carried out in the Bimtek year, the year before the period (§8)
        lowest = first - 1 if is_quick_win(program) else first
        for field, value in (("start", start), ("end", end)):
            if value is not None and not lowest <= value <= last:
                yield Problem(
                    join(pointer, field),
                    _(
                        "{program} {field} {year} lies outside the plan's period {first}–{last}",
                        program=label(program),
                        field=field,
                        year=value,
                        first=first,
                        last=last,
                    ),
                )
        for where, value, what in _years(pointer, program):
            if not lowest <= value <= last:
                yield Problem(
                    where,
                    _(
                        "{program} {what} year {year} lies outside the plan's period "
                        "{first}–{last}",
                        program=label(program),
                        what=what,
                        year=value,
                        first=first,
                        last=last,
                    ),
                )


PERIOD = Rule(
    id="period",
    severity=Severity.ERROR,
    summary=N_("the period runs forward; programme years, budget and target years lie inside it"),
    explanation=declared("""
        A masterplan covers a period of (usually) ten years. `period.end` is not before
        `period.start`; a programme's `start` and `end` lie inside the period with `start <=
        end`; every budget line and every indicator target with a year falls in a year of the
        period (a target without `year` means the programme's end).

        A quick win may also start, end and be budgeted in the year before the period: regions
        carry out their first quick wins in the year of the Bimtek, before the masterplan's
        period begins (SPEC §8; the Bimtek is titled "Penyusunan Master Plan dan Quick Win",
        e.g. Kota Sukabumi, July 2017: jabarekspres.com/2017/sukabumi-wujudkan-kota-cerdas/).

        Bad:

            period: {start: 2023, end: 2032}
            programs:
              - {id: ECO-01, name: Pasar Digital, dimension: economy, start: 2022, end: 2024}

        Good:

            programs:
              - {id: ECO-01, name: Pasar Digital, dimension: economy, start: 2023, end: 2024}
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 quick_win: true, start: 2022, end: 2023}
        """),
    check=check_period,
)

HORIZON_NAMES = {
    "short": N_("short-term (jangka pendek)"),
    "medium": N_("medium-term (jangka menengah)"),
    "long": N_("long-term (jangka panjang)"),
}


def windows(
    horizons: dict[str, tuple[int, int]], first: int, last: int
) -> dict[str, tuple[int, int]]:
    """Each horizon's calendar years (first, last); the latest window reaches period.end."""
    final = max(horizons, key=lambda name: horizons[name][1])
    return {
        name: (first + low - 1, last if name == final else min(first + high - 1, last))
        for name, (low, high) in horizons.items()
    }


def _reversed_phases(context: PlanContext) -> Iterator[Problem]:
    """A phase the plan writes backwards ([5, 2]): the settings' are refused on loading."""
    for name, value in mapping(context.data.get("horizons")).items():
        bounds = [year(v) for v in listed(value)]
        if name in HORIZON_NAMES and len(bounds) == 2 and None not in bounds:
            low, high = bounds
            if low is not None and high is not None and low > high:
                yield Problem(
                    join("/horizons", name),
                    _(
                        "horizons.{name} starts after it ends ([{low}, {high}]); "
                        "write [first year, last year] of the plan",
                        name=name,
                        low=low,
                        high=high,
                    ),
                )


def check_horizon(context: PlanContext) -> Iterator[Problem]:
    yield from context.period_not_recorded(
        _("the period is not recorded (period is in not_recorded): horizons are not checked")
    )
    yield from _reversed_phases(context)
    first, last = period(context.data)
    if first is None or last is None or last < first:
        return
    years = windows(context.phases, first, last)
    for pointer, program in context.programs():
        horizon, end = program.get("horizon"), year(program.get("end"))
        if end is None or not isinstance(horizon, str) or horizon not in years:
            continue
        low, high = years[horizon]
        if not low <= end <= high:
            yield Problem(
                join(pointer, "end"),
                _(
                    "{program} is {name} but ends in {end}, year {nth} of the plan; "
                    "a {horizon} programme ends in {low}–{high} (years {first_nth}–{last_nth})",
                    program=label(program),
                    name=_(HORIZON_NAMES[horizon]),
                    end=end,
                    nth=end - first + 1,
                    horizon=horizon,
                    low=low,
                    high=high,
                    first_nth=low - first + 1,
                    last_nth=high - first + 1,
                )
                if low <= high
                else _(
                    "{program} is {name} but the period {first}–{last} has no {horizon} years",
                    program=label(program),
                    name=_(HORIZON_NAMES[horizon]),
                    first=first,
                    last=last,
                    horizon=horizon,
                ),
            )


HORIZON_WINDOW = Rule(
    id="horizon-window",
    severity=Severity.ERROR,
    summary=N_(
        "a programme ends inside its horizon's roadmap phase (a ten-year plan: year 1, "
        "years 2–5, years 6–10)"
    ),
    explanation=declared("""
        The horizon (jangka) names the phase of the roadmap (peta jalan) in which a programme
        delivers, that is, ends. Phases are counted in plan years from `period.start`:
        `short` (jangka pendek) is year 1, `medium` (jangka menengah) years 2–5, `long`
        (jangka panjang) years 6 to the period's end. Both bounds count: a `long` programme
        that ends in year 2 is as wrong as a `short` one that ends in year 3.

        Source: the ministry's mentors define the phases this way for a ten-year plan ("jangka
        pendek 2020, jangka menengah 2021–2024, jangka panjang 2025–2029" for 2020–2029;
        SPEC §8), following the Kominfo guide Panduan Penyusunan Masterplan Smart City (2021,
        id.scribd.com/document/611947539); regions draft the long-term roadmap at Bimtek III
        ("kertas kerja I (road map jangka panjang)", Kota Sawahlunto, 7 September 2023:
        diskominfo.sawahluntokota.go.id).

        A plan of another length has the same phases scaled to it: `short` is year 1,
        `medium` years 2 to ⌈n/2⌉, `long` the rest (a five-year plan 2019–2023: 2019,
        2020–2021, 2022–2023). The phases are part of the document, so a plan may write its
        own (one 2017 plan uses years 1–3, up to 5, up to 10); they win over the windows set
        per repository in `.smartplan.yaml`. The last window always reaches `period.end`:

            horizons: {short: [1, 3], medium: [4, 5], long: [6, 10]}

        Bad:

            period: {start: 2023, end: 2032}
            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 horizon: short, start: 2023, end: 2026}
              - {id: ENV-01, name: Metana TPA, dimension: environment,
                 horizon: long, start: 2023, end: 2024}

        Good:

              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 horizon: medium, start: 2023, end: 2026}
              - {id: ENV-01, name: Metana TPA, dimension: environment,
                 horizon: medium, start: 2023, end: 2024}
        """),
    check=check_horizon,
)


def check_budget(context: PlanContext) -> Iterator[Problem]:
    for pointer, program in context.programs():
        start, end = year(program.get("start")), year(program.get("end"))
        for index, line in enumerate(listed(program.get("budget"))):
            line = mapping(line)
            where = join(join(pointer, "budget"), index)
            amount, when = number(line.get("amount")), year(line.get("year"))
            if amount is not None and amount < 0:
                yield Problem(
                    join(where, "amount"),
                    _(
                        "{program} budget for {year} is negative ({amount})",
                        program=label(program),
                        year=when,
                        amount=f"{amount:,.0f}",
                    ),
                )
            if (
                when is not None
                and start is not None
                and end is not None
                and not start <= when <= end
            ):
                yield Problem(
                    join(where, "year"),
                    _(
                        "{program} budget year {year} lies outside the programme's years "
                        "{start}–{end}",
                        program=label(program),
                        year=when,
                        start=start,
                        end=end,
                    ),
                )


BUDGET = Rule(
    id="budget",
    severity=Severity.ERROR,
    summary=N_("budget amounts are not negative and fall within the programme's own years"),
    explanation=declared("""
        Indicative budget lines (rupiah) are amounts of money to be spent in a year of the
        programme: never negative, and only in years between the programme's `start` and `end`.
        Write an amount as digits without dots or commas: `2500000000`, not `2.500.000.000`.

        Bad:

            - {id: ENV-02, name: Metana TPA Talang Gulo, dimension: environment,
               start: 2023, end: 2024,
               budget: [{year: 2025, amount: -500000000, source: apbd}]}

        Good:

               budget: [{year: 2024, amount: 500000000, source: apbd}]
        """),
    check=check_budget,
)
