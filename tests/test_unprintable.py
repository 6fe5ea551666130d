"""Characters no document can hold (issue 25): a plan that writes one as a YAML escape is
refused by every command at the escape's line and column, as a raw one is (SECURITY.md §6);
text that is not the plan's (a file name) is written without them by every writer."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import docx
import html5lib
import openpyxl
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from smartplan.cli import app
from smartplan.escape import printable

BASE = (ROOT / "tests" / "corpus" / "001-clean-base.yaml").read_text(encoding="utf-8")
# as written in the plan (a YAML escape) → the character it writes
ESCAPES = {
    "\\0": "U+0000",
    "\\x01": "U+0001",
    "\\e": "U+001B",
    "\\x1b": "U+001B",
    "\\x7f": "U+007F",
    "\\x9b": "U+009B",
    "\\N": "U+0085",
    "\\ufffe": "U+FFFE",
    "\\uFFFF": "U+FFFF",
    "\\uFDD0": "U+FDD0",  # every Unicode noncharacter, not only the last two of the BMP
    "\\uFDEF": "U+FDEF",
    "\\U0001FFFE": "U+1FFFE",
    "\\U0010FFFF": "U+10FFFF",
}
COMMANDS = {
    "validate": ["validate", "masterplan.yaml", "--lang", "en"],
    "render-docx": ["render", "masterplan.yaml", "-f", "docx", "-o", "out.docx", "--lang", "en"],
    "render-html": ["render", "masterplan.yaml", "-f", "html", "-o", "out.html", "--lang", "en"],
    "render-pdf": ["render", "masterplan.yaml", "-f", "pdf", "-o", "out.pdf", "--lang", "en"],
    "render-md": ["render", "masterplan.yaml", "--lang", "en"],
    "export-xlsx": ["export", "masterplan.yaml", "-f", "xlsx", "-o", "out.xlsx", "--lang", "en"],
    "export-csv": ["export", "masterplan.yaml", "-f", "csv", "--lang", "en"],
    "export-json": ["export", "masterplan.yaml", "-f", "json", "--lang", "en"],
    "portfolio": ["portfolio", ".", "--lang", "en"],
}


def _plan(escape: str) -> str:
    program = f'  - {{id: GOV-01, name: "Kanal {escape} aduan", dimension: governance}}\n'
    return f"{BASE}programs:\n{program}"


@pytest.mark.parametrize("escape", sorted(ESCAPES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_escaped_control_character_is_refused_by_every_command(
    escape: str, command: str, isolated: Path
) -> None:
    (isolated / "masterplan.yaml").write_text(_plan(escape), encoding="utf-8")
    result = CliRunner().invoke(app, COMMANDS[command])
    out = result.stdout + result.stderr
    assert "internal error" not in out and "Traceback" not in out
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    where = "masterplan.yaml:21:31"  # the escape itself, not the scalar
    refusal = f"character {ESCAPES[escape]} (written as an escape) is not allowed in a plan"
    if command == "validate":
        assert result.exit_code == 1
        assert f"{where}: error: {refusal}" in result.stdout
    elif command == "portfolio":  # one plan of many: listed as unreadable, with the reason
        assert result.exit_code == 0
        assert "(unreadable)" in result.stdout and refusal in result.stdout
    else:
        assert result.exit_code == 2, out
        assert result.stdout == ""
        assert result.stderr.count("\n") == 1 and where in result.stderr
        assert refusal in result.stderr
    assert not list(isolated.glob("out.*"))


def test_escapes_that_write_text_are_kept(isolated: Path) -> None:
    """Tab, line feed, carriage return and other escapes stay plan text."""
    text = BASE + (
        'programs:\n  - {id: GOV-01, name: "a\\tb\\nc\\rd \\u00e9 \\u202e \\\\x01",'
        " dimension: governance, lead: diskominfo}\n"
    )
    (isolated / "masterplan.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["export", "masterplan.yaml", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    assert "a\\tb\\nc\\rd é \\u202e \\\\x01" in result.stdout  # a JSON string, terminal-safe


def test_printable_drops_what_documents_cannot_hold() -> None:
    kept = "a\tb\nc\rd é \u202e \ufdcf \ufdf0 \ufffd \U0001f600 \U0010fffd"
    assert printable(kept) == kept
    assert printable("\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9b\ufffe\uffff\ud800x") == "x"
    nonchars = [chr(c) for c in range(0xFDD0, 0xFDF0)]
    nonchars += [chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF)]
    assert len(nonchars) == 66  # every Unicode noncharacter
    assert printable("".join(nonchars) + "x") == "x"


def test_a_raw_noncharacter_is_refused_as_a_raw_control_character_is(isolated: Path) -> None:
    """libyaml lets a raw U+FDD0 or U+10FFFF through, not a raw U+FFFF: both are refused alike."""
    for raw in ("\uffff", "\ufdd0", "\U0010ffff", "\x01"):
        plan = BASE + f"programs:\n  - {{id: GOV-01, name: Kanal {raw} aduan, dimension: governance}}\n"
        (isolated / "masterplan.yaml").write_text(plan, encoding="utf-8")
        result = CliRunner().invoke(app, ["validate", "masterplan.yaml", "--lang", "en"])
        assert result.exit_code == 1, result.stdout
        message = f"character U+{ord(raw):04X} is not allowed in YAML"
        assert f"masterplan.yaml:21:30: error: {message}" in result.stdout


NAME = "rencana\x01\x1b.yaml"  # a file name may hold what a plan may not


@pytest.fixture()
def odd_name(isolated: Path) -> Path:
    (isolated / NAME).write_text(BASE, encoding="utf-8")
    (isolated / "kota\x01\x1b").mkdir()  # a portfolio's region folder
    (isolated / "kota\x01\x1b" / "masterplan.yaml").write_text(BASE, encoding="utf-8")
    return isolated / NAME


def _ok(*args: str) -> None:
    result = CliRunner().invoke(app, [*args, "--lang", "en"])
    out = result.stdout + result.stderr
    assert result.exit_code == 0, out
    assert "internal error" not in out


def test_word_file_of_a_plan_whose_name_holds_a_control_character(odd_name: Path) -> None:
    _ok("render", NAME, "-f", "docx", "--report", "summary", "-o", "out.docx")
    document = docx.Document(io.BytesIO((odd_name.parent / "out.docx").read_bytes()))
    assert document.paragraphs  # opened: every text XML can hold


def test_workbook_of_a_plan_whose_name_holds_a_control_character(odd_name: Path) -> None:
    _ok("export", NAME, "-f", "xlsx", "-o", "out.xlsx")
    _ok("portfolio", ".", "-f", "xlsx", "-o", "p.xlsx")
    for name in ("out.xlsx", "p.xlsx"):
        book = openpyxl.load_workbook(odd_name.parent / name)
        cells = [c for ws in book for row in ws.iter_rows(values_only=True) for c in row]
        assert not any(isinstance(c, str) and printable(c) != c for c in cells)


def test_html_of_a_plan_whose_name_holds_a_control_character(odd_name: Path) -> None:
    _ok("render", NAME, "-f", "html", "-o", "out.html")
    page = (odd_name.parent / "out.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert printable(page) == page


def test_html_of_a_plan_whose_name_holds_a_noncharacter(isolated: Path) -> None:
    """html5lib's strict parser refuses a noncharacter ("Invalid codepoint in stream")."""
    name = "rencana\ufdd0\U0010ffff.yaml"
    (isolated / name).write_text(BASE, encoding="utf-8")
    _ok("render", name, "-f", "html", "-o", "out.html")
    page = (isolated / "out.html").read_text(encoding="utf-8")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert "rencana" in page and printable(page) == page


