"""The Indikator sheet → edits: targets and actuals by programme, indicator, kind and year; an
indicator's unit, type and baseline, repeated on each of its rows, changed where a row changes
them (two rows changing them differently is ambiguous and refused); new indicators."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from smartplan.domain.metrics import programs
from smartplan.i18n import _
from smartplan.workbook import sheets as read
from smartplan.workbook.edits import Edit, Op, refuse, same, written
from smartplan.workbook.lines import Key, _check, _keyed, _programme, _required, _rows, _text
from smartplan.workbook.sheets import Row, Sheet

COLUMNS = ("program_id", "indicator", "unit", "type", "value_kind", "year", "value",
           "baseline_year", "baseline_value")  # fmt: skip
FIELDS = {"target": "targets", "actual": "actuals"}
ATTRIBUTES = ("unit", "type", "baseline_year", "baseline_value")
Point = tuple[str, int, str, int, dict[str, Any]]  # programme, indicator, field, position, point
Changed = dict[tuple[str, int], dict[str, dict[Any, str]]]  # (programme, indicator) → column →
# value → the cell that gave it


def _points(data: dict[str, Any]) -> Iterator[tuple[Key, Point]]:
    span = data.get("period")
    period_end = span.get("end") if isinstance(span, dict) else None
    for p in programs(data):
        pid = str(p.get("id"))
        # a target without year means the programme's end, else the period's (§8): the
        # export writes that year, so the row is matched by it
        implied = p.get("end") if p.get("end") is not None else period_end
        for k, indicator in enumerate(p.get("indicators") or []):
            if not isinstance(indicator, dict):
                continue
            name = written(_text(indicator.get("name")))
            for kind, field in FIELDS.items():
                for j, point in enumerate(indicator.get(field) or []):
                    if isinstance(point, dict):
                        when = point.get("year")
                        if when is None and kind == "target":
                            when = implied
                        key = (pid, name, kind, written(when))
                        yield key, (pid, k, field, j, point)


def _attributes(indicator: dict[str, Any]) -> dict[str, Any]:
    base = indicator.get("baseline")
    base = base if isinstance(base, dict) else {}
    return {
        "unit": _text(indicator.get("unit")),
        "type": _text(indicator.get("type")),
        "baseline_year": base.get("year"),
        "baseline_value": base.get("value"),
    }


def _parse(row: Row, column: str) -> Any:
    cell = row[column]
    if column == "baseline_year":
        return read.year(cell)
    if column in ("baseline_value", "value"):
        return read.number(cell, "value")
    return read.text(cell) or None


def indicator_edits(data: dict[str, Any], sheet: Sheet, known: set[str]) -> list[Edit]:
    _check(sheet, COLUMNS)
    _named_once(data)
    plan = _keyed(_points(data))
    rows = _rows(
        sheet,
        lambda r: tuple(
            written(r.get(c)) for c in ("program_id", "indicator", "value_kind", "year")
        ),
    )
    indicators = _indicators(data)
    edits: list[Edit] = []
    changed: Changed = defaultdict(lambda: defaultdict(dict))
    fresh: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for key, row in rows.items():
        if key in plan:
            pid, k, field, j, point = plan[key]
            if not same(row["value"], point.get("value")):
                value = _required(row, "value", _parse(row, "value"))
                path = ("indicators", k, field, j, "value")
                edits.append(Edit(pid, path, Op.SET, value, row["value"].address))
        else:
            pid = _programme(row, known)
            kind = _kind(row)
            name = read.text(row["indicator"])
            if not name:
                raise refuse(row["indicator"].address, _("indicator is empty"))
            k = indicators.get((pid, name), (None, {}))[0]
            if k is None:
                fresh[(pid, name)].append(row)
                continue
            point = {
                "year": read.year(row["year"]),
                "value": _required(row, "value", _parse(row, "value")),
            }
            edits.append(
                Edit(
                    pid,
                    ("indicators", k, FIELDS[kind]),
                    Op.ADD,
                    _clean(point),
                    row["value"].address,
                )
            )
        _compare(row, indicators, changed)
    for key, (pid, k, field, j, _point) in plan.items():
        if key not in rows:
            edits.append(Edit(pid, ("indicators", k, field, j), Op.DROP, None, sheet.title))
    edits += _attribute_edits(changed)
    edits += [_new(pid, name, group) for (pid, name), group in fresh.items()]
    return edits


def _named_once(data: dict[str, Any]) -> None:
    """The sheet tells a programme's indicators apart by name: two of the same name would
    take each other's rows (a baseline of one written into the other), so that is refused."""
    from smartplan.errors import UsageError
    from smartplan.files.limits import clip

    for p in programs(data):
        seen: set[str] = set()
        for indicator in p.get("indicators") or []:
            if not isinstance(indicator, dict):
                continue
            name = _text(indicator.get("name"))
            if name in seen:
                raise UsageError(
                    _(
                        "programme {id} has two indicators named '{name}': the {sheet} sheet "
                        "tells them apart by name only; give each its own name in the plan, "
                        "then export again",
                        id=clip(str(p.get("id"))),
                        name=clip(name),
                        sheet="Indikator",
                    )
                )
            seen.add(name)


