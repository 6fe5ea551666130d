"""The programme as practised (SPEC §8), end to end: a 2017 plan recovered in part validates
without suppression or lowered rules and every recorded fact reaches the reports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from smartplan.cli import app

SUKABUMI = EXAMPLES / "kota-sukabumi" / "masterplan.yaml"
JAMBI = EXAMPLES / "kota-jambi" / "masterplan.yaml"
runner = CliRunner()


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def render(*args: str | Path) -> str:
    result = runner.invoke(app, ["render", *map(str, args)])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_recovered_plan_validates_without_suppression_or_lowered_rule(tmp_path: Path) -> None:
    text = SUKABUMI.read_text(encoding="utf-8")
    assert "smartplan: disable" not in text
    assert not (SUKABUMI.parent / ".smartplan.yaml").exists()
    process = run("validate", SUKABUMI, "--format", "json")
    assert process.returncode == 0, process.stdout
    report = json.loads(process.stdout)
    severities = {f["severity"] for f in report["files"][0]["findings"]}
    assert severities == {"info"}
    assert all(
        f["message"].startswith(("not recorded (", "partly recorded ("))
        for f in report["files"][0]["findings"]
    )


@pytest.mark.usefixtures("indonesian")
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_recovered_plan_renders_every_fact(fmt: str) -> None:
    masterplan = render(SUKABUMI, "--format", fmt)
    # quick wins grouped by the year they were designated, with the year on each programme
    assert "Tahun quick win 2021" in masterplan
    assert "★ quick win 2021" in masterplan  # the same words in Markdown and HTML
    # the cross-cutting command centre beside its primary dimension, and under the others
    assert "juga melayani: Smart Society, Smart Living, Smart Economy" in masterplan
    assert masterplan.count("Juga melayani") >= 3
    # unrecovered sections say so instead of nothing or zero
    assert "tidak tercatat" in masterplan and "Rp 0" not in masterplan
    # a dated milestone on the programme's row of the roadmap
    assert "14 Desember 2021" in masterplan and "◆" in masterplan
    # the gap analysis of a readiness component
    assert "Analisis kesenjangan" in masterplan
    evaluation = render(SUKABUMI, "--format", fmt, "--report", "evaluation")
    assert evaluation.index("2024 · Tahap I") < evaluation.index("2024 · Tahap II")
    quickwins = render(SUKABUMI, "--format", fmt, "--report", "quickwins")
    assert "Tahun quick win 2021" in quickwins and "Kabizza Fest" in quickwins


def test_roadmap_svg_marks_milestones() -> None:
    html = render(SUKABUMI, "--format", "html")
    assert "<polygon" in html and "GOV-02 2021: Penghargaan Smart City" in html


def test_evaluation_rounds_each_get_their_index(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        JAMBI.read_text(encoding="utf-8").replace(
            "evaluations:\n",
            "evaluations:\n"
            "  - {year: 2023, round: 2, weights: {baseline: 1}, scores: {baseline: 4}}\n"
            "  - {year: 2023, round: 1, weights: {baseline: 1}, scores: {baseline: 2}}\n",
        ),
        encoding="utf-8",
    )
    assert run("validate", plan).returncode == 0
    text = render(plan, "--report", "evaluation", "--lang", "en")
    round1, round2 = text.index("| 2023 · Round 1 |"), text.index("| 2023 · Round 2 |")
    assert round1 < round2
    assert "**2.00**" in text[round1:round2] and "**4.00**" in text[round2:]


@pytest.mark.usefixtures("indonesian")
def test_jambi_quick_wins_of_2022_reach_every_report() -> None:
    text = JAMBI.read_text(encoding="utf-8")
    assert "x-quick-win" not in text and "quick_win: 2022" in text
    quickwins = render(JAMBI, "--report", "quickwins")
    assert "## Tahun quick win 2022" in quickwins
    assert "Mal Pelayanan Publik" in quickwins.split("## Tahun quick win 2022")[1]


@pytest.mark.usefixtures("indonesian")
def test_export_and_portfolio_carry_the_new_fields() -> None:
    result = runner.invoke(app, ["export", str(SUKABUMI), "--format", "csv"])
    rows = {row["program_id"]: row for row in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["GOV-01"]["also_dimensions"] == "society;living;economy"
    assert rows["GOV-02"]["quick_win"] == "true" and rows["GOV-02"]["quick_win_year"] == "2021"
    assert rows["GOV-02"]["milestones"].startswith("2021-12-14 Penghargaan")
    assert "budget" in rows["GOV-03"]["not_recorded"].split(";")
    assert rows["SOC-01"]["funding"] == "private"
    result = runner.invoke(app, ["portfolio", str(EXAMPLES), "--format", "json"])
    found = {r["region"]: r for r in json.loads(result.stdout)["rows"]}
    assert found["Kota Sukabumi"]["quick_win_years"] == "2021:9"
    assert found["Kota Jambi"]["quick_wins"] == 8
    text = runner.invoke(app, ["portfolio", str(EXAMPLES)]).stdout
    assert "tidak tercatat" in text


def test_long_and_short_programmes_ending_in_year_two_are_errors_at_end(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    lines = [
        "smartplan: 1",
        "region: {name: Kota Contoh, kind: kota, province: Jambi}",
        "period: {start: 2020, end: 2029}",
        "stage: 1",
        "programs:",
        "  - id: A",
        "    name: a",
        "    dimension: governance",
        "    horizon: long",
        "    end: 2021",
        "  - id: B",
        "    name: b",
        "    dimension: governance",
        "    horizon: short",
        "    end: 2021",
    ]
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    process = run("validate", plan, "--select", "horizon-window", "--format", "json")
    assert process.returncode == 1
    found = json.loads(process.stdout)["files"][0]["findings"]
    assert [(f["line"], f["column"], f["severity"], f["pointer"]) for f in found] == [
        (10, 10, "error", "/programs/0/end"),
        (15, 10, "error", "/programs/1/end"),
    ]


def test_a_target_without_year_means_the_programme_end(tmp_path: Path) -> None:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(
        "smartplan: 1\n"
        "region: {name: Kota Contoh, kind: kota, province: Jambi}\n"
        "period: {start: 2023, end: 2032}\n"
        "stage: 1\n"
        "programs:\n"
        "  - id: A\n    name: a\n    dimension: governance\n    start: 2023\n    end: 2025\n"
        "    indicators: [{name: Layanan, targets: [{value: 80}], actuals: [{year: 2025, value: 90}]}]\n",
        encoding="utf-8",
    )
    assert run("validate", plan, "--select", "schema", "--select", "period").returncode == 0
    report = render(plan, "--report", "evaluation", "--lang", "en")
    assert "| 2025 | 80 | 90 |" in report
    result = runner.invoke(app, ["export", str(plan), "--table", "indicators", "--format", "json"])
    rows = json.loads(result.stdout)["rows"]
    assert [(r["value_kind"], r["year"]) for r in rows] == [("target", 2025), ("actual", 2025)]
