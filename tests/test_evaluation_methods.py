"""Evaluation methods change (SPEC §10): any component key, its label, the published score,
no trend across a change of method, and the `evaluation` rule."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import ROOT
from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.cli import app
from smartplan.domain.metrics import (
    computed_index,
    evaluation_index,
    evaluation_indices,
    index_change,
)
from smartplan.report import render_file
from smartplan.report.cohort import collect
from smartplan.report.cohort_table import cells, table
from smartplan.report.export import export_table
from smartplan.reporters.documents import render_document
from smartplan.reporters.xlsx import plan_workbook
from test_rules import BASE

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


# --- the 2021 cohort's plan in every format, the portfolio, the exports and the review -------

COHORT = (BASE + EVALUATIONS).replace(
    "province: Jambi}", "province: Kalimantan Timur, cohort: 2021}", 1
)


@pytest.fixture
def kppn(isolated: Path) -> Path:
    plan = isolated / "kppn" / "masterplan.yaml"
    plan.parent.mkdir()
    plan.write_text(COHORT, encoding="utf-8")
    return plan


def flat(text: str) -> str:
    return " ".join(text.split())


def test_reports_show_the_published_and_all_six_components(kppn: Path) -> None:
    md = render_file(kppn, report="evaluation", fmt="md")
    assert "| Program Kolaborasi |" in md
    assert "| 2022 |" in md and "**2,51** |  |" in md  # published; computed 2,50 within 0.01
    assert "2,80 (10) | **2,94** | metode berubah |" in md  # six components, no ± across methods
    assert "naik" not in md and "turun" not in md and "dihitung" not in md
    assert "Tren indeks evaluasi: metode berubah." in md
    summary = render_file(kppn, report="summary", fmt="md")
    assert "Indeks evaluasi 2023: **2,94** (tren indeks evaluasi: metode berubah)" in summary
    english = render_file(kppn, report="evaluation", fmt="md", lang="en")
    assert "**2.94** | method changed |" in english and "rising" not in english


def test_html_and_word_say_the_same(kppn: Path) -> None:
    html = flat(re.sub(r"<[^>]+>", " ", render_file(kppn, report="evaluation", fmt="html")))
    document = docx.Document(io.BytesIO(render_document(kppn, report="evaluation").data))
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    for text in (html, flat(" ".join(" | ".join(row) for row in cells))):
        assert "Program Kolaborasi" in text and "2,51" in text and "2,94" in text
        assert "metode berubah" in text and "naik" not in text
    assert ["2023 · Tahap II", "3,00 (10)", "3,10 (20)", "2,90 (20)", "2,80 (20)", "3,00 (20)",
            "2,80 (10)", "2,94", "metode berubah"] in cells  # fmt: skip
    summary = docx.Document(io.BytesIO(render_document(kppn, report="summary").data))
    said = " ".join(p.text for p in summary.paragraphs)
    assert "Indeks evaluasi 2023: 2,94 (tren indeks evaluasi: metode berubah)" in said


def test_the_pdf_prints_the_html(kppn: Path) -> None:
    if shutil.which("chromium") is None and shutil.which("chromium-browser") is None:
        pytest.fail("Chromium is part of the test environment")
    pdf = PdfReader(io.BytesIO(render_document(kppn, report="evaluation", fmt="pdf").data))
    text = flat(" ".join(page.extract_text() for page in pdf.pages))
    assert "Program Kolaborasi" in text and "2,51" in text and "2,94" in text
    assert "metode berubah" in text and "naik" not in text


def test_a_published_score_that_differs_shows_the_computed_beside(isolated: Path) -> None:
    plan = isolated / "masterplan.yaml"
    plan.write_text(COHORT.replace("published: 2.51", "published: 2.6"), encoding="utf-8")
    md = render_file(plan, report="evaluation", fmt="md")
    assert "**2,60** (dihitung 2,50) |" in md
    assert "nilai itulah indeksnya" in md  # the note says what the two numbers are
    word = docx.Document(io.BytesIO(render_document(plan, report="evaluation").data))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "2,60 (dihitung 2,50)" in cells


def test_a_component_without_a_name_is_shown_by_its_key(isolated: Path) -> None:
    plan = isolated / "masterplan.yaml"
    plan.write_text(COHORT.replace("components: {kolaborasi: Program Kolaborasi}", "note: x"))
    assert "| Quick win | kolaborasi | Indeks |" in render_file(plan, report="evaluation")


def test_the_portfolio_shows_the_index_without_a_change_across_methods(kppn: Path) -> None:
    (row,) = collect([str(kppn.parent)], parallel=False)
    assert (row.index_year, row.index, row.index_change, row.index_method_changed) == (
        2023,
        2.94,
        None,
        True,
    )
    assert cells(row, "id")[-1] == "2,94 (metode berubah)"
    assert cells(row, "en")[-1] == "2,94 (method changed)"
    record = table([row]).records()[0]
    assert (record["eval_index"], record["eval_change"], record["eval_method_changed"]) == (
        2.94,
        None,
        True,
    )
    page = CliRunner().invoke(
        app, ["portfolio", str(kppn.parent), "--format", "md", "--lang", "id"]
    )
    assert page.exit_code == 0 and "2,94 (metode berubah)" in page.output
    page = CliRunner().invoke(
        app, ["portfolio", str(kppn.parent), "--format", "html", "--lang", "id"]
    )
    assert page.exit_code == 0 and "2,94 (metode berubah)" in page.output


def test_the_portfolio_shows_a_published_latest_and_its_computed(isolated: Path) -> None:
    plan = isolated / "one" / "masterplan.yaml"
    plan.parent.mkdir()
    only_2022 = COHORT[: COHORT.index("  - year: 2023")].replace(
        "published: 2.51", "published: 2.6"
    )
    plan.write_text(only_2022, encoding="utf-8")
    (row,) = collect([str(plan.parent)], parallel=False)
    assert (row.index, row.index_computed) == (2.6, 2.5)
    assert cells(row, "id")[-1] == "2,60 (dihitung 2,50)"


def test_export_tables_of_the_evaluations(kppn: Path) -> None:
    rows = export_table(yaml.safe_load(COHORT), "evaluations").records()
    assert [(r["year"], r["round"], r["index"], r["published"], r["computed"], r["change"],
             r["method_changed"]) for r in rows] == [
        (2022, None, 2.51, 2.51, None, None, False),
        (2023, 2, 2.94, None, None, None, True),
    ]  # fmt: skip
    assert rows[1]["weights"] == (
        "baseline:10;output:20;outcome:20;impact:20;quick_win:20;kolaborasi:10"
    )
    done = CliRunner().invoke(
        app, ["export", str(kppn), "--table", "evaluations", "--format", "json"]
    )
    assert done.exit_code == 0 and json.loads(done.output)["rows"][1]["index"] == 2.94
    done = CliRunner().invoke(app, ["export", str(kppn), "--table", "evaluations"])
    assert [r["index"] for r in csv.DictReader(io.StringIO(done.output))] == ["2.51", "2.94"]
    book = openpyxl.load_workbook(io.BytesIO(plan_workbook(yaml.safe_load(COHORT), "x")))
    sheet = list(book["Evaluasi"].values)
    assert sheet[0][:4] == ("region", "year", "round", "index")
    assert [r[3] for r in sheet[1:]] == [2.51, 2.94] and sheet[2][7] is True


def test_the_review_names_components_and_the_published_score(kppn: Path) -> None:
    before = kppn.parent / "before.yaml"
    before.write_text(
        COHORT.replace("    published: 2.51\n", "").replace(", kolaborasi: 10}", "}"),
        encoding="utf-8",
    )
    done = CliRunner().invoke(app, ["diff", str(before), str(kppn), "--lang", "id"])
    assert done.exit_code in (0, 1), done.output
    assert "2022 · Nilai final terbit: 2,51" in done.output
    assert "2023.2 · Bobot · kolaborasi: 10" in done.output


def test_published_scores_alone_are_not_compared(isolated: Path) -> None:
    """Without weights nobody knows the methods: no change, no trend, and no "method changed"."""
    plan = isolated / "alone" / "masterplan.yaml"
    plan.parent.mkdir()
    plan.write_text(
        BASE
        + "evaluations:\n  - {year: 2022, published: 2.51}\n  - {year: 2023, published: 2.7}\n",
        encoding="utf-8",
    )
    md = render_file(plan, report="evaluation", fmt="md")
    assert "| 2023 |" in md and "**2,70** |  |" in md
    assert "metode berubah" not in md and "Tren indeks" not in md
    assert index_change(evaluation_indices(yaml.safe_load(plan.read_text()))) == (None, None)
    rows = export_table(yaml.safe_load(plan.read_text()), "evaluations").records()
    assert [(r["index"], r["change"], r["method_changed"]) for r in rows] == [
        (2.51, None, False),
        (2.7, None, None),
    ]
    (row,) = collect([str(plan.parent)], parallel=False)
    assert (row.index, row.index_change, row.index_method_changed) == (2.7, None, None)
    assert cells(row, "id")[-1] == "2,70"


def test_the_evaluasi_sheet_is_never_imported(kppn: Path) -> None:
    """The evaluations are shown in the workbook for reading; an edit there changes no plan."""
    before = kppn.read_bytes()
    book = kppn.parent / "book.xlsx"
    assert (
        CliRunner().invoke(app, ["export", str(kppn), "-f", "xlsx", "-o", str(book)]).exit_code == 0
    )
    workbook = openpyxl.load_workbook(book)
    workbook["Evaluasi"]["D2"] = 4.9  # the 2022 index
    workbook["Evaluasi"].append(["x", 2030, None, 5])
    workbook.save(book)
    done = CliRunner().invoke(app, ["import", str(book), "--into", str(kppn)])
    assert done.exit_code == 0 and "nothing to import" in done.output
    assert kppn.read_bytes() == before


def test_the_chart_draws_no_line_across_a_change_of_method(kppn: Path) -> None:
    html = render_file(kppn, report="evaluation", fmt="html")
    chart = html[html.index('id="chart-evaluation"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<circle") == 2 and "<polyline" not in chart
    jambi = render_file(
        ROOT / "examples/kota-jambi/masterplan.yaml", report="evaluation", fmt="html"
    )
    chart = jambi[jambi.index('id="chart-evaluation"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<polyline") == 1 and chart.count("<circle") == 3  # 2021–2022 only
