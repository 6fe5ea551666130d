"""`validate --format codeclimate` (GitLab Code Quality) and `--format junit`, the way CI reads them.

The Code Quality schema below is GitLab's documented contract, written out here rather than
fetched: "Implement a custom tool" in GitLab's docs, doc/ci/testing/code_quality.md of
gitlabhq/gitlabhq at 01eae359257f2b5b0e3e50d110c084b889599fb6 (docs.gitlab.com/ci/testing/
code_quality/#implement-a-custom-tool): a JSON array of objects with `description`,
`check_name`, `fingerprint`, `severity` (`info`, `minor`, `major`, `critical` or `blocker`),
`location.path` and `location.lines.begin` (an integer); no byte order mark; findings with
identical fingerprints are shown as one entry in the merge request widget.
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.dom.minidom
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from smartplan.findings import FileResult, Finding, Severity, ValidationResult
from smartplan.reporters import REPORTERS, ReportOptions
from smartplan.reporters.codeclimate import repository_path
from smartplan.rules import RULES

GITLAB_CODE_QUALITY = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1, "not": {"pattern": "^/|\\\\"}},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}

PLAN = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
organizations: [{id: diskominfo, name: Diskominfo}, {id: bappeda, name: Bappeda}]
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
  - id: ECO-01
    name: Pasar digital
    dimension: economy
    horizon: sometime
    lead: bappeda
"""
CLEAN = PLAN.replace("lead: diskominf", "lead: diskominfo").replace(
    "    horizon: sometime\n    lead: bappeda\n", ""
)