def _indicators(data: dict[str, Any]) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    found: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for p in programs(data):
        for k, indicator in enumerate(p.get("indicators") or []):
            if isinstance(indicator, dict):
                found.setdefault((str(p.get("id")), _text(indicator.get("name"))), (k, indicator))
    return found


def _kind(row: Row) -> str:
    kind = read.text(row["value_kind"])
    if kind not in FIELDS:
        raise refuse(
            row["value_kind"].address,
            _("value_kind '{value}' is neither target nor actual", value=kind),
        )
    return kind


def _compare(
    row: Row, indicators: dict[tuple[str, str], tuple[int, dict[str, Any]]], changed: Changed
) -> None:
    """Note the unit, type and baseline this row gives its (existing) indicator."""
    pid, name = read.text(row["program_id"]), read.text(row["indicator"])
    if (pid, name) not in indicators:
        return
    k, indicator = indicators[(pid, name)]
    for column, old in _attributes(indicator).items():
        if not same(row[column], old):
            changed[(pid, k)][column][_parse(row, column)] = row[column].address


def _attribute_edits(changed: Changed) -> list[Edit]:
    edits = []
    for (pid, k), columns in changed.items():
        for column, values in columns.items():
            (value, cell), *others = values.items()
            if others:
                raise refuse(
                    others[0][1],
                    _(
                        "{column} '{value}' differs from {cell} ('{other}') for the same indicator",
                        column=column,
                        value=others[0][0],
                        cell=cell,
                        other=value,
                    ),
                )
            path: tuple[str | int, ...] = ("indicators", k, column)
            if column.startswith("baseline_"):
                path = ("indicators", k, "baseline", column.removeprefix("baseline_"))
            edits.append(Edit(pid, path, Op.DROP if value is None else Op.SET, value, cell))
    return edits


def _new(pid: str, name: str, rows: list[Row]) -> Edit:
    """A new indicator from its rows: unit, type and baseline must agree between them."""
    indicator: dict[str, Any] = {"name": name}
    for column in ("unit", "type"):
        value = _agreed(rows, column)
        if value is not None:
            indicator[column] = value
    base = {"year": _agreed(rows, "baseline_year"), "value": _agreed(rows, "baseline_value")}
    if any(v is not None for v in base.values()):
        indicator["baseline"] = _clean(base)
    for kind, field in FIELDS.items():
        points = [
            _clean(
                {"year": read.year(r["year"]), "value": _required(r, "value", _parse(r, "value"))}
            )
            for r in rows
            if _kind(r) == kind
        ]
        if points:
            indicator[field] = points
    return Edit(pid, ("indicators",), Op.ADD, indicator, rows[0]["indicator"].address)


def _agreed(rows: list[Row], column: str) -> Any:
    values: dict[Any, str] = {}
    for row in rows:
        values.setdefault(_parse(row, column), row[column].address)
    values.pop(None, None)
    if len(values) > 1:
        (first, cell), (second, other) = list(values.items())[:2]
        raise refuse(
            other,
            _(
                "{column} '{value}' differs from {cell} ('{other}') for the same indicator",
                column=column,
                value=second,
                cell=cell,
                other=first,
            ),
        )
    return next(iter(values), None)


def _clean(point: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in point.items() if value is not None}
