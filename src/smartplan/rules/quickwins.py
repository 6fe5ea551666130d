"""`quick-win`: a quick win's years lie in the period (or the Bimtek year before it), and a quick
win delivers within two years of its first designated year, judged by its first record of
delivery (SPEC §8, §10)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from smartplan.domain.metrics import quick_win_years
from smartplan.findings import Severity
from smartplan.i18n import N_, _
from smartplan.loader.document import join
from smartplan.rules.base import Problem, Rule, declared
from smartplan.rules.context import PlanContext
from smartplan.rules.values import label, listed, mapping, period, text, year


def _designations(pointer: str, program: dict[str, Any]) -> Iterator[tuple[str, int]]:
    """(pointer, year) of each year a programme is a quick win: `true` stands at `start`,
    a year at `quick_win`, each year of a list at its own item (SPEC §10)."""
    value = program.get("quick_win")
    if isinstance(value, list):
        for index, item in enumerate(value):
            when = year(item)
            if when is not None:
                yield join(join(pointer, "quick_win"), index), when
    elif value is True:
        yield from ((join(pointer, "start"), when) for when in quick_win_years(program))
    elif (when := year(value)) is not None:
        yield join(pointer, "quick_win"), when


def _delivered(pointer: str, program: dict[str, Any]) -> tuple[str, int] | None:
    """(pointer, year) of the programme's first progress record that shows delivery: status
    `ongoing` or `done`, or a milestone (SPEC §10): not `end`, since quick wins go on after
    they deliver. None when no record shows it."""
    found = []
    for index, record in enumerate(listed(program.get("progress"))):
        record = mapping(record)
        when = year(record.get("year"))
        shows = record.get("status") in ("ongoing", "done") or text(record.get("milestone"))
        if when is not None and shows:
            found.append((when, index))
    if not found:
        return None
    when, index = min(found)
    return join(join(pointer, "progress"), index), when


def check_quick_win(context: PlanContext) -> Iterator[Problem]:
    yield from context.period_not_recorded(
        _(
            "the period is not recorded (period is in not_recorded): quick-win years are "
            "checked against the programmes' own years only"
        )
    )
    first, last = period(context.data)
    for pointer, program in context.programs():
        start, end = year(program.get("start")), year(program.get("end"))
        designated = list(_designations(pointer, program))
        for where, when in designated:
            if first is not None and last is not None and not first - 1 <= when <= last:
                yield Problem(
                    where,
                    _(
                        "{program} is a quick win in {year}, outside {low}–{last} "
                        "(the period, and the Bimtek year before it)",
                        program=label(program),
                        year=when,
                        low=first - 1,
                        last=last,
                    ),
                )
            elif (start is not None and when < start) or (end is not None and when > end):
                yield Problem(
                    where,
                    _(
                        "{program} is a quick win in {year}, outside its own years {years}",
                        program=label(program),
                        year=when,
                        years=f"{start or ''}–{end or ''}",
                    ),
                )
        delivered = _delivered(pointer, program)
        if designated and delivered is not None:
            when = min(value for _where, value in designated)
            if delivered[1] > when + 1:
                yield Problem(
                    delivered[0],
                    _(
                        "{program} is a quick win in {year} but its first record of "
                        "delivery (ongoing, done or a milestone) is in {delivered}: "
                        "a quick win delivers within two years (by {limit})",
                        program=label(program),
                        year=when,
                        delivered=delivered[1],
                        limit=when + 1,
                    ),
                    severity=Severity.WARNING,
                )


QUICK_WIN = Rule(
    id="quick-win",
    severity=Severity.ERROR,
    summary=N_("a quick win's year lies in the period (or the year before it) and its own years"),
    explanation=declared("""
        Quick wins are the programmes that show results early, and regions designate new ones
        every year, not only in the first two years of the plan. `quick_win: true` makes a
        programme a quick win in its `start` year; `quick_win: 2020` names the year it was
        designated; `quick_win: [2019, 2020]` names every year it was designated. Each year
        lies in `period.start - 1 .. period.end` (the first quick wins are often carried out
        in the Bimtek year, before the period) and inside the programme's own years. Its
        horizon is whatever phase it ends in: a quick win need not be `short`.

        A quick win delivers within two years of its (first) year. Delivery is the
        programme's first `progress` record with status `ongoing` or `done`, or with a
        milestone, not its `end`: quick wins go on after they deliver, and the ministry's
        evaluation scores their continuation. A warning when that record is later than
        year + 1; with no progress recorded there is nothing to warn about.

        Sources: Kabupaten Garut names "pemilik quick win di tiap-tiap tahunnya" and runs six
        new quick wins in 2024 (potensinetwork.com, 24 May 2024); Kota Tanjungpinang ran six
        quick wins in 2021, evaluated every year (detak.media, 5 October 2022); Kota Balikpapan
        drafted its "quick win 2019-2020" at Bimtek II, to act within six months to a year
        (web.balikpapan.go.id/berita/read/7988, August 2019); the ministry's evaluation scores
        "kelangsungan program percepatan inovasi (quick win)", the continuation of quick wins
        (arikamedia.id, 2024), and in its impact component "keberlanjutan program yang telah
        berjalan" (jambiekspres.disway.id, 2022); the annual evaluation scores the quick-win
        component every year (aptika.kominfo.go.id, June 2019); SPEC §8, §10.

        Bad:

            period: {start: 2018, end: 2027}
            programs:
              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 quick_win: 2030, start: 2020, end: 2024}
              - {id: ECO-01, name: Pasar Digital, dimension: economy,
                 quick_win: 2019, start: 2019, end: 2027,
                 progress: [{year: 2019, status: planned}, {year: 2022, status: ongoing}]}

        Good:

              - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance,
                 quick_win: [2020, 2022], horizon: medium, start: 2020, end: 2022}
              - {id: ECO-01, name: Pasar Digital, dimension: economy,
                 quick_win: 2019, start: 2019, end: 2027,
                 progress: [{year: 2019, status: ongoing}, {year: 2022, status: ongoing}]}
        """),
    check=check_quick_win,
)
