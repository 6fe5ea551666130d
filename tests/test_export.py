"""`smartplan export`: flat rows for spreadsheets, read back as a spreadsheet would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES
from smartplan.cli import app
from smartplan.loader import load_plan_or_fail
from smartplan.report.export import (
    BUDGET_COLUMNS,
    EVALUATION_COLUMNS,
    INDICATOR_COLUMNS,
    PROGRAM_COLUMNS,
    export_table,
)

JAMBI = EXAMPLES / "kota-jambi" / "masterplan.yaml"
BATAM = EXAMPLES / "kota-batam" / "masterplan.yaml"
runner = CliRunner()


def rows(args: list[str]) -> list[dict[str, str]]:
    result = runner.invoke(app, ["export", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_programs_one_row_per_programme() -> None:
    data = load_plan_or_fail(JAMBI).data
    read = rows([str(JAMBI)])
    assert [r["program_id"] for r in read] == [p["id"] for p in data["programs"]]
    assert tuple(read[0]) == PROGRAM_COLUMNS
    first = data["programs"][0]
    assert read[0]["budget_total"] == str(sum(line["amount"] for line in first["budget"]))


def test_budget_one_row_per_line_amounts_as_plain_integers() -> None:
    data = load_plan_or_fail(BATAM).data  # a split plan: fragments included
    read = rows([str(BATAM), "--table", "budget"])
    assert tuple(read[0]) == BUDGET_COLUMNS
    assert len(read) == sum(len(p.get("budget", [])) for p in data["programs"])
    assert all(r["amount"].isdigit() for r in read)
    assert {r["source"] for r in read} <= {
        "apbd",
        "apbn",
        "dak",
        "kpbu",
        "csr",
        "private",
        "grant",
        "other",
    }


def test_indicators_one_row_per_target_and_actual() -> None:
    data = load_plan_or_fail(JAMBI).data
    expected = sum(
        len(i.get("targets", [])) + len(i.get("actuals", []))
        for p in data["programs"]
        for i in p.get("indicators", [])
    )
    read = rows([str(JAMBI), "--table", "indicators"])
    assert tuple(read[0]) == INDICATOR_COLUMNS and len(read) == expected
    assert {r["value_kind"] for r in read} == {"target", "actual"}


def test_json_carries_the_same_rows() -> None:
    result = runner.invoke(app, ["export", str(JAMBI), "-f", "json", "--table", "budget"])
    body = json.loads(result.output)
    assert body["version"] == 1 and body["columns"] == list(BUDGET_COLUMNS)
    assert len(body["rows"]) == len(export_table(load_plan_or_fail(JAMBI).data, "budget").rows)
    assert isinstance(body["rows"][0]["amount"], int)


def test_excel_csv_has_a_bom_and_opens_as_utf8(isolated: Path) -> None:
    result = runner.invoke(app, ["export", str(JAMBI), "--excel", "-o", "programs.csv"])
    assert result.exit_code == 0
    data = (isolated / "programs.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    read = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert read[0]["region"] == "Kota Jambi"


def test_text_with_commas_quotes_and_newlines_survives(isolated: Path) -> None:
    plan = isolated / "masterplan.yaml"
    plan.write_text(
        'smartplan: 1\nregion: {name: "Kota \\"A\\", B", kind: kota, province: X}\n'
        "period: {start: 2023, end: 2032}\nstage: 1\n"
        'programs:\n  - {id: P1, name: "Satu, dua\\ntiga", dimension: governance}\n',
        encoding="utf-8",
    )
    read = rows([str(plan)])
    assert (read[0]["region"], read[0]["name"]) == ('Kota "A", B', "Satu, dua\ntiga")


def test_refuses_to_write_over_an_input_or_unreadable_plan(isolated: Path) -> None:
    fragment = EXAMPLES / "kota-batam" / "programs" / "governance.yaml"
    before = fragment.read_bytes()
    result = runner.invoke(app, ["export", str(BATAM), "-o", str(fragment)])
    assert result.exit_code == 2 and "refusing to write over an input file" in result.output
    assert fragment.read_bytes() == before
    (isolated / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    result = runner.invoke(app, ["export", "broken.yaml"])
    assert result.exit_code == 2 and "broken.yaml:2:1" in result.output


@pytest.mark.parametrize("table", ["programs", "budget", "indicators", "evaluations"])
def test_every_example_exports(table: str) -> None:
    for plan in sorted(EXAMPLES.glob("*/masterplan.yaml")):
        assert runner.invoke(app, ["export", str(plan), "--table", table]).exit_code == 0


def test_readme_documents_the_columns() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    for table, columns in (
        ("programs", PROGRAM_COLUMNS),
        ("budget", BUDGET_COLUMNS),
        ("indicators", INDICATOR_COLUMNS),
        ("evaluations", EVALUATION_COLUMNS),
    ):
        assert f"| `{table}` | {', '.join(columns)} |" in readme
