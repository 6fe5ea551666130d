"""Stage gates: each stage's requirements, cumulatively, at the place where they belong."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.check.lint import ValidateOptions, validate_paths

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
  governance: {goal: g, strategy: [s]}
  branding: {goal: g, strategy: [s]}
  economy: {goal: g, strategy: [s]}
  living: {goal: g, strategy: [s]}
  society: {goal: g, strategy: [s]}
  environment: {goal: g, strategy: [s]}
commitment: {date: 2022-09-06, signatories: [{name: Wali Kota, role: head}]}
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
    also_dimensions: [branding, economy, living, society, environment]
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
        (2, "vision: Kota cerdas\n", [(4, 1, "vision (visi)")]),
        (2, "missions: [Melayani]\n", [(4, 1, "missions (misi)")]),
        (
            2,
            "  society: {goal: g, strategy: [s]}\n",
            [(14, 1, "goal (tujuan) for dimension 'society'")],
        ),
        (3, "  living: {goal: g, strategy: [s]}\n", [(14, 1, "goal (tujuan)"), (14, 1, "strategy")]),
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
            "commitment: {date: 2022-09-06, signatories: [{name: Wali Kota, role: head}]}\n",
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


def test_stage4_needs_the_head_of_region_among_signatories(tmp_path: Path) -> None:
    text = COMPLETE.replace("{name: Wali Kota, role: head}", "{name: Sekda, role: secretary}")
    found = stage_findings(tmp_path, text)
    assert [(line, message) for line, _, message in found] == [
        (21, "stage 4 needs the head of region (wali kota / bupati) among the signatories "
         "of the joint commitment: mark that signatory with role: head")
    ]


def test_a_post_without_a_person_signs_by_organization(tmp_path: Path) -> None:
    text = COMPLETE.replace("{name: Wali Kota, role: head}", "{organization: o, role: head}")
    assert stage_findings(tmp_path, text) == []


def test_stage3_warns_for_a_dimension_no_quick_win_serves(tmp_path: Path) -> None:
    # a cohort asked for quick wins per dimension (2020 and later, SPEC §10)
    text = COMPLETE.replace("[branding, economy, living, society, environment]", "[branding]")
    text = text.replace("province: Jambi}", "province: Jambi, cohort: 2022}")
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(select=("stage-requirements",)))
    found = [(f.severity.label, f.message.split(":")[0]) for f in result.findings]
    assert found == [
        ("warning", f"no quick win serves dimension '{d}' ({label})")
        for d, label in (
            ("economy", "Smart Economy"),
            ("living", "Smart Living"),
            ("society", "Smart Society"),
            ("environment", "Smart Environment"),
        )
    ]


def test_not_recorded_turns_requirements_into_info(tmp_path: Path) -> None:
    text = (
        COMPLETE.replace("swot: {strengths: [a], weaknesses: [b], opportunities: [c], threats: [d]}\n", "")
        .replace("    budget: [{year: 2023, amount: 1000}]\n", "")
        .replace("team: {council: [{name: A}], implementers: [{name: B}]}\n", "")
        + "not_recorded: [swot, team, programs.budget]\n"
    )
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(select=("stage-requirements",)))
    assert result.ok
    assert {f.severity.label for f in result.findings} == {"info"}
    messages = [f.message for f in result.findings]
    assert len(messages) == 2 + 4 + 2  # team ×2, swot ×4, budget at stage 3 and stage 4
    assert all(m.startswith("not recorded (") for m in messages)
    assert any(m.startswith("not recorded (programs.budget is in not_recorded): stage 3") for m in messages)


def test_a_swot_per_rated_component_meets_stage1(tmp_path: Path) -> None:
    swot = "swot: {strengths: [a], weaknesses: [b], opportunities: [c], threats: [d]}"
    text = COMPLETE.replace(swot + "\n", "")
    for key in ("structure", "infrastructure", "superstructure"):
        text = text.replace(
            f"  {key}: {{rating: good}}\n", f"  {key}: {{rating: good, gaps: [g], {swot}}}\n"
        )
    assert stage_findings(tmp_path, text) == []
    partial = text.replace(f"  structure: {{rating: good, gaps: [g], {swot}}}\n", "  structure: {rating: good}\n")
    found = stage_findings(tmp_path, partial)
    assert len(found) == 4 and all("SWOT" in message for _, _, message in found)
