"""Benchmark smartplan against the peer tools and the bare parse floor, side by side in one run.

    python benchmarks/run.py [--runs 7] [--count 514]
    python benchmarks/run.py --languages [--runs 21]   # the cost of the message catalogues

Writes benchmarks/RESULTS.md (machine, versions, medians, ratios against the targets of the
performance issue). Needs the `[bench]` extra (check-jsonschema, yamllint).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "masterplan.schema.json"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

FLOOR_ONE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
FLOOR_ALL = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('masterplan.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)"
)


@dataclass
class Measure:
    label: str
    seconds: float
    peak_mb: float


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} is missing: pip install -e '.[bench]'")
    return found


def run_once(argv: list[str]) -> tuple[float, float]:
    """Wall time and the largest resident set of the process tree (MB)."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"{argv[0]} failed with exit code {process.returncode}: {argv}")
    return elapsed, usage.ru_maxrss / 1024


def measure(label: str, argv: list[str], runs: int) -> Measure:
    samples = [run_once(argv) for _ in range(runs)]
    return Measure(label, statistics.median(s for s, _ in samples), max(m for _, m in samples))


def timed(label: str, work: Callable[[], object], runs: int) -> Measure:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return Measure(label, statistics.median(samples), 0.0)


def versions() -> str:
    import yaml

    names = ["smartplan", "typer", "PyYAML", "jsonschema", "jinja2", "check-jsonschema", "yamllint"]
    found = []
    for name in names:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    found.append(f"libyaml {'yes' if yaml.__with_libyaml__ else 'no'}")
    return ", ".join(found)


def ratio(a: Measure, b: Measure) -> str:
    return f"{a.seconds / b.seconds:.2f}×"


def row(m: Measure, *, against: Measure | None = None, target: str = "") -> str:
    peak = f"{m.peak_mb:.0f}" if m.peak_mb else "–"
    versus = ratio(m, against) if against else ""
    return f"| {m.label} | {m.seconds * 1000:.0f} ms | {peak} | {versus} | {target} |"


def bench_validate(work: Path, runs: int, count: int) -> list[str]:
    plans = corpus.write_corpus(work / "corpus", count=count)
    plan = plans[0]
    smartplan = [tool("smartplan"), "validate"]
    one = {
        "smartplan": measure("smartplan validate (one plan)", [*smartplan, str(plan)], runs),
        "cjs": measure(
            "check-jsonschema (one plan)",
            [tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(plan)],
            runs,
        ),
        "yamllint": measure("yamllint (one plan)", [tool("yamllint"), str(plan)], runs),
        "floor": measure(
            "floor: python + C parse (one plan)", [sys.executable, "-c", FLOOR_ONE, str(plan)], runs
        ),
    }
    many_runs = max(1, runs // 3)
    folder = str(work / "corpus")
    many = {
        "smartplan": measure(
            f"smartplan validate ({count} plans)", [*smartplan, folder], many_runs
        ),
        "floor": measure(
            f"floor: one process, C parse ({count} plans)",
            [sys.executable, "-c", FLOOR_ALL, folder],
            many_runs,
        ),
        "portfolio": measure(
            f"smartplan portfolio ({count} plans)",
            [tool("smartplan"), "portfolio", folder, "--format", "json"],
            many_runs,
        ),
        "cjs": measure(
            f"check-jsonschema ({count} plans)",
            [tool("check-jsonschema"), "--schemafile", str(SCHEMA), *map(str, plans)],
            many_runs,
        ),
    }
    return [
        "## validate",
        "",
        "| case | median | peak RSS (MB) | ratio | target |",
        "|---|---|---|---|---|",
        row(one["smartplan"], against=one["cjs"], target="≤ 0.4× check-jsonschema"),
        row(one["smartplan"], against=one["floor"], target="≤ 4× the parse floor"),
        row(one["cjs"]),
        row(one["yamllint"]),
        row(one["floor"]),
        row(many["smartplan"], against=many["floor"], target="≤ 1.0× the parse floor, ≤ 200 MB"),
        row(many["smartplan"], against=many["cjs"]),
        row(many["floor"]),
        row(many["cjs"]),
        row(many["portfolio"], against=many["floor"], target="≤ 200 MB"),
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7, help="runs per one-plan case (median)")
    parser.add_argument("--count", type=int, default=514, help="plans in the corpus")
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--languages",
        action="store_true",
        help="only the languages section (validate in id and en against the code before the "
        "catalogues), printed, RESULTS.md left as it is",
    )
    parser.add_argument(
        "--before",
        default="d3433a5",
        help="with --languages: the revision to compare with (default: the last commit whose "
        "messages were English literals)",
    )
    args = parser.parse_args()
    if args.languages:
        from benchsections import language_section

        with tempfile.TemporaryDirectory() as folder:
            print("\n".join(language_section(Path(folder), args.runs, args.before)))
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        sections = bench_validate(work, args.runs, args.count)
        sections += extra_sections(work, args.runs)
    header = [
        "# Benchmark results",
        "",
        f"Generated by `python benchmarks/run.py` on {time.strftime('%Y-%m-%d')}.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}",
        f"- versions: {versions()}",
        "- medians of repeated runs; peak RSS is the largest process of the run's tree.",
        "",
    ]
    args.output.write_text("\n".join(header + sections), encoding="utf-8")
    print("\n".join(header + sections))


def extra_sections(work: Path, runs: int) -> list[str]:
    """Diff and render cases, for the commands this installation has."""
    from benchsections import diff_section, language_section, render_section

    return diff_section(work, runs) + render_section(work, runs) + language_section(work, runs)


if __name__ == "__main__":
    main()
