"""Suppression: per-line and per-file comments, --select/--ignore, and baselines."""

from __future__ import annotations

from pathlib import Path

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.check.suppress import write_baseline

PLAN = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
programs:
  - {id: A, name: a, dimension: governance, lead: nobody}
  - {id: B, name: b, dimension: governance, lead: nobody2}
"""


def found(plan: Path, **options: object) -> list[tuple[str, int]]:
    result = validate_paths([str(plan)], ValidateOptions(**options))  # type: ignore[arg-type]
    return [(f.rule, f.line) for f in result.findings if f.rule != "stage-requirements"]


def test_disable_on_the_offending_line(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(PLAN.replace("nobody}", "nobody}  # smartplan: disable=unknown-reference"))
    assert found(plan) == [("unknown-reference", 7)]


def test_disable_several_rules_and_all(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        PLAN.replace("nobody}", "nobody}  # smartplan: disable=budget, unknown-reference").replace(
            "nobody2}", "nobody2}  # smartplan: disable=all"
        )
    )
    assert found(plan) == []


def test_disable_on_another_line_does_not_count(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(PLAN.replace("stage: 1", "stage: 1  # smartplan: disable=unknown-reference"))
    assert len(found(plan)) == 2


def test_disable_with_a_reason(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        PLAN.replace("nobody}", "nobody}  # smartplan: disable=unknown-reference -- OPD lama")
    )
    assert found(plan) == [("unknown-reference", 7)]


def test_unknown_rule_in_a_comment_is_a_finding_with_a_suggestion(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        PLAN.replace("nobody}", "nobody}  # smartplan: disable=unknown-refrence -- OPD lama")
    )
    result = validate_paths([str(plan)], ValidateOptions(select=("unknown-rule",)))
    line = plan.read_text().splitlines()[5]
    assert [(f.line, f.column, f.message) for f in result.findings] == [
        (
            6,
            line.index("unknown-refrence") + 1,
            "unknown rule 'unknown-refrence' in a suppression comment "
            "(did you mean 'unknown-reference'?)",
        )
    ]


def test_disable_file(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text("# smartplan: disable-file=unknown-reference\n" + PLAN)
    assert found(plan) == []


def test_select_and_ignore(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(PLAN)
    assert found(plan, ignore=("unknown-reference",)) == []
    assert {r for r, _ in found(plan, select=("unknown-reference",))} == {"unknown-reference"}


def test_baseline_hides_exactly_the_recorded_findings_and_survives_edits(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(PLAN)
    baseline = tmp_path / "baseline.json"
    before = validate_paths([str(plan)])
    assert write_baseline(before.findings, baseline) == len(before.findings)
    assert validate_paths([str(plan)], ValidateOptions(baseline=baseline)).findings == []
    # unrelated edits: lines shift, a programme is inserted before the others, a comment added
    edited = PLAN.replace(
        "programs:\n",
        "# catatan\nvision: x\nprograms:\n  - {id: C, name: c, dimension: governance}\n",
    )
    plan.write_text(edited)
    assert validate_paths([str(plan)], ValidateOptions(baseline=baseline)).findings == []
    # a new problem is still reported
    plan.write_text(edited.replace("dimension: governance}", "dimension: governance, lead: x}"))
    result = validate_paths([str(plan)], ValidateOptions(baseline=baseline))
    assert [(f.rule, f.line) for f in result.findings] == [("unknown-reference", 8)]


def test_baseline_from_config(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(PLAN)
    write_baseline(validate_paths([str(plan)]).findings, tmp_path / "known.json")
    (tmp_path / ".smartplan.yaml").write_text("baseline: known.json\n")
    assert validate_paths([str(plan)]).findings == []


def test_a_comment_naming_many_unknown_rules_is_reported_boundedly(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    names = ",".join(f"no-rule-{n}" for n in range(1000))
    plan.write_text(PLAN.replace("stage: 1", f"stage: 1  # smartplan: disable={names} -- x"))
    result = validate_paths([str(plan)], ValidateOptions(select=("unknown-rule",)))
    assert len(result.findings) == 10 and all(f.line == 4 for f in result.findings)
