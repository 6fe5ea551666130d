"""Tables (exports, the portfolio) as CSV, JSON, Markdown or a terminal table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from smartplan.escape import markdown, spreadsheet_cell, terminal
from smartplan.report.export import Cell, Table


def to_csv(table: Table, *, excel: bool = False) -> str:
    """RFC 4180 CSV; `excel` adds the UTF-8 BOM that spreadsheet programs look for, and
    keeps a text cell starting with `=`, `+`, `-` or `@` from running as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.columns)
    cell_text = _spreadsheet if excel else _plain
    writer.writerows([cell_text(cell) for cell in row] for row in table.rows)
    return ("\ufeff" if excel else "") + buffer.getvalue()


def to_json(table: Table, *, excel: bool = False) -> str:
    body = {"version": 1, "columns": list(table.columns), "rows": table.records()}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def to_markdown(table: Table, *, excel: bool = False) -> str:
    head = "| " + " | ".join(markdown(column) for column in table.columns) + " |"
    rule = "|" + "|".join("---" for _ in table.columns) + "|"
    body = ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in table.rows]
    return "\n".join([head, rule, *body]) + "\n"


def to_text(table: Table, *, excel: bool = False) -> str:
    """Aligned columns, no colour: for a terminal or a pipe."""
    cells = [list(table.columns)] + [[terminal(_plain(cell)) for cell in row] for row in table.rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.columns))]
    lines = [
        "  ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines) + "\n"


def _plain(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _spreadsheet(cell: Cell) -> str:
    return spreadsheet_cell(cell) if isinstance(cell, str) else _plain(cell)


def _md(cell: Cell) -> str:
    return markdown(_plain(cell))


TABLE_FORMATS: dict[str, Callable[..., str]] = {
    "csv": to_csv,
    "json": to_json,
    "md": to_markdown,
    "text": to_text,
}
