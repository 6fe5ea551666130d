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
]


@pytest.mark.parametrize(("make", "message"), CASES, ids=[make.__name__ for make, _ in CASES])
def test_hostile_input_refused_in_bounded_memory(
    isolated: Path, make: Callable[[Path], None], message: str
) -> None:
    plan = isolated / "masterplan.yaml"
    make(plan)
    found = limits.measure("validate", "--format", "json", str(plan), cwd=isolated)
    assert found.code in (1, 2), found.stderr
    assert "Traceback" not in found.stderr
    assert message in found.stdout + found.stderr
    assert found.peak_mib <= MEMORY_BOUND_MIB, f"peak {found.peak_mib:.1f} MiB"


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
