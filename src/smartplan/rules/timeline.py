"""Years: the period, programme spans, horizons, quick wins and budget lines fit together."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
            yield join(join(join(pointer, "budget"), index), "year"), value, "budget"
    for i, indicator in enumerate(listed(program.get("indicators"))):
        for j, target in enumerate(listed(mapping(indicator).get("targets"))):
            value = year(mapping(target).get("year"))
            if value is not None:
                where = join(join(join(join(pointer, "indicators"), i), "targets"), j)
                yield join(where, "year"), value, "target"


OUTSIDE = {
    "start": N_("{program} start {year} lies outside the plan's period {first}–{last}"),
    "end": N_("{program} end {year} lies outside the plan's period {first}–{last}"),
    "budget": N_("{program} budget line year {year} lies outside the plan's period {first}–{last}"),
    "target": N_(
        "{program} indicator target year {year} lies outside the plan's period {first}–{last}"
    ),
}


def check_period(context: PlanContext) -> Iterator[Problem]:
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
        for field, value in (("start", start), ("end", end)):
            if value is not None and not first <= value <= last:
                yield Problem(
                    join(pointer, field),
                    _(
                        OUTSIDE[field],
                        program=label(program),
                        year=value,
                        first=first,
                        last=last,
                    ),
                )
        for where, value, what in _years(pointer, program):
            if not first <= value <= last:
                yield Problem(
                    where,
                    _(
                        OUTSIDE[what],
                        program=label(program),
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

HORIZONS = {"short": 1, "medium": 5}
HORIZON_MESSAGES = {
    "short": N_(
        "{program} is short-term (jangka pendek) but ends in {end}; "
        "a short programme ends by {limit}"
    ),
    "medium": N_(
        "{program} is medium-term (jangka menengah) but ends in {end}; "
        "a medium programme ends by {limit}"
    ),
    "long": N_(
        "{program} is long-term (jangka panjang) but ends in {end}; "
        "a long programme ends by {limit}"
    ),
}


def check_horizon(context: PlanContext) -> Iterator[Problem]:
    first, last = period(context.data)
    if first is None or last is None:
        return
    for pointer, program in context.programs():
        horizon, end = program.get("horizon"), year(program.get("end"))
        if end is None or horizon not in ("short", "medium", "long"):
            continue
        limit = first + HORIZONS.get(horizon, last - first)
        if end > limit:
            yield Problem(
                join(pointer, "end"),
                _(HORIZON_MESSAGES[horizon], program=label(program), end=end, limit=limit),
            )


HORIZON_WINDOW = Rule(
    id="horizon-window",
    severity=Severity.ERROR,
    summary=N_("short programmes end by period start + 1, medium by start + 5, long by period end"),
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
    first = period(context.data)[0]
    for pointer, program in context.programs():
        if program.get("quick_win") is not True:
            continue
        horizon = program.get("horizon")
        if isinstance(horizon, str) and horizon != "short":
            yield Problem(
                join(pointer, "horizon"),
                _(
                    "{program} is a quick win but its horizon is {horizon}: a quick win is short",
                    program=label(program),
                    horizon=horizon,
                ),
            )
        start = year(program.get("start"))
        if first is not None and start is not None and start not in (first, first + 1):
            yield Problem(
                join(pointer, "start"),
                _(
                    "{program} is a quick win but starts in {start}: "
                    "a quick win starts in {first} or {second}",
                    program=label(program),
                    start=start,
                    first=first,
                    second=first + 1,
                ),
            )


QUICK_WIN = Rule(
    id="quick-win",
    severity=Severity.ERROR,
    summary=N_("a quick win is short-term and starts in the plan's first or second year"),
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
