"""Time and peak memory of `smartplan validate` refusing hostile inputs (SPEC §6).

    python benchmarks/limits.py

Each input is written to a temporary folder and checked by a fresh `python -m smartplan`
process; its wall time and peak resident memory (ru_maxrss of that child alone) are printed.
tests/test_limits.py uses the same inputs and `measure` to assert the memory bound (never the
time: speed is measured here, not asserted by a test).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024
DEPTH = 10_000

# Runs the command as its only child, so that RUSAGE_CHILDREN is that command's peak alone.
_WRAPPER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"code": done.returncode, "stdout": done.stdout.decode("utf-8", "replace"),
                  "stderr": done.stderr.decode("utf-8", "replace"), "seconds": seconds,
                  "peak_kib": peak}))
"""


@dataclass(frozen=True)
class Measure:
    code: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float  # resident set, MiB (Linux reports ru_maxrss in KiB)


def measure(*args: str, cwd: Path | None = None) -> Measure:
    """Run `python -m smartplan ARGS` in a fresh process: exit code, output, time, peak memory."""
    command = [sys.executable, "-c", _WRAPPER, sys.executable, "-m", "smartplan", *args]
    done = subprocess.run(command, capture_output=True, text=True, cwd=cwd, check=True)
    found = json.loads(done.stdout)
    peak = found["peak_kib"] / 1024 if sys.platform != "darwin" else found["peak_kib"] / MB
    return Measure(found["code"], found["stdout"], found["stderr"], found["seconds"], peak)


def big_file(path: Path) -> None:
    """50 MB: a valid plan head, then comment lines (what a careless export might produce)."""
    line = b"# " + b"baris data yang diekspor tanpa sengaja " * 3 + b"\n"
    with path.open("wb") as handle:
        handle.write(b"smartplan: 1\n")
        handle.write(line * (50 * MB // len(line) + 1))


def billion_laughs(path: Path) -> None:
    """Nine levels of nine aliases each: 9^9 (387 million) strings if expanded."""
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for before, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [{', '.join([f'*{before}'] * 9)}]")
    path.write_text("smartplan: 1\n" + "\n".join(rows) + "\n", encoding="utf-8")


def deep_flow(path: Path) -> None:
    path.write_text("smartplan: 1\nx: " + "[" * DEPTH + "]" * DEPTH + "\n", encoding="utf-8")


def deep_block(path: Path) -> None:
    """Block sequences nested on one line (`- - - x`): indentation grows without spaces."""
    path.write_text("smartplan: 1\nx:\n  " + "- " * DEPTH + "x\n", encoding="utf-8")


INPUTS: dict[str, Callable[[Path], None]] = {
    "50 MB file": big_file,
    "billion laughs": billion_laughs,
    f"{DEPTH:,}-deep flow nesting": deep_flow,
    f"{DEPTH:,}-deep block nesting": deep_block,
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.yaml"
        tiny.write_text("smartplan: 1\n", encoding="utf-8")
        floor = measure("validate", str(tiny))
        print(f"{'input':28} {'exit':>4} {'seconds':>8} {'peak MiB':>9}  message")
        print(
            f"{'(one-line plan, for scale)':28} {floor.code:>4} {floor.seconds:8.2f} "
            f"{floor.peak_mib:9.1f}"
        )
        for name, make in INPUTS.items():
            plan = Path(folder) / "masterplan.yaml"
            make(plan)
            found = measure("validate", str(plan))
            message = (found.stdout + found.stderr).splitlines()[0].split(": error: ")[-1][:70]
            figures = f"{found.code:>4} {found.seconds:8.2f} {found.peak_mib:9.1f}"
            print(f"{name:28} {figures}  {message}")


if __name__ == "__main__":
    main()
