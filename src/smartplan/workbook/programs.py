"""The Program sheet → edits: names, dimensions, horizons, years, leads, partners of existing
programmes, and new programmes from new rows."""

from __future__ import annotations

from typing import Any

from smartplan.i18n import _
from smartplan.report.export import program_rows
from smartplan.workbook import sheets as read
from smartplan.workbook.edits import PROGRAM_KEYS, Edit, Op, refuse, same
from smartplan.workbook.sheets import Cell, Row, Sheet

TEXT = ("name", "dimension", "element", "horizon", "kind", "lead", "status", "rpjmd")
YEARS = ("start", "end")
LISTS = ("partners", "depends_on", "regulations", "also_dimensions", "funding")
EDITED = (*TEXT, *YEARS, *LISTS, "quick_win")
# what every export has; rpjmd, also_dimensions and funding are imported when present
COLUMNS = ("program_id", "name", "dimension", "element", "horizon", "kind", "lead", "status",
           *YEARS, "partners", "depends_on", "regulations", "quick_win", "budget_total",
           "indicators")  # fmt: skip
# computed from other fields, or kept in the YAML only: shown for reading (grey header)
READ_ONLY = ("quick_win_year", "missions", "milestones", "not_recorded")


def program_edits(
    data: dict[str, Any], sheet: Sheet, budget_sums: dict[str, float] | None
) -> tuple[list[Edit], set[str]]:
    """Edits of the Program sheet, and the ids of its new programmes. `budget_sums`: each
    programme's total on the Anggaran sheet (None without that sheet)."""
    from smartplan.report.export import PROGRAM_COLUMNS

    _columns(sheet)
    exported = {
        str(row[1]): dict(zip(PROGRAM_COLUMNS, row, strict=True)) for row in program_rows(data)
    }
    edits: list[Edit] = []
    seen: dict[str, Row] = {}
    for row in sheet.rows:
        pid = read.text(row["program_id"])
        if not pid:
            raise refuse(row["program_id"].address, _("program_id is empty"))
        if pid in seen:
            raise refuse(
                row["program_id"].address,
                _("programme {id} is already on row {row}", id=pid, row=seen[pid].number),
            )
        seen[pid] = row
        old = exported.get(pid)
        if old is None:
            edits.append(_new(pid, row, budget_sums))
        else:
            edits += _changed(pid, row, old, budget_sums)
    for pid in exported:
        if pid not in seen:
            raise refuse(
                sheet.title,
                _(
                    "programme {id} has no row: put the row back (a programme is removed in "
                    "the YAML file, not in the workbook)",
                    id=pid,
                ),
            )
    return edits, {pid for pid in seen if pid not in exported}


def _columns(sheet: Sheet) -> None:
    missing = [column for column in COLUMNS if column not in sheet.columns]
    if missing:
        raise refuse(sheet.title, _("column {column} is missing from row 1", column=missing[0]))


def _value(row: Row, field: str) -> Any:
    """The plan's value typed in the cell of `field` (None for an empty cell)."""
    cell = row[field]
    if field in YEARS:
        return read.year(cell)
    if field in LISTS:
        return read.items(cell) or None
    if field == "quick_win":
        return read.flag(cell)
    return read.text(cell) or None


def _changed(
    pid: str, row: Row, old: dict[str, Any], budget_sums: dict[str, float] | None
) -> list[Edit]:
    edits = []
    for field in EDITED:
        if field not in row.cells or field not in old:
            continue
        cell = row[field]
        if same(cell, old[field]):
            continue
        value = _value(row, field)
        if field == "quick_win" and value is False and old[field] is False:
            continue  # a `quick_win: 2020` is exported as FALSE: left alone
        drop = value is None
        edits.append(Edit(pid, (field,), Op.DROP if drop else Op.SET, value, cell.address))
    edits += _designated(pid, row, old, edits)
    _derived(row, old, budget_sums, pid)
    for column in READ_ONLY:
        if column in row.cells and column in old and not same(row[column], old[column]):
            raise refuse(
                row[column].address,
                _(
                    "{column} is read only in the workbook (grey header): change it in the YAML "
                    "file",
                    column=column,
                ),
            )
    return edits


def _designated(pid: str, row: Row, old: dict[str, Any], edits: list[Edit]) -> list[Edit]:
    """quick_win_years, when the team changed it, writes the years into `quick_win` (one year,
    or a list: SPEC §10) in place of the quick_win cell's TRUE/FALSE."""
    cell = row.cells.get("quick_win_years")
    if cell is None or "quick_win_years" not in old or same(cell, old["quick_win_years"]):
        return []
    value = _years_value(row)
    if value is None:
        return []  # emptied: the quick_win cell says whether it is one (in its start year)
    edits[:] = [e for e in edits if e.path != ("quick_win",)]
    return [Edit(pid, ("quick_win",), Op.SET, value, cell.address)]


def _years_value(row: Row) -> int | list[int] | None:
    """The quick_win value the quick_win_years cell names (None: the cell is empty); refused
    when the quick_win cell says FALSE beside it."""
    cell = row.cells.get("quick_win_years")
    found = read.years(cell) if cell is not None else []
    if cell is None or not found:
        return None
    flag = row.cells.get("quick_win")
    if flag is not None and flag.value is not None and read.flag(flag) is False:
        raise refuse(
            cell.address,
            _("quick_win_years names years but quick_win is FALSE: set quick_win to TRUE"),
        )
    return found[0] if len(found) == 1 else found


def _derived(row: Row, old: dict[str, Any], budget_sums: dict[str, float] | None, pid: str) -> None:
    """budget_total and indicators are computed: a changed one is refused unless it agrees with
    the Anggaran sheet (then it was retyped to match)."""
    total = row["budget_total"]
    if not same(total, old["budget_total"]):
        typed = read.number(total, "budget_total")
        if budget_sums is None or typed != budget_sums.get(pid, 0):
            raise refuse(
                total.address,
                _(
                    "budget_total is the sum of the programme's budget lines: change the "
                    "amounts on sheet Anggaran"
                ),
            )
    if not same(row["indicators"], old["indicators"]):
        raise refuse(
            row["indicators"].address,
            _("indicators is a count: add or change indicators on sheet Indikator"),
        )


def _new(pid: str, row: Row, budget_sums: dict[str, float] | None) -> Edit:
    program: dict[str, Any] = {"id": pid}
    for field in EDITED:
        if field not in row.cells:
            continue
        value = _value(row, field)
        if value is not None and value is not False:
            program[field] = value
    designated = _years_value(row)
    if designated is not None:
        program["quick_win"] = designated
    for required in ("name", "dimension"):
        if required not in program:
            raise refuse(
                row[required].address,
                _("a new programme needs a {field}", field=required),
            )
    total: Cell = row["budget_total"]
    typed = read.number(total, "budget_total")
    if typed is not None and typed != (budget_sums or {}).get(pid, 0):
        raise refuse(
            total.address,
            _(
                "budget_total is the sum of the programme's budget lines: add them on sheet "
                "Anggaran"
            ),
        )
    ordered = {key: program[key] for key in PROGRAM_KEYS if key in program}
    cells = tuple((key, row[key].address) for key in ordered if key in row.cells)
    return Edit(pid, (), Op.ADD, ordered, row["program_id"].address, cells)
