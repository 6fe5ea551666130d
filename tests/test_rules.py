"""Every rule of SPEC §4: a failing and a passing plan, rule id, severity and exact line."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.findings import Severity
from smartplan.rules import RULES

# A complete stage-1 plan in 30 lines; cases append from line 31 on.
BASE = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2023, end: 2032}
stage: 1
organizations:
  - {id: diskominfo, name: Dinas Komunikasi dan Informatika, kind: opd}
  - {id: bappeda, name: Bappeda, kind: opd}
team:
  council: [{name: Wali Kota, organization: bappeda}]
  implementers: [{name: Kepala Diskominfo, organization: diskominfo}]
readiness:
  structure: {rating: good}
  infrastructure: {rating: fair}
  superstructure: {rating: poor}
swot:
  strengths: [a]
  weaknesses: [b]
  opportunities: [c]
  threats: [d]
regulations:
  - {id: perda-1, kind: perda}
# padding so that programmes start at line 31
#
#
#
#
#
#
#
#
"""
assert BASE.count("\n") == 30


def found(
    tmp_path: Path, extra: str, rule: str, stage: int | None = None
) -> list[tuple[str, str, int, int]]:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(BASE + extra, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(stage=stage, select=(rule,)))
    return [(f.rule, f.severity.label, f.line, f.column) for f in result.findings]


def program(line: str) -> str:
    return "programs:\n  - " + line + "\n"