def validate(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartplan", "validate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def code_quality(*args: str, cwd: Path) -> list[dict[str, object]]:
    done = validate(*args, "--format", "codeclimate", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    assert not done.stdout.startswith("\ufeff")
    issues = json.loads(done.stdout)
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    assert isinstance(issues, list)
    return issues


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def by_check(issues: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(issue["check_name"]): issue for issue in issues}


# --- Code Quality -------------------------------------------------------------------------------


def test_code_quality_has_gitlab_shape_exit_code_and_severities(isolated: Path) -> None:
    write(isolated / "kota-contoh" / "masterplan.yaml", PLAN)
    write(isolated / "broken" / "masterplan.yaml", "smartplan: 1\nregion: [unclosed\n")
    done = validate("kota-contoh", "broken", "--format", "codeclimate", cwd=isolated)
    assert done.returncode == 1
    issues = json.loads(done.stdout)
    jsonschema.validate(issues, GITLAB_CODE_QUALITY)
    found = {(i["check_name"], i["severity"], i["location"]["path"]) for i in issues}  # type: ignore[index]
    assert found == {
        ("unknown-reference", "major", "kota-contoh/masterplan.yaml"),
        ("schema", "major", "kota-contoh/masterplan.yaml"),
        ("yaml-syntax", "blocker", "broken/masterplan.yaml"),
    }
    lead = by_check(issues)["unknown-reference"]
    assert lead["location"] == {"path": "kota-contoh/masterplan.yaml", "lines": {"begin": 16}}
    assert "diskominf" in str(lead["description"])


def test_warnings_and_infos_are_minor_and_info(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", CLEAN.replace("stage: 1", "stage: 3"))
    issues = code_quality("--stage", "3", cwd=isolated)
    severities = {str(i["check_name"]): str(i["severity"]) for i in issues}
    assert severities["element-coverage"] == "minor"  # a warning by default
    assert severities["stage-requirements"] == "major"
    assert {str(i["severity"]) for i in issues} <= {"major", "minor", "info"}


def test_fingerprint_survives_a_line_inserted_above(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    before = by_check(code_quality(cwd=isolated))
    plan.write_text(
        PLAN.replace("stage: 1\n", "stage: 1\nvision: Kota cerdas yang melayani\n"),
        encoding="utf-8",
    )
    after = by_check(code_quality(cwd=isolated))
    for check in ("unknown-reference", "schema"):
        assert after[check]["fingerprint"] == before[check]["fingerprint"]
        lines_before = before[check]["location"]["lines"]["begin"]  # type: ignore[index]
        assert after[check]["location"]["lines"]["begin"] == lines_before + 1  # type: ignore[index]


def test_fingerprint_follows_the_programme_not_its_position(isolated: Path) -> None:
    plan = write(isolated / "masterplan.yaml", PLAN)
    before = by_check(code_quality(cwd=isolated))
    head, programs = PLAN.split("programs:\n")
    first, second = programs.split("  - id: ECO-01\n")
    plan.write_text(f"{head}programs:\n  - id: ECO-01\n{second}{first}", encoding="utf-8")
    after = by_check(code_quality(cwd=isolated))
    assert after["unknown-reference"]["fingerprint"] == before["unknown-reference"]["fingerprint"]
    assert after["schema"]["fingerprint"] == before["schema"]["fingerprint"]


def test_fingerprint_differs_for_another_file_rule_or_programme(isolated: Path) -> None:
    write(isolated / "a" / "masterplan.yaml", PLAN)
    write(isolated / "b" / "masterplan.yaml", PLAN.replace("GOV-01", "GOV-02"))
    write(isolated / "c" / "masterplan.yaml", PLAN)
    issues = code_quality("a", "b", "c", cwd=isolated)
    prints = [str(i["fingerprint"]) for i in issues]
    assert len(issues) == 6
    assert len(set(prints)) == len(prints)


def finding(message: str, line: int = 5, rule: str = "schema") -> Finding:
    return Finding(
        "p/masterplan.yaml", line, 3, rule, Severity.ERROR, message, "/programs/0",
        identity=f"{rule}|/programs/GOV-01",
    )


def report(name: str, *findings: Finding, path: str = "p/masterplan.yaml") -> str:
    result = ValidationResult((FileResult(path, findings),))
    return REPORTERS[name](result, ReportOptions())


def test_fingerprint_does_not_depend_on_the_language_or_the_line() -> None:
    english = json.loads(report("codeclimate", finding("program GOV-01 lacks a name")))
    indonesian = json.loads(report("codeclimate", finding("program GOV-01 belum punya nama", 9)))
    assert english[0]["fingerprint"] == indonesian[0]["fingerprint"]
    assert indonesian[0]["description"] == "program GOV-01 belum punya nama"


def test_same_rule_and_pointer_twice_still_two_fingerprints() -> None:
    issues = json.loads(
        report("codeclimate", finding("lacks name"), finding("lacks dimension"))
    )
    assert len({issue["fingerprint"] for issue in issues}) == 2


def test_findings_at_one_pointer_are_told_apart_by_their_quoted_value() -> None:
    """Every dimension without a programme is reported at /programs: when one gets a
    programme, the others keep their fingerprints (GitLab shows exactly that one as fixed)."""

    def coverage(*dimensions: str) -> dict[str, str]:
        findings = [finding(f"no programme for dimension '{d}' ({d.title()})", 12) for d in dimensions]
        issues = json.loads(report("codeclimate", *findings))
        return {d: i["fingerprint"] for d, i in zip(dimensions, issues, strict=True)}

    before = coverage("branding", "living", "society")
    after = coverage("living", "society")
    assert after == {d: before[d] for d in ("living", "society")}
    translated = json.loads(report("codeclimate", finding("belum ada program untuk dimensi “living”", 12)))
    assert translated[0]["fingerprint"] == before["living"]


def test_no_findings_is_an_empty_array(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", CLEAN)
    done = validate("--format", "codeclimate", cwd=isolated)
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_paths_are_relative_with_forward_slashes(isolated: Path) -> None:
    assert repository_path(str(isolated / "kota" / "masterplan.yaml")) == "kota/masterplan.yaml"
    assert repository_path("./kota/masterplan.yaml") == "kota/masterplan.yaml"
    assert repository_path("kota\\masterplan.yaml") == "kota/masterplan.yaml"
    plan = write(isolated / "kota" / "masterplan.yaml", PLAN)
    issues = code_quality(str(plan), cwd=isolated)
    assert {i["location"]["path"] for i in issues} == {"kota/masterplan.yaml"}  # type: ignore[index]


def test_a_finding_about_the_whole_file_is_at_line_1() -> None:
    issues = json.loads(report("codeclimate", finding("too large", line=0, rule="yaml-syntax")))
    assert issues[0]["location"]["lines"]["begin"] == 1
    assert issues[0]["severity"] == "blocker"


# --- JUnit --------------------------------------------------------------------------------------


def junit(*args: str, cwd: Path, code: int) -> ET.Element:
    done = validate(*args, "--format", "junit", cwd=cwd)
    assert done.returncode == code, done.stderr
    xml.dom.minidom.parseString(done.stdout.encode("utf-8"))  # a second, independent parser
    return ET.fromstring(done.stdout.encode("utf-8"))


def counts(element: ET.Element) -> tuple[int, int, int, int]:
    return tuple(int(element.get(k, "-1")) for k in ("tests", "failures", "errors", "skipped"))  # type: ignore[return-value]


def test_junit_one_case_per_plan_and_rule_with_counts(isolated: Path) -> None:
    write(isolated / "kota-contoh" / "masterplan.yaml", PLAN)
    write(isolated / "kota-bersih" / "masterplan.yaml", CLEAN)
    root = junit("kota-bersih", "kota-contoh", cwd=isolated, code=1)
    rules = len(RULES)
    assert root.tag == "testsuites"
    assert counts(root) == (2 * rules, 2, 0, 0)
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"kota-bersih/masterplan.yaml", "kota-contoh/masterplan.yaml"}
    assert counts(suites["kota-bersih/masterplan.yaml"]) == (rules, 0, 0, 0)
    broken = suites["kota-contoh/masterplan.yaml"]
    assert counts(broken) == (rules, 2, 0, 0)
    cases = {case.get("name"): case for case in broken.iter("testcase")}
    assert list(cases) == list(RULES)
    failure = cases["unknown-reference"].find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("kota-contoh/masterplan.yaml:16: program GOV-01")
    assert "kota-contoh/masterplan.yaml:16:11: error:" in (failure.text or "")
    assert cases["schema"].find("failure") is not None
    assert cases["period"].find("failure") is None
    assert cases["unknown-reference"].get("classname") == "kota-contoh/masterplan.yaml"


def test_junit_fail_on_decides_failure_or_output(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", CLEAN.replace("stage: 1", "stage: 3"))
    args = ("--stage", "3", "--ignore", "stage-requirements", "--ignore", "dimension-coverage")
    root = junit(*args, cwd=isolated, code=0)
    case = next(c for c in root.iter("testcase") if c.get("name") == "element-coverage")
    assert case.find("failure") is None
    assert "warning:" in (case.findtext("system-out") or "")
    root = junit(*args, "--fail-on", "warning", cwd=isolated, code=1)
    case = next(c for c in root.iter("testcase") if c.get("name") == "element-coverage")
    assert case.find("failure") is not None
    assert counts(root)[1] >= 1


def test_junit_unreadable_plan_skips_the_rules_it_could_not_run(isolated: Path) -> None:
    write(isolated / "masterplan.yaml", "smartplan: 1\nregion: [unclosed\n")
    root = junit(cwd=isolated, code=1)
    assert counts(root) == (len(RULES), 1, 0, len(RULES) - 1)
    failing = [c.get("name") for c in root.iter("testcase") if c.find("failure") is not None]
    assert failing == ["yaml-syntax"]


# a control character cannot reach a report from a plan (the loader refuses it, corpus 221);
# test_junit_keeps_illegal_characters_visible covers one in a finding
HOSTILE = "<b>&amp; \"x\" ]]> \u202e é"


def test_junit_escapes_hostile_text(isolated: Path) -> None:
    value = HOSTILE.replace("\\", "\\\\").replace('"', '\\"')
    write(isolated / "masterplan.yaml", PLAN.replace("lead: diskominf", f'lead: "{value}"'))
    root = junit(cwd=isolated, code=1)
    failure = next(c for c in root.iter("testcase") if c.get("name") == "unknown-reference")
    text = failure.findtext("failure") or ""
    assert "<b>&amp; \"x\" ]]> \\u202e é" in text
    assert "\\u202e" in (failure.find("failure").get("message") or "")  # type: ignore[union-attr]


def test_junit_keeps_illegal_characters_visible() -> None:
    out = report("junit", finding("lead '\x00\x1b\ud800' <x/>"))
    parsed = ET.fromstring(out.encode("utf-8"))
    assert "lead '\\x00\\x1b\\ud800' <x/>" in "".join(parsed.itertext())


@pytest.mark.parametrize("name", ["codeclimate", "junit"])
def test_formats_are_choices_of_validate(name: str, isolated: Path) -> None:
    done = validate("--help", cwd=isolated)
    assert name in done.stdout


def test_an_apostrophe_in_the_words_is_not_a_quoted_value() -> None:
    """"the plan's period" is English words: its translation must keep the fingerprint."""
    english = json.loads(report("codeclimate", finding("GOV-01 start 2040 lies outside the plan's period 2023–2032")))
    indonesian = json.loads(report("codeclimate", finding("mulai GOV-01 2040 di luar periode rencana 2023–2032")))
    assert english[0]["fingerprint"] == indonesian[0]["fingerprint"]
