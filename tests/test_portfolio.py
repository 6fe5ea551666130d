"""`smartplan portfolio`: the mentor's view over many regions, every format, serial = parallel."""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from pathlib import Path

import html5lib
import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from smartplan.cli import app
from smartplan.report.cohort import collect, select
from smartplan.report.cohort_table import table

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus

runner = CliRunner()


@pytest.fixture
def cohort(isolated: Path) -> Path:
    """The eight examples, twenty generated plans and one broken plan."""
    folder = isolated / "cohort"
    shutil.copytree(EXAMPLES, folder / "examples")
    corpus.write_corpus(folder / "generated", count=20, programs=20)
    broken = folder / "broken" / "masterplan.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("smartplan: 1\nregion: [\n", encoding="utf-8")
    return folder


def invoke(*args: str) -> str:
    result = runner.invoke(app, ["portfolio", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.usefixtures("indonesian")
def test_examples_table_for_a_report() -> None:
    output = invoke(str(EXAMPLES))
    assert "8 masterplan" in output and "| Daerah " in output  # Indonesian by default
    for region in (
        "Kabupaten Banyuwangi",
        "Kabupaten Padang Pariaman",
        "Kota Batam",
        "Kota Bontang",
        "Kota Jambi",
        "Kota Kediri",
        "Kota Pangkalpinang",
        "Kota Sukabumi",
    ):
        assert region in output
    assert "3,26 (+0,25)" in output  # Jambi's 2022 evaluation index and its change from 2021


def test_figures_of_one_plan() -> None:
    rows = {r.region: r for r in collect([str(EXAMPLES)])}
    jambi = rows["Kota Jambi"]
    assert (jambi.stage, jambi.cohort, jambi.period, jambi.programs) == (4, 2017, "2018–2027", 24)
    assert (jambi.elements_covered, jambi.elements_total) == (18, 18)
    assert (jambi.index_year, jambi.index) == (2022, 3.26)
    assert rows["Kabupaten Banyuwangi"].elements_covered == 12
    assert sum(rows["Kota Batam"].per_dimension.values()) == rows["Kota Batam"].programs


def test_a_broken_plan_is_a_row_not_an_abort(cohort: Path) -> None:
    rows = collect([str(cohort)])
    assert len(rows) == 29
    broken = [r for r in rows if r.problem]
    assert len(broken) == 1 and "masterplan.yaml:3:1" in broken[0].problem
    assert broken[0].errors == 1


def test_a_mapping_where_text_belongs_is_counted_not_a_crash(isolated: Path) -> None:
    """Found by the plan fuzz: a programme whose `dimension` is a mapping (two values swapped)
    ended the whole portfolio in 'internal error (TypeError: unhashable type: dict)'."""
    plan = isolated / "kota" / "masterplan.yaml"
    shutil.copytree(EXAMPLES / "kota-jambi", plan.parent)
    text = plan.read_text(encoding="utf-8")
    assert "dimension: governance" in text
    plan.write_text(text.replace("dimension: governance", "dimension: {year: 2023, value: 6}", 1))
    (row,) = collect([str(plan.parent)], cache=False)
    assert row.programs == 24 and row.errors >= 1
    assert row.elements_covered == 18  # the other programmes still cover every element
    result = runner.invoke(app, ["portfolio", str(plan.parent), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output


def test_parallel_equals_serial(cohort: Path) -> None:
    assert collect([str(cohort)], parallel=True) == collect([str(cohort)], parallel=False)


def test_progress_reports_every_plan(cohort: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    collect(
        [str(cohort)], progress=lambda done, total, current: seen.append((done, total, current))
    )
    assert [done for done, _, _ in seen] == list(range(1, 30))
    assert {total for _, total, _ in seen} == {29}


def test_filters_and_sorting(cohort: Path) -> None:
    rows = collect([str(cohort)])
    assert {r.stage for r in select(rows, stage=2)} == {2}
    jambi = select(rows, province="jambi")
    assert "Kota Jambi" in [r.region for r in jambi] and {r.province for r in jambi} == {"Jambi"}
    assert all(r.cohort == 2022 for r in select(rows, cohort=2022))
    by_stage = [r.stage or 0 for r in select(rows, sort="stage")]
    assert by_stage == sorted(by_stage, reverse=True)


def test_csv_and_json_read_back(cohort: Path) -> None:
    read = list(csv.DictReader(io.StringIO(invoke(str(cohort), "-f", "csv"))))
    assert len(read) == 29 and read[0]["region"]
    assert set(table(collect([str(cohort)])).columns) == set(read[0])
    body = json.loads(invoke(str(cohort), "-f", "json"))
    assert body["version"] == 1 and len(body["rows"]) == 29
    assert {r["problem"] != "" for r in body["rows"]} == {True, False}


@pytest.mark.usefixtures("indonesian")
def test_markdown_lists_unreadable_plans_under_the_table(cohort: Path) -> None:
    output = invoke(str(cohort), "-f", "md", "--stage", "4")
    assert output.startswith("| Daerah | Provinsi | Tahap |")
    output = invoke(str(cohort), "-f", "md")
    assert "(tidak terbaca)" in output and "\n- " in output


def test_configured_plans_of_a_repository(isolated: Path) -> None:
    repo = isolated / "region"
    shutil.copytree(EXAMPLES / "kota-jambi", repo / "plan")
    shutil.copytree(EXAMPLES / "kota-batam", repo / "old")
    (repo / ".smartplan.yaml").write_text("plans: ['plan/masterplan.yaml']\n", encoding="utf-8")
    assert [r.region for r in collect([str(repo)])] == ["Kota Jambi"]


@pytest.mark.usefixtures("indonesian")
def test_html_page_with_charts_parses_strictly(cohort: Path) -> None:
    page = invoke(str(cohort), "--format", "html")
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    for chart in ("chart-stages", "chart-cohort-dimensions", "chart-index"):
        assert f'id="{chart}"' in page and f'aria-labelledby="{chart}-title {chart}-desc"' in page
    assert "Portofolio Masterplan Smart City" in page and "29 masterplan" in page
    assert 'class="unreadable"' in page and "(tidak terbaca)" in page  # the broken plan is a row
    english = invoke(str(cohort), "--format", "html", "--lang", "en")
    assert "Regions per Bimtek stage" in english and "Masterplans" in english


def test_html_escapes_every_text_from_the_plans(isolated: Path) -> None:
    plan = (EXAMPLES / "kota-batam" / "masterplan.yaml").read_text(encoding="utf-8")
    hostile = plan.replace("name: Kota Batam", 'name: "<script>alert(1)</script> onerror=x"')
    folder = isolated / "hostile"
    shutil.copytree(EXAMPLES / "kota-batam", folder)
    (folder / "masterplan.yaml").write_text(hostile, encoding="utf-8")
    page = invoke(str(folder), "--format", "html")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; onerror=x" in page
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