CASES = [
    # (rule, plan text after BASE, stage, expected (severity, line, column) list)
    (
        "unique-id",
        "programs:\n  - {id: A, name: a, dimension: governance}\n  - {id: A, name: b, dimension: governance}\n",
        None,
        [("error", 33, "A, name: b")],
    ),
    (
        "unique-id",
        "programs:\n  - {id: A, name: a, dimension: governance}\n  - {id: B, name: b, dimension: governance}\n",
        None,
        [],
    ),
    (
        "unknown-reference",
        program("{id: A, name: a, dimension: governance, lead: diskominf}"),
        None,
        [("error", 32, "diskominf}")],
    ),
    (
        "unknown-reference",
        program(
            "{id: A, name: a, dimension: governance, partners: [bappeda, x], "
            "depends_on: [Z], regulations: [perda-9]}"
        ),
        None,
        [("error", 32, "x]"), ("error", 32, "Z]"), ("error", 32, "perda-9")],
    ),
    (
        "unknown-reference",
        program(
            "{id: A, name: a, dimension: governance, lead: diskominfo, "
            "depends_on: [A], regulations: [perda-1]}"
        ),
        None,
        [],
    ),
    (
        "unknown-dimension",
        program("{id: A, name: a, dimension: goverment}"),
        None,
        [("error", 32, "goverment")],
    ),
    (
        "unknown-dimension",
        "dimensions:\n  mobility: {goal: x}\n",
        None,
        [("error", 32, "mobility")],
    ),
    ("unknown-dimension", program("{id: A, name: a, dimension: governance}"), None, []),
    (
        "unknown-element",
        program("{id: A, name: a, dimension: governance, element: health}"),
        None,
        [("error", 32, "health")],
    ),
    (
        "unknown-element",
        program("{id: A, name: a, dimension: governance, element: service}"),
        None,
        [],
    ),
    ("period", "period: {start: 2030, end: 2023}\n", None, [("error", 31, "2023}")]),
    (
        "period",
        program("{id: A, name: a, dimension: governance, start: 2022, end: 2024}"),
        None,
        [("error", 32, "2022")],
    ),
    (
        "period",
        program("{id: A, name: a, dimension: governance, start: 2025, end: 2024}"),
        None,
        [("error", 32, "2024}")],
    ),
    (
        "period",
        program("{id: A, name: a, dimension: governance, budget: [{year: 2040, amount: 1}]}"),
        None,
        [("error", 32, "2040")],
    ),
    (
        "period",
        program(
            "{id: A, name: a, dimension: governance, indicators: [{name: x, "
            "targets: [{year: 2033, value: 1}]}]}"
        ),
        None,
        [("error", 32, "2033")],
    ),
    (
        "period",
        program("{id: A, name: a, dimension: governance, start: 2023, end: 2032}"),
        None,
        [],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: short, end: 2025}"),
        None,
        [("error", 32, "2025")],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: medium, end: 2029}"),
        None,
        [("error", 32, "2029")],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: medium, end: 2028}"),
        None,
        [("error", 32, "2028")],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: medium, end: 2027}"),
        None,
        [],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: long, end: 2024}"),
        None,
        [("error", 32, "2024")],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: short, end: 2024}"),
        None,
        [("error", 32, "2024")],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: short, end: 2023}"),
        None,
        [],
    ),
    (
        "horizon-window",
        program("{id: A, name: a, dimension: governance, horizon: long, end: 2032}"),
        None,
        [],
    ),
    (
        "quick-win",
        program(
            "{id: A, name: a, dimension: governance, quick_win: true, horizon: medium, start: 2026}"
        ),
        None,
        [],
    ),
    (
        "quick-win",
        program("{id: A, name: a, dimension: governance, quick_win: 2027, start: 2024, end: 2028}"),
        None,
        [],
    ),
    (
        "quick-win",
        program("{id: A, name: a, dimension: governance, quick_win: 2022, start: 2022, end: 2023}"),
        None,
        [],
    ),
    (
        "quick-win",
        program("{id: A, name: a, dimension: governance, quick_win: 2021, start: 2021}"),
        None,
        [("error", 32, "2021")],
    ),
    (
        "quick-win",
        program("{id: A, name: a, dimension: governance, quick_win: 2026, start: 2027}"),
        None,
        [("error", 32, "2026")],
    ),
    (
        "quick-win",
        program(
            "{id: A, name: a, dimension: governance, quick_win: true, start: 2024, end: 2027, "
            "progress: [{year: 2024, status: planned}, {year: 2026, status: done}]}"
        ),
        None,
        [("warning", 32, "{year: 2026")],
    ),
    (
        "dependency-cycle",
        "programs:\n  - {id: B, name: b, dimension: governance, depends_on: [C]}\n"
        "  - {id: C, name: c, dimension: governance, depends_on: [B]}\n"
        "  - {id: D, name: d, dimension: governance, depends_on: [D]}\n",
        None,
        [("error", 32, "[C]"), ("error", 34, "[D]")],
    ),
    (
        "dependency-cycle",
        "programs:\n  - {id: B, name: b, dimension: governance, depends_on: [C]}\n"
        "  - {id: C, name: c, dimension: governance}\n",
        None,
        [],
    ),
    (
        "dependency-order",
        "programs:\n  - {id: B, name: b, dimension: governance, start: 2023, depends_on: [C]}\n"
        "  - {id: C, name: c, dimension: governance, start: 2025}\n",
        None,
        [("error", 32, "2023")],
    ),
    (
        "dependency-order",
        "programs:\n  - {id: B, name: b, dimension: governance, start: 2025, depends_on: [C]}\n"
        "  - {id: C, name: c, dimension: governance, start: 2025}\n",
        None,
        [],
    ),
    (
        "budget",
        program(
            "{id: A, name: a, dimension: governance, start: 2023, end: 2024, "
            "budget: [{year: 2024, amount: -5}, {year: 2026, amount: 5}]}"
        ),
        None,
        [("error", 32, "-5"), ("error", 32, "2026")],
    ),
    (
        "budget",
        program(
            "{id: A, name: a, dimension: governance, start: 2023, end: 2024, "
            "budget: [{year: 2024, amount: 5}]}"
        ),
        None,
        [],
    ),
    (
        "dimension-coverage",
        program("{id: A, name: a, dimension: governance}"),
        2,
        [("error", 31, "programs")] * 5,
    ),
    ("dimension-coverage", program("{id: A, name: a, dimension: governance}"), 1, []),
    (
        "element-coverage",
        program("{id: A, name: a, dimension: governance, element: service}"),
        3,
        [("warning", 31, "programs")] * 17,
    ),
    (
        "element-coverage",
        program("{id: A, name: a, dimension: governance, element: service}"),
        2,
        [],
    ),
]


@pytest.mark.parametrize(("rule", "extra", "stage", "expected"), CASES)
def test_rule(
    tmp_path: Path, rule: str, extra: str, stage: int | None, expected: list[tuple[str, int, str]]
) -> None:
    """Expected columns are where the marker text stands on that line: the offending value."""
    lines = (BASE + extra).splitlines()
    columns = [
        (severity, line, lines[line - 1].index(marker) + 1) for severity, line, marker in expected
    ]
    assert found(tmp_path, extra, rule, stage) == [(rule, *c) for c in columns]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "{id: A, name: a, dimension: governance, horizon: long, start: 2023, end: 2024}",
            "program A is long-term (jangka panjang) but ends in 2024, year 2 of the plan; "
            "a long programme ends in 2028–2032 (years 6–10)",
        ),
        (
            "{id: A, name: a, dimension: governance, horizon: short, start: 2023, end: 2024}",
            "program A is short-term (jangka pendek) but ends in 2024, year 2 of the plan; "
            "a short programme ends in 2023–2023 (years 1–1)",
        ),
        (
            "{id: A, name: a, dimension: governance, quick_win: 2021, start: 2021}",
            "program A is a quick win in 2021, outside 2022–2032 "
            "(the period, and the Bimtek year before it)",
        ),
        (
            "{id: A, name: a, dimension: governance, quick_win: true, start: 2024, end: 2027, "
            "progress: [{year: 2026, status: ongoing}]}",
            "program A is a quick win in 2024 but its first record of delivery (ongoing, done "
            "or a milestone) is in 2026: a quick win delivers within two years (by 2025)",
        ),
    ],
)
def test_years_messages_say_the_window(tmp_path: Path, line: str, message: str) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(BASE + "programs:\n  - " + line + "\n")
    result = validate_paths([str(plan)], ValidateOptions(select=("horizon-window", "quick-win")))
    assert [f.message for f in result.findings] == [message]


