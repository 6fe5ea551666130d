"""Flat tables for spreadsheets: one row per programme, budget line, or indicator value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from smartplan.domain.metrics import (
    amount,
    budget_total,
    computed_index,
    differs,
    evaluation_index,
    evaluation_method,
    evaluation_pairs,
    evaluation_round,
    is_quick_win,
    method_changed,
    programs,
    published_index,
    quick_win_year,
    quick_win_years,
)

Cell = str | int | float | bool | None


@dataclass(frozen=True)
class Table:
    """Columns with stable names (documented in the README) and rows of plain values."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]

    def records(self) -> list[dict[str, Cell]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return "" if value is None else str(value)


def _region(data: dict[str, Any]) -> str:
    region = data.get("region")
    return _text(region.get("name")) if isinstance(region, dict) else ""


PROGRAM_COLUMNS = (
    "region",
    "program_id",
    "name",
    "dimension",
    "element",
    "horizon",
    "kind",
    "quick_win",
    "start",
    "end",
    "lead",
    "partners",
    "status",
    "budget_total",
    "indicators",
    "depends_on",
    "regulations",
    # the programme as practised (SPEC §8)
    "quick_win_year",
    "also_dimensions",
    "missions",
    "funding",
    "rpjmd",
    "milestones",
    "not_recorded",
    # every year a programme is a quick win, `2019;2020` (SPEC §10)
    "quick_win_years",
)


def _milestones(program: dict[str, Any]) -> str:
    records = program.get("progress")
    marked = [r for r in records or [] if isinstance(r, dict) and r.get("milestone")]
    return ";".join(
        f"{_text(r.get('date') or r.get('year'))} {_text(r.get('milestone'))}" for r in marked
    )


def _unrecorded(data: dict[str, Any]) -> str:
    """The programme fields the plan lists under not_recorded (`programs.budget` → budget)."""
    entries = [e for e in data.get("not_recorded") or [] if isinstance(e, str)]
    return ";".join(
        e.removeprefix("programs.") for e in entries if e == "programs" or e.startswith("programs.")
    )


def program_rows(data: dict[str, Any]) -> Iterator[tuple[Cell, ...]]:
    region = _region(data)
    unrecorded = _unrecorded(data)
    # a count over indicators not recorded is unknown: null, an empty cell (SPEC §10)
    no_indicators = bool({"programs", "indicators"} & set(unrecorded.split(";")))
    for p in programs(data):
        yield (
            region,
            _text(p.get("id")),
            _text(p.get("name")),
            _text(p.get("dimension")),
            _text(p.get("element")),
            _text(p.get("horizon")),
            _text(p.get("kind")),
            is_quick_win(p),
            p.get("start"),
            p.get("end"),
            _text(p.get("lead")),
            _text(p.get("partners")),
            _text(p.get("status")),
            budget_total(p),
            None if no_indicators else len(p.get("indicators") or []),
            _text(p.get("depends_on")),
            _text(p.get("regulations")),
            quick_win_year(p),
            _text(p.get("also_dimensions")),
            _text(p.get("missions")),
            _text(p.get("funding")),
            _text(p.get("rpjmd")),
            _milestones(p),
            unrecorded,
            _text(quick_win_years(p)),
        )


BUDGET_COLUMNS = ("region", "program_id", "program_name", "dimension", "year", "source", "amount")


def budget_rows(data: dict[str, Any]) -> Iterator[tuple[Cell, ...]]:
    region = _region(data)
    for p in programs(data):
        for line in p.get("budget") or []:
            if isinstance(line, dict):
                yield (
                    region,
                    _text(p.get("id")),
                    _text(p.get("name")),
                    _text(p.get("dimension")),
                    line.get("year"),
                    _text(line.get("source")),
                    amount(line.get("amount")),
                )


INDICATOR_COLUMNS = (
    "region",
    "program_id",
    "indicator",
    "unit",
    "type",
    "value_kind",
    "year",
    "value",
    "baseline_year",
    "baseline_value",
)


def indicator_rows(data: dict[str, Any]) -> Iterator[tuple[Cell, ...]]:
    region = _region(data)
    span = data.get("period")
    period_end = span.get("end") if isinstance(span, dict) else None
    for p in programs(data):
        for indicator in p.get("indicators") or []:
            if not isinstance(indicator, dict):
                continue
            baseline = indicator.get("baseline")
            base: dict[str, Any] = baseline if isinstance(baseline, dict) else {}
            head = (
                region,
                _text(p.get("id")),
                _text(indicator.get("name")),
                _text(indicator.get("unit")),
                _text(indicator.get("type")),
            )
            for kind, field in (("target", "targets"), ("actual", "actuals")):
                for point in indicator.get(field) or []:
                    if isinstance(point, dict):
                        when = point.get("year")
                        if when is None and kind == "target":  # §8: the programme's end
                            when = p.get("end") if p.get("end") is not None else period_end
                        yield (
                            *head,
                            kind,
                            when,
                            point.get("value"),
                            base.get("year"),
                            base.get("value"),
                        )


# evaluation methods change (SPEC §10): `index` is the published score where recorded, else
# the computed one; `computed` only when it differs; no `change` across a change of method
EVALUATION_COLUMNS = (
    "region",
    "year",
    "round",
    "index",
    "published",
    "computed",
    "change",
    "method_changed",
    "weights",
    "scores",
)


def evaluation_rows(data: dict[str, Any]) -> Iterator[tuple[Cell, ...]]:
    region = _region(data)
    dated = [
        e for e in data.get("evaluations") or []
        if isinstance(e, dict) and isinstance(e.get("year"), int)
        and not isinstance(e.get("year"), bool)
    ]
    dated.sort(key=lambda e: (e["year"], evaluation_round(e) or 0))
    previous: tuple[float, tuple[Any, ...]] | None = None
    for entry in dated:
        index, method = evaluation_index(entry), evaluation_method(entry)
        computed, published = computed_index(entry), published_index(entry)
        changed: bool | None = False
        change = None
        if index is not None and previous is not None:
            changed = method_changed(previous[1], method)  # None: a method is not recorded
            change = round(index - previous[0], 2) if changed is False else None
        yield (
            region,
            entry["year"],
            evaluation_round(entry),
            index,
            published,
            computed if differs(published, computed) else None,
            change,
            changed,
            _components(entry, 0),
            _components(entry, 1),
        )
        previous = (index, method) if index is not None else previous


def _components(entry: dict[str, Any], which: int) -> str:
    """`baseline:10;kolaborasi:10`: weights (0) or scores (1) of every component."""
    pairs = evaluation_pairs(entry).items()
    return ";".join(f"{k}:{amount(v[which])}" for k, v in pairs if v[which] is not None)


Rows = Callable[[dict[str, Any]], Iterator[tuple[Cell, ...]]]
TABLES: dict[str, tuple[tuple[str, ...], Rows]] = {
    "programs": (PROGRAM_COLUMNS, program_rows),
    "budget": (BUDGET_COLUMNS, budget_rows),
    "indicators": (INDICATOR_COLUMNS, indicator_rows),
    "evaluations": (EVALUATION_COLUMNS, evaluation_rows),
}


def export_table(data: dict[str, Any], table: str) -> Table:
    columns, rows = TABLES[table]
    return Table(columns, tuple(rows(data)))
