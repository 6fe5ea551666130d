"""Workbooks bounded before openpyxl parses them, and every parse failure one line (issue 25).

Each case is the exported workbook of an example with one part replaced: a bound passed by one
(rows, cells of a row, cells, shared strings, style entries, elements, the size of one tag), a
document type, a damaged part, values openpyxl cannot read. Each is refused by `import` with
one line naming the workbook; none is an internal error. The full-size bombs (a 183 KB row of
6,000,000 cells, 5,500,000 shared strings) run in a real process in tests/test_limits.py.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from smartplan.cli import app
from smartplan.workbook import bounds

NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
PROGRAM = "xl/worksheets/sheet2.xml"  # the Program sheet (sheet1 is the summary)
BUDGET = "xl/worksheets/sheet3.xml"  # Anggaran
STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("workbook-bounds")
    shutil.copytree(EXAMPLES / "kota-jambi", root / "plan")
    plan = root / "plan" / "masterplan.yaml"
    book = root / "program.xlsx"
    result = CliRunner().invoke(app, ["export", str(plan), "-f", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    return root


def _sheet(rows: bytes) -> bytes:
    head = b'<row r="1"><c t="inlineStr"><is><t>program_id</t></is></c></row>'
    return b"<worksheet " + NS + b"><sheetData>" + head + rows + b"</sheetData></worksheet>"


def _row(number: int, cells: int) -> bytes:
    return b'<row r="%d">' % number + b"<c><v>1</v></c>" * cells + b"</row>"


def _cells(number: int, *values: str | int) -> bytes:
    """A row of the given values (text inline, numbers as numbers)."""
    cells = [
        f"<c><v>{value}</v></c>" if isinstance(value, int)
        else f'<c t="inlineStr"><is><t>{value}</t></is></c>'
        for value in values
    ]  # fmt: skip
    return f'<row r="{number}">{"".join(cells)}</row>'.encode()


def _strings(count: int) -> bytes:
    return b"<sst " + NS + b">" + b"<si><t>a</t></si>" * count + b"</sst>"


def _styles(count: int) -> bytes:
    xfs = b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' * count
    return b"<styleSheet " + NS + b"><cellXfs>" + xfs + b"</cellXfs></styleSheet>"


def _import(exported: Path, replaced: dict[str, bytes]) -> tuple[int, str, str]:
    """Import the exported workbook with some parts replaced; the exit code and output."""
    with zipfile.ZipFile(exported / "program.xlsx") as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if "xl/sharedStrings.xml" in replaced:  # listed in the manifest, where openpyxl looks
        override = b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>'
        types = parts["[Content_Types].xml"].replace(b"</Types>", override % STRINGS_TYPE)
        parts["[Content_Types].xml"] = types
    parts.update(replaced)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    book = exported / "book.xlsx"
    book.write_bytes(buffer.getvalue())
    plan = exported / "plan" / "masterplan.yaml"
    args = ["import", str(book), "--into", str(plan), "--dry-run", "--lang", "en"]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.stdout, result.stderr


CASES = {
    "a row of 201 cells": (
        {PROGRAM: _sheet(_row(2, bounds.MAX_COLUMNS + 1))},
        "a row of {book} has more than 200 cells: refused",
    ),
    "20,001 rows": (
        {PROGRAM: _sheet(b"".join(_row(n, 1) for n in range(2, bounds.MAX_ROWS + 2)))},
        "a sheet of {book} has more than 20,000 rows: refused",
    ),
    "500,001 cells": (
        {PROGRAM: _sheet(b"".join(_row(n, 200) for n in range(2, 2503)))},
        "{book} has more than 500,000 cells: refused",
    ),
    "500,001 shared strings": (
        {"xl/sharedStrings.xml": _strings(bounds.MAX_STRINGS + 1)},
        "{book} holds more than 500,000 texts: refused",
    ),
    "64,001 styles": (
        {"xl/styles.xml": _styles(bounds.MAX_STYLES + 1)},
        "{book} holds more than 64,000 cell styles: refused",
    ),
    "2,000,001 elements": (
        {"docProps/app.xml": b"<Properties>" + b"<x/>" * bounds.MAX_ELEMENTS + b"</Properties>"},
        "{book} holds more than 2,000,000 XML elements: refused",
    ),
    "a tag of over 1 MB": (
        {PROGRAM: _sheet(b'<row r="2"><c ' + b'a="1" ' * 200_000 + b"/></row>")},
        "{book} is not an Excel workbook (.xlsx): a part has a tag of over 1 MB",
    ),
    "a document type with an entity": (
        {PROGRAM: b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + _sheet(b"")},
        "{book} is not an Excel workbook (.xlsx): a part declares a document type",
    ),
    "a damaged part": (
        {PROGRAM: _sheet(b'<row r="2"><c><v>1</c></row>')},
        "{book} is not an Excel workbook (.xlsx): part xl/worksheets/sheet2.xml is damaged "
        "(mismatched tag)",
    ),
    "a shared string that is not there": (
        {
            "xl/sharedStrings.xml": _strings(1),
            PROGRAM: _sheet(b'<row r="2"><c t="s"><v>99</v></c></row>'),
        },
        "{book} is not an Excel workbook (.xlsx): ",
    ),
    "a missing part": (
        {"xl/workbook.xml": b"<workbook " + NS + b"><sheets><sheet/></sheets></workbook>"},
        "{book} is not an Excel workbook (.xlsx): ",
    ),
    "a renamed column on the Anggaran sheet": (
        {
            BUDGET: b"<worksheet "
            + NS
            + b"><sheetData>"
            + _cells(1, "kode", "year", "source", "amount")
            + _cells(2, "GOV-01", 2024, "apbd", 5)
            + b"</sheetData></worksheet>"
        },
        "Anggaran: column program_id is missing from row 1",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_workbook_refused_in_one_line(exported: Path, name: str) -> None:
    replaced, message = CASES[name]
    code, stdout, stderr = _import(exported, replaced)
    assert "internal error" not in stderr and "Traceback" not in stderr, stderr
    assert code == 2 and stdout == "", stderr
    assert stderr.startswith("smartplan: error: ") and stderr.count("\n") == 1, stderr
    assert message.format(book=exported / "book.xlsx") in stderr


def test_a_cut_workbook_is_refused_in_one_line(exported: Path) -> None:
    data = (exported / "program.xlsx").read_bytes()
    for at in (0, 100, len(data) // 2, len(data) - 10):
        (exported / "cut.xlsx").write_bytes(data[:at])
        plan = exported / "plan" / "masterplan.yaml"
        args = ["import", str(exported / "cut.xlsx"), "--into", str(plan), "--lang", "en"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.output
        assert "is not an Excel workbook (.xlsx)" in result.stderr


def test_a_workbook_at_the_bounds_is_read(exported: Path) -> None:
    """The bounds refuse what passes them, not what reaches them: 200 cells in a row and
    a sheet of 20,000 rows are read (and refused only for what they say)."""
    rows = _row(2, bounds.MAX_COLUMNS) + b"".join(_row(n, 1) for n in range(3, bounds.MAX_ROWS + 1))
    code, _, stderr = _import(exported, {PROGRAM: _sheet(rows)})
    assert code == 2 and "Program: column name is missing from row 1" in stderr


def test_a_workbook_over_10_mb_and_a_zip_bomb_are_refused_before_parsing(exported: Path) -> None:
    """The file is read bounded (10 MB) and its parts' unpacked sizes summed (100 MB) before
    anything is unpacked: a 101 MB part of zeros zips to 100 KB."""
    plan = exported / "plan" / "masterplan.yaml"
    big = exported / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * (10 * 1024 * 1024))
    bomb = exported / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("xl/worksheets/sheet9.xml", b"\0" * (101 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    for book, message in (
        (big, f"{big} is not a workbook file of at most 10 MB"),
        (bomb, f"{bomb} unpacks to more than 100 MB: refused"),
    ):
        args = ["import", str(book), "--into", str(plan), "--lang", "en"]
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
        assert result.stderr == f"smartplan: error: {message}\n"
