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


BEFORE_I18N = "d3433a5"  # the last commit whose messages were English literals (issue 17)


def language_section(work: Path, runs: int, before: str = BEFORE_I18N) -> list[str]:
    """`validate` on one clean plan: Indonesian (the default) and English, against the code of
    `before` (exported with git archive, run from its source) - the cost of the catalogues."""
    import shutil
    import statistics
    import subprocess

    from run import ROOT, Measure, run_once

    plan = str(ROOT / "examples" / "kota-jambi" / "masterplan.yaml")
    old = work / "before"
    old.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", before, "src", "schemas", "frameworks"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0 or shutil.which("tar") is None:
        return ["## languages", "", f"(revision {before} is not available here)", ""]
    subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
    import compileall

    compileall.compile_dir(str(old / "src"), quiet=1)  # as installed: bytecode, as run.py's
    current = [sys.executable, "-m", "smartplan", "validate", plan]
    entry = (
        f"import sys; sys.path.insert(0, {str(old / 'src')!r}); "
        "from smartplan.cli import main; sys.argv[0] = 'smartplan'; main()"
    )
    argvs = {
        "validate, clean plan, id (default)": current,
        "validate, clean plan, --lang en": [*current, "--lang", "en"],
        f"validate, clean plan, {before} (English literals)": [
            sys.executable, "-c", entry, "validate", plan
        ],
    }  # fmt: skip
    # round robin: a busy machine slows every case alike, not the one measured last
    samples: dict[str, list[tuple[float, float, float]]] = {label: [] for label in argvs}
    for _ in range(runs):
        for label, argv in argvs.items():
            samples[label].append(run_once(argv))
    cases = [
        Measure(label, statistics.median(t[0] for t in got), statistics.median(t[1] for t in got))
        for label, got in samples.items()
    ]
    base = cases[-1].cpu
    lines = ["## languages", "", "| case | CPU | wall | CPU vs. before |", "|---|---|---|---|"]
    lines += [
        f"| {m.label} | {m.cpu * 1000:.0f} ms | {m.wall * 1000:.0f} ms | {m.cpu / base:.2f}× |"
        for m in cases
    ]
    lines += [
        "",
        "The catalogue (.mo) is read on the first message, not at import; Babel is never "
        "imported at run time.",
        "",
    ]
    return lines
