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
