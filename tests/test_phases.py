"""Roadmap phases scaled to the period or written in the plan, and quick wins designated in
several years, judged by their first record of delivery, per dimension by cohort (SPEC §10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartplan.check.lint import ValidateOptions, validate_paths
from smartplan.domain.metrics import (
    default_horizons,
    is_quick_win,
    plan_horizons,
    quick_win_year,
    quick_win_years,
)

HEAD = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi}
period: {start: 2019, end: 2023}
stage: 1
"""


def findings(tmp_path: Path, text: str, *rules: str, settings: str = "") -> list[tuple[str, int, str]]:
    if settings:
        (tmp_path / ".smartplan.yaml").write_text(settings, encoding="utf-8")
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(select=rules))
    return [(f.severity.label, f.line, f.message) for f in result.findings]


@pytest.mark.parametrize(
    ("length", "windows"),
    [
        (10, {"short": (1, 1), "medium": (2, 5), "long": (6, 10)}),
        (5, {"short": (1, 1), "medium": (2, 3), "long": (4, 5)}),
        (6, {"short": (1, 1), "medium": (2, 3), "long": (4, 6)}),
        (3, {"short": (1, 1), "medium": (2, 2), "long": (3, 3)}),
        (20, {"short": (1, 1), "medium": (2, 10), "long": (11, 20)}),
    ],
)
def test_default_windows_scale_with_the_period(length: int, windows: dict[str, tuple[int, int]]) -> None:
    assert default_horizons(length) == windows


def test_the_plans_windows_win_over_the_settings_and_the_defaults() -> None:
    data = {"period": {"start": 2017, "end": 2026}, "horizons": {"short": [1, 3], "medium": [4, 5]}}
    settings = {"short": (1, 2), "long": (7, 10)}
    assert plan_horizons(data, settings) == {"short": (1, 3), "medium": (4, 5), "long": (7, 10)}
    assert plan_horizons({"period": {"start": 2019, "end": 2023}}) == default_horizons(5)


FIVE_YEARS = HEAD + """\
programs:
  - {id: A, name: a, dimension: governance, horizon: short, start: 2019, end: 2019}
  - {id: B, name: b, dimension: governance, horizon: medium, start: 2019, end: 2021}
  - {id: C, name: c, dimension: governance, horizon: long, start: 2020, end: 2022}
  - {id: D, name: d, dimension: governance, horizon: long, start: 2022, end: 2023}
"""


def test_a_five_year_plan_with_all_three_phases_validates(tmp_path: Path) -> None:
    assert findings(tmp_path, FIVE_YEARS, "horizon-window") == []


def test_a_five_year_plan_checks_the_scaled_windows(tmp_path: Path) -> None:
    text = FIVE_YEARS.replace("horizon: medium, start: 2019, end: 2021", "horizon: medium, start: 2019, end: 2022")
    assert findings(tmp_path, text, "horizon-window") == [
        ("error", 7, "program B is medium-term (jangka menengah) but ends in 2022, year 4 of the "
         "plan; a medium programme ends in 2020–2021 (years 2–3)"),
    ]


def test_the_plans_own_phases_are_checked_and_beat_the_settings(tmp_path: Path) -> None:
    text = HEAD.replace("end: 2023", "end: 2028") + """\
horizons: {short: [1, 3], medium: [4, 5], long: [6, 10]}
programs:
  - {id: A, name: a, dimension: governance, horizon: short, start: 2019, end: 2021}
  - {id: B, name: b, dimension: governance, horizon: medium, start: 2019, end: 2021}
"""
    settings = "horizons: {short: [1, 1], medium: [2, 5]}\n"
    assert findings(tmp_path, text, "horizon-window", settings=settings) == [
        ("error", 8, "program B is medium-term (jangka menengah) but ends in 2021, year 3 of the "
         "plan; a medium programme ends in 2022–2023 (years 4–5)"),
    ]


def test_plan_horizons_are_checked_by_the_schema(tmp_path: Path) -> None:
    text = HEAD + "horizons: {short: [1], soon: [1, 2]}\n"
    found = findings(tmp_path, text, "schema")
    assert [line for _, line, _ in found] == [5, 5]


