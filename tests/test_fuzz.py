"""Fuzzing: mutations of the shipped examples never crash a command.

Each test mutates one of the example files (a plan or an included fragment) the way people
and tools break YAML (a key deleted or repeated, a value of another type, two values swapped,
the file cut at any byte, any character inserted anywhere) or the way an attacker writes it
(a value of control characters as YAML escapes, `"\\0"`, `"\\x1b"`, `"\\uFFFF"`, bidi
overrides, workflow commands, Markdown and HTML, a line of 20,000 characters), and runs every
command of COMMANDS on the plan: validate (text and four formats), diff, render (Markdown and
HTML: the formats that need no other program), export (CSV and JSON) and portfolio. The
invariants: no uncaught exception, no internal error, exit code 0, 1 or 2; for validate every
finding inside the file it names, Code Quality in GitLab's shape with unique fingerprints,
JUnit well-formed with true counts, and a text report with no control character and no line
a CI log would run as a workflow command; for diff and portfolio the JSON shape; for render a
page that parses as strict HTML5 with no script.

Seeded (`derandomize`: the same mutants on every run) and bounded by the `ci` profile
(7 families x 30 mutants x 11 commands, under a minute on a shared two-core machine); a long
run: `pytest -m fuzz --hypothesis-profile long`.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from forge import workflow_commands
from smartplan.cli import app

pytestmark = pytest.mark.fuzz

FILES = sorted(path.relative_to(EXAMPLES).as_posix() for path in EXAMPLES.rglob("*.yaml"))
TEXTS = {name: (EXAMPLES / name).read_text(encoding="utf-8") for name in FILES}
# `  key: value` lines (block mappings, list items included): where keys and values are
_ENTRY = re.compile(r"^(?P<indent>\s*(?:- )?)(?P<key>[A-Za-z_][\w-]*):(?P<value>.*)$")
# values of other types, and values YAML or smartplan must refuse
ODD_VALUES = [
    "", "~", "[]", "{}", "true", "no", "-1", "0", "1.5", "2023.0", "0123", "15.10", "1:30",
    "10000000000000000000000000000000", ".inf", ".nan", "2022-02-30", "'text'", '"\\u202e"',
    "*nowhere", "&a x", "!!python/name:os.system", "!!int abc", "!Ref x", "[[[[", "{a: ",
    "'unclosed", "|", ">-", "- x", "? x", "GOV-01", "diskominfo", "governance", "x-y: z",
]  # fmt: skip


@dataclass(frozen=True)
class Command:
    """A command run on every mutant: its arguments for a plan, and what its output must hold."""

    args: Callable[[Path], list[str]]
    check: Callable[[str], None]


def _findings_in_their_files(stdout: str) -> None:
    report = json.loads(stdout)
    for file in report["files"]:
        for finding in file["findings"]:
            data = Path(finding["path"]).read_bytes()
            text = data.decode("utf-8", errors="replace")
            # an error at the end of the file may point just past its last line
            assert 1 <= finding["line"] <= len(text.splitlines()) + 1, finding
            assert finding["column"] >= 1, finding


def _diff_shape(stdout: str) -> None:
    report = json.loads(stdout)
    assert report["version"] == 1
    assert sum(report["summary"].values()) == len(report["changes"])


def _html_page(stdout: str) -> None:
    import html5lib

    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(stdout)
    assert "<script" not in stdout


def _code_quality(stdout: str) -> None:
    import jsonschema

    from test_ci_reports import GITLAB_CODE_QUALITY

    issues = json.loads(stdout)
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)


def _junit(stdout: str) -> None:
    import xml.etree.ElementTree as ET

    root = ET.fromstring(stdout.encode("utf-8"))
    cases = list(root.iter("testcase"))
    assert int(root.get("tests", "-1")) == len(cases)
    failing = [case for case in cases if case.find("failure") is not None]
    assert int(root.get("failures", "-1")) == len(failing)


def _terminal_text(stdout: str) -> None:
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", stdout)
    assert workflow_commands(stdout) == [], stdout


def _portfolio_shape(stdout: str) -> None:
    rows = json.loads(stdout)["rows"]
    assert isinstance(rows, list) and len(rows) == 1


def _export_shape(stdout: str) -> None:
    assert isinstance(json.loads(stdout)["rows"], list)


def _pristine(plan: Path) -> str:
    """The unmutated example the mutant came from (diff compares the two)."""
    return str(EXAMPLES / plan.parent.name / plan.name)


# Every command that reads a plan gets every mutant.
COMMANDS: dict[str, Command] = {
    "validate": Command(
        args=lambda plan: ["validate", "--format", "json", str(plan)],
        check=_findings_in_their_files,
    ),
    "validate-codeclimate": Command(
        args=lambda plan: ["validate", "--format", "codeclimate", str(plan)],
        check=_code_quality,
    ),
    "validate-junit": Command(
        args=lambda plan: ["validate", "--format", "junit", str(plan)],
        check=_junit,
    ),
    "validate-text": Command(
        args=lambda plan: ["validate", "--all", str(plan)],
        check=_terminal_text,
    ),
    "diff": Command(
        args=lambda plan: ["diff", _pristine(plan), str(plan), "--format", "json"],
        check=_diff_shape,
    ),
    "render": Command(
        args=lambda plan: ["render", str(plan), "--format", "html", "--report", "masterplan"],
        check=_html_page,
    ),
    "render-md": Command(
        args=lambda plan: ["render", str(plan), "--report", "evaluation", "--lang", "en"],
        check=lambda stdout: None,
    ),
    "export-csv": Command(
        args=lambda plan: ["export", str(plan), "--format", "csv"],
        check=lambda stdout: None,
    ),
    "export-json": Command(
        args=lambda plan: ["export", str(plan), "--format", "json"],
        check=_export_shape,
    ),
    "portfolio": Command(
        args=lambda plan: ["portfolio", str(plan.parent), "--format", "json"],
        check=_portfolio_shape,
    ),
}


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the examples; each mutant replaces one file for the time of one run."""
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(EXAMPLES, root / "examples")
    return root / "examples"


