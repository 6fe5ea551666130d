"""Big plans for the scaling cases of run.py: N programmes, and a next-stage version."""

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
