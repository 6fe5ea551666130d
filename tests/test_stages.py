"""Stage gates: each stage's requirements, cumulatively, at the place where they belong."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.lint import ValidateOptions, validate_paths

STAGE1 = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
organizations: []
team:
  council: []
  implementers: [{name: Kepala Diskominfo}]
readiness:
  structure: {rating: good}
  infrastructure: {findings: [x]}
swot:
  strengths: [a]
  weaknesses: []
  opportunities: [c]
"""

COMPLETE = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 4
organizations: [{id: o, name: O}]
team: {council: [{name: A}], implementers: [{name: B}]}
readiness:
  structure: {rating: good}
  infrastructure: {rating: good}
  superstructure: {rating: good}
swot: {strengths: [a], weaknesses: [b], opportunities: [c], threats: [d]}
vision: Kota cerdas
missions: [Melayani]
dimensions:
  governance: {goal: g}
  branding: {goal: g}
  economy: {goal: g}
  living: {goal: g}
  society: {goal: g}
  environment: {goal: g}
commitment: {date: 2022-09-06, signatories: [{name: Wali Kota}]}
programs:
  - id: P1
    name: Mal Pelayanan Publik
    dimension: governance
    element: service
    horizon: short
    quick_win: true
    start: 2023
    end: 2024
    lead: o
    budget: [{year: 2023, amount: 1000}]
    indicators: [{name: Layanan, targets: [{year: 2024, value: 10}]}]
"""


def stage_findings(
    tmp_path: Path, text: str, stage: int | None = None
) -> list[tuple[int, int, str]]:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate_paths(
        [str(plan)], ValidateOptions(stage=stage, select=("stage-requirements",))
    )
    return [(f.line, f.column, f.message) for f in result.findings]


def test_stage1_each_missing_item_at_its_place(tmp_path: Path) -> None:
    found = stage_findings(tmp_path, STAGE1)
    assert [(line, column) for line, column, _ in found] == [
        (5, 1),
        (7, 3),
        (9, 1),
        (11, 3),
        (12, 1),
        (14, 3),
    ]
    messages = " ".join(m for _, _, m in found)
    for word in (
        "organizations",
        "Dewan Smart City",
        "superstructure (suprastruktur)",
        "infrastructure (infrastruktur)",
        "weaknesses (kelemahan)",
        "threats (ancaman)",
    ):
        assert word in messages


def test_complete_plan_passes_every_stage(tmp_path: Path) -> None:
    for stage in (1, 2, 3, 4):
        assert stage_findings(tmp_path, COMPLETE, stage) == []


@pytest.mark.parametrize(
    ("stage", "remove", "expected"),
    [
        (2, "vision: Kota cerdas\n", [(4, 1, "vision (visi)")]),  # at stage:
        (2, "missions: [Melayani]\n", [(4, 1, "missions (misi)")]),
        (2, "  society: {goal: g}\n", [(14, 1, "goal (tujuan) for dimension 'society'")]),
        (2, "    horizon: short\n", [(23, 5, "horizon")]),
        (3, "    element: service\n", [(23, 5, "element")]),
        (3, "    lead: o\n", [(23, 5, "lead organization")]),
        (
            3,
            "    indicators: [{name: Layanan, targets: [{year: 2024, value: 10}]}]\n",
            [(23, 5, "indicator with a target")],
        ),
        (3, "    quick_win: true\n", [(22, 1, "at least one quick win")]),
        (
            4,
            "commitment: {date: 2022-09-06, signatories: [{name: Wali Kota}]}\n",
            [(4, 1, "joint commitment"), (4, 1, "signatories")],
        ),
        (
            4,
            "    budget: [{year: 2023, amount: 1000}]\n",
            [(23, 5, "indicative budget"), (23, 5, "budget line in its first year (2023)")],
        ),
    ],
)
def test_each_gate(
    tmp_path: Path, stage: int, remove: str, expected: list[tuple[int, int, str]]
) -> None:
    assert remove in COMPLETE
    found = stage_findings(tmp_path, COMPLETE.replace(remove, ""), stage)
    assert [(line, column) for line, column, _ in found] == [
        (line, column) for line, column, _ in expected
    ]
    for (_, _, message), (_, _, fragment) in zip(found, expected, strict=True):
        assert fragment in message


def test_a_gate_is_not_checked_before_its_stage(tmp_path: Path) -> None:
    assert stage_findings(tmp_path, COMPLETE.replace("vision: Kota cerdas\n", ""), 1) == []


def test_stage_option_overrides_the_declared_stage(tmp_path: Path) -> None:
    text = COMPLETE.replace("stage: 4", "stage: 1").replace("vision: Kota cerdas\n", "")
    assert stage_findings(tmp_path, text) == []
    assert len(stage_findings(tmp_path, text, stage=2)) == 1


def test_quick_win_first_year_budget_at_stage4(tmp_path: Path) -> None:
    text = COMPLETE.replace("{year: 2023, amount: 1000}", "{year: 2024, amount: 1000}")
    found = stage_findings(tmp_path, text)
    assert [(line, column) for line, column, _ in found] == [(32, 13)]
