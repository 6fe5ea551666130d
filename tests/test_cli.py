"""The CLI contract (SPEC §3): commands, formats, exit codes, through typer's runner and a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, RECOVERED
from smartplan.cli import app

runner = CliRunner()

BROKEN = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
organizations: [{id: diskominfo, name: Diskominfo}]
team: {council: [{name: A}], implementers: [{name: B}]}
readiness:
  structure: {rating: good}
  infrastructure: {rating: good}
  superstructure: {rating: good}
swot: {strengths: [a], weaknesses: [b], opportunities: [c], threats: [d]}
programs:
  - id: GOV-01
    name: Mal Pelayanan Publik
    dimension: governance
    lead: diskominf
"""


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_examples_validate_clean() -> None:
    """No error and no warning; the real plans, recovered in part, say what is not recorded
    and what is recorded in part."""
    code, output = invoke("validate", str(EXAMPLES))
    assert code == 0
    assert " error: " not in output and " warning: " not in output
    assert output.endswith("Checked 8 files: 0 errors, 0 warnings, 222 infos\n")
    findings = [line for line in output.splitlines() if ": info: " in line]
    assert findings and all(
        ": info: not recorded (" in line or ": info: partly recorded (" in line
        for line in findings
    )
    folders = {line.split("masterplan.yaml")[0].rstrip("/").rsplit("/", 1)[-1] for line in findings}
    assert folders == set(RECOVERED)


def test_findings_exit_1_with_file_line_column(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN)
    code, output = invoke("validate")
    assert code == 1
    assert output.startswith(
        "masterplan.yaml:16:11: error: program GOV-01 lead 'diskominf' is not an organization id "
        "(did you mean 'diskominfo'?) [unknown-reference]\n"
        "  16 |     lead: diskominf\n"
        "     |           ^\n"
    )
    assert output.endswith("Checked 1 file: 1 error, 0 warnings, 0 infos\n")


def test_json_output_is_spec_shape(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN)
    code, output = invoke("validate", "masterplan.yaml", "--format", "json")
    assert code == 1
    assert json.loads(output) == {
        "version": 1,
        "files": [
            {
                "path": "masterplan.yaml",
                "ok": False,
                "findings": [
                    {
                        "rule": "unknown-reference",
                        "severity": "error",
                        "message": "program GOV-01 lead 'diskominf' is not an organization id (did you mean 'diskominfo'?)",
                        "path": "masterplan.yaml",
                        "line": 16,
                        "column": 11,
                        "pointer": "/programs/0/lead",
                    }
                ],
            }
        ],
        "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0},
    }


def test_github_and_sarif(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN)
    code, output = invoke("validate", "-f", "github")
    assert code == 1
    assert output.startswith(
        "::error file=masterplan.yaml,line=16,col=11,title=unknown-reference::program GOV-01"
    )
    code, output = invoke("validate", "-f", "sarif")
    sarif = json.loads(output)
    assert code == 1 and sarif["version"] == "2.1.0"
    region = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (16, 11)


