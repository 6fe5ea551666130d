"""Benchmark cases for diff (how it scales) and render (a 500-programme report)."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus


def big_plan(programs: int, seed: int = 7) -> dict[str, Any]:
    plan = corpus.make_plan(0, programs=programs, seed=seed)
    plan["period"]["end"] = plan["period"]["start"] + 9
    return plan


def changed(plan: dict[str, Any]) -> dict[str, Any]:
    """A next-stage version: a tenth of the programmes edited, some dropped, some added."""
    other = copy.deepcopy(plan)
    programs = other["programs"]
    for index, program in enumerate(programs):
        if index % 10 == 0:
            program["name"] += " (revisi)"
            program["budget"][0]["amount"] += 1_000_000
    del programs[1::37]
    programs.append({**copy.deepcopy(programs[0]), "id": "NEW-01"})
    other["stage"] = 4
    return other


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def diff_section(work: Path, runs: int) -> list[str]:
    from run import timed

    from smartplan.diff import diff_files

    lines = ["## diff", "", "| programmes per side | median | vs. half the size |", "|---|---|---|"]
    previous = None
    for size in (500, 1000, 2000, 4000):
        old = write(work / f"old-{size}.yaml", big_plan(size))
        new = write(work / f"new-{size}.yaml", changed(big_plan(size)))
        result = timed(f"diff {size}", lambda o=old, n=new: diff_files(o, n), max(3, runs // 2))
        scale = f"{result.seconds / previous:.2f}×" if previous else ""
        lines.append(f"| {size} | {result.seconds * 1000:.0f} ms | {scale} |")
        previous = result.seconds
    lines += ["", "Target: linear, 4,000 programmes ≤ 2.3 × 2,000.", ""]
    return lines


def render_section(work: Path, runs: int) -> list[str]:
    from run import timed

    from smartplan.report import render_file

    plan = write(work / "render-500.yaml", big_plan(500))
    result = timed("render", lambda: render_file(plan, report="masterplan", fmt="html"), runs)
    return [
        "## render",
        "",
        "| case | median | target |",
        "|---|---|---|",
        f"| HTML masterplan report, 500 programmes | {result.seconds * 1000:.0f} ms | ≤ 1 s |",
        "",
    ]