def test_csv_and_json_of_a_plan_whose_name_holds_a_control_character(odd_name: Path) -> None:
    os.chdir(odd_name.parent)
    for fmt in ("csv", "json"):
        result = CliRunner().invoke(app, ["export", NAME, "-f", fmt])
        assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)


def test_pdf_of_a_plan_whose_name_holds_a_control_character(odd_name: Path) -> None:
    _ok("render", NAME, "-f", "pdf", "--report", "summary", "-o", "out.pdf")
    assert (odd_name.parent / "out.pdf").read_bytes().startswith(b"%PDF")


def test_the_loader_finds_every_noncharacter_typed_into_a_file() -> None:
    """The loader looks for noncharacters only in a file whose bytes hold one of their UTF-8
    markers (a clean file costs microseconds): no noncharacter escapes that look."""
    from smartplan.files.limits import BuildError
    from smartplan.loader.printable import check_text

    nonchars = [chr(c) for c in range(0xFDD0, 0xFDF0)]
    nonchars += [chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF)]
    assert len(nonchars) == 66
    for char in nonchars:
        text = f"name: Kota — Jambi {char} akhir\n"
        with pytest.raises(BuildError) as refused:
            check_text(text, text.encode("utf-8"))
        assert (refused.value.line, refused.value.column) == (1, 20)
    clean = "name: Kota — Jambi ✓ 😀 \u4fff\n"
    check_text(clean, clean.encode("utf-8"))  # no noncharacter, markers or not