def test_horizon_windows_from_the_settings_file(tmp_path: Path) -> None:
    (tmp_path / ".smartplan.yaml").write_text("horizons: {short: [1, 2], medium: [3, 5]}\n")
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        BASE + "programs:\n  - {id: A, name: a, dimension: governance, horizon: short, end: 2024}\n"
        "  - {id: B, name: b, dimension: governance, horizon: medium, end: 2024}\n"
    )
    result = validate_paths([str(plan)], ValidateOptions(select=("horizon-window",)))
    assert [(f.line, "2025–2027" in f.message) for f in result.findings] == [(33, True)]


def test_evaluation_rounds_are_unique_by_year_and_round(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        BASE + "evaluations:\n  - {year: 2024, round: 1}\n  - {year: 2024, round: 2}\n"
        "  - {year: 2024, round: 2}\n  - {year: 2025}\n  - {year: 2025}\n"
    )
    result = validate_paths([str(plan)], ValidateOptions(select=("unique-id",)))
    assert [(f.line, f.message) for f in result.findings] == [
        (34, "evaluation 2024 round 2 is listed again (first at line 33)"),
        (36, "evaluation 2025 is listed again (first at line 35): "
         "give each of the year's rounds its round: 1 or 2"),
    ]


def test_also_dimensions_and_missions(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        BASE + "missions: [Satu, Dua]\nprograms:\n"
        "  - {id: A, name: a, dimension: governance, also_dimensions: [society, sosial], "
        "missions: [1, 3]}\n"
    )
    result = validate_paths(
        [str(plan)], ValidateOptions(select=("unknown-dimension", "unknown-reference"))
    )
    assert [f.message for f in result.findings] == [
        "program A also_dimensions 'sosial' is not a dimension of kominfo-2017 "
        "(governance, branding, economy, living, society, environment)",
        "program A missions 3 is not a mission number: the plan lists 2 missions (1–2)",
    ]


def test_cycle_message_names_the_cycle(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        BASE + "programs:\n  - {id: GOV-05, name: b, dimension: governance, depends_on: [GOV-03]}\n"
        "  - {id: GOV-03, name: c, dimension: governance, depends_on: [GOV-05]}\n"
    )
    result = validate_paths([str(plan)], ValidateOptions(select=("dependency-cycle",)))
    assert [f.message for f in result.findings] == ["dependency cycle: GOV-03 → GOV-05 → GOV-03"]
    assert result.findings[0].line == 33


def test_every_rule_has_contract() -> None:
    for rule in RULES.values():
        assert rule.id == rule.id.lower() and " " not in rule.id
        assert rule.summary and "Bad" in rule.explanation and "Good" in rule.explanation
    warnings = {"element-coverage", "schema-link"}  # advice, not a broken plan
    assert {k for k, r in RULES.items() if r.severity is Severity.WARNING} == warnings
    assert {r.severity for k, r in RULES.items() if k not in warnings} == {Severity.ERROR}


def test_rules_never_crash_on_schema_invalid_data(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        "smartplan: 1\nperiod: [1]\nstage: 9\nteam: x\nreadiness: [1]\nswot: 3\ndimensions: [a]\n"
        "commitment: no\nprograms:\n  - 3\n  - {id: [1], dimension: 4, start: x, budget: 5, "
        "indicators: [1, {targets: 2}], depends_on: 7, quick_win: true}\n"
        "  - {id: A, budget: [1, {year: x, amount: y}], indicators: [{targets: [1]}], depends_on: [[1]]}\n"
    )
    result = validate_paths([str(plan)], ValidateOptions(stage=4))
    assert {f.rule for f in result.findings} >= {"schema", "stage-requirements"}
