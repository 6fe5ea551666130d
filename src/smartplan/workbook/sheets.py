"""Reading an edited workbook: the sheets of `export --format xlsx`, each row's cells by column
name with their addresses (`Program!D14`), and the cell values a plan may hold.

A workbook is hostile input like any plan: its size and the unpacked size of its parts are
bounded before openpyxl reads it, and an unreadable file is a one-line refusal.
"""

from __future__ import annotations

import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartplan.errors import UsageError
from smartplan.i18n import N_, _
from smartplan.workbook.bounds import MAX_COLUMNS, MAX_ROWS, check_parts

MAX_FILE = 10 * 1024 * 1024  # the plan's own default limit
MAX_UNPACKED = 100 * 1024 * 1024  # a zip bomb stops here, before anything is unpacked
# what openpyxl may raise on a damaged workbook (zlib.error: a damaged deflate stream;
# SyntaxError: lxml's XMLSyntaxError and ElementTree's ParseError; the rest from its readers
# meeting a value of another type or a missing part)
DAMAGED = (
    OSError, EOFError, zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, KeyError,
    IndexError, AttributeError, ValueError, TypeError, OverflowError, SyntaxError,
)  # fmt: skip


class CellError(UsageError):
    """A cell that cannot be read as the plan's value: the message starts with its address."""


@dataclass(frozen=True)
class Cell:
    address: str  # Program!D14
    value: Any  # None for an empty cell


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict[str, Cell]  # by column name (the header of row 1)

    def __getitem__(self, column: str) -> Cell:
        return self.cells[column]

    def get(self, column: str) -> Any:
        cell = self.cells.get(column)
        return None if cell is None else cell.value


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[str, ...]  # the names in row 1
    rows: list[Row]


def read_workbook(path: Path, titles: dict[str, str]) -> dict[str, Sheet]:
    """The sheets named in `titles` (table id → sheet title) that the workbook has, by table id."""
    import io

    data = _read(path)
    openpyxl = _openpyxl()
    try:  # the one place the workbook is parsed: loading and reading its sheets
        with warnings.catch_warnings():  # openpyxl's notes on parts it skips are not the user's
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return {
                table: _sheet(book[title], title)
                for table, title in titles.items()
                if title in book.sheetnames
            }
        finally:
            book.close()
    except DAMAGED as error:
        raise UsageError(
            _("{path} is not an Excel workbook (.xlsx): {error}", path=path, error=_reason(error))
        ) from None


def _reason(error: Exception) -> str:
    """What openpyxl said, on one line and short (a damaged part can fill a screen)."""
    from smartplan.escape import terminal
    from smartplan.files.limits import clip

    return clip(terminal(str(error) or type(error).__name__), 100)


def _openpyxl() -> Any:
    from smartplan.extras import require

    return require("openpyxl", "importing an Excel workbook")


def _read(path: Path) -> bytes:
    """The workbook's bytes through the core's one reader (a regular file, read bounded), its
    unpacked size checked before anything is unpacked."""
    import io

    from smartplan.files.reading import read_file

    try:
        data = read_file(path, MAX_FILE)
    except OSError as error:
        raise UsageError(
            _("cannot read {path}: {error}", path=path, error=error.strerror or error)
        ) from None
    if len(data) > MAX_FILE:
        raise UsageError(_("{path} is not a workbook file of at most 10 MB", path=path))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
            if unpacked > MAX_UNPACKED:
                raise UsageError(_("{path} unpacks to more than 100 MB: refused", path=path))
            check_parts(archive, path)
    except DAMAGED as error:
        raise UsageError(
            _("{path} is not an Excel workbook (.xlsx): {error}", path=path, error=_reason(error))
        ) from None
    return data


def _sheet(ws: Any, title: str) -> Sheet:
    from openpyxl.utils import get_column_letter

    rows = ws.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    header = next(rows, None) or ()
    columns = {
        index: str(name).strip()
        for index, name in enumerate(header, start=1)
        if name is not None and str(name).strip()
    }
    found = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise UsageError(
                _("sheet {sheet} has more than {n} rows: refused", sheet=title, n=MAX_ROWS)
            )
        if all(_blank(v) for v in values):
            continue
        cells = {
            name: Cell(
                f"{title}!{get_column_letter(index)}{number}",
                _clean(values[index - 1] if index <= len(values) else None),
            )
            for index, name in columns.items()
        }
        found.append(Row(number, cells))
    return Sheet(title, tuple(columns.values()), found)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


# --- what a cell may hold ------------------------------------------------------------------

NUMBER = re.compile(r"-?\d+(\.\d+)?")


def text(cell: Cell) -> str:
    """Text of a text column: "" when empty; a number typed into it is its digits."""
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellError(_("{cell}: '{value}' is not text", cell=cell.address, value=value))
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if not isinstance(value, (str, int, float)):  # a date typed into a name
        raise CellError(_("{cell}: '{value}' is not text", cell=cell.address, value=value))
    return str(value)


def year(cell: Cell) -> int | None:
    """A year: an integer, or nothing; `20x3` or `2023.5` is refused."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, str) and value.isdigit():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise CellError(_("{cell}: year '{value}' is not a number", cell=cell.address, value=value))
    return value


# whole sentences per column (translated as a whole, never pieced together)
NOT_A_NUMBER = {
    "amount": N_("{cell}: amount '{value}' is not a number"),
    "value": N_("{cell}: value '{value}' is not a number"),
    "budget_total": N_("{cell}: budget_total '{value}' is not a number"),
}


def number(cell: Cell, what: str) -> int | float | None:
    """An amount or a value: a number cell (or plain digits); text such as `Rp 2,5 M` or
    `83,4` is ambiguous and refused."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, str) and NUMBER.fullmatch(value):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise CellError(_(NOT_A_NUMBER[what], cell=cell.address, value=value))
    return int(value) if float(value).is_integer() else value


def flag(cell: Cell) -> bool | int:
    """quick_win: TRUE/FALSE (or ya/tidak, true/false, 1/0), or the year it was designated."""
    value = cell.value
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and float(value).is_integer():
        whole = int(value)
        if whole in (0, 1):
            return bool(whole)
        if 1900 <= whole <= 2200:
            return whole
    if isinstance(value, str) and value.lower() in WORDS:
        return WORDS[value.lower()]
    raise CellError(
        _(
            "{cell}: quick_win '{value}' is not TRUE, FALSE or a year",
            cell=cell.address,
            value=value,
        )
    )


def years(cell: Cell) -> list[int]:
    """quick_win_years: the years a programme is a quick win, `2019;2020` (as the export
    writes it) or one year typed as a number; [] for an empty cell."""
    found = []
    for part in items(cell):
        if not part.isdigit() or not 1900 <= int(part) <= 2200:
            raise CellError(
                _(
                    "{cell}: quick_win_years '{value}' is not a list of years such as 2019;2020",
                    cell=cell.address,
                    value=cell.value,
                )
            )
        found.append(int(part))
    return sorted(set(found))


WORDS = {"true": True, "false": False, "ya": True, "tidak": False, "yes": True, "no": False}


def items(cell: Cell) -> list[str]:
    """A list kept in one cell, `a;b` (as the export writes it)."""
    return [part.strip() for part in text(cell).split(";") if part.strip()]
