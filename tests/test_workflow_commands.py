"""Plan text never becomes a GitHub workflow command in a job's log.

GitHub's runner reads a log line that starts with `::` (after white space) or holds `##[` as a
command: `::add-mask::`, `::stop-commands::`, `##[set-output name=status;]0` (the older form,
still read) would let a pull request hide the job's findings or change its outputs. A plan
in a folder named `::add-mask::rahasia`, whose texts hold both forms, is run through every
command that prints: no line of any output but the github format's own annotations is a
command (`forge.workflow_commands` parses as the runner does).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from forge import workflow_commands
from smartplan.cli import app
from smartplan.escape import terminal, terminal_text

FOLDER = "::add-mask::rahasia"
OLD = EXAMPLES / "kota-pangkalpinang" / "masterplan.stage2.yaml"
# each: (text of the example, what replaces it), first occurrence only
HOSTILE = [
    # a wrap of a long name in a table puts its middle at a line start
    ("name: Kota Pangkalpinang", 'name: "Kota Pangkalpinang' + " panjang" * 9 + ' ::add-path::/x"'),
    ("lead: diskominfo", 'lead: "##[set-output name=status;]0"'),
    ("# yaml-language-server", "# ::warning::x ##[error]y\n# yaml-language-server"),
]


@pytest.fixture
def plan(isolated: Path) -> Path:
    """The example at stage 3 with the texts of HOSTILE, inside a folder named as a command."""
    folder = isolated / FOLDER
    shutil.copytree(EXAMPLES / "kota-pangkalpinang", folder)
    path = folder / "masterplan.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in HOSTILE:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    (folder / "masterplan.stage2.yaml").unlink()  # one plan: the folder's
    shutil.copy(OLD, isolated / "old.yaml")
    return path


PLAN = f"{FOLDER}/masterplan.yaml"
COMMANDS = {
    "validate": ["validate", "."],
    "validate-all": ["validate", "--all", "."],
    "validate-json": ["validate", "--format", "json", "."],
    "validate-sarif": ["validate", "--format", "sarif", "."],
    "validate-junit": ["validate", "--format", "junit", "."],
    "validate-codeclimate": ["validate", "--format", "codeclimate", "."],
    "diff": ["diff", "old.yaml", PLAN],
    "diff-md": ["diff", "old.yaml", PLAN, "--format", "md"],
    "diff-json": ["diff", "old.yaml", PLAN, "--format", "json"],
    "render-md": ["render", PLAN, "--report", "summary"],
    "render-html": ["render", PLAN, "--format", "html"],
    "export-csv": ["export", PLAN],
    "export-json": ["export", PLAN, "--format", "json"],
    "portfolio": ["portfolio", "."],
    "portfolio-md": ["portfolio", ".", "--format", "md"],
    "portfolio-csv": ["portfolio", ".", "--format", "csv"],
    "missing": ["validate", f"{FOLDER}/##[add-mask]x.yaml"],  # the one-line error
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_no_output_line_is_a_workflow_command(
    plan: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # rich wraps tables: a wrapped line starts anywhere
    result = CliRunner().invoke(app, COMMANDS[name])
    assert result.exit_code in (0, 1, 2), result.output
    assert "internal error" not in result.stdout + result.stderr
    if name.startswith("validate"):  # the hostile texts are in the output, only inert
        assert result.exit_code == 1
        assert "set-output name=status;]0" in result.stdout
    assert workflow_commands(result.stdout) == [], result.stdout
    assert workflow_commands(result.stderr) == [], result.stderr


def test_github_format_lines_are_its_own_annotations_only(plan: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--format", "github", "."])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == len(workflow_commands(result.stdout)) >= 2
    assert set(workflow_commands(result.stdout)) <= {"error", "warning", "notice"}
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)


def test_text_report_shows_the_plan_text_with_visible_escapes(plan: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--all", "."])
    assert result.stdout.startswith("\\x3a:add-mask::rahasia/masterplan.yaml:")
    # the source line's caret stays under the quote the column names, after the escape
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if '"##\\x5bset-output' in line)
    line, caret = lines[at], lines[at + 1]
    assert line[caret.index("^")] == '"'


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("::add-mask::x", "\\x3a:add-mask::x"),
        (" \u00a0\u3000::debug::x", " \u00a0\u3000\\x3a:debug::x"),  # any white space first
        ("a ::warning::b", "a ::warning::b"),  # not at a line start: text
        ("id ##[add-mask]x", "id ##\\x5badd-mask]x"),
        ("\n::error::x", "\\n::error::x"),  # the line break is an escape: one line
    ],
)
def test_terminal_escapes_workflow_commands(text: str, shown: str) -> None:
    assert terminal(text) == shown
    assert workflow_commands(terminal(text)) == []


def test_terminal_text_escapes_every_line_but_keeps_json_data() -> None:
    import json

    data = {"a": "##[add-mask]x", "b": ["::error::x"]}
    shown = terminal_text(json.dumps(data, indent=1))
    assert workflow_commands(shown) == []
    assert json.loads(shown) == data  # `\\u005b` in a JSON string is `[`
    assert (
        terminal_text("x\n::error::x\n  ::debug::y\n")
        == "x\n\\u003a:error::x\n  \\u003a:debug::y\n"
    )
    assert terminal_text("::error file=a::b\n", commands=True) == "::error file=a::b\n"


def test_a_line_a_wrap_starts_is_escaped_too(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`diff` wraps a long value at the terminal's width: the `::` in the middle of a name
    then starts a line, which no escape of the name alone could see."""
    monkeypatch.setenv("COLUMNS", "60")
    old = isolated / "old.yaml"
    shutil.copy(EXAMPLES / "kota-jambi" / "masterplan.yaml", old)
    text = old.read_text(encoding="utf-8")
    start = text.index("name: ", text.index("  - id: GOV-01"))
    end = text.index("\n", start)
    name = 'name: "' + "kata " * 9 + '::add-path::/x"'
    (isolated / "new.yaml").write_text(text[:start] + name + text[end:], encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", "old.yaml", "new.yaml"])
    assert result.exit_code == 0, result.output
    assert "\n    \\x3a:add-path::/x\n" in result.stdout  # the wrapped half, inert
    assert workflow_commands(result.stdout) == []
