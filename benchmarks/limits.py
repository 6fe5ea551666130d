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
import zipfile
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


def sexagesimal(path: Path) -> None:
    """A 400 KB sexagesimal integer `1:1:1:…` (YAML 1.1): quadratic to convert (16 s before)."""
    path.write_text("smartplan: 1\nx: " + ":".join(["1"] * 200_000) + "\n", encoding="utf-8")


def repeated_keys(path: Path) -> None:
    """200,000 repeated keys on one 1.2 MB line: one finding each (105 s, 555 MB before)."""
    body = ", ".join(["a: 1"] * 200_000)
    path.write_text("smartplan: 1\nx: {" + body + "}\n", encoding="utf-8")


def alias_amplifier(path: Path) -> None:
    """A 1 MB scalar aliased 1,000 times: few nodes, a gigabyte of text (render wrote 1 GB)."""
    aliases = ", ".join(["*big"] * 1000)
    text = f"smartplan: 1\nx-big: &big {'x' * MB}\nx-copies: [{aliases}]\n"
    path.write_text(text, encoding="utf-8")


def long_hex(path: Path) -> None:
    """A plan whose budget amount is a 5,000-digit hex integer (render crashed before)."""
    base = (Path(__file__).parents[1] / "tests" / "corpus" / "001-clean-base.yaml").read_text(
        encoding="utf-8"
    )
    amount = "0x" + "f" * 5000
    program = (
        "programs:\n  - {id: GOV-01, name: X, dimension: governance, lead: diskominfo,\n"
        f"     budget: [{{year: 2024, amount: {amount}, source: apbd}}]}}\n"
    )
    path.write_text(base + program, encoding="utf-8")


TEMPLATE_BOMBS = {
    "huge string": "{{ ('ab'*(10**9))|length }}\n",
    "huge format width": "{{ '%1000000000d'|format(1) }}\n",
    "huge str method": "{{ 'a'.center(1000000000)|length }}\n",
    "endless loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n"
    ),
    "recursive macro": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n",
    "output flood": "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}\n",
}


def template_bomb(name: str) -> Callable[[Path], tuple[str, ...]]:
    """A user template (render --template) that would exhaust time, memory or output."""

    def make(plan: Path) -> tuple[str, ...]:
        alias_free = (Path(__file__).parents[1] / "tests" / "corpus" / "001-clean-base.yaml")
        plan.write_bytes(alias_free.read_bytes())
        template = plan.parent / "bomb.md"
        template.write_text(TEMPLATE_BOMBS[name], encoding="utf-8")
        return ("render", str(plan), "--template", str(template))

    return make


INPUTS: dict[str, Callable[[Path], None]] = {
    "50 MB file": big_file,
    "billion laughs": billion_laughs,
    f"{DEPTH:,}-deep flow nesting": deep_flow,
    f"{DEPTH:,}-deep block nesting": deep_block,
    "400 KB sexagesimal integer": sexagesimal,
    "200,000 repeated keys": repeated_keys,
}


def _exported(plan: Path) -> Path:
    """The clean base plan and its `export --format xlsx` workbook beside it."""
    base = Path(__file__).parents[1] / "tests" / "corpus" / "001-clean-base.yaml"
    plan.write_bytes(base.read_bytes())
    book = plan.parent / "program.xlsx"
    command = [sys.executable, "-m", "smartplan", "export", str(plan), "-f", "xlsx"]
    subprocess.run([*command, "-o", str(book)], check=True, capture_output=True)
    return book


def _replaced(book: Path, parts: dict[str, Callable[[], bytes]]) -> None:
    """The workbook with some parts replaced (written by the callables), deflated at level 9."""
    with zipfile.ZipFile(book) as archive:
        kept = {name: archive.read(name) for name in archive.namelist() if name not in parts}
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in kept.items():
            archive.writestr(name, data)
        for name, make in parts.items():
            archive.writestr(name, make())


SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>program_id</t></is></c></row>'
)
WIDE_ROW = 6_000_000
SHARED_STRINGS = 5_500_000


def wide_row(plan: Path) -> tuple[str, ...]:
    """The Program sheet with one row of 6,000,000 cells: 183 KB zipped, 90 MB unpacked,
    under the unpacked bound (2.7 GB and 31 s before the workbook was bounded)."""
    book = _exported(plan)
    row = b'<row r="2">' + b"<c><v>1</v></c>" * WIDE_ROW + b"</row>"
    sheet = SHEET_HEAD + row + b"</sheetData></worksheet>"
    _replaced(book, {"xl/worksheets/sheet2.xml": lambda: sheet})
    return ("import", str(book), "--into", str(plan))


def shared_strings(plan: Path) -> tuple[str, ...]:
    """5,500,000 shared strings (233 KB zipped, 88 MB unpacked; 59 s and 539 MB before)."""
    book = _exported(plan)
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    strings = head + b"<si><t>a</t></si>" * SHARED_STRINGS + b"</sst>"
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
    override = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{kind}"/></Types>'
    with zipfile.ZipFile(book) as archive:  # listed in the manifest, where openpyxl finds it
        types = archive.read("[Content_Types].xml").replace(b"</Types>", override.encode())
    _replaced(book, {"xl/sharedStrings.xml": lambda: strings, "[Content_Types].xml": lambda: types})
    return ("import", str(book), "--into", str(plan))


# inputs checked by another command than validate: the maker returns the arguments
COMMANDS: dict[str, Callable[[Path], tuple[str, ...]]] = {
    "1 MB scalar x 1,000 aliases (render)": lambda plan: (
        alias_amplifier(plan),
        ("render", str(plan)),
    )[1],
    "5,000-digit hex amount (render)": lambda plan: (long_hex(plan), ("render", str(plan)))[1],
    **{f"template: {name}": template_bomb(name) for name in TEMPLATE_BOMBS},
    "one row of 6,000,000 cells (import)": wide_row,
    "5,500,000 shared strings (import)": shared_strings,
}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tiny = Path(folder) / "tiny.yaml"
        tiny.write_text("smartplan: 1\n", encoding="utf-8")
        floor = measure("validate", str(tiny))
        print(f"{'input':38} {'exit':>4} {'seconds':>8} {'peak MiB':>9}  message")
        print(
            f"{'(one-line plan, for scale)':38} {floor.code:>4} {floor.seconds:8.2f} "
            f"{floor.peak_mib:9.1f}"
        )
        runs: list[tuple[str, Callable[[Path], tuple[str, ...]]]] = [
            (name, lambda plan, make=make: (make(plan), ("validate", str(plan)))[1])
            for name, make in INPUTS.items()
        ]
        for name, make_args in [*runs, *COMMANDS.items()]:
            plan = Path(folder) / "masterplan.yaml"
            found = measure(*make_args(plan))
            lines = (found.stdout + found.stderr).splitlines() or [""]
            message = next((line for line in lines if ": error: " in line), lines[0])
            message = message.split(": error: ")[-1][:70]
            figures = f"{found.code:>4} {found.seconds:8.2f} {found.peak_mib:9.1f}"
            print(f"{name:38} {figures}  {message}")


if __name__ == "__main__":
    main()
