"""Benchmark smartplan against honest floors and its peers, side by side in one run.

    python benchmarks/run.py [--runs 5] [--count 514] [--sizes 250,500,1000,2000,4000,8000]
    python benchmarks/run.py --languages [--runs 21]   # the cost of the message catalogues

Writes benchmarks/RESULTS.md: the machine and its load, versions, and for every case the
median CPU time (user + system of the whole process tree, workers included) and wall time,
with the peak memory summed over the process tree. Ratios are against two floors measured in
the same run: the events-only floor (libyaml's C parser emitting events, `yaml.parse` with
`CParser`, nothing built) and the CSafeLoader floor (`yaml.load` with `CSafeLoader`: C parser,
PyYAML's composer and constructor). Needs the `[bench]` extra (check-jsonschema, yamllint).
Never run as a test: speed is measured here, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCHEMA = ROOT / "schemas" / "masterplan.schema.json"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

FLOOR_EVENTS_ONE = (
    "import sys, yaml\nfrom yaml.cyaml import CParser\n"
    "for _ in yaml.parse(open(sys.argv[1], 'rb'), Loader=CParser): pass"
)
FLOOR_CSAFE_ONE = "import sys, yaml; yaml.load(open(sys.argv[1], 'rb'), Loader=yaml.CSafeLoader)"
FLOOR_EVENTS_ALL = (
    "import sys, yaml, pathlib\nfrom yaml.cyaml import CParser\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('masterplan.yaml')):\n"
    "    for _ in yaml.parse(p.read_bytes(), Loader=CParser): pass"
)
FLOOR_CSAFE_ALL = (
    "import sys, yaml, pathlib\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).rglob('masterplan.yaml')):\n"
    "    yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)"
)


@dataclass
class Measure:
    label: str
    cpu: float  # seconds, median
    wall: float  # seconds, median
    peak_mb: float = 0.0  # peak RSS summed over the process tree (largest run)


def tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        raise SystemExit(f"{name} is missing: pip install -e '.[bench]'")
    return found


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(c) for c in handle.read().split()]
    except OSError:
        pass
    return found


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once(argv: list[str], **popen: object) -> tuple[float, float, float]:
    """(CPU s, wall s, MB): CPU of the process and the children it waited for (pool workers);
    memory: each process's peak resident set (VmHWM, sampled every 5 ms; not ru_maxrss,
    which counts the memory of this process at the fork), summed over the tree; shared pages
    of forked workers count in each."""
    peaks: dict[int, int] = {}
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)  # type: ignore[call-overload]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree, queue = [], [process.pid]
            while queue:
                pid = queue.pop()
                tree.append(pid)
                queue += _children(pid)
            for pid in tree:
                peaks[pid] = max(peaks.get(pid, 0), _hwm_kb(pid))
            done.wait(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{argv} failed with exit code {code}: {error}")
    return usage.ru_utime + usage.ru_stime, wall, sum(peaks.values()) / 1024


def measure(
    label: str, argv: list[str], runs: int, before: object = None, **popen: object
) -> Measure:
    samples = []
    for _ in range(runs):
        if callable(before):
            before()
        samples.append(run_once(argv, **popen))
    return Measure(
        label,
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


Case = tuple[str, list[str], dict[str, str] | None]  # label, argv, environment


def round_robin(
    cases: dict[str, Case], runs: int, before: dict[str, Any] | None = None
) -> dict[str, Measure]:
    """Each case once per round, `runs` rounds: a busy spell of the machine slows every case
    alike instead of the one measured then; `before[key]()` runs before each run of `key`."""
    samples: dict[str, list[tuple[float, float, float]]] = {key: [] for key in cases}
    for _ in range(runs):
        for key, (_label, argv, env) in cases.items():
            if before and key in before:
                before[key]()
            samples[key].append(run_once(argv, env=env) if env else run_once(argv))
    return {
        key: Measure(
            cases[key][0],
            statistics.median(s[0] for s in got),
            statistics.median(s[1] for s in got),
            max(s[2] for s in got),
        )
        for key, got in samples.items()
    }


def harness(case: str, paths: list[Path], runs: int) -> tuple[float, float, float]:
    """Median CPU and wall of the core call alone (harness.py), and the process's peak MB."""
    samples = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, str(HERE / "harness.py"), case, *map(str, paths)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures = json.loads(done.stdout)
        samples.append((figures["cpu"], figures["wall"], figures.get("peak_mb", 0.0)))
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
    )


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