class Mutant:
    """A mutated file; its repr names the change, not the whole text (examples are long)."""

    def __init__(self, name: str, data: bytes, change: str) -> None:
        self.name, self.data, self.change = name, data, change

    def __repr__(self) -> str:
        return f"Mutant({self.name!r}, {self.change})"


def run_commands(sandbox: Path, mutant: Mutant) -> None:
    name = mutant.name
    target = sandbox / name
    # a plan of the region's folder (masterplan.stage2.yaml too) is the plan; a fragment is
    # read through the region's masterplan.yaml
    plan = target if name.count("/") == 1 else sandbox / name.split("/")[0] / "masterplan.yaml"
    target.write_bytes(mutant.data)
    try:
        for command in COMMANDS.values():
            args = command.args(plan)
            result = CliRunner().invoke(app, args)
            output = result.stdout + result.stderr
            assert result.exception is None or isinstance(result.exception, SystemExit), output
            assert "internal error" not in output and "Traceback" not in output, output
            assert result.exit_code in (0, 1, 2), output
            if result.exit_code != 2:
                command.check(result.stdout)
    finally:
        target.write_text(TEXTS[name], encoding="utf-8")


def _entry_lines(text: str) -> list[int]:
    return [i for i, line in enumerate(text.splitlines()) if _ENTRY.match(line)]


def _block_end(lines: list[str], start: int) -> int:
    """The line after the entry at `start` and everything indented below it."""
    indent = len(lines[start]) - len(lines[start].lstrip(" -"))
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return end


files = st.sampled_from(FILES)


