"""Messages that help a new user (issue 17, item 4), in both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from smartplan.cli import app

runner = CliRunner()
PLAN = """\
smartplan: 1
include: [programs/tata-kelola.yaml]
region: {name: Kabupaten Contoh, kind: kabupaten, province: Jambi}
period: {start: 2023, end: 2032}
stage: 2
programs:
  - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, lead: diskominfo, horizon: short}
"""
FRAGMENT = """\
organizations:
  - {id: diskominfo, name: Dinas Komunikasi dan Informatika}
"""


def findings(*args: str) -> list[dict[str, object]]:
    result = runner.invoke(app, ["validate", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]


@pytest.fixture
def region(isolated: Path) -> Path:
    (isolated / ".git").mkdir()  # the repository root
    (isolated / "masterplan.yaml").write_text(PLAN, encoding="utf-8")
    (isolated / "programs").mkdir()
    (isolated / "programs" / "tata-kelola.yaml").write_text(FRAGMENT, encoding="utf-8")
    return isolated


def test_a_fragment_validated_directly_names_its_plan(region: Path) -> None:
    found = findings("programs/tata-kelola.yaml")
    assert [(f["rule"], f["severity"], f["line"]) for f in found] == [("include", "info", 1)]
    assert found[0]["message"] == (
        "this file is a fragment of the plan masterplan.yaml (include: at line 2); "
        "validate masterplan.yaml instead"
    )
    (region / "masterplan.yaml").unlink()
    lone = findings("programs/tata-kelola.yaml")
    assert len(lone) == 1 and "looks like a fragment" in str(lone[0]["message"])
    found = findings("--lang", "id", "programs/tata-kelola.yaml")
    assert "tampaknya ini fragmen sebuah masterplan" in str(found[0]["message"])


def test_a_misspelled_include_comes_first_and_its_knock_ons_say_so(region: Path) -> None:
    text = PLAN.replace("tata-kelola.yaml]", "tata-kelol.yaml]")
    (region / "masterplan.yaml").write_text(text, encoding="utf-8")
    found = findings("--select", "include", "--select", "unknown-reference")
    assert [f["rule"] for f in found] == ["include", "unknown-reference"]
    assert found[0]["message"] == "included file 'programs/tata-kelol.yaml' does not exist"
    assert found[1]["message"] == (
        "program GOV-01 lead 'diskominfo' is not an organization id (probably a consequence: "
        "include 'programs/tata-kelol.yaml' at line 2 could not be read, fix that first)"
    )
    assert "did you mean" not in str(found[1]["message"])


def test_stage_requirements_of_a_missing_section_point_at_the_stage_line(region: Path) -> None:
    found = findings("--select", "stage-requirements")
    team = next(f for f in found if f["pointer"] == "/team/council")
    assert (team["line"], team["column"]) == (5, 1)  # stage: 2
    vision = next(f for f in found if f["pointer"] == "/vision")
    assert vision["line"] == 5


def test_an_amount_written_with_separators_says_to_write_digits(region: Path) -> None:
    text = PLAN.replace(
        "horizon: short}", "horizon: short,\n      budget: [{year: 2023, amount: 2.500.000.000}]}"
    )
    (region / "masterplan.yaml").write_text(text, encoding="utf-8")
    (message,) = [f["message"] for f in findings("--select", "schema")]
    assert message == (
        "program GOV-01: budget[0].amount must be a number, not the text '2.500.000.000': "
        "write the digits without dots or commas (2500000000)"
    )


def test_one_impossible_date_does_not_hide_the_other_findings(region: Path) -> None:
    text = PLAN.replace("stage: 2\n", "stage: 2\ncommitment: {date: 2022-02-30}\n")
    text = text.replace("lead: diskominfo", "lead: diskominf")
    (region / "masterplan.yaml").write_text(text, encoding="utf-8")
    (region / "programs" / "tata-kelola.yaml").unlink()
    found = findings()
    rules = {f["rule"] for f in found}
    assert {"yaml-syntax", "unknown-reference", "stage-requirements"} <= rules
    date = [f for f in found if f["pointer"] == "/commitment/date"]
    assert [f["rule"] for f in date] == ["yaml-syntax"]  # not a second time by the schema
    assert date[0]["message"].startswith("'2022-02-30' is not a valid date")  # type: ignore[union-attr]


@pytest.mark.usefixtures("indonesian")
def test_an_unknown_rule_in_the_settings_gets_a_did_you_mean(region: Path) -> None:
    (region / ".smartplan.yaml").write_text("rules: {element-coverag: off}\n", encoding="utf-8")
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 1  # a finding of the settings file (rule unknown-rule)
    assert (
        "aturan 'element-coverag' di rules: tidak dikenal (maksud Anda 'element-coverage'?)"
        in result.output
    )
