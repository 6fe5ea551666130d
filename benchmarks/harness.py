"""One measured call in a fresh interpreter: `python harness.py CASE ARGS...` prints JSON
{"cpu": s, "wall": s} of the core call alone (imports and start-up excluded), so that the
growth per doubling of the scaling table is the work's, not the interpreter's.

Cases: validate PLAN · diff OLD NEW · render PLAN · validate-eager PLAN (every file read by
the full Builder with its source map built at once: the loading before issue 18) · imports.
Also prints the process's peak resident set (MB).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> None:
    case, *paths = sys.argv[1:]
    if case in ("validate", "validate-eager"):
        from smartplan.check.lint import ValidateOptions, validate_paths

        if case == "validate-eager":
            import smartplan.loader.plain  # load_text takes the lean path's builder from here

            smartplan.loader.plain.build_plain = lambda text, limits: None  # type: ignore[assignment]
        # the schema's compiled check, the framework and the rules are ready as in any run
        work = lambda: validate_paths(paths, ValidateOptions(parallel=False))  # noqa: E731
    elif case == "diff":
        from smartplan.diff import diff_files

        work = lambda: diff_files(Path(paths[0]), Path(paths[1]))  # noqa: E731
    elif case == "render":
        from smartplan.report import render_file

        work = lambda: render_file(Path(paths[0]), report="masterplan", fmt="html")  # noqa: E731
    elif case == "imports":  # what validate imports and prepares, nothing loaded
        from smartplan.check.lint import ValidateOptions, validate_paths
        from smartplan.domain.framework import load_framework
        from smartplan.rules.engine import run_rules  # noqa: F401
        from smartplan.schema import fast_check

        work = lambda: (fast_check(), load_framework(None, Path.cwd()))  # noqa: E731
    else:
        raise SystemExit(f"unknown case {case}")
    start_cpu, start_wall = time.process_time(), time.perf_counter()
    work()
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start_wall
    print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": peak_mb()}))


def peak_mb() -> float:
    """This process's peak resident set since its exec (VmHWM; ru_maxrss would count the
    memory of the process that forked it)."""
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    main()
