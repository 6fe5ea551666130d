"""Plans as they are found (SPEC §10): a section recorded in part, counts over a section not
recorded, and a period nobody wrote down — checked, rendered and counted as unknown, never 0."""

from __future__ import annotations

import shutil
from pathlib import Path

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.findings import Severity

ROOT = Path(__file__).resolve().parents[1]
PARTIAL = ROOT / "tests" / "data" / "partial" / "masterplan.yaml"

# stage 3, four dimensions without a programme, no quick win, no element
PLAN = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 3
programs:
  - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, horizon: short,
     start: 2023, end: 2023}
"""


def findings(tmp_path: Path, text: str, *rules: str) -> list[tuple[str, str, str]]:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(select=rules))
    return [(f.rule, f.severity.label, f.message) for f in result.findings]


def severities(found: list[tuple[str, str, str]], rule: str) -> set[str]:
    return {severity for name, severity, _m in found if name == rule}


def test_coverage_is_an_error_when_programmes_are_all_recorded(tmp_path: Path) -> None:
    found = findings(tmp_path, PLAN, "dimension-coverage", "element-coverage")
    assert severities(found, "dimension-coverage") == {"error"}
    assert severities(found, "element-coverage") == {"warning"}


def test_partly_recorded_programmes_turn_coverage_into_info(tmp_path: Path) -> None:
    text = PLAN + "partly_recorded: [programs]\n"
    found = findings(tmp_path, text, "dimension-coverage", "element-coverage", "schema")
    assert severities(found, "dimension-coverage") == {"info"}
    assert severities(found, "element-coverage") == {"info"}
    assert severities(found, "schema") == set()
    assert all("partly recorded (programs is in partly_recorded)" in m for _r, _s, m in found)


def test_partly_recorded_quick_wins_are_counted_as_info(tmp_path: Path) -> None:
    quick = PLAN.replace("end: 2023}", "end: 2023, quick_win: true}")
    found = findings(tmp_path, quick + "partly_recorded: [programs]\n", "stage-requirements")
    # "no quick win serves dimension …" counts over the section: info
    per_dimension = [f for f in found if "no quick win serves" in f[2]]
    assert per_dimension and {s for _r, s, _m in per_dimension} == {"info"}


def test_a_recorded_item_is_still_checked_in_full(tmp_path: Path) -> None:
    found = findings(tmp_path, PLAN + "partly_recorded: [programs]\n", "stage-requirements")
    # GOV-01 is recorded: its missing lead, budget and element are still errors
    own = [f for f in found if "for program GOV-01" in f[2]]
    assert own and {s for _r, s, _m in own} == {"error"}
    assert ("stage-requirements", "info") in {(r, s) for r, s, m in found if "quick win" in m}


def test_element_not_recorded_is_one_info(tmp_path: Path) -> None:
    text = PLAN + "not_recorded: [programs.element]\n"
    found = findings(tmp_path, text, "element-coverage")
    assert [(r, s) for r, s, _m in found] == [("element-coverage", "info")]


def test_period_may_be_named_not_recorded(tmp_path: Path) -> None:
    text = PLAN.replace("period: {start: 2023, end: 2032}\n", "") + "not_recorded: [period]\n"
    found = findings(tmp_path, text, "schema", "period", "horizon-window", "quick-win")
    assert sorted((r, s) for r, s, _m in found) == [
        ("horizon-window", "info"),
        ("period", "info"),
        ("quick-win", "info"),
    ]


def test_period_is_still_required_otherwise(tmp_path: Path) -> None:
    text = PLAN.replace("period: {start: 2023, end: 2032}\n", "")
    found = findings(tmp_path, text, "schema")
    assert [(r, s) for r, s, _m in found] == [("schema", "error")]
    assert "'period'" in found[0][2]


def test_the_partial_plan_validates_without_error_or_warning(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    shutil.copy(PARTIAL, plan)
    result = validate_paths([str(plan)], ValidateOptions())
    assert result.count(Severity.ERROR) == 0, [f.message for f in result.findings]
    assert result.count(Severity.WARNING) == 0, [f.message for f in result.findings]