@st.composite
def deleted_key(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    lines = TEXTS[name].splitlines(keepends=True)
    start = draw(st.sampled_from(_entry_lines(TEXTS[name])))
    end = _block_end(lines, start)
    del lines[start:end]
    return Mutant(name, "".join(lines).encode(), f"lines {start + 1}-{end} deleted")


@st.composite
def repeated_key(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    lines = TEXTS[name].splitlines(keepends=True)
    start = draw(st.sampled_from(_entry_lines(TEXTS[name])))
    end = _block_end(lines, start)
    block = [
        line.replace("- ", "  ", 1) if i == 0 else line for i, line in enumerate(lines[start:end])
    ]
    where = draw(st.integers(start, end))
    lines[where:where] = block
    return Mutant(name, "".join(lines).encode(), f"lines {start + 1}-{end} repeated at {where + 1}")


@st.composite
def changed_value(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    lines = TEXTS[name].splitlines(keepends=True)
    at = draw(st.sampled_from(_entry_lines(TEXTS[name])))
    entry = _ENTRY.match(lines[at].rstrip("\n"))
    assert entry is not None
    value = draw(st.sampled_from(ODD_VALUES) | st.text(max_size=12))
    lines[at] = f"{entry['indent']}{entry['key']}: {value}\n"
    return Mutant(name, "".join(lines).encode(), f"line {at + 1} now {lines[at]!r}")


@st.composite
def swapped_values(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    lines = TEXTS[name].splitlines(keepends=True)
    first, second = draw(
        st.lists(st.sampled_from(_entry_lines(TEXTS[name])), min_size=2, max_size=2)
    )
    a = _ENTRY.match(lines[first].rstrip("\n"))
    b = _ENTRY.match(lines[second].rstrip("\n"))
    assert a is not None and b is not None
    lines[first] = f"{a['indent']}{a['key']}:{b['value']}\n"
    lines[second] = f"{b['indent']}{b['key']}:{a['value']}\n"
    return Mutant(
        name, "".join(lines).encode(), f"values of lines {first + 1}, {second + 1} swapped"
    )


@st.composite
def truncated(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    data = TEXTS[name].encode()
    size = draw(st.integers(0, len(data)))
    return Mutant(name, data[:size], f"cut after byte {size}")  # may cut a character in two


@st.composite
def inserted_text(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    text = TEXTS[name]
    at = draw(st.integers(0, len(text)))
    extra = draw(
        st.text(min_size=1, max_size=8)
        | st.sampled_from(
            [
                "\t",
                "\r",
                "\0",
                "\ufeff",
                "\u2028",
                "\x85",
                ":",
                "- ",
                "&a",
                "*a",
                "---\n",
                "%YAML 1.1\n",
            ]
        )
    )
    data = (text[:at] + extra + text[at:]).encode("utf-8", errors="surrogatepass")
    return Mutant(name, data, f"{extra!r} inserted at character {at}")


# What an attacker writes in a double-quoted YAML value: escapes of characters no file may
# hold raw (NUL, C0 and C1 controls, ESC sequences, a noncharacter, line separators, bidi)
ESCAPES = [
    "\\0", "\\x01", "\\x1b", "\\x1b[2J", "\\e]8;;https://x.invalid/\\e\\\\", "\\x7f",
    "\\x85", "\\x9b31m", "\\uFFFF", "\\uFFFE", "\\uD7FF", "\\uD800", "\\U0010FFFF", "\\u202e", "\\u2066",
    "\\u2028", "\\u2029", "\\t", "\\r", "\\n", "\\r\\n", "\\v", "\\f", "\\a", "\\b", "\\_",
    "\\N", "\\L", "\\P",
]  # fmt: skip
# ... and text that means something where the value is shown
RAW_TEXT = [
    "::add-mask::rahasia", "::error file=x::y", " ::stop-commands::z", "##[set-output name=status;]0",
    "\u202eHACKED", "\u2066", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
    "[tautan](https://x.invalid)", "![](https://x.invalid/a.png)", "`` ` ``", "| a | b |",
    "=HYPERLINK(\"https://x.invalid\")", "+1", "-1", "@here", "{{ 7*7 }}", "%s%n", "\\", "\"",
    "x" * 20_000, "kata " * 4_000, "\U0001F600" * 100,
]  # fmt: skip


def _double_quoted(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@st.composite
def hostile_value(draw: st.DrawFn) -> Mutant:
    name = draw(files)
    lines = TEXTS[name].splitlines(keepends=True)
    at = draw(st.sampled_from(_entry_lines(TEXTS[name])))
    entry = _ENTRY.match(lines[at].rstrip("\n"))
    assert entry is not None
    pieces = draw(
        st.lists(
            st.sampled_from(ESCAPES) | st.sampled_from(RAW_TEXT).map(_double_quoted),
            min_size=1,
            max_size=4,
        )
    )
    value = '"' + _double_quoted(entry["value"].strip().strip("'\"")) + "".join(pieces) + '"'
    lines[at] = f"{entry['indent']}{entry['key']}: {value}\n"
    return Mutant(name, "".join(lines).encode(), f"line {at + 1} now {lines[at][:200]!r}")


@pytest.mark.parametrize(
    "mutants",
    [
        deleted_key(),
        repeated_key(),
        changed_value(),
        swapped_values(),
        truncated(),
        inserted_text(),
        hostile_value(),
    ],
    ids=[
        "delete-key", "repeat-key", "change-value", "swap-values", "truncate", "insert-text",
        "hostile-value",
    ],
)  # fmt: skip
def test_mutated_examples_never_crash(sandbox: Path, mutants: st.SearchStrategy[Mutant]) -> None:
    # half the profile's examples per family: 7 families x 30 in CI (`ci`: 60),
    # 7 x 2500 in a long run (`long`: 5000); no deadline: the first run imports jsonschema.
    # derandomize: the same mutants on every run (a seed from the test), and no example
    # database: a failure is found again by the next run, wherever it runs.
    @settings(
        deadline=None,
        max_examples=max(10, settings().max_examples // 2),
        derandomize=True,
        database=None,
    )
    @given(mutants)
    def check(mutant: Mutant) -> None:
        run_commands(sandbox, mutant)

    check()


def test_examples_are_clean_before_mutation(sandbox: Path) -> None:
    """The mutations start from plans that validate cleanly: every finding comes from them."""
    for plan in sorted(sandbox.glob("*/masterplan.yaml")):
        result = CliRunner().invoke(app, ["validate", "--format", "json", str(plan)])
        assert result.exit_code == 0, result.stdout
