"""Years: the period, programme spans, horizons, quick wins and budget lines fit together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartplan.findings import Severity
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
    first, last = period(context.data)
    if first is None or last is None:
        return
    if last < first:
        yield Problem("/period/end", f"period ends in {last}, before it starts in {first}")
        return
    for pointer, program in context.programs():
        start, end = year(program.get("start")), year(program.get("end"))
        if start is not None and end is not None and end < start:
            yield Problem(
                join(pointer, "end"), f"{label(program)} ends in {end}, before it starts in {start}"
            )
        for field, value in (("start", start), ("end", end)):
            if value is not None and not first <= value <= last:
                yield Problem(
                    join(pointer, field),
                    f"{label(program)} {field} {value} lies outside "
                    f"the plan's period {first}–{last}",
                )
        for where, value, what in _years(pointer, program):
            if not first <= value <= last:
                yield Problem(
                    where,
                    f"{label(program)} {what} year {value} lies outside the "
                    f"plan's period {first}–{last}",
                )


PERIOD = Rule(
    id="period",
    severity=Severity.ERROR,
    summary="the period runs forward; programme years, budget and target years lie inside it",
    explanation=declared("""
        A masterplan covers a period of (usually) ten years. `period.end` is not before
        `period.start`; a programme's `start` and `end` lie inside the period with `start <=
        end`; every budget line and every indicator target falls in a year of the period.

        Bad:

            period: {start: 2023, end: 2032}
            programs:
              - {id: ECO-01, name: Pasar Digital, dimension: economy, start: 2022, end: 2024}

        Good:

            programs:
              - {id: ECO-01, name: Pasar Digital, dimension: economy, start: 2023, end: 2024}
        """),
    check=check_period,
)

HORIZONS = {
    "short": (1, "short-term (jangka pendek)"),
    "medium": (5, "medium-term (jangka menengah)"),
}


def check_horizon(context: PlanContext) -> Iterator[Problem]:
    first, last = period(context.data)
    if first is None or last is None:
        return
    for pointer, program in context.programs():
        horizon, end = program.get("horizon"), year(program.get("end"))
        if end is None or horizon not in ("short", "medium", "long"):
            continue
        offset, name = HORIZONS.get(horizon, (last - first, "long-term (jangka panjang)"))
        limit = first + offset
        if end > limit:
            yield Problem(
                join(pointer, "end"),
                f"{label(program)} is {name} but ends in {end}; "
                f"a {horizon} programme ends by {limit}",
            )


HORIZON_WINDOW = Rule(
    id="horizon-window",
    severity=Severity.ERROR,
    summary="short programmes end by period start + 1, medium by start + 5, long by period end",
    explanation=declared("""
        The horizon (jangka) says when a programme is done: `short` (jangka pendek, one year)
        ends by `period.start + 1`, `medium` (jangka menengah, five years) by
        `period.start + 5`, `long` (jangka panjang) by `period.end`.

        Bad:

            period: {start: 2023, end: 2032}
            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 horizon: short, start: 2023, end: 2026}

        Good:

              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 horizon: medium, start: 2023, end: 2026}
        """),
    check=check_horizon,
)


def check_quick_win(context: PlanContext) -> Iterator[Problem]:
    first, _ = period(context.data)
    for pointer, program in context.programs():
        if program.get("quick_win") is not True:
            continue
        horizon = program.get("horizon")
        if isinstance(horizon, str) and horizon != "short":
            yield Problem(
                join(pointer, "horizon"),
                f"{label(program)} is a quick win but its horizon is {horizon}: "
                "a quick win is short",
            )
        start = year(program.get("start"))
        if first is not None and start is not None and start not in (first, first + 1):
            yield Problem(
                join(pointer, "start"),
                f"{label(program)} is a quick win but starts in "
                f"{start}: a quick win starts in {first} or {first + 1}",
            )


QUICK_WIN = Rule(
    id="quick-win",
    severity=Severity.ERROR,
    summary="a quick win is short-term and starts in the plan's first or second year",
    explanation=declared("""
        Quick wins are the programmes that show results early: their horizon is `short` and
        they start in the first or second year of the period.

        Bad:

            period: {start: 2023, end: 2032}
            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 quick_win: true, horizon: medium, start: 2026}

        Good:

              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 quick_win: true, horizon: short, start: 2023, end: 2024}
        """),
    check=check_quick_win,
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
                    f"{label(program)} budget for {when} is negative ({amount:,.0f})",
                )
            if (
                when is not None
                and start is not None
                and end is not None
                and not start <= when <= end
            ):
                yield Problem(
                    join(where, "year"),
                    f"{label(program)} budget year {when} lies outside "
                    f"the programme's years {start}–{end}",
                )


BUDGET = Rule(
    id="budget",
    severity=Severity.ERROR,
    summary="budget amounts are not negative and fall within the programme's own years",
    explanation=declared("""
        Indicative budget lines (rupiah) are amounts of money to be spent in a year of the
        programme: never negative, and only in years between the programme's `start` and `end`.

        Bad:

            - {id: ENV-02, name: Metana TPA Talang Gulo, dimension: environment,
               start: 2023, end: 2024,
               budget: [{year: 2025, amount: -500000000, source: apbd}]}

        Good:

               budget: [{year: 2024, amount: 500000000, source: apbd}]
        """),
    check=check_budget,
)