def bytecode() -> str:
    """Compile smartplan's modules as `pip install` does: an editable install run with
    PYTHONDONTWRITEBYTECODE (set on some machines) would otherwise compile every module it
    imports at every start, a cost no installed copy pays."""
    import compileall

    import smartplan

    folder = Path(smartplan.__file__).parent
    compileall.compile_dir(str(folder), quiet=1)
    return str(folder)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def verdict(value: float, limit: float) -> str:
    shown = f"{value:.3f}" if limit < 0.1 else f"{value:.2f}"
    return f"{shown}× ({'met' if value <= limit else 'NOT met'}: ≤ {limit}×)"


def row(m: Measure, note: str = "") -> str:
    peak = f"{m.peak_mb:.0f}" if m.peak_mb else "–"
    return f"| {m.label} | {ms(m.cpu)} | {ms(m.wall)} | {peak} | {note} |"


TABLE = ["| case | CPU | wall | peak MB (tree) | against the floors |", "|---|---|---|---|---|"]


def start_up(work: Path, runs: int, env: dict[str, str]) -> list[str]:
    plan = corpus.write_corpus(work / "one", count=1)[0]
    (work / "one" / ".git").mkdir()
    smartplan = tool("smartplan")
    cache = work / "one" / ".smartplan_cache"
    py = sys.executable
    m = round_robin(
        {
            "first": ("smartplan validate, nothing cached (the pre-commit hook on a changed plan)", [smartplan, "validate", str(plan)], env),  # noqa: E501
            "events": ("floor: events only (python + CParser events)", [py, "-c", FLOOR_EVENTS_ONE, str(plan)], None),  # noqa: E501
            "csafe": ("floor: CSafeLoader (python + yaml.load)", [py, "-c", FLOOR_CSAFE_ONE, str(plan)], None),  # noqa: E501
            "cold": ("smartplan validate --no-cache", [smartplan, "validate", "--no-cache", str(plan)], env),  # noqa: E501
            "warm": ("smartplan validate, warm cache", [smartplan, "validate", str(plan)], env),
            "version": ("smartplan --version", [smartplan, "--version"], None),
            "help": ("smartplan --help", [smartplan, "--help"], None),
            "cjs": ("check-jsonschema (peer)", [tool("check-jsonschema"), "--schemafile", str(SCHEMA), str(plan)], None),  # noqa: E501
            "yamllint": ("yamllint (peer)", [tool("yamllint"), str(plan)], None),
        },
        runs,
        before={"first": lambda: shutil.rmtree(cache, ignore_errors=True)},
    )
    csafe = m["csafe"]

    def against(x: Measure, limit: float | None = None) -> str:
        cpu, wall = x.cpu / csafe.cpu, x.wall / csafe.wall
        text = f"CPU {cpu:.2f}×, wall {wall:.2f}× CSafeLoader"
        return text + (f" — {verdict(cpu, limit)} in CPU" if limit else "")

    return [
        "## Start-up: one plan (the pre-commit case)",
        "",
        f"40 programmes, {plan.stat().st_size:,} bytes; {runs} runs each, taken in turn "
        "(round robin); the cache is emptied before each run of the first case. The goal "
        "holds `smartplan validate PLAN` as the pre-commit hook runs it, checked and cached "
        "from scratch (cli/fast.py: no option, no typer); any option, such as `--no-cache`, "
        "goes through typer's parsing, shown beside it.",
        "",
        *TABLE,
        row(m["events"], f"CPU {m['events'].cpu / csafe.cpu:.2f}× CSafeLoader"),
        row(csafe),
        row(m["first"], against(m["first"], 2.5)),
        row(m["cold"], against(m["cold"])),
        row(m["warm"], against(m["warm"])),
        row(m["version"], against(m["version"], 1.5)),
        row(m["help"], against(m["help"], 3.0)),
        row(m["cjs"], against(m["cjs"])),
        row(m["yamllint"], against(m["yamllint"])),
        "",
    ]


