"""Tables (export, portfolio) as one Excel workbook (openpyxl): a sheet per table plus a summary.

Numbers stay numbers (rupiah with a rupiah number format, years as plain integers), dates are
dates, lists stay in one cell (`a;b`), the header row is frozen and filtered. Columns a team must
not edit (computed, or only there to be read) have a grey header: `smartplan import` ignores or
checks them. Sheet names and column names are stable: the import finds its columns by them.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from smartplan.escape import printable
from smartplan.extras import require
from smartplan.report.export import Cell, Table, export_table

# The sheets of `export --format xlsx`, by table id (stable: `smartplan import` reads them)
SHEETS = {"programs": "Program", "budget": "Anggaran", "indicators": "Indikator"}
# read-only sheets: shown for reading, never read back by `smartplan import`
SHOWN = {"evaluations": "Evaluasi"}
SUMMARY = "Ringkasan"
PORTFOLIO = "Portofolio"
# read-only columns per table: shown for reading, recomputed or ignored on import
READ_ONLY = {
    "programs": frozenset(
        {
            "region",
            "budget_total",
            "indicators",
            "quick_win_year",
            "missions",
            "milestones",
            "not_recorded",
        }
    ),
    "budget": frozenset({"region", "program_name", "dimension"}),
    "indicators": frozenset({"region"}),
    "evaluations": frozenset(
        {"region", "year", "round", "index", "published", "computed", "change",
         "method_changed", "weights", "scores"}
    ),
}
RUPIAH = "[$Rp-421] #,##0"  # 0x421: Indonesian, so LibreOffice groups with dots too
YEAR = "0"
INDEX = "0.00"
DATE = {"id": "[$-421]d mmmm yyyy", "en": "d mmmm yyyy"}  # 0x421: Indonesian month names
FORMATS = {
    "amount": RUPIAH,
    "budget_total": RUPIAH,
    "start": YEAR,
    "end": YEAR,
    "year": YEAR,
    "baseline_year": YEAR,
    "cohort": YEAR,
    "stage": YEAR,
    "eval_year": YEAR,
    "quick_win_year": YEAR,
    "eval_index": INDEX,
    "eval_change": INDEX,
    "eval_computed": INDEX,
    "index": INDEX,
    "published": INDEX,
    "computed": INDEX,
    "change": INDEX,
}
GREY = "D9DEE4"
BLUE = "DCE9F5"


@dataclass(frozen=True)
class Sheet:
    title: str
    table: Table
    read_only: frozenset[str] = frozenset()


Pair = tuple[str, Any, str]  # a label, a value (a date, a number or text), its number format


def workbook(sheets: Sequence[Sheet], summary: Sequence[Pair], lang: str = "id") -> bytes:
    """The workbook's bytes: the summary sheet first, then one sheet per table."""
    openpyxl = require("openpyxl", "an Excel workbook (xlsx)")
    book = openpyxl.Workbook()
    _summary(book.active, summary, lang)
    for sheet in sheets:
        _table(book.create_sheet(sheet.title), sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _table(ws: Any, sheet: Sheet) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws.append(list(sheet.table.columns))
    for row in sheet.table.rows:
        ws.append([cell_value(value) for value in row])
        _no_formulas(ws[ws.max_row])
    for index, column in enumerate(sheet.table.columns, start=1):
        head = ws.cell(row=1, column=index)
        head.font = Font(bold=True, italic=column in sheet.read_only)
        head.fill = PatternFill("solid", fgColor=GREY if column in sheet.read_only else BLUE)
        number_format = FORMATS.get(column)
        if number_format:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        values = [column, *(_shown(row[index - 1]) for row in sheet.table.rows)]
        ws.column_dimensions[get_column_letter(index)].width = _width(values, column)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    _print_setup(ws)


def _no_formulas(cells: Any) -> None:
    """Text of the plan such as `=HYPERLINK(…)` stays text: a workbook never runs a formula
    a plan smuggled in."""
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def _print_setup(ws: Any) -> None:
    """Printed on A4 landscape, every column on the page's width, the header on every page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def cell_value(value: Cell) -> Cell:
    """What a cell holds for a table's value: whole floats as integers (2.5e9 → 2500000000),
    no control characters, "" as an empty cell."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, (str, int, float, bool, type(None))):  # a plan breaking the schema
        value = str(value)
    if isinstance(value, str):
        value = printable(value)  # openpyxl refuses what XML cannot hold
    return None if value == "" else value


def _shown(value: Cell) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"Rp {value:,.0f}" if value > 9999 else str(value)
    return "" if value is None else str(value)


def _width(values: list[str], column: str) -> float:
    """Wide enough for the longest value (within 8 and 60 characters): names wrap past 60."""
    longest = max(len(value) for value in values)
    return float(min(max(longest + 2, len(column) + 4, 8), 60))


def _summary(ws: Any, pairs: Sequence[Pair], lang: str) -> None:
    from openpyxl.styles import Font

    ws.title = SUMMARY
    for label, value, number_format in pairs:
        ws.append([label, value if isinstance(value, datetime.date) else cell_value(value)])
        _no_formulas(ws[ws.max_row])
        cell = ws.cell(row=ws.max_row, column=2)
        if isinstance(value, datetime.date):
            cell.number_format = DATE.get(lang, DATE["id"])
        elif number_format and isinstance(value, (int, float)):
            cell.number_format = number_format
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.column_dimensions["A"].width = float(max([len(label) for label, _, _ in pairs] + [10]) + 2)
    ws.column_dimensions["B"].width = 40.0


def plan_workbook(data: dict[str, Any], source: str, lang: str = "id") -> bytes:
    """`export --format xlsx`: the summary, then programmes, budget lines and indicator values."""
    sheets = [
        Sheet(title, export_table(data, table), READ_ONLY[table])
        for table, title in {**SHEETS, **SHOWN}.items()
    ]
    return workbook(sheets, plan_summary(data, source, lang), lang)


def plan_summary(data: dict[str, Any], source: str, lang: str) -> list[Pair]:
    from smartplan.domain.metrics import amount, is_quick_win, programs
    from smartplan.report.labels import catalogue
    from smartplan.report.sections import missing

    t = catalogue(lang)
    region = _mapping(data.get("region"))
    period = _mapping(data.get("period"))
    items = programs(data)
    amounts = [
        amount(line.get("amount"))
        for p in items
        for line in p.get("budget") or []
        if isinstance(line, dict)
    ]
    known = [a for a in amounts if a is not None]
    count = _counter(data, t)
    pairs: list[Pair] = [
        (t["region"], _text(region.get("name")), ""),
        (t["province"], _text(region.get("province")), ""),
        *count("period", t["period_start"], _year(period.get("start")), YEAR),
        *count("period", t["period_end"], _year(period.get("end")), YEAR),
        (t["stage"], _year(data.get("stage")), YEAR),
        *count("programs", t["programs_count"], len(items), ""),
        *count(
            "programs.quick_win",
            t["quick_wins_count"],
            sum(1 for p in items if is_quick_win(p)),
            "",
        ),
        *(
            count("programs.budget", t["budget_total"], sum(known), RUPIAH)
            if known and not missing(data, "programs.budget")
            else [(t["budget_total"], sum(known) if known else t["none"], RUPIAH)]
        ),
    ]
    commitment = _mapping(data.get("commitment"))
    if commitment.get("date"):
        pairs.append((t["commitment"], _date(commitment.get("date")), ""))
    for session in data.get("bimtek") or []:
        if isinstance(session, dict) and session.get("start"):
            label = f"{t['bimtek']} {_text(session.get('stage'))}"
            pairs.append((label, _date(session.get("start")), ""))
    pairs.append((t["exported_from"], source, ""))
    return pairs


def _counter(data: dict[str, Any], t: dict[str, str]) -> Any:
    """A summary line whose value is unknown (*tidak tercatat*, never 0) when the plan lists
    its section under not_recorded, and whose label is marked when under partly_recorded."""
    from smartplan.report.sections import missing

    partly = [e for e in data.get("partly_recorded") or [] if isinstance(e, str)]

    def line(path: str, label: str, value: Cell, number_format: str) -> list[Pair]:
        if missing(data, path):
            return [(label, t["not_recorded"], "")]
        if any(path == e or path.startswith(e + ".") for e in partly):
            return [(f"{label} ({t['partly_recorded']})", value, number_format)]
        return [(label, value, number_format)]

    return line


def portfolio_workbook(table: Table, lang: str = "id") -> bytes:
    """`portfolio --format xlsx`: the cohort's figures, then one row per plan."""
    from smartplan.report.labels import catalogue

    t = catalogue(lang)
    column = {name: i for i, name in enumerate(table.columns)}
    budgets = [r[column["budget_total"]] for r in table.rows]
    known = [b for b in budgets if isinstance(b, (int, float)) and not isinstance(b, bool)]
    pairs: list[Pair] = [
        (t["pf_title"], len(table.rows), ""),
        # no region with a budget line: no total, not Rp 0 (SPEC §8)
        (t["pf_budget_total"].capitalize(), sum(known) if known else t["no_data"], RUPIAH),
    ]
    for stage in (1, 2, 3, 4):
        count = sum(1 for r in table.rows if r[column["stage"]] == stage)
        pairs.append((t["pf_stage_n"].format(n=stage), count, ""))
    return workbook([Sheet(PORTFOLIO, table, frozenset(table.columns))], pairs, lang)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def _year(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _date(value: Any) -> datetime.date | str:
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return _text(value)
