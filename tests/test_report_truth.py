"""Reports tell the truth (issue 16, SPEC §8 "Missing is not zero"): a figure the plan does not
give is "belum ada data", never Rp 0; bars do not invent years; ids are unique in a page."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import html5lib
import pytest

from conftest import EXAMPLES, ROOT
from smartplan.report import LANGS, REPORTS, render_file

MISSING = ROOT / "tests" / "data" / "missing" / "masterplan.yaml"
PLANS = sorted(EXAMPLES.glob("*/masterplan.yaml"))
NO_DATA = {"id": "belum ada data", "en": "no data"}


def run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_plan_without_budget_has_no_total(fmt: str, lang: str) -> None:
    for report in ("masterplan", "summary"):
        out = render_file(MISSING, report=report, fmt=fmt, lang=lang)
        assert "Rp 0" not in out and "Rp&nbsp;0" not in out, report
        assert NO_DATA[lang] in out, report


def test_the_profile_and_the_summary_say_no_data_where_the_total_was() -> None:
    masterplan = render_file(MISSING, fmt="md")
    assert "- **Total anggaran:** belum ada data" in masterplan
    summary = render_file(MISSING, report="summary", fmt="md")
    assert "| 3 | 1 | belum ada data | 2020–2029 |" in summary
    html = render_file(MISSING, report="summary", fmt="html")
    assert "<b>belum ada data</b><span>Total anggaran</span>" in html


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_an_evaluation_without_scores_has_no_index(fmt: str) -> None:
    out = render_file(MISSING, report="evaluation", fmt=fmt)
    assert "****" not in out and "<strong></strong>" not in out
    row = next(line for line in out.splitlines() if "2023" in line and ("|" in line or "<tr>" in line))
    assert "belum ada data" in row and row.count("–") == 5, row
    assert "Evaluasi daring; nilai belum diumumkan." in out


def test_an_ongoing_programme_without_end_runs_open_to_the_period_end() -> None:
    markdown = render_file(MISSING, fmt="md")
    row = next(line for line in markdown.splitlines() if line.startswith("| GOV-01 Satu Data"))
    assert row.count("▷") == 9 and "■" not in row  # 2021..2029, the period's end
    assert "| GOV-01 | Satu Data Kabupaten" in markdown and "| sejak 2021 |" in markdown
    html = render_file(MISSING, fmt="html")
    bar = re.search(r'<rect [^>]*stroke-dasharray[^>]*><title>GOV-01 [^<]*</title>', html)
    assert bar is not None and "berjalan, belum ada tahun selesai" in bar.group(0)
    width = float(re.search(r'width="([\d.]+)"', bar.group(0)).group(1))  # type: ignore[union-attr]
    assert width > 300  # nine of ten year columns, not one


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_a_programme_without_years_has_no_bar_and_is_listed_apart(fmt: str) -> None:
    out = render_file(MISSING, fmt=fmt)
    roadmap = out[out.index("Peta jalan</h2>" if fmt == "html" else "## 5. Peta jalan") :]
    roadmap = roadmap[: roadmap.index("6. Anggaran")]
    assert "Program tanpa tahun (tidak digambar di peta jalan)" in roadmap
    chart = roadmap[: roadmap.index("Program tanpa tahun")]
    assert "SOC-01" not in chart  # no empty row in the chart or the table
    assert "SOC-01" in roadmap[roadmap.index("Program tanpa tahun") :]
    assert "tanpa tahun" in render_file(MISSING, report="quickwins", fmt=fmt)


def test_portfolio_and_export_give_null_and_empty_cells_for_a_missing_budget(indonesian: None) -> None:
    folder = MISSING.parent
    rows = json.loads(run("portfolio", folder, "--format", "json").stdout)["rows"]
    assert rows[0]["budget_total"] is None
    table = list(csv.DictReader(io.StringIO(run("portfolio", folder, "--format", "csv").stdout)))
    assert table[0]["budget_total"] == ""
    text = run("portfolio", folder).stdout
    assert "belum ada data" in text and "Rp 0" not in text
    assert "no data" in run("portfolio", folder, "--lang", "en").stdout
    html = run("portfolio", folder, "--format", "html").stdout
    assert "Rp 0" not in html and "<b>belum ada data</b>" in html
    exported = json.loads(run("export", MISSING, "--format", "json").stdout)["rows"]
    assert [row["budget_total"] for row in exported] == [None, None, None]
    lines = list(csv.DictReader(io.StringIO(run("export", MISSING).stdout)))
    assert [row["budget_total"] for row in lines] == ["", "", ""]


def test_the_portfolio_total_says_how_many_regions_it_counts(tmp_path: Path) -> None:
    from smartplan.report.cohort import collect
    from smartplan.report.portfolio import render_portfolio

    rows = collect([str(EXAMPLES), str(MISSING.parent)], parallel=False)
    known = sum(1 for row in rows if row.budget is not None)
    assert 0 < known < len(rows)
    html = render_portfolio(rows)
    assert f"total anggaran indikatif ({known} dari {len(rows)} daerah)" in html


def test_portfolio_rows_with_the_same_region_name_show_their_path(tmp_path: Path) -> None:
    for folder in ("tahap-3", "tahap-4"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "masterplan.yaml").write_bytes(MISSING.read_bytes())
    out = run("portfolio", ".", cwd=tmp_path).stdout
    assert "Kabupaten Contoh (tahap-3/masterplan.yaml)" in out
    assert "Kabupaten Contoh (tahap-4/masterplan.yaml)" in out
    markdown = run("portfolio", ".", "--format", "md", cwd=tmp_path).stdout
    assert "Kabupaten Contoh (tahap-3/masterplan.yaml)" in markdown
    single = run("portfolio", EXAMPLES).stdout
    assert "Kota Batam (" not in single  # a name that does not repeat stays short


def test_regulations_show_number_and_year_when_the_plan_has_them() -> None:
    markdown = render_file(MISSING, fmt="md")
    assert "| Perbup | 7 | 2021 | Peraturan Bupati tentang Smart Regency | Ditetapkan |" in markdown
    jambi = render_file(EXAMPLES / "kota-jambi" / "masterplan.yaml", fmt="md")
    assert "| Perda | 1 | 2019 |" in jambi and "| Perwali | – | – |" in jambi
    batam = render_file(EXAMPLES / "kota-batam" / "masterplan.yaml", fmt="html")
    regulations = batam[batam.index('<section id="regulations">') :]
    regulations = regulations[: regulations.index("</section>")]
    assert "Nomor" not in regulations  # drafts without number or year: no empty columns


@pytest.mark.parametrize("plan", [*PLANS, MISSING], ids=lambda p: p.parent.name)
def test_every_element_id_is_unique_in_every_html_report(plan: Path) -> None:
    for report in REPORTS:
        html = render_file(plan, report=report, fmt="html")
        ids = [e.get("id") for e in html5lib.parse(html, namespaceHTMLElements=False).iter()]
        ids = [i for i in ids if i]
        assert len(ids) == len(set(ids)), (report, sorted({i for i in ids if ids.count(i) > 1}))


@pytest.mark.parametrize("plan", [*PLANS, MISSING], ids=lambda p: p.parent.name)
def test_every_chart_mark_points_at_a_label_in_the_page(plan: Path) -> None:
    """Each bar, segment and point names (data-label) the element that shows its value: a
    text in the chart, or the cell of the table beside it for a segment too small."""
    for report in REPORTS:
        html = render_file(plan, report=report, fmt="html")
        tree = html5lib.parse(html, namespaceHTMLElements=False)
        texts = {e.get("id"): "".join(e.itertext()).strip() for e in tree.iter() if e.get("id")}
        svg = "{http://www.w3.org/2000/svg}"
        marks = [
            m
            for m in tree.iter()
            if m.tag in (f"{svg}rect", f"{svg}circle") and m.find(f"{svg}title") is not None
        ]
        assert marks or report in ("quickwins", "evaluation")  # the others always have charts
        for mark in marks:
            label = mark.get("data-label")
            assert label and texts.get(label), (report, mark.find(f"{svg}title").text)


def test_small_budget_segments_stay_visible_and_point_at_their_table_cell() -> None:
    html = render_file(EXAMPLES / "kota-batam" / "masterplan.yaml", fmt="html")
    dak = re.search(r'<rect [^>]*data-label="([^"]+)"[^>]*><title>2024 · DAK: Rp 800', html)
    assert dak is not None
    height = float(re.search(r'height="([\d.]+)"', dak.group(0)).group(1))  # type: ignore[union-attr]
    assert height >= 4
    assert f'<td class="num" id="{dak.group(1)}">Rp 800 jt</td>' in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_budget_caption_explains_every_unit(lang: str) -> None:
    html = render_file(EXAMPLES / "kota-batam" / "masterplan.yaml", fmt="html", lang=lang)
    figure = html[html.index('id="chart-budget"') :]
    caption = figure[figure.index("<figcaption>") : figure.index("</figcaption>")]
    units = {
        "id": ("T = triliun", "M = miliar", "jt = juta"),
        "en": ("T = trillion", "M = billion", "jt = million"),
    }[lang]
    assert all(unit in caption for unit in units), caption
    assert "Rp 1,01 T" in html  # the unit T is used, so it must be explained


def test_a_single_evaluation_year_is_a_labelled_point(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    text = MISSING.read_text(encoding="utf-8").replace(
        "    note: Evaluasi daring; nilai belum diumumkan.",
        "    weights: {baseline: 10, output: 20, outcome: 30, impact: 30, quick_win: 10}\n"
        "    scores: {baseline: 3, output: 3, outcome: 3.5, impact: 3, quick_win: 4}",
    )
    plan.write_text(text, encoding="utf-8")
    html = render_file(plan, report="evaluation", fmt="html")
    chart = html[html.index('id="chart-evaluation"') : html.index("</svg>")]
    assert "<polyline" not in chart  # one year is not a line
    assert 'data-label="chart-evaluation-label-0"' in chart
    assert re.search(r'id="chart-evaluation-label-0"[^>]*>3,25</text>', chart)
    assert ">2023</text>" in chart


def test_the_team_member_message_blames_the_organization() -> None:
    out = run("validate", ROOT / "tests" / "corpus" / "097-unknown-reference-team.yaml").stdout
    assert "team council member Wali Kota: organization 'setda' is not an organization id" in out


def test_the_portfolio_workbook_has_no_zero_total(tmp_path: Path, indonesian: None) -> None:
    import openpyxl

    out = tmp_path / "portfolio.xlsx"
    assert run("portfolio", MISSING.parent, "--format", "xlsx", "-o", out).returncode == 0
    summary = openpyxl.load_workbook(out).worksheets[0]
    assert ("Total anggaran indikatif", "belum ada data") in summary.iter_rows(values_only=True)
