"""The review never cuts a value (issue 16): structured values as nested lines, money in rupiah,
every word in the review's language; stage2 → stage3 of Kota Pangkalpinang shows every target."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EXAMPLES
from smartplan.diff import diff_data, diff_files
from smartplan.reporters.diff import DIFF_REPORTERS, DiffOptions

PANGKALPINANG = EXAMPLES / "kota-pangkalpinang"
LONG_NAME = "Layanan terintegrasi di Mal Pelayanan Publik Kota Pangkalpinang dan kecamatan"


def review(result: Any, fmt: str, lang: str = "id") -> str:
    return DIFF_REPORTERS[fmt](result, DiffOptions(lang=lang))


def plan(**programme: Any) -> dict[str, Any]:
    base = {"id": "GOV-01", "name": "Mal Pelayanan Publik", "dimension": "governance"}
    return {
        "smartplan": 1,
        "region": {"name": "Kota Contoh", "kind": "kota", "province": "Jambi"},
        "period": {"start": 2023, "end": 2032},
        "stage": 3,
        "programs": [{**base, **programme}],
    }


def targets_of(path: Path) -> set[tuple[str, int, str]]:
    """(indicator, year, value as Indonesian digits) of every target in a plan."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = set()
    for programme in data["programs"]:
        for indicator in programme.get("indicators") or []:
            for target in indicator.get("targets") or []:
                value = f"{target['value']:,}".replace(",", ".")
                found.add((indicator["name"], target["year"], value))
    return found


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_stage2_to_stage3_shows_every_changed_target_in_full(fmt: str) -> None:
    result = diff_files(PANGKALPINANG / "masterplan.stage2.yaml", PANGKALPINANG / "masterplan.yaml")
    out = review(result, fmt)
    old = targets_of(PANGKALPINANG / "masterplan.stage2.yaml")
    new = targets_of(PANGKALPINANG / "masterplan.yaml")
    assert new - old  # the stage adds targets (with the programmes ECO-04, SOC-04, ENV-04)
    for name, year, value in new - old:
        assert name in out
        nested = rf"- {year}: {re.escape(value)}\n"  # a target of an added indicator
        changed = rf"{re.escape(name)}\.targets\.{year}\.value`?: [^\n]* → {re.escape(value)}\n"
        assert re.search(nested, out) or re.search(changed, out), (name, year, value)
    assert "…" not in out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_an_added_indicator_is_shown_whole_as_nested_lines(fmt: str) -> None:
    indicator = {
        "name": LONG_NAME,
        "unit": "layanan",
        "baseline": {"year": 2022, "value": 0},
        "targets": [{"year": y, "value": 150 + 10 * (y - 2023)} for y in range(2023, 2033)],
    }
    result = diff_data(plan(), plan(indicators=[indicator]))
    out = review(result, fmt)
    assert "…" not in out and "{" not in out and "[" not in out.replace("\\[", "")
    assert LONG_NAME in out and "Satuan: layanan" in out and "Baseline: 0 (2022)" in out
    for year in range(2023, 2033):
        assert f"- {year}: {150 + 10 * (year - 2023)}\n" in out
    lines = out.splitlines()
    name = next(i for i, line in enumerate(lines) if LONG_NAME in line)
    target = next(i for i, line in enumerate(lines) if line.strip().startswith("- 2027:"))
    indent = len(lines[target]) - len(lines[target].lstrip())
    assert indent > len(lines[name]) - len(lines[name].lstrip())  # targets nested below it


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_money_in_the_details_is_rupiah(fmt: str) -> None:
    budget = [{"year": 2023, "amount": 2500000000, "source": "apbd"}]
    out = review(diff_data(plan(), plan(budget=budget)), fmt)
    assert "2500000000" not in out and "2023 APBD: Rp 2.500.000.000" in out
    item = {"id": "GOV-02", "name": "SPBE", "dimension": "governance", "budget": budget}
    new = plan()
    new["programs"].append(item)
    out = review(diff_data(plan(), new), fmt)
    assert "2500000000" not in out and "2023 APBD: Rp 2.500.000.000" in out


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_codes_and_words_are_in_the_review_language(fmt: str) -> None:
    result = diff_data(plan(horizon="medium"), plan(horizon="short", quick_win=True))
    indonesian = review(result, fmt)
    assert "Jangka menengah → Jangka pendek" in indonesian and ": ya" in indonesian
    assert "medium → short" not in indonesian and "true" not in indonesian
    english = review(result, fmt, "en")
    assert "Medium term → Short term" in english and ": yes" in english


def test_the_working_tree_is_named_in_the_review_language(tmp_path: Path) -> None:
    result = diff_files(PANGKALPINANG / "masterplan.stage2.yaml", PANGKALPINANG / "masterplan.yaml")
    result.new, result.working_tree = "working tree", True
    for fmt in ("text", "md"):
        out = " ".join(review(result, fmt).split())  # a long title folds on a terminal
        assert "→ isi folder saat ini " in out and "working tree" not in out
        assert "→ working tree " in " ".join(review(result, fmt, "en").split())
    assert result.as_json()["new"] == "working tree"  # the JSON label does not change


def test_a_source_new_in_a_year_is_no_data_on_the_old_side_not_zero() -> None:
    result = diff_files(PANGKALPINANG / "masterplan.stage2.yaml", PANGKALPINANG / "masterplan.yaml")
    budget = {(b["year"], b["source"]): b for b in result.as_json()["review"]["budget"]}
    assert budget[(2024, "csr")]["old"] is None and budget[(2024, "csr")]["difference"] == 750000000
    assert "| 2024 | CSR | — | Rp 750.000.000 | +Rp 750.000.000 |" in review(result, "md")
    assert "Rp 0 " not in review(result, "text")


def test_a_side_without_any_budget_has_no_total() -> None:
    new = plan(budget=[{"year": 2023, "amount": 1000000, "source": "apbd"}])
    md = review(diff_data(plan(), new), "md")
    assert "| **Jumlah** |  | — | Rp 1.000.000 | +Rp 1.000.000 |" in md


def test_a_very_long_value_is_never_cut_even_with_output_to_a_file() -> None:
    long = "Sangat panjang " * 40
    old = plan(description="pendek")
    new = copy.deepcopy(old)
    new["programs"][0]["description"] = long
    for fmt in ("text", "md"):
        out = review(diff_data(old, new), fmt)
        assert "…" not in out
        assert " ".join(out.split()).count("Sangat panjang") == 40


def test_years_are_years_and_dimensions_are_named() -> None:
    result = diff_data(plan(quick_win=True), plan(quick_win=2025, also_dimensions=["society"]))
    out = review(result, "text")
    assert "quick_win: ya → 2025" in out and "2.025" not in out
    assert "also_dimensions: Smart Society" in out


def test_organizations_are_named_not_only_by_their_id() -> None:
    result = diff_files(PANGKALPINANG / "masterplan.stage2.yaml", PANGKALPINANG / "masterplan.yaml")
    for fmt in ("text", "md"):
        out = review(result, fmt)
        assert "Penanggung jawab: Satuan Polisi Pamong Praja (satpol-pp)" in out
        assert "Dinas Komunikasi dan Informatika (diskominfo)" in out
