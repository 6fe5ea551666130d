"""The Anggaran and Indikator sheets → edits: budget lines matched by programme, year and source,
indicator values by programme, indicator, kind and year (the n-th of equal keys by order, as
`diff` matches them); a new row adds, a deleted row removes, a changed amount or value sets."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from smartplan.domain.metrics import amount, programs
from smartplan.i18n import _
from smartplan.workbook import sheets as read
from smartplan.workbook.edits import Edit, Op, refuse, same, written
from smartplan.workbook.sheets import Row, Sheet

Key = tuple[Any, ...]


def _keyed(keys: Iterator[tuple[Key, Any]]) -> dict[Key, Any]:
    """(key, n) → item: the n-th item with the same key."""
    found: dict[Key, Any] = {}
    count: dict[Key, int] = defaultdict(int)
    for key, item in keys:
        found[(*key, count[key])] = item
        count[key] += 1
    return found


def _rows(sheet: Sheet, key: Any) -> dict[Key, Row]:
    return _keyed((key(row), row) for row in sheet.rows)


def _check(sheet: Sheet, columns: tuple[str, ...]) -> None:
    for column in columns:
        if column not in sheet.columns:
            raise refuse(sheet.title, _("column {column} is missing from row 1", column=column))


# --- budget --------------------------------------------------------------------------------

BUDGET = ("program_id", "year", "source", "amount")


def budget_lines(data: dict[str, Any]) -> dict[Key, tuple[str, int, dict[str, Any]]]:
    def keys() -> Iterator[tuple[Key, tuple[str, int, dict[str, Any]]]]:
        for p in programs(data):
            pid = str(p.get("id"))
            for index, line in enumerate(p.get("budget") or []):
                if isinstance(line, dict):
                    key = (pid, written(line.get("year")), written(_text(line.get("source"))))
                    yield key, (pid, index, line)

    return _keyed(keys())


def budget_sums(sheet: Sheet) -> dict[str, float]:
    _check(sheet, BUDGET)  # read before budget_edits: a renamed column is refused here first
    sums: dict[str, float] = defaultdict(float)
    for row in sheet.rows:
        value = row.get("amount")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            sums[read.text(row["program_id"])] += value
    return sums


def budget_edits(data: dict[str, Any], sheet: Sheet, known: set[str]) -> list[Edit]:
    _check(sheet, BUDGET)
    plan = budget_lines(data)
    rows = _rows(
        sheet,
        lambda r: (written(r.get("program_id")), written(r.get("year")), written(r.get("source"))),
    )
    edits = []
    for key, row in rows.items():
        if key in plan:
            pid, index, line = plan[key]
            if not same(row["amount"], amount(line.get("amount"))):
                value = _required(row, "amount", read.number(row["amount"], "amount"))
                path = ("budget", index, "amount")
                edits.append(Edit(pid, path, Op.SET, value, row["amount"].address))
            continue
        pid = _programme(row, known)
        line = {
            "year": _required(row, "year", read.year(row["year"])),
            "amount": _required(row, "amount", read.number(row["amount"], "amount")),
        }
        if read.text(row["source"]):
            line["source"] = read.text(row["source"])
        edits.append(Edit(pid, ("budget",), Op.ADD, line, row["program_id"].address))
    for key, (pid, index, _line) in plan.items():
        if key not in rows:
            edits.append(Edit(pid, ("budget", index), Op.DROP, None, f"{sheet.title}"))
    return edits


def _programme(row: Row, known: set[str]) -> str:
    pid = read.text(row["program_id"])
    if pid not in known:
        raise refuse(
            row["program_id"].address,
            _("programme '{id}' is neither in the plan nor on sheet Program", id=pid),
        )
    return pid


def _required(row: Row, column: str, value: Any) -> Any:
    if value is None:
        raise refuse(row[column].address, _("{column} is empty", column=column))
    return value


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)
