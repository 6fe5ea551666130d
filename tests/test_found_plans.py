"""Nothing real breaks an output (SPEC §10): a property test over plans as they are found.

Hypothesis writes valid plans — any section or programme field `not_recorded` or
`partly_recorded`, the period given or not recorded, programmes with and without years,
owners, budgets, indicators, progress and quick wins — and each one is rendered as every
report kind in md, html and docx (through the one writer, as a user's `-o` does), exported
as every table in csv, json and xlsx, and entered into the portfolio in every format. Every
run exits 0 with no internal error, and no count over a section the plan says it does not hold
is printed as 0 (the portfolio's JSON has null there).

Seeded (`derandomize`: the same plans on every run) and bounded to about a minute on a shared
two-core machine; a long run: `pytest -m fuzz --hypothesis-profile long tests/test_found_plans.py`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.cli import app

pytestmark = pytest.mark.fuzz

DIMENSIONS = {
    "governance": ["service", "bureaucracy", "policy"],
    "branding": ["tourism", "business", "appearance"],
    "economy": ["industry", "welfare", "transaction"],
    "living": ["harmony", "health", "mobility"],
    "society": ["community", "learning", "security"],
    "environment": ["protection", "waste", "energy"],
}
# every dotted path a recovered plan may name (SPEC §8, §10)
SECTIONS = [
    "vision", "missions", "swot", "team", "team.council", "readiness", "readiness.structure",
    "commitment", "dimensions", "dimensions.goal", "dimensions.strategy", "evaluations",
    "programs", "programs.budget", "programs.lead", "programs.quick_win", "programs.element",
    "programs.indicators", "programs.horizon", "programs.dimension", "programs.progress",
    "organizations", "regulations", "bimtek",
]  # fmt: skip
REPORTS = ("masterplan", "summary", "quickwins", "evaluation")
TABLES = ("programs", "budget", "indicators")
INTERNAL = ("internal error", "kesalahan internal", "Traceback")

years = st.integers(min_value=2016, max_value=2034)


@st.composite
def programme(draw: st.DrawFn, index: int, orgs: list[str]) -> dict[str, Any]:
    dimension = draw(st.sampled_from(sorted(DIMENSIONS)))
    item: dict[str, Any] = {
        "id": f"P-{index:02d}",
        "name": f"Program {index}",
        "dimension": dimension,
    }
    if draw(st.booleans()):
        item["element"] = draw(st.sampled_from(DIMENSIONS[dimension]))
    start = draw(st.none() | years)
    end = draw(st.none() | years)
    if start is not None and end is not None and end < start:
        start, end = end, start
    for key, value in (("start", start), ("end", end)):
        if value is not None:
            item[key] = value
    if draw(st.booleans()):
        item["horizon"] = draw(st.sampled_from(["short", "medium", "long"]))
    if orgs and draw(st.booleans()):
        item["lead"] = draw(st.sampled_from(orgs))
    quick = draw(st.sampled_from([None, True, "year"]))
    if quick is True:
        item["quick_win"] = True
    elif quick == "year":
        item["quick_win"] = draw(years)
    if draw(st.booleans()):
        item["budget"] = [
            {"year": draw(years), "amount": draw(st.integers(0, 10**10)), "source": "apbd"}
            for _ in range(draw(st.integers(1, 3)))
        ]
    if draw(st.booleans()):
        targets = [{"year": draw(years), "value": draw(st.integers(0, 500))}]
        if draw(st.booleans()):
            targets.append({"value": 1})  # no year: the programme's end, or the period's
        item["indicators"] = [{"name": "Layanan", "unit": "layanan", "targets": targets}]
    if draw(st.booleans()):
        item["status"] = draw(st.sampled_from(["planned", "ongoing", "done", "postponed"]))
    if draw(st.booleans()):
        item["progress"] = [
            {"year": draw(years), "status": draw(st.sampled_from(["ongoing", "done"]))}
        ]
    return item


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    orgs = draw(st.sampled_from([[], ["diskominfo"], ["diskominfo", "bappeda"]]))
    not_recorded = draw(st.lists(st.sampled_from(SECTIONS), unique=True, max_size=6))
    partly = draw(st.lists(st.sampled_from(SECTIONS), unique=True, max_size=4))
    plan: dict[str, Any] = {
        "smartplan": 1,
        "region": {"name": "Kabupaten Contoh", "kind": "kabupaten", "province": "Jambi"},
        "stage": draw(st.integers(1, 4)),
    }
    if draw(st.booleans()):
        plan["region"]["cohort"] = draw(st.sampled_from([2017, 2018, 2019, 2021]))
    if draw(st.booleans()):
        first = draw(st.integers(2017, 2024))
        plan["period"] = {"start": first, "end": first + draw(st.sampled_from([4, 9]))}
    else:
        not_recorded.append("period")
    if orgs:
        plan["organizations"] = [{"id": o, "name": o.capitalize()} for o in orgs]
    if draw(st.booleans()):
        plan["vision"] = "Kabupaten cerdas"
        plan["missions"] = ["Layanan digital"]
    count = draw(st.integers(0, 5))
    plan["programs"] = [draw(programme(i + 1, orgs)) for i in range(count)]
    if draw(st.booleans()):
        plan["evaluations"] = [
            {
                "year": draw(years),
                "weights": {"baseline": 10, "output": 20, "outcome": 30, "impact": 30},
                "scores": {"baseline": 3, "output": 2.5, "outcome": 3, "impact": 2},
            }
        ]
    plan.update(draw(sections(orgs)))
    if not_recorded:
        plan["not_recorded"] = not_recorded
    if partly:
        plan["partly_recorded"] = partly
    return plan


@st.composite
def sections(draw: st.DrawFn, orgs: list[str]) -> dict[str, Any]:
    """The other sections, each present or not: the Bimtek record (one with only an end),
    the team, readiness and SWOT, directions per dimension, regulations, the commitment."""
    found: dict[str, Any] = {}
    if draw(st.booleans()):
        sessions: list[dict[str, Any]] = [{"stage": 1, "end": "2018-08-15"}]
        if draw(st.booleans()):
            sessions.append(
                {"stage": 2, "start": "2018-09-10", "participants": ["Bappeda"], "note": "Luring"}
            )
        found["bimtek"] = sessions
    member = {"organization": orgs[0]} if orgs else {"name": "Kepala Dinas"}
    if draw(st.booleans()):
        found["team"] = {"council": [member], "implementers": [{"name": "Sekretaris"}]}
    if draw(st.booleans()):
        found["readiness"] = {"structure": {"rating": draw(st.sampled_from(["good", "poor"]))}}
        found["swot"] = {"strengths": ["a"], "threats": ["b"]}
    if draw(st.booleans()):
        found["dimensions"] = {
            name: {"goal": "Tujuan", "strategy": ["Strategi"]}
            for name in draw(st.lists(st.sampled_from(sorted(DIMENSIONS)), unique=True))
        }
    if draw(st.booleans()):
        found["regulations"] = [{"id": "perbup-1", "kind": "perbup", "year": draw(years)}]
    if draw(st.booleans()):
        head = {"name": "Bupati Contoh", "title": "Bupati", "role": "head"}
        found["commitment"] = {"date": "2019-05-02", "signatories": [head, member]}
    return found


def run(args: list[str], lang: str = "en") -> str:
    result = CliRunner().invoke(app, [*args, "--lang", lang])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.exception,
    )
    assert result.exit_code == 0, (args, result.output)
    assert not any(word in result.output for word in INTERNAL), (args, result.output)
    return result.output


@settings(derandomize=True, max_examples=100)
@given(plan=plans(), lang=st.sampled_from(["id", "en"]))
def test_every_output_of_a_found_plan(plan: dict[str, Any], lang: str) -> None:
    work = Path.cwd() / "found"
    work.mkdir(exist_ok=True)
    path = work / "masterplan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True, sort_keys=False), encoding="utf-8")
    # the generator writes valid plans: the schema finds nothing in them
    result = validate_paths([str(path)], ValidateOptions(select=("schema",)))
    assert not result.findings, [f.message for f in result.findings]
    for report in REPORTS:
        for fmt in ("md", "html", "docx"):
            out = work / f"{report}.{fmt}"
            run(["render", str(path), "--report", report, "--format", fmt, "-o", str(out)], lang)
            assert out.stat().st_size > 0
    for table in TABLES:
        for fmt in ("csv", "json"):
            run(["export", str(path), "--table", table, "--format", fmt], lang)
    run(["export", str(path), "--format", "xlsx", "-o", str(work / "plan.xlsx")], lang)
    for fmt in ("text", "md", "html", "csv"):
        run(["portfolio", str(work), "--format", fmt], lang)
    cohort = Path.cwd() / "cohort.xlsx"
    run(["portfolio", str(work), "--format", "xlsx", "-o", str(cohort)], lang)
    row = json.loads(run(["portfolio", str(work), "--format", "json"]))["rows"][0]
    _unknown_is_null(plan, row)


def _unknown_is_null(plan: dict[str, Any], row: dict[str, Any]) -> None:
    """A count over a section not recorded is null in the portfolio's JSON, never 0."""
    entries = plan.get("not_recorded", [])

    def unknown(path: str) -> bool:
        return any(path == e or path.startswith(e + ".") for e in entries)

    for column, path in (
        ("programs", "programs"),
        ("quick_wins", "programs.quick_win"),
        ("elements", "programs.element"),
        ("governance", "programs.dimension"),
    ):
        if unknown(path):
            assert row[column] is None, (column, row)
        else:
            assert row[column] is not None, (column, row)
