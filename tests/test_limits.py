"""Resource limits that hold: hostile inputs are refused by a real process, in bounded memory.

The inputs and the measurement come from benchmarks/limits.py, which also prints the times;
only the memory bound is asserted here (speed is never asserted by a timed test).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import limits

MEMORY_BOUND_MIB = 100

CASES: list[tuple[Callable[[Path], None], str]] = [
    (limits.big_file, "larger than the size limit"),
    (limits.billion_laughs, "alias bomb"),
    (limits.deep_flow, "nesting deeper than 64 levels"),
    (limits.deep_block, "nesting deeper than 64 levels"),
    (limits.sexagesimal, "numbers longer than 100 characters are refused"),
    (limits.repeated_keys, "and 199,499 more repeated keys in this file"),
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=[make.__name__ for make, _ in CASES])
def test_hostile_input_refused_in_bounded_memory(
    isolated: Path, make: Callable[[Path], None], message: str
) -> None:
    plan = isolated / "masterplan.yaml"
    make(plan)
    found = limits.measure("validate", "--format", "json", str(plan), cwd=isolated)
    assert found.code in (1, 2), found.stderr
    assert len(found.stdout) < 2 * limits.MB  # findings per file are capped
    assert "Traceback" not in found.stderr
    assert message in found.stdout + found.stderr
    assert found.peak_mib <= MEMORY_BOUND_MIB, f"peak {found.peak_mib:.1f} MiB"


COMMAND_CASES = {
    "1 MB scalar x 1,000 aliases (render)": "refused as an alias bomb",
    "5,000-digit hex amount (render)": "numbers longer than 100 characters are refused",
    "template: huge string": "a repetition would build more than 1,000,000 characters",
    "template: huge format width": "a format field wider than 10,000 characters is refused",
    "template: huge str method": "the template needs more than 512 MB of memory",
    "template: endless loops": "the template ran longer than 10 seconds",
    "template: recursive macro": "the template calls itself too deeply",
    "template: output flood": "the template writes more than 67,108,864 characters",
    "one row of 6,000,000 cells (import)": "has more than 200 cells: refused",
    "5,500,000 shared strings (import)": "holds more than 500,000 texts: refused",
}


@pytest.mark.parametrize("name", sorted(COMMAND_CASES))
def test_hostile_render_refused_in_bounded_memory(isolated: Path, name: str) -> None:
    """Plans and user templates that made render write a gigabyte, crash or never end, and
    workbooks that made import build gigabytes of cells: a one-line error (exit 2) within the
    memory bound, nothing on stdout."""
    args = limits.COMMANDS[name](isolated / "masterplan.yaml")
    found = limits.measure(*args, cwd=isolated)
    assert found.code == 2, found.stderr
    assert found.stdout == ""
    assert found.stderr.count("\n") == 1 and COMMAND_CASES[name] in found.stderr
    # the output flood holds its 64 MB of text in memory before refusing
    bound = MEMORY_BOUND_MIB + (100 if name == "template: output flood" else 0)
    assert found.peak_mib <= bound, f"peak {found.peak_mib:.1f} MiB"


def test_inputs_are_what_they_claim(isolated: Path) -> None:
    """The refusals are of real hazards: 50 MB, 9^9 expansions, 10,000 levels."""
    plan = isolated / "plan.yaml"
    limits.big_file(plan)
    assert plan.stat().st_size >= 50 * limits.MB
    limits.billion_laughs(plan)
    assert plan.read_text(encoding="utf-8").count("*h") == 9
    limits.deep_flow(plan)
    assert plan.read_text(encoding="utf-8").count("[") == limits.DEPTH
    limits.deep_block(plan)
    assert plan.read_text(encoding="utf-8").count("- ") == limits.DEPTH
    limits.sexagesimal(plan)
    assert plan.stat().st_size >= 400_000
    limits.repeated_keys(plan)
    assert plan.read_text(encoding="utf-8").count("a: 1") == 200_000
    limits.alias_amplifier(plan)
    assert plan.read_text(encoding="utf-8").count("*big") == 1000


def test_workbook_bombs_are_what_they_claim(isolated: Path) -> None:
    """The workbook bombs are small files that unpack under the 100 MB bound (so only the
    counting pass stops them) and hold the cells and texts they claim."""
    import zipfile

    for make, part, token, count in (
        (limits.wide_row, "xl/worksheets/sheet2.xml", b"<c><v>1</v></c>", limits.WIDE_ROW),
        (limits.shared_strings, "xl/sharedStrings.xml", b"<si>", limits.SHARED_STRINGS),
    ):
        args = make(isolated / "masterplan.yaml")
        book = Path(args[1])
        assert book.stat().st_size < 250 * 1024
        with zipfile.ZipFile(book) as archive:
            assert sum(info.file_size for info in archive.infolist()) < 100 * limits.MB
            assert archive.read(part).count(token) == count
