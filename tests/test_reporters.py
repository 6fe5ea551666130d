"""The `validate` reporters: exact output per format, carets, grouping, escaping, SARIF shape."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

import smartplan
from smartplan.findings import FileResult, Finding, Severity, ValidationResult
from smartplan.reporters import REPORTERS, ReportOptions
from smartplan.reporters._snippet import WINDOW, snippet
from smartplan.reporters.github import escape_data, escape_property
from smartplan.rules import RULES

ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
PLAN = "kota-jambi/masterplan.yaml"
FRAGMENT = "kota-jambi/programs/governance.yaml"
CLEAN = "kab-muaro-jambi/masterplan.yaml"
SRC = Path(__file__).resolve().parents[1] / "src"


def sample() -> ValidationResult:
    """Two plans, one clean; the other has a warning in itself and an error in a fragment."""
    plan = FileResult(
        PLAN,
        (
            Finding(
                FRAGMENT,
                4,
                3,
                "duplicate-key",
                ERROR,
                "key 'lead' repeats line 2",
                "/programs/0/lead",
            ),
            Finding(
                PLAN,
                4,
                9,
                "schema",
                WARNING,
                "'city' is not one of 'kota', 'kabupaten'",
                "/region/kind",
            ),
        ),
        source_lines={
            PLAN: ["stage: 2", "region:", "  name: Kota Jambi", "  kind: city"],
            FRAGMENT: [
                "- id: GOV-01",
                "  lead: diskominfo",
                "  name: Mal Pelayanan Publik",
                "  lead: bappeda",
            ],
        },
    )
    return ValidationResult((plan, FileResult(CLEAN, ())))


def run(name: str, result: ValidationResult, **options: bool) -> str:
    return REPORTERS[name](result, ReportOptions(**options))


def one(*findings: Finding, lines: list[str] | None = None) -> ValidationResult:
    """One plan file holding the findings, with its source lines when given."""
    source = {PLAN: lines} if lines is not None else {}
    return ValidationResult((FileResult(PLAN, findings, source_lines=source),))


def at(
    line: int, column: int, message: str = "m", rule: str = "schema", severity: Severity = ERROR
) -> Finding:
    return Finding(PLAN, line, column, rule, severity, message)


def test_registry_names_the_formats() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "sarif", "codeclimate", "junit"]


def rich_loaded(code: str) -> bool:
    """Whether `code`, run in a fresh process after some set-up, loads rich."""
    prelude = (
        "import sys\n"
        "from smartplan.findings import FileResult, Finding, Severity, ValidationResult\n"
        "from smartplan.reporters import REPORTERS, ReportOptions\n"
        "f = Finding('a.yaml', 1, 1, 'schema', Severity.ERROR, 'm')\n"
        "r = ValidationResult((FileResult('a.yaml', (f,), source_lines={'a.yaml': ['x']}),))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    check = "\nprint('rich.console' in sys.modules)"
    args = [sys.executable, "-c", prelude + code + check]
    out = subprocess.run(args, capture_output=True, text=True, env=env, check=True)
    return out.stdout.strip() == "True"


def test_rich_is_loaded_only_to_colour_text() -> None:
    assert not rich_loaded("import smartplan.reporters")
    assert not rich_loaded("[REPORTERS[n](r, ReportOptions()) for n in REPORTERS]")
    assert rich_loaded("REPORTERS['text'](r, ReportOptions(color=True))")


# --- text -------------------------------------------------------------------------------------


def test_text_exact() -> None:
    assert run("text", sample()) == (
        "kota-jambi/masterplan.yaml:4:9: warning: "
        "'city' is not one of 'kota', 'kabupaten' [schema]\n"
        "  4 |   kind: city\n"
        "    |         ^\n"
        "kota-jambi/programs/governance.yaml:4:3: error: "
        "key 'lead' repeats line 2 [duplicate-key]\n"
        "  4 |   lead: bappeda\n"
        "    |   ^\n"
        "\n"
        "kota-jambi/masterplan.yaml: 1 error, 1 warning, 0 infos\n"
        "Checked 2 files: 1 error, 1 warning, 0 infos\n"
    )


def test_text_caret_after_tab_and_multibyte_character() -> None:
    out = run("text", one(at(1, 10), lines=["\tnama: é\tx"]))
    # The tab expands to column 4 and é takes one cell, so x is the 13th cell in both rows.
    assert out.splitlines()[1:3] == ["  1 |     nama: é x", "    |             ^"]


@pytest.mark.parametrize(
    ("line", "column", "shown", "caret"),
    [
        ("abc", 1, "abc", 0),
        ("abc", 3, "abc", 2),
        ("abc", 4, "abc", 3),  # just past the end: the missing-value position
        ("abc", 0, "abc", 0),
        ("éé:x", 4, "éé:x", 3),
        ("e\u0301x", 3, "e\u0301x", 1),  # a combining accent takes no cell
        ("中文: x", 5, "中文: x", 6),  # wide characters take two cells
        ("a\tb", 3, "a   b", 4),
        ("\t\tb", 3, "        b", 8),
        ("a\x1bb", 3, "a\\x1bb", 5),
    ],
)
def test_snippet_caret_offset(line: str, column: int, shown: str, caret: int) -> None:
    assert snippet(line, column) == (shown, caret)


def test_text_prints_markup_literally() -> None:
    finding = at(1, 3, message="[bold red]x[/] and [/]", rule="[link=x]r")
    for color in (False, True):
        out = run("text", one(finding, lines=["a: [b]c[/b]"]), color=color)
        assert "[bold red]x[/] and [/]" in out
        assert "[link=x]r]" in out
        assert "a: [b]c[/b]" in out
    assert "\x1b[1m" not in run("text", one(finding), color=True)


def test_text_escapes_control_characters() -> None:
    message = "a\x1b[2Jb\u202ec\td\r\ne"
    out = run("text", one(at(1, 1, message=message), lines=["x\x07y"]))
    assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out
    assert out.splitlines()[0].endswith(": a\\x1b[2Jb\\u202ec\\td\\r\\ne [schema]")
    assert out.splitlines()[1] == "  1 | x\\x07y"


def test_text_skips_unavailable_source_line() -> None:
    out = run("text", one(at(9, 1), Finding(FRAGMENT, 1, 1, "schema", ERROR, "m"), lines=["a: 1"]))
    assert " | " not in out


def test_text_never_wraps() -> None:
    message = "panjang " * 60
    out = run("text", one(at(1, 1, message=message), lines=["x" * 150]))
    assert out.splitlines()[0].endswith(message + " [schema]")
    assert out.splitlines()[1] == "  1 | " + "x" * 150


def test_text_shows_a_window_of_a_long_line() -> None:
    """A 10,000-character line is cut around the column, with … on each cut side (issue 13)."""
    line = "a: " + "[" * 5000 + "X" + "]" * 5000
    out = run("text", one(at(1, 5004), at(1, 2), lines=[line])).splitlines()
    # findings come in line and column order: column 2 first, then the X at column 5004
    assert len(out[1]) <= 200 and out[1].startswith("  1 | a:") and out[1].endswith("…")
    assert out[2].index("^") == out[1].index(":")
    assert len(out[4]) <= 200 and out[4].startswith("  1 | …") and out[4].endswith("…")
    assert out[5].index("^") == out[4].index("X")


@given(
    st.text(st.sampled_from("ab:[]- é中\t\x1b"), max_size=900),
    st.integers(min_value=1, max_value=1000),
)
def test_snippet_window_keeps_the_caret_on_its_character(line: str, column: int) -> None:
    shown, caret = snippet(line, column)
    assert cell_len(shown) <= WINDOW + 2 and caret >= 0
    if column <= len(line) and line[column - 1] in "ab:[]-é中":
        assert shown[_index_at_cell(shown, caret)] == line[column - 1]
    else:  # past the end or on a tab or escape: the caret still lies inside the window
        assert caret <= cell_len(shown) + column


def _index_at_cell(text: str, cells: int) -> int:
    width = 0
    for index, char in enumerate(text):
        if width >= cells:
            return index
        width += cell_len(char)
    return len(text)


def test_text_groups_repeats_of_a_rule() -> None:
    findings = [at(line, 1) for line in range(1, 6)] + [at(2, 1, rule="budget")]
    out = run("text", one(*findings))
    assert out.splitlines()[:5] == [
        "kota-jambi/masterplan.yaml:1:1: error: m [schema]",
        "kota-jambi/masterplan.yaml:2:1: error: m [budget]",
        "kota-jambi/masterplan.yaml:2:1: error: m [schema]",
        "kota-jambi/masterplan.yaml:3:1: error: m [schema]",
        "  ... and 2 more [schema]",
    ]
    assert out.count("error: m [schema]") == 3
    assert out.endswith("Checked 1 file: 6 errors, 0 warnings, 0 infos\n")


def test_text_three_of_a_rule_are_not_grouped() -> None:
    assert "more" not in run("text", one(*(at(line, 1) for line in range(1, 4))))


def test_text_without_grouping_shows_everything() -> None:
    out = run("text", one(*(at(line, 1) for line in range(1, 6))), group=False)
    assert out.count("error: m [schema]") == 5 and "more" not in out


def test_text_summary_singular_and_plural() -> None:
    singles = one(at(1, 1), at(2, 1, severity=WARNING), at(3, 1, severity=INFO))
    assert run("text", singles).endswith(
        "\nkota-jambi/masterplan.yaml: 1 error, 1 warning, 1 info\n"
        "Checked 1 file: 1 error, 1 warning, 1 info\n"
    )
    doubles = one(*(at(line, 1, severity=s) for line in (1, 2) for s in (ERROR, WARNING, INFO)))
    assert run("text", doubles).endswith("Checked 1 file: 2 errors, 2 warnings, 2 infos\n")


def test_text_clean_run() -> None:
    files = tuple(FileResult(f"p{i}.yaml", ()) for i in range(4))
    assert run("text", ValidationResult(files)) == "Checked 4 files: no problems found.\n"


def test_text_colour_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    plain = run("text", sample())
    assert "\x1b" not in plain
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    coloured = run("text", sample(), color=True)
    assert "\x1b[31merror\x1b[0m" in coloured
    assert "\x1b[33mwarning\x1b[0m" in coloured
    assert "\x1b[2m [schema]\x1b[0m" in coloured
    assert "\x1b[34minfo\x1b[0m" in run("text", one(at(1, 1, severity=INFO)), color=True)


@pytest.mark.parametrize(
    "result",
    [
        sample(),
        one(*(at(line, 2, message="[b]x[/b]") for line in range(1, 6)), lines=["\t中é ab"] * 5),
        ValidationResult((FileResult(CLEAN, ()),)),
    ],
)
def test_text_colour_adds_only_escape_codes(result: ValidationResult) -> None:
    coloured = run("text", result, color=True)
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == run("text", result)


# --- json -------------------------------------------------------------------------------------


def test_json_exact() -> None:
    fragment = {
        "rule": "duplicate-key",
        "severity": "error",
        "message": "key 'lead' repeats line 2",
        "path": FRAGMENT,
        "line": 4,
        "column": 3,
        "pointer": "/programs/0/lead",
    }
    own = {
        "rule": "schema",
        "severity": "warning",
        "message": "'city' is not one of 'kota', 'kabupaten'",
        "path": PLAN,
        "line": 4,
        "column": 9,
        "pointer": "/region/kind",
    }
    expected = {
        "version": 1,
        "files": [
            {"path": PLAN, "ok": False, "findings": [own, fragment]},
            {"path": CLEAN, "ok": True, "findings": []},
        ],
        "summary": {"files": 2, "errors": 1, "warnings": 1, "infos": 0},
    }
    out = run("json", sample())
    assert out == json.dumps(expected, indent=2) + "\n"
    assert json.loads(out) == expected


def test_json_keys_are_exactly_the_spec() -> None:
    data = json.loads(run("json", sample()))
    assert list(data) == ["version", "files", "summary"]
    assert list(data["files"][0]) == ["path", "ok", "findings"]
    finding_keys = ["rule", "severity", "message", "path", "line", "column", "pointer"]
    assert list(data["files"][0]["findings"][0]) == finding_keys
    assert list(data["summary"]) == ["files", "errors", "warnings", "infos"]


def test_json_keeps_unicode_and_follows_fail_on() -> None:
    warned = Finding(PLAN, 1, 1, "schema", WARNING, "nama 'Kafé' belum ada")
    files = (
        FileResult(PLAN, (warned,), fail_on=WARNING),
        FileResult("b.yaml", (warned,), fail_on=ERROR),
    )
    out = run("json", ValidationResult(files))
    assert "Kafé" in out
    assert [f["ok"] for f in json.loads(out)["files"]] == [False, True]


# --- github -----------------------------------------------------------------------------------


def test_github_exact() -> None:
    assert run("github", sample()) == (
        "::warning file=kota-jambi/masterplan.yaml,line=4,col=9,title=schema"
        "::'city' is not one of 'kota', 'kabupaten'\n"
        "::error file=kota-jambi/programs/governance.yaml,line=4,col=3,title=duplicate-key"
        "::key 'lead' repeats line 2\n"
    )


def test_github_info_is_a_notice_and_clean_is_empty() -> None:
    assert run("github", one(at(2, 5, severity=INFO))).startswith("::notice file=")
    assert run("github", ValidationResult((FileResult(CLEAN, ()),))) == ""


def test_github_escaping() -> None:
    assert escape_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b"
    assert escape_property("d,x/a:b%.yaml\n") == "d%2Cx/a%3Ab%25.yaml%0A"
    finding = Finding("dir,x/a:b.yaml", 3, 1, "schema", ERROR, "50%\nnaik: a, b")
    out = run("github", ValidationResult((FileResult("dir,x/a:b.yaml", (finding,)),)))
    assert out == "::error file=dir%2Cx/a%3Ab.yaml,line=3,col=1,title=schema::50%25%0Anaik: a, b\n"


# --- sarif ------------------------------------------------------------------------------------


def sarif(result: ValidationResult) -> Any:
    return json.loads(run("sarif", result))


def test_sarif_log_and_driver() -> None:
    log = sarif(sample())
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("smartplan", smartplan.__version__)
    assert driver["informationUri"].startswith("https://")
    assert len(driver["rules"]) == len(RULES)
    for descriptor, rule in zip(driver["rules"], RULES.values(), strict=True):
        assert descriptor["id"] == rule.id
        assert descriptor["name"] and descriptor["name"] != rule.id
        assert descriptor["shortDescription"] == {"text": rule.summary}
        assert descriptor["fullDescription"] == {"text": rule.explanation}
        assert descriptor["helpUri"] == rule.help_uri
        level = {ERROR: "error", WARNING: "warning", INFO: "note"}[rule.severity]
        assert descriptor["defaultConfiguration"] == {"level": level}


def test_sarif_results_and_artifacts_exact() -> None:
    run_ = sarif(sample())["runs"][0]
    root = {"uriBaseId": "%SRCROOT%"}
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["artifacts"] == [
        {"location": {"uri": PLAN, **root}},
        {"location": {"uri": FRAGMENT, **root}},
        {"location": {"uri": CLEAN, **root}},
    ]
    assert run_["results"] == [
        {
            "ruleId": "schema",
            "ruleIndex": list(RULES).index("schema"),
            "level": "warning",
            "message": {"text": "'city' is not one of 'kota', 'kabupaten'"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": PLAN, **root, "index": 0},
                        "region": {"startLine": 4, "startColumn": 9},
                    },
                    "logicalLocations": [{"fullyQualifiedName": "/region/kind"}],
                }
            ],
            "properties": {"pointer": "/region/kind"},
        },
        {
            "ruleId": "duplicate-key",
            "ruleIndex": list(RULES).index("duplicate-key"),
            "level": "error",
            "message": {"text": "key 'lead' repeats line 2"},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": FRAGMENT, **root, "index": 1},
                        "region": {"startLine": 4, "startColumn": 3},
                    },
                    "logicalLocations": [{"fullyQualifiedName": "/programs/0/lead"}],
                }
            ],
            "properties": {"pointer": "/programs/0/lead"},
        },
    ]


def test_sarif_rule_index_and_levels() -> None:
    ids = list(RULES)
    findings = [
        at(i + 1, 1, rule=rule, severity=s)
        for i, rule in enumerate(ids)
        for s in (ERROR, WARNING, INFO)
    ]
    run_ = sarif(one(*findings, Finding(PLAN, 1, 1, "not-a-rule", ERROR, "m")))["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert {r["level"] for r in results} == {"error", "warning", "note"}
    for result in results:
        if result["ruleId"] == "not-a-rule":
            assert "ruleIndex" not in result
        else:
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_uris() -> None:
    findings = (
        Finding("kota jambi\\fragmen\\é.yaml", 2, 1, "schema", ERROR, "m"),
        Finding("/srv/plans/a.yaml", 0, 0, "yaml-syntax", ERROR, "m"),
    )
    run_ = sarif(ValidationResult((FileResult(PLAN, findings),)))["runs"][0]
    absolute, relative = (r["locations"][0]["physicalLocation"] for r in run_["results"])
    assert relative["artifactLocation"]["uri"] == "kota%20jambi/fragmen/%C3%A9.yaml"
    assert relative["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert absolute["artifactLocation"] == {"uri": "file:///srv/plans/a.yaml", "index": 1}
    assert "region" not in absolute  # SARIF lines start at 1; line 0 means the whole file
