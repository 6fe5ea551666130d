"""Evaluation methods change (SPEC §10): any component key, its label, the published score,
no trend across a change of method, and the `evaluation` rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.test_rules import BASE

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.domain.metrics import (
    computed_index,
    evaluation_index,
    evaluation_indices,
    index_change,
)

FIVE = "{baseline: 10, output: 20, outcome: 30, impact: 30, quick_win: 10}"
# The 2021 (KPPN/IKN) cohort: 2022 with five components and the published "Nilai final 2,51";
# 2023 Tahap II with the sixth, Program Kolaborasi (10/20/20/20/20 + 10). Scores chosen so that
# the weighted mean over all six is 2.94 (294 / 100); without kolaborasi it would be 2.96.
EVALUATIONS = f"""\
evaluations:
  - year: 2022
    weights: {FIVE}
    scores: {{baseline: 2.5, output: 2.5, outcome: 2.5, impact: 2.5, quick_win: 2.5}}
    published: 2.51
  - year: 2023
    round: 2
    components: {{kolaborasi: Program Kolaborasi}}
    weights: {{baseline: 10, output: 20, outcome: 20, impact: 20, quick_win: 20, kolaborasi: 10}}
    scores: {{baseline: 3.0, output: 3.1, outcome: 2.9, impact: 2.8, quick_win: 3.0, kolaborasi: 2.8}}
"""

SIX = {
    "weights": {"baseline": 10, "output": 20, "outcome": 20, "impact": 20, "quick_win": 20,
                "kolaborasi": 10},
    "scores": {"baseline": 3.0, "output": 3.1, "outcome": 2.9, "impact": 2.8, "quick_win": 3.0,
               "kolaborasi": 2.8},
}  # fmt: skip


def test_the_index_counts_every_component() -> None:
    assert computed_index(SIX) == 2.94
    assert evaluation_index({**SIX, "x-note": 1}) == 2.94


def test_the_published_score_is_the_index() -> None:
    assert evaluation_index({**SIX, "published": 2.51}) == 2.51
    assert computed_index({**SIX, "published": 2.51}) == 2.94


def test_no_change_across_a_change_of_method() -> None:
    five = {
        "year": 2022,
        "weights": {k: w for k, w in SIX["weights"].items() if k != "kolaborasi"},
        "scores": {k: s for k, s in SIX["scores"].items() if k != "kolaborasi"},
    }
    assert index_change(evaluation_indices({"evaluations": [five, {**SIX, "year": 2023}]})) == (
        None,
        True,
    )
    same = {**five, "year": 2023, "scores": {**five["scores"], "impact": 3.8}}
    assert index_change(evaluation_indices({"evaluations": [five, same]})) == (0.22, False)


def lint(tmp_path: Path, extra: str, rule: str = "evaluation") -> list[tuple[int, int, str]]:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(BASE + extra, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(select=(rule,)))
    return [(f.line, f.column, f.message) for f in result.findings]


def test_the_cohort_plan_passes_schema_and_rule(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(BASE + EVALUATIONS, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions())
    assert [f for f in result.findings if f.rule in ("schema", "evaluation")] == []


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (  # a score without a weight: at the score's key
            "evaluations:\n  - year: 2023\n    weights: {output: 20}\n"
            "    scores: {output: 3, kolaborasi: 2.8}\n",
            [(34, 25, "evaluation 2023: component 'kolaborasi' has a score but no weight")],
        ),
        (  # a weight without a score: at the weight's key
            "evaluations:\n  - year: 2023\n    weights:\n      output: 20\n"
            "      kolaborasi: 10\n    scores: {output: 3}\n",
            [(35, 7, "evaluation 2023: component 'kolaborasi' has a weight but no score")],
        ),
        (  # only scores recorded, x- keys are notes: nothing to say
            "evaluations:\n  - year: 2023\n    scores: {output: 3}\n"
            "  - year: 2024\n    weights: {output: 20, x-note: 1}\n    scores: {output: 3}\n",
            [],
        ),
    ],
)
def test_unmatched_weights_and_scores(
    tmp_path: Path, extra: str, expected: list[tuple[int, int, str]]
) -> None:
    assert lint(tmp_path, extra) == expected


def test_schema_takes_any_lowercase_component_only(tmp_path: Path) -> None:
    extra = (
        "evaluations:\n  - year: 2023\n    weights: {Kolaborasi: 10}\n"
        "    scores: {kolaborasi: 6}\n    published: 2.5\n"
    )
    assert [line for line, _, _ in lint(tmp_path, extra, "schema")] == [33, 34]