def test_quick_win_years_from_every_spelling() -> None:
    assert quick_win_years({"quick_win": [2020, 2019, 2020]}) == [2019, 2020]
    assert quick_win_years({"quick_win": True, "start": 2021}) == [2021]
    assert quick_win_years({"quick_win": 2022}) == [2022]
    assert quick_win_years({"quick_win": True}) == []
    assert quick_win_year({"quick_win": [2021, 2019]}) == 2019
    assert is_quick_win({"quick_win": [2019]}) and not is_quick_win({"quick_win": []})


QUICK = HEAD + "programs:\n"


def test_each_year_of_a_list_is_checked_at_its_own_item(tmp_path: Path) -> None:
    text = QUICK + "  - {id: A, name: a, dimension: governance, start: 2018, end: 2021, quick_win: [2018, 2020, 2025, 2016]}\n"
    assert findings(tmp_path, text, "quick-win") == [
        ("error", 6, "program A is a quick win in 2025, outside 2018–2023 "
         "(the period, and the Bimtek year before it)"),
        ("error", 6, "program A is a quick win in 2016, outside 2018–2023 "
         "(the period, and the Bimtek year before it)"),
    ]
    # a year before the programme's own start is an error too
    text = QUICK + "  - {id: A, name: a, dimension: governance, start: 2020, quick_win: [2019, 2020]}\n"
    assert findings(tmp_path, text, "quick-win") == [
        ("error", 6, "program A is a quick win in 2019, outside its own years 2020–"),
    ]


def test_a_quick_win_that_goes_on_is_not_warned_about_its_end(tmp_path: Path) -> None:
    text = QUICK + "  - {id: A, name: a, dimension: governance, start: 2019, end: 2023, quick_win: 2019}\n"
    assert findings(tmp_path, text, "quick-win") == []
    ongoing = text.replace("quick_win: 2019}", "quick_win: 2019,\n     progress: [{year: 2019, status: ongoing}, {year: 2023, status: ongoing}]}")
    assert findings(tmp_path, ongoing, "quick-win") == []


def test_delivery_is_judged_by_the_first_record_of_delivery(tmp_path: Path) -> None:
    text = QUICK + """\
  - id: A
    name: a
    dimension: governance
    quick_win: [2019, 2020]
    progress:
      - {year: 2019, status: planned}
      - {year: 2022, status: done}
      - {year: 2021, milestone: Peluncuran}
"""
    # the milestone of 2021 is the first delivery: within two years of 2020, not of 2019
    assert findings(tmp_path, text, "quick-win") == [
        ("warning", 13, "program A is a quick win in 2019 but its first record of delivery "
         "(ongoing, done or a milestone) is in 2021: a quick win delivers within two years "
         "(by 2020)"),
    ]
    on_time = text.replace("{year: 2019, status: planned}", "{year: 2020, status: ongoing}")
    assert findings(tmp_path, on_time, "quick-win") == []


PER_DIMENSION = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi, cohort: COHORT}
period: {start: 2023, end: 2032}
stage: 3
programs:
  - {id: A, name: a, dimension: governance, also_dimensions: [branding, economy, living, society], quick_win: 2023}