def test_fail_on_warning(isolated: Path) -> None:
    plan = write(
        isolated / "masterplan.yaml", BROKEN.replace("lead: diskominf", "lead: diskominfo")
    )
    assert invoke("validate", "--stage", "3", "--select", "element-coverage")[0] == 0
    code, output = invoke(
        "validate",
        str(plan),
        "--stage",
        "3",
        "--select",
        "element-coverage",
        "--fail-on",
        "warning",
    )
    assert code == 1 and "warning" in output


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["validate", "missing.yaml"], "no such file or directory: missing.yaml"),
        (["validate", "--stage", "5", str(EXAMPLES)], "Invalid value"),
        (["validate", "--format", "xml", str(EXAMPLES)], "Invalid value"),
        (["validate", "--select", "no-such-rule", str(EXAMPLES)], "unknown rule no-such-rule"),
        (["rules", "no-such-rule"], "unknown rule no-such-rule"),
        (["validate", "--config", "nope.yaml", str(EXAMPLES)], "cannot read config"),
    ],
)
def test_usage_errors_exit_2(args: list[str], fragment: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert fragment in result.output
    assert "Traceback" not in result.output


def test_bad_config_exit_2_at_its_line(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN)
    write(isolated / ".smartplan.yaml", "rules:\n  budget: loud\n")
    code, output = invoke("validate")
    assert code == 2
    assert ".smartplan.yaml:2:11: invalid config" in output


def test_stage_option() -> None:
    plan = EXAMPLES / "kabupaten-banyuwangi" / "masterplan.yaml"
    assert invoke("validate", str(plan))[0] == 0
    code, output = invoke("validate", str(plan), "--stage", "3", "--all")
    assert code == 1 and "stage 3 needs" in output


def test_baseline_round_trip(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN)
    code, output = invoke("validate", "--write-baseline", "baseline.json")
    assert (code, output) == (0, "recorded 1 finding in baseline.json\n")
    assert invoke("validate", "--baseline", "baseline.json")[0] == 0


def test_rules_listing_and_explanation() -> None:
    code, output = invoke("rules")
    assert code == 0
    listed = {line.split()[0]: line.split()[1] for line in output.splitlines()}
    assert listed["horizon-window"] == "error" and listed["element-coverage"] == "warning"
    code, output = invoke("rules", "dependency-cycle")
    assert code == 0 and "Bad:" in output and "Good:" in output


def test_schema_command() -> None:
    code, output = invoke("schema")
    assert code == 0 and json.loads(output)["$schema"].endswith("2020-12/schema")
    code, output = invoke("schema", "--path")
    assert code == 0 and output.strip().endswith("masterplan.schema.json")
    assert json.loads(invoke("schema", "--config")[1])["title"]


def test_init_scaffolds_a_plan_that_tells_what_to_fill(isolated: Path) -> None:
    args = [
        "init",
        "kota-batam",
        "--region",
        "Kota Batam",
        "--kind",
        "kota",
        "--province",
        "Kepulauan Riau",
        "--start",
        "2023",
    ]
    code, output = invoke(*args)
    assert code == 0 and "created kota-batam/masterplan.yaml" in output
    code, output = invoke("validate", "kota-batam/masterplan.yaml", "-f", "json")
    findings = json.loads(output)["files"][0]["findings"]
    assert code == 1
    assert {f["rule"] for f in findings} == {"stage-requirements"}
    assert len(findings) == 10  # organizations, 2 team lists, 3 ratings, 4 SWOT lists
    code, output = invoke(*args)
    assert code == 2 and "already exists" in output


def test_init_needs_a_province_for_kota(isolated: Path) -> None:
    code, output = invoke("init", "--region", "Kota X", "--kind", "kota", "--start", "2023")
    assert code == 2 and "--province is required" in output
    assert not (isolated / "masterplan.yaml").exists()


def test_init_with_the_2026_framework(isolated: Path) -> None:
    code, _ = invoke(
        "init",
        "--region",
        "Provinsi X",
        "--kind",
        "provinsi",
        "--start",
        "2027",
        "--framework",
        "kemkomdigi-2026",
    )
    assert code == 0
    assert "mobility:" in (isolated / "masterplan.yaml").read_text()


def test_every_command_help_has_an_example() -> None:
    commands = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert {"validate", "diff", "render", "portfolio", "export", "init"} <= set(commands)
    for command in commands:
        code, output = invoke(command, "--help")
        assert code == 0 and "Example: smartplan" in output
    assert "Example: smartplan" in invoke("--help")[1]


def test_version() -> None:
    from smartplan import __version__

    assert invoke("--version") == (0, f"smartplan {__version__}\n")


# --- a real process ---------------------------------------------------------------------


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def test_subprocess_exit_codes_and_streams(isolated: Path) -> None:
    assert run("validate", str(EXAMPLES)).returncode == 0
    write(isolated / "masterplan.yaml", BROKEN)
    broken = run("validate")
    assert (
        broken.returncode == 1 and "masterplan.yaml:16:11" in broken.stdout and broken.stderr == ""
    )
    missing = run("validate", "nope.yaml")
    assert missing.returncode == 2 and missing.stdout == ""
    assert missing.stderr == "smartplan: error: no such file or directory: nope.yaml\n"


@pytest.mark.parametrize(
    "args",
    [
        [str(EXAMPLES)],  # clean
        [],  # ./masterplan.yaml: findings
        ["masterplan.yaml", "nope.yaml"],  # a usage error
        ["no-plan-here"],  # a folder without a plan
    ],
)
def test_validate_without_options_answers_as_the_command(isolated: Path, args: list[str]) -> None:
    """`validate [PATH …]` runs before typer loads (cli/fast.py): the same report, stderr and
    exit code as the typer command given the same defaults (`--format text` spelt out), in
    both languages, cold (`--no-cache`) and from the cache."""
    write(isolated / "masterplan.yaml", BROKEN)
    (isolated / "no-plan-here").mkdir()
    for lang in ("id", "en"):
        env = {"SMARTPLAN_LANG": lang, "XDG_CACHE_HOME": str(isolated / "home-cache")}
        typer_path = run("validate", "--format", "text", *args, env=env)
        for _ in range(2):  # checked, then (where it can be) from the cache
            quick = run("validate", *args, env=env)
            assert (quick.returncode, quick.stdout, quick.stderr) == (
                typer_path.returncode,
                typer_path.stdout,
                typer_path.stderr,
            )


def test_subprocess_colour_only_when_forced_and_no_color_wins(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN)
    assert "\x1b[" not in run("validate").stdout  # a pipe, not a terminal
    assert "\x1b[" in run("validate", env={"FORCE_COLOR": "1"}).stdout
    assert "\x1b[" not in run("validate", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout


@pytest.mark.parametrize(
    ("content", "line", "column", "fragment"),
    [
        (b"a: 1\n---\nb: 2\n", 2, 1, "several YAML documents"),
        (b"- 1\n", 1, 1, "must be a mapping"),
        (b"\xff\xfes\x00", 1, 1, "UTF-16"),
        (b"smartplan: 1\nx: \x00\x01", 2, 4, "binary"),
        (b"smartplan: 1\nregion: caf\xe9\n", 2, 12, "UTF-8"),
        (b"smartplan: !!python/object/apply:os.system [id]\n", 1, 12, "core schema"),
        (
            b"a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
            4,
            36,
            "alias bomb",
        ),
        (b"a: " + b"[" * 5000 + b"]" * 5000, 1, 67, "nesting deeper"),
        (b"smartplan: 1\nsmartplan: 1\n", 2, 1, "repeated"),
        (b"smartplan: 1\nperiod: {start: 2022-02-30}\n", 2, 17, "not a valid date"),
    ],
)
def test_bad_inputs_exit_1_at_file_line_column(
    isolated: Path, content: bytes, line: int, column: int, fragment: str
) -> None:
    (isolated / "masterplan.yaml").write_bytes(content)
    process = run("validate")
    assert process.returncode == 1, process.stderr
    headline = next(text for text in process.stdout.splitlines() if fragment in text)
    assert headline.startswith(f"masterplan.yaml:{line}:{column}: error: ")
    assert "Traceback" not in process.stdout + process.stderr


def test_oversize_file_refused(isolated: Path) -> None:
    with open(isolated / "masterplan.yaml", "wb") as handle:
        handle.write(b"smartplan: 1\nvision: '" + b"x" * (11 * 1024 * 1024) + b"'\n")
    process = run("validate")
    assert process.returncode == 1
    assert "larger than the size limit of 10,485,760 bytes (10.0 MB)" in process.stdout


def test_closed_pipe_is_not_an_error(isolated: Path) -> None:
    programs = "".join(
        f"  - {{id: P{n}, name: p, dimension: governance, lead: x}}\n" for n in range(2000)
    )
    write(isolated / "masterplan.yaml", BROKEN.split("programs:")[0] + "programs:\n" + programs)
    with subprocess.Popen(
        [sys.executable, "-m", "smartplan", "validate", "-f", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(10)  # the reader stops early, like `| head`
        process.stdout.close()
        assert process.wait(timeout=60) == 1  # the findings still decide the exit code
        assert process.stderr.read() == b""


def test_ascii_terminal_gets_escapes_not_a_crash(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", BROKEN.replace("name: Mal Pelayanan Publik", "name: Kafé"))
    (isolated / "masterplan.yaml").write_text(
        BROKEN.replace("lead: diskominf", "lead: diskominfé"), encoding="utf-8"
    )
    process = run("validate", env={"PYTHONIOENCODING": "ascii"})
    assert process.returncode == 1 and "diskominf\\xe9" in process.stdout


def test_all_shows_every_repeated_finding(isolated: Path) -> None:
    lines = BROKEN.replace("    lead: diskominf\n", "")
    for n in range(2, 7):
        lines += f"  - {{id: GOV-0{n}, name: P{n}, dimension: governance, lead: nobody}}\n"
    write(isolated / "masterplan.yaml", lines)
    grouped = invoke("validate")[1]
    assert "... and 2 more" in grouped and grouped.count("'nobody'") == 3
    every = invoke("validate", "--all")[1]
    assert "more" not in every and every.count("'nobody'") == 5
