"""Where the cursor is in text that need not parse (completion's context), and columns in the
units the editor chose: table tests, no server."""

from __future__ import annotations

import pytest
from pygls.workspace import PositionCodec

from smartplan.lsp import text

PLAN = """programs:
  - id: GOV-03
    lead: dis
    depends_on:
      - GOV-0
    partners: [diskominfo, ba
    hori
  - dep
  - {id: X, lead: di
team:
  council: [{name: Wali Kota, organization: se
  implementers:
    - organization: se
""".splitlines()


@pytest.mark.parametrize(
    ("line", "path", "at_key", "word", "item_line"),
    [
        (1, ("programs", "0", "id"), False, "GOV-03", 1),
        (2, ("programs", "0", "lead"), False, "dis", 1),
        (3, ("programs", "0", "depends_on"), False, "", 1),
        (4, ("programs", "0", "depends_on", "0"), True, "GOV-0", 4),
        (5, ("programs", "0", "partners", "0"), False, "ba", 1),
        (6, ("programs", "0"), True, "hori", 1),
        (7, ("programs", "0"), True, "dep", 7),
        (8, ("programs", "0", "lead"), False, "di", 8),
        (10, ("team", "council", "0", "organization"), False, "se", -1),
        (12, ("team", "implementers", "0", "organization"), False, "se", 12),
    ],
)
def test_typing_at_end_of_line(
    line: int, path: tuple[str, ...], at_key: bool, word: str, item_line: int
) -> None:
    found = text.typing_at(PLAN, line, len(PLAN[line]))
    assert (found.path, found.at_key, found.word, found.item_line) == (
        path,
        at_key,
        word,
        item_line,
    )


def test_typing_on_an_empty_new_line_and_after_a_comment() -> None:
    lines = ["region:", "  name: Kota Contoh  # nama resmi", "  "]
    assert text.typing_at(lines, 2, 2).path == ("region",)
    assert text.typing_at(lines, 2, 2).at_key
    assert text.typing_at(["# kosong", ""], 1, 0).path == ()
    assert text.typing_at(["lead: 'a # b', x: y"], 0, 19).path == ("x",)


@pytest.mark.parametrize(
    ("source", "start", "end"),
    [
        ("    lead: diskominf", 11, 20),
        ("  - {id: GOV-01, lead: diskominf}", 24, 33),
        ('    name: "Mal, Pelayanan"', 11, 27),
        ("    horizont: short", 5, 13),
        ("    depends_on: [GOV-01, GOV-2]  # catatan", 26, 31),
    ],
)
def test_token_end(source: str, start: int, end: int) -> None:
    assert text.token_end(source, start) == end


@pytest.mark.parametrize(("encoding", "offset"), [("utf-16", 13), ("utf-8", 15), ("utf-32", 13)])
def test_offsets_in_the_agreed_units(encoding: str, offset: int) -> None:
    line = "  name: Kota—Jambi"  # an em dash: one UTF-16 unit, three UTF-8 bytes
    codec = PositionCodec(encoding)
    assert text.offset(line, 14, codec) == offset  # before the J of Jambi
    assert text.column(line, offset, codec) == 14


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_every_column_of_an_astral_line_round_trips(encoding: str) -> None:
    """pygls's codec, as the server negotiates it: every code point column of a line with
    astral characters (an emoji, a CJK extension character) maps to its offset and back, and an
    offset past the end is the end."""
    line = "  lead: 😀dinas 𠀋 kominfo — Jambi"
    codec = PositionCodec(encoding)
    width = len(line.encode(encoding.replace("utf-16", "utf-16-le").replace("utf-32", "utf-32-le")))
    unit = {"utf-8": 1, "utf-16": 2, "utf-32": 4}[encoding]
    for col in range(1, len(line) + 2):
        assert text.column(line, text.offset(line, col, codec), codec) == col
    assert text.offset(line, len(line) + 1, codec) == width // unit
    assert text.column(line, width // unit + 5, codec) == len(line) + 1