"""


@pytest.mark.parametrize(
    ("cohort", "settings", "level"),
    [
        ("2022", "", "warning"),
        ("2020", "", "warning"),
        ("2019", "", "info"),
        ("2017", "", "info"),
        ("null", "", "info"),
        ("2017", "quick_win_per_dimension: true\n", "warning"),
        ("2022", "quick_win_per_dimension: false\n", "info"),
    ],
)
def test_the_per_dimension_quick_win_warning_follows_the_cohort(
    tmp_path: Path, cohort: str, settings: str, level: str
) -> None:
    text = PER_DIMENSION.replace("COHORT", cohort)
    found = [
        (severity, message)
        for severity, _, message in findings(tmp_path, text, "stage-requirements", settings=settings)
        if "no quick win serves" in message
    ]
    assert found == [
        (level, "no quick win serves dimension 'environment' (Smart Environment): "
         "mentors ask for a quick win in every dimension"),
    ]


def test_the_setting_is_checked_by_the_config_schema(tmp_path: Path) -> None:
    from smartplan.errors import ConfigError
    from smartplan.workspace.config import load_config

    settings = tmp_path / ".smartplan.yaml"
    settings.write_text("quick_win_per_dimension: sometimes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="quick_win_per_dimension"):
        load_config(settings)


# ---- every output lists a programme under each of its quick-win years, counted once ----

MULTI = """\
smartplan: 1
region: {name: Kota Contoh, kind: kota, province: Jambi, cohort: 2019}
period: {start: 2019, end: 2023}
stage: 1
programs:
  - {id: GOV-01, name: Mal Pelayanan Publik, dimension: governance, quick_win: [2019, 2021], start: 2019, end: 2023}
  - {id: ECO-01, name: Pasar Digital, dimension: economy, quick_win: 2020, start: 2020, end: 2021}
