"""Flat tables for spreadsheets: one row per programme, budget line, or indicator value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from smartplan.metrics import amount, budget_total, programs

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
)


def program_rows(data: dict[str, Any]) -> Iterator[tuple[Cell, ...]]:
    region = _region(data)
    for p in programs(data):
        yield (
            region,
            _text(p.get("id")),
            _text(p.get("name")),
            _text(p.get("dimension")),
            _text(p.get("element")),
            _text(p.get("horizon")),
            _text(p.get("kind")),
            p.get("quick_win") is True,
            p.get("start"),
            p.get("end"),
            _text(p.get("lead")),
            _text(p.get("partners")),
            _text(p.get("status")),
            budget_total(p),
            len(p.get("indicators") or []),
            _text(p.get("depends_on")),
            _text(p.get("regulations")),
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
                        yield (
                            *head,
                            kind,
                            point.get("year"),
                            point.get("value"),
                            base.get("year"),
                            base.get("value"),
                        )


Rows = Callable[[dict[str, Any]], Iterator[tuple[Cell, ...]]]
TABLES: dict[str, tuple[tuple[str, ...], Rows]] = {
    "programs": (PROGRAM_COLUMNS, program_rows),
    "budget": (BUDGET_COLUMNS, budget_rows),
    "indicators": (INDICATOR_COLUMNS, indicator_rows),
}


def export_table(data: dict[str, Any], table: str) -> Table:
    columns, rows = TABLES[table]
    return Table(columns, tuple(rows(data)))
