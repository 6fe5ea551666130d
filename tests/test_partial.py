"""Plans as they are found (SPEC §10): a section recorded in part, counts over a section not
recorded, and a period nobody wrote down — checked, rendered and counted as unknown, never 0."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

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


def _texts(report: str, lang: str) -> dict[str, str]:
    """The report in md, html (its text, tags removed) and docx (its paragraphs' text)."""
    import io

    import docx
    from docx.oxml.ns import qn

    from smartplan.report import render_file
    from smartplan.reporters.documents import render_document

    texts = {}
    for fmt in ("md", "html"):
        text = render_file(PARTIAL, report=report, fmt=fmt, lang=lang)
        texts[fmt] = re.sub(r"<[^>]+>", " ", text) if fmt == "html" else text.replace("\\_", "_")
    data = render_document(PARTIAL, report=report, fmt="docx", lang=lang).data
    body = docx.Document(io.BytesIO(data)).element.body
    texts["docx"] = "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p"))
    )
    spaced = {fmt: " ".join(text.split()) for fmt, text in texts.items()}
    return {fmt: text.replace("( ", "(").replace(" )", ")") for fmt, text in spaced.items()}


@pytest.mark.parametrize("report", ["masterplan", "summary", "quickwins", "evaluation"])
def test_no_zero_stands_for_an_unknown_in_any_format(report: str) -> None:
    for fmt, text in _texts(report, "id").items():
        where = (report, fmt)
        assert "periode tidak tercatat" in text, where
        assert "0 quick win" not in text and "Tanpa elemen" not in text, where
        assert "Belum ada program quick win" not in text, where
        if report in ("masterplan", "summary"):
            assert "2 (sebagian tercatat)" in text, where  # the recorded count, marked
            # the budget total is the sum of the recorded budgets, marked
            assert re.search(r"Rp 2[\d.]* ?M? \(sebagian tercatat\)", text), where


def test_the_summary_counts_quick_wins_as_unknown_in_english() -> None:
    for fmt, text in _texts("summary", "en").items():
        assert "period not recorded" in text, fmt
        assert "2 (partly recorded)" in text, fmt  # programmes, and per dimension
        assert "0 (partly recorded)" in text, fmt  # a dimension with no recorded programme


def test_the_portfolio_shows_unknown_counts_as_unknown(tmp_path: Path) -> None:
    import csv
    import io
    import json

    from typer.testing import CliRunner

    from smartplan.cli import app

    folder = Path.cwd() / "plans"
    folder.mkdir()
    shutil.copy(PARTIAL, folder / "masterplan.yaml")
    runner = CliRunner()
    row = json.loads(runner.invoke(app, ["portfolio", str(folder), "-f", "json"]).output)
    record = row["rows"][0]
    assert record["quick_wins"] is None and record["elements"] is None
    assert record["programs"] == 2 and record["partly_recorded"] == "programs;programs.budget"
    table = runner.invoke(app, ["portfolio", str(folder), "-f", "csv"]).output
    cells = next(csv.DictReader(io.StringIO(table)))
    assert cells["quick_wins"] == "" and cells["elements"] == ""
    for fmt in ("text", "md", "html"):
        shown = runner.invoke(app, ["portfolio", str(folder), "-f", fmt, "--lang", "id"]).output
        assert "0/18" not in shown, fmt
        assert "tidak tercatat" in shown and "2 (sebagian tercatat)" in shown, fmt
    # the cohort's figures on the page: a quick-win count nobody recorded is not 0
    page = runner.invoke(app, ["portfolio", str(folder), "-f", "html", "--lang", "id"]).output
    stats = re.findall(r'<div class="stat"><b>([^<]*)</b>', page)
    assert stats[1:3] == ["2 (sebagian tercatat)", "tidak tercatat"], stats


def test_the_review_says_a_count_not_recorded_is_unknown(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from smartplan.cli import app

    old = Path.cwd() / "old.yaml"
    shutil.copy(PARTIAL, old)
    new = Path.cwd() / "new.yaml"
    text = PARTIAL.read_text(encoding="utf-8")
    new.write_text(
        text.replace("not_recorded: [period, programs.quick_win,", "not_recorded: [period,")
    )
    runner = CliRunner()
    review = json.loads(runner.invoke(app, ["diff", str(old), str(new), "-f", "json"]).output)
    assert review["review"]["quick_wins"] == {"old": None, "new": 0}
    shown = runner.invoke(app, ["diff", str(old), str(new), "--lang", "id"]).output
    assert re.search(r"Quick win +tidak tercatat +0", shown), shown
    assert "\nTidak tercatat\n" in shown  # the section changed, in words


def test_an_unknown_period_leaves_the_roadmap_to_the_programmes_years() -> None:
    import yaml

    from smartplan.domain.framework import load_framework
    from smartplan.report.model import build

    data = yaml.safe_load(PARTIAL.read_text(encoding="utf-8"))
    plan = build(data, load_framework("kominfo-2017", PARTIAL.parent), "id")
    assert plan.period_text == "periode tidak tercatat"
    assert plan.roadmap.years == [2020, 2021, 2022, 2023, 2024]  # GOV-01 2020 … ECO-01 2024
    assert [e.label for d in plan.dimensions for e in d.elements if not e.id] == [
        "tidak tercatat",
        "tidak tercatat",
    ]