"""


def _render(tmp_path: Path, kind: str, fmt: str) -> str:
    from typer.testing import CliRunner

    from smartplan.cli import app

    plan = tmp_path / "masterplan.yaml"
    plan.write_text(MULTI, encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(
        app, ["render", str(plan), "--report", kind, "--format", fmt, "--lang", "en", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    if fmt == "docx":
        import docx

        body = docx.Document(str(out)).element.body
        # paragraphs and tables in the order they stand in the book
        return "\n".join("".join(node.itertext()) for node in body.iterchildren())
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
@pytest.mark.parametrize("kind", ["quickwins", "masterplan"])
def test_a_programme_is_listed_under_each_of_its_quick_win_years(
    tmp_path: Path, kind: str, fmt: str
) -> None:
    text = _render(tmp_path, kind, fmt)
    headings = [f"Quick-win year {year}" for year in (2019, 2020, 2021)]
    places = [text.index(heading) for heading in headings]
    assert places == sorted(places)
    first, second, third = (text[a:b] for a, b in zip(places, [*places[1:], len(text)], strict=True))
    assert "Mal Pelayanan Publik" in first and "Mal Pelayanan Publik" in third
    assert "Mal Pelayanan Publik" not in second and "Pasar Digital" in second
    assert "2019, 2021" in text  # the programme's own quick-win years


def test_counts_take_a_programme_once_and_its_years_each(tmp_path: Path) -> None:
    import yaml

    from smartplan.domain.framework import load_framework
    from smartplan.report.cohort import _figures
    from smartplan.report.model import build

    data = yaml.safe_load(MULTI)
    plan = build(data, load_framework(None, tmp_path), "en")
    assert len(plan.quick_wins) == 2
    assert [d.quick_wins for d in plan.dimensions if d.id in ("governance", "economy")] == [1, 1]
    row = _figures("masterplan.yaml", data, load_framework(None, tmp_path), (0, 0))
    assert row.quick_wins == 2 and row.quick_win_years == {2019: 1, 2020: 1, 2021: 1}


def test_exports_carry_every_quick_win_year(tmp_path: Path) -> None:
    import yaml

    from smartplan.report.export import export_table
    from smartplan.reporters.xlsx import plan_summary

    data = yaml.safe_load(MULTI)
    records = export_table(data, "programs").records()
    assert [(r["quick_win"], r["quick_win_year"], r["quick_win_years"]) for r in records] == [
        (True, 2019, "2019;2021"),
        (True, 2020, "2020"),
    ]
    counted = dict((label, value) for label, value, _ in plan_summary(data, "m.yaml", "en"))
    assert counted["Quick wins"] == 2  # a year or a list counts, not only `true`


def test_the_review_lists_a_programme_under_each_year(tmp_path: Path) -> None:
    import yaml

    from smartplan.diff.review import review

    old = yaml.safe_load(MULTI)
    new = yaml.safe_load(MULTI.replace("quick_win: [2019, 2021]", "quick_win: [2019, 2022]"))
    years = {y.year: (y.old, y.new) for y in review(old, new, []).quick_win_years}
    assert years == {2021: (["GOV-01"], []), 2022: ([], ["GOV-01"])}


def test_the_workbook_writes_the_years_back_as_a_list(tmp_path: Path) -> None:
    import openpyxl
    import yaml

    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.xlsx import plan_workbook
    from smartplan.workbook import import_workbook

    plan = tmp_path / "masterplan.yaml"
    plan.write_text(MULTI, encoding="utf-8")
    book = tmp_path / "book.xlsx"
    book.write_bytes(plan_workbook(load_plan_or_fail(plan).data, plan.name))
    assert import_workbook(book, plan).diff.changes == []  # a list survives untouched
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Program"]
    column = {cell.value: cell.column for cell in sheet[1]}
    assert sheet.cell(2, column["quick_win_years"]).value == "2019;2021"
    sheet.cell(2, column["quick_win_years"]).value = "2019;2020;2021"
    sheet.cell(3, column["quick_win_years"]).value = 2021
    workbook.save(book)
    imported = import_workbook(book, plan)
    for name, text in imported.texts.items():
        Path(name).write_text(text, encoding="utf-8")
    programs = yaml.safe_load(plan.read_text(encoding="utf-8"))["programs"]
    assert [p["quick_win"] for p in programs] == [[2019, 2020, 2021], 2021]


def test_the_workbook_refuses_years_beside_false(tmp_path: Path) -> None:
    import openpyxl

    from smartplan.errors import UsageError
    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.xlsx import plan_workbook
    from smartplan.workbook import import_workbook

    plan = tmp_path / "masterplan.yaml"
    plan.write_text(MULTI, encoding="utf-8")
    book = tmp_path / "book.xlsx"
    book.write_bytes(plan_workbook(load_plan_or_fail(plan).data, plan.name))
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Program"]
    column = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(2, column["quick_win"]).value = False
    sheet.cell(2, column["quick_win_years"]).value = "2019;2022"
    sheet.cell(3, column["quick_win_years"]).value = "2020;soon"
    workbook.save(book)
    with pytest.raises(UsageError, match="quick_win_years names years but quick_win is FALSE"):
        import_workbook(book, plan)


def test_the_diff_names_the_plans_phases(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from smartplan.cli import app

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(MULTI, encoding="utf-8")
    new.write_text(MULTI + "horizons: {short: [1, 2]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "--format", "md", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "#### Roadmap phases" in result.stdout and "short: 1, 2" in result.stdout


def test_the_workbook_refuses_a_cell_that_is_not_years(tmp_path: Path) -> None:
    import openpyxl

    from smartplan.errors import UsageError
    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.xlsx import plan_workbook
    from smartplan.workbook import import_workbook

    plan = tmp_path / "masterplan.yaml"
    plan.write_text(MULTI, encoding="utf-8")
    book = tmp_path / "book.xlsx"
    book.write_bytes(plan_workbook(load_plan_or_fail(plan).data, plan.name))
    workbook = openpyxl.load_workbook(book)
    sheet = workbook["Program"]
    column = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(3, column["quick_win_years"]).value = "2020;soon"
    workbook.save(book)
    with pytest.raises(UsageError, match=r"quick_win_years '2020;soon' is not a list of years"):
        import_workbook(book, plan)


@pytest.mark.parametrize(
    "value", [[2019, 2020], [2019, 2019], [], [2019], [2019, True], True, 2020, [[2019], [2019]]]
)
def test_the_compiled_schema_and_jsonschema_agree_on_quick_win_lists(value: object) -> None:
    """uniqueItems is compiled too: the fast path of a valid plan never needs jsonschema."""
    from smartplan.schema import fast_check, validator

    data = {
        "smartplan": 1,
        "region": {"name": "K", "kind": "kota", "province": "Jambi"},
        "period": {"start": 2019, "end": 2023},
        "stage": 1,
        "programs": [{"id": "A", "name": "a", "dimension": "governance", "quick_win": value}],
    }
    check = fast_check()
    assert check is not None
    assert check(data) == validator().is_valid(data)