def bulk(work: Path, runs: int, count: int, env: dict[str, str]) -> list[str]:
    folder = work / "corpus"
    corpus.write_corpus(folder, count=count)
    (folder / ".git").mkdir()  # a repository: the cache lives at its root
    cache = folder / ".smartplan_cache"
    smartplan = tool("smartplan")
    clear = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    m = {
        "csafe": measure(
            "floor: CSafeLoader, one process",
            [sys.executable, "-c", FLOOR_CSAFE_ALL, str(folder)],
            runs,
        ),
        "cold": measure(
            "smartplan validate --no-cache",
            [smartplan, "validate", "--no-cache", str(folder)],
            runs,
            env=env,
        ),
        "serial": measure(
            "smartplan validate --no-cache, one core (`taskset -c 0`)",
            ["taskset", "-c", "0", smartplan, "validate", "--no-cache", str(folder)],
            runs,
            env=env,
        )
        if shutil.which("taskset")
        else None,
        "first": measure(
            "smartplan validate, empty cache (fills it)",
            [smartplan, "validate", str(folder)],
            runs,
            before=clear,
            env=env,
        ),
        "pcold": measure(
            "smartplan portfolio --no-cache",
            [smartplan, "portfolio", str(folder), "-f", "json", "--no-cache"],
            runs,
            env=env,
        ),
    }
    # the warm runs and the floor they are held to, in turn (a busy spell slows all alike)
    run_once([smartplan, "portfolio", str(folder), "-f", "json"], env=env)  # fills its cache
    py = sys.executable
    m |= round_robin(
        {
            "events": ("floor: events only, one process", [py, "-c", FLOOR_EVENTS_ALL, str(folder)], None),  # noqa: E501
            "warm": ("smartplan validate, warm cache", [smartplan, "validate", str(folder)], env),
            "pwarm": ("smartplan portfolio, warm cache", [smartplan, "portfolio", str(folder), "-f", "json"], env),  # noqa: E501
        },
        max(runs, 5),
    )
    events, csafe = m["events"], m["csafe"]

    def warm(x: Measure) -> str:
        return f"CPU {x.cpu / events.cpu:.3f}×, wall {x.wall / events.wall:.3f}× events"

    def ratios(x: Measure) -> str:
        return f"CPU {x.cpu / events.cpu:.2f}× events; wall {x.wall / csafe.wall:.2f}× CSafeLoader"

    lines = [
        f"## Validate {count} plans (the national corpus)",
        "",
        f"{count} stage-4 plans of 40 programmes (benchmarks/corpus.py), "
        f"{sum(p.stat().st_size for p in folder.rglob('masterplan.yaml')) / 1e6:.1f} MB; "
        f"{runs} runs each; the events floor and the warm runs {max(runs, 5)} each, taken in "
        "turn. The tool uses both cores (a process pool); the floors one.",
        "",
        *TABLE,
        row(events, f"CPU {events.cpu / csafe.cpu:.2f}× CSafeLoader"),
        row(csafe),
        row(m["cold"], ratios(m["cold"])),
    ]
    if m["serial"]:
        lines.append(row(m["serial"], ratios(m["serial"])))
    lines += [
        row(m["first"], ratios(m["first"])),
        row(m["warm"], warm(m["warm"])),
        row(m["pcold"], ratios(m["pcold"])),
        row(m["pwarm"], warm(m["pwarm"])),
        "",
        "Goals of issue 18:",
        "",
        "- cold validate CPU ≤ 3× the events-only floor: "
        + verdict(m["cold"].cpu / events.cpu, 3.0),
        "- cold validate wall ≤ 0.6× the CSafeLoader floor (two cores): "
        + verdict(m["cold"].wall / csafe.wall, 0.6),
        "- unchanged repository (warm cache) ≤ 0.05× the events-only floor, wall: "
        + verdict(m["warm"].wall / events.wall, 0.05)
        + "; CPU: "
        + verdict(m["warm"].cpu / events.cpu, 0.05),
        "",
    ]
    return lines


