"""The benchmark corpus generator makes valid plans, and many plans give the same result in parallel."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT
from smartplan.check.lint import ValidateOptions, validate_paths

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus


def test_generated_plans_are_valid_and_deterministic(tmp_path: Path) -> None:
    first = corpus.write_corpus(tmp_path / "a", count=6)
    second = corpus.write_corpus(tmp_path / "b", count=6)
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    result = validate_paths([str(tmp_path / "a")])
    assert result.findings == []
    assert len(corpus.make_plan(0)["programs"]) == 40


def test_parallel_equals_serial_in_a_stable_order(tmp_path: Path) -> None:
    plans = corpus.write_corpus(tmp_path, count=24, programs=20)
    # break some plans so that the results carry findings and source lines
    for plan in plans[::5]:
        text = plan.read_text(encoding="utf-8").replace("lead: dlh", "lead: dlhx", 1)
        plan.write_text(text.replace("\nstage: 4\n", "\nstage: 4\nstage: 3\n"), encoding="utf-8")
    serial = validate_paths([str(tmp_path)], ValidateOptions(parallel=False))
    parallel = validate_paths([str(tmp_path)], ValidateOptions(parallel=True))
    assert serial == parallel
    assert [f.path for f in parallel.files] == sorted(f.path for f in parallel.files)
    assert {f.rule for f in parallel.findings} == {"unknown-reference", "duplicate-key"}
    assert all(bool(f.source_lines) == bool(f.findings) for f in parallel.files)