def big(path: Path, programs: int, broken: bool) -> None:
    """A plan of `programs` programmes; with `broken`, 1% of them name an unknown organisation
    and 1% depend on an unknown programme (findings with hints, the map built)."""
    import yaml
    from benchsections import big_plan

    plan = big_plan(programs)
    if broken:
        for index, program in enumerate(plan["programs"]):
            if index % 100 == 7:
                program["lead"] = "diskominf"
            if index % 100 == 57:
                program["depends_on"] = [f"GOV-X{index}"]
    path.write_text(
        yaml.dump(plan, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )


def scaling(work: Path, runs: int, sizes: list[int]) -> list[str]:
    import yaml
    from benchsections import changed

    lines = [
        "## Scaling: N programmes in one plan, with findings",
        "",
        "One plan of N programmes, 1% naming an unknown organisation and 1% an unknown "
        "dependency (so findings, their hints and the source map are all built); diff "
        "against a next-stage version (a tenth edited, some dropped, one added); render "
        "the HTML masterplan report. Each figure is the core call alone in a fresh "
        f"interpreter (benchmarks/harness.py), median of {runs}; growth is N against N/2 (CPU).",
        "",
        "| N | validate CPU | wall | growth | diff CPU | wall | growth "
        "| render CPU | wall | growth |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous: dict[str, float] = {}
    growth_last: dict[str, float] = {}
    for size in sizes:
        old, new = work / f"old-{size}.yaml", work / f"new-{size}.yaml"
        big(old, size, broken=True)
        data = yaml.load(old.read_bytes(), Loader=yaml.CSafeLoader)
        new.write_text(
            yaml.dump(changed(data), Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        cells = [f"{size:,}"]
        for case, paths in (("validate", [old]), ("diff", [old, new]), ("render", [old])):
            cpu, wall, _ = harness(case, paths, runs)
            growth = cpu / previous[case] if case in previous else None
            if growth is not None:
                growth_last[case] = growth
            previous[case] = cpu
            cells += [ms(cpu), ms(wall), f"{growth:.2f}×" if growth else ""]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", f"Goal of issue 18: each ≤ 2.1× from {sizes[-2]:,} to {sizes[-1]:,}:", ""]
    lines += [f"- {case}: {verdict(value, 2.1)}" for case, value in growth_last.items()]
    lines.append("")
    return lines


def memory(work: Path) -> list[str]:
    """Peak memory of validating a clean 2,000-programme plan, lean and eager loading."""
    plan = work / "clean-2000.yaml"
    big(plan, 2000, broken=False)
    peak = {case: harness(case, [plan], 1)[2] for case in ("imports", "validate", "validate-eager")}
    lean, eager = peak["validate"] - peak["imports"], peak["validate-eager"] - peak["imports"]
    return [
        "## Memory: a clean 2,000-programme plan",
        "",
        f"Peak resident set of one process (VmHWM), {plan.stat().st_size / 1e6:.1f} MB of YAML.",
        "",
        "| loading | peak RSS | above the imports |",
        "|---|---|---|",
        f"| imports, schema and framework only | {peak['imports']:.1f} MB | |",
        f"| eager: the source map built with the data (before issue 18) "
        f"| {peak['validate-eager']:.1f} MB | {eager:.1f} MB |",
        f"| lean: no source map until a finding needs one | {peak['validate']:.1f} MB "
        f"| {lean:.1f} MB |",
        "",
        f"Goal of issue 18: halved. Above the imports {verdict(lean / eager, 0.5)}; "
        f"in all {peak['validate'] / peak['validate-eager']:.2f}×.",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="runs per case (median)")
    parser.add_argument("--count", type=int, default=514, help="plans in the corpus")
    parser.add_argument(
        "--sizes", default="250,500,1000,2000,4000,8000", help="programmes per plan"
    )
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
    command = " ".join(["python benchmarks/run.py", *sys.argv[1:]])
    compiled = bytecode()
    sizes = [int(s) for s in args.sizes.split(",")]
    loads = [load()]
    started = time.time()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = {**os.environ, "XDG_CACHE_HOME": str(work / "home-cache")}
        sections = start_up(work, args.runs, env)
        loads.append(load())
        sections += bulk(work, max(3, args.runs // 2 + 1), args.count, env)
        loads.append(load())
        sections += scaling(work, max(3, args.runs // 2 + 1), sizes)
        loads.append(load())
        sections += memory(work)
        loads.append(load())
        sections += lsp_sections(work, args.runs)
        loads.append(load())
        from benchsections import language_section

        sections += language_section(work, args.runs)
        loads.append(load())
    header = [
        "# Benchmark results",
        "",
        f"Generated by `{command}` on {time.strftime('%Y-%m-%d %H:%M %Z')} "
        f"in {time.time() - started:.0f} s.",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}",
        f"- load average (1, 5, 15 min) before and after each section: {' → '.join(loads)} "
        "(other work on the machine inflates wall time more than CPU time: judge by CPU "
        "when the load exceeds the cores)",
        f"- versions: {versions()}",
        f"- smartplan from {compiled}, its bytecode compiled first (as `pip install` does)",
        "- CPU: user + system of the process and the pool workers it waited for; wall: "
        "elapsed; medians. Peak MB: each process's peak resident set, summed over the tree.",
        "",
    ]
    args.output.write_text("\n".join(header + sections), encoding="utf-8")
    print("\n".join(header + sections))


def lsp_sections(work: Path, runs: int) -> list[str]:
    """The language server's latency, when this installation has the [lsp] extra."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        return ["## lsp", "", "not measured: pip install -e '.[lsp]'", ""]
    from lsp import lsp_section

    return lsp_section(work, runs)


if __name__ == "__main__":
    main()
