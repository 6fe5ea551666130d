"""`smartplan import` (issue 19): an Excel workbook edited by a team comes back into the YAML as
exactly its changes, the rest of each file byte for byte; ambiguous cells are refused with their
address; nothing is written that would not load."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from smartplan.errors import UsageError
from smartplan.escape import printable

SMARTPLAN = [sys.executable, "-m", "smartplan"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SMARTPLAN, *args], capture_output=True, text=True)


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def export(plan: Path, book: Path) -> None:
    done = run("export", str(plan), "-f", "xlsx", "-o", str(book))
    assert done.returncode == 0, done.stderr


class Sheet:
    """Cells by column name, as a team edits them in Excel (here with openpyxl)."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.columns = {cell.value: cell.column for cell in ws[1]}

    def row_of(self, **match: Any) -> int:
        for row in range(2, self.ws.max_row + 1):
            if all(self.ws.cell(row, self.columns[k]).value == v for k, v in match.items()):
                return row
        raise KeyError(match)

    def set(self, row: int, **values: Any) -> None:
        for name, value in values.items():
            self.ws.cell(row, self.columns[name]).value = value

    def append(self, **values: Any) -> None:
        self.set(self.ws.max_row + 1, **values)


def changed_lines(before: bytes, after: bytes) -> list[str]:
    old, new = before.decode().splitlines(), after.decode().splitlines()
    return [
        line for line in difflib.unified_diff(old, new, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]  # fmt: skip


def test_every_example_round_trips_without_a_change(isolated: Path) -> None:
    for plan in sorted(EXAMPLES.glob("*/masterplan*.yaml")):
        folder = isolated / plan.parent.name
        shutil.copytree(plan.parent, folder, dirs_exist_ok=True)
        before = files(folder)
        export(folder / plan.name, isolated / "book.xlsx")
        done = run("import", str(isolated / "book.xlsx"), "--into", str(folder / plan.name))
        assert done.returncode == 0, done.stderr
        assert "nothing to import" in done.stderr and done.stdout == ""
        assert files(folder) == before


def test_edited_workbook_imports_as_exactly_those_changes(isolated: Path) -> None:
    """Kota Batam keeps its programmes in include fragments: a renamed lead (GOV-01, in
    programs/governance.yaml), a changed budget amount (ENV-02, programs/environment.yaml) and
    a new programme row with its budget line and indicator (into masterplan.yaml)."""
    folder = isolated / "kota-batam"
    shutil.copytree(EXAMPLES / "kota-batam", folder)
    before = files(folder)
    book = isolated / "program.xlsx"
    export(folder / "masterplan.yaml", book)
    workbook = openpyxl.load_workbook(book)
    programs = Sheet(workbook["Program"])
    programs.set(programs.row_of(program_id="GOV-01"), lead="diskominfo")
    programs.append(program_id="SOC-09", name="Pusat data warga terpadu", dimension="society",
                    element="community", horizon="medium", kind="application", quick_win=False,
                    start=2024, end=2026, lead="diskominfo", partners="setda;bappelitbangda")
    budget = Sheet(workbook["Anggaran"])
    row = budget.row_of(program_id="ENV-02", year=2024)
    old_amount = budget.ws.cell(row, budget.columns["amount"]).value
    source = budget.ws.cell(row, budget.columns["source"]).value
    budget.set(row, amount=old_amount + 250_000_000)
    budget.append(program_id="SOC-09", year=2024, source="apbd", amount=1_200_000_000)
    Sheet(workbook["Indikator"]).append(
        program_id="SOC-09", indicator="Layanan terhubung ke pusat data", unit="layanan",
        type="output", value_kind="target", year=2026, value=40)  # fmt: skip
    workbook.save(book)

    done = run("import", str(book), "--into", str(folder / "masterplan.yaml"), "--lang", "en")
    assert done.returncode == 0, done.stderr
    after = files(folder)
    assert changed_lines(before["programs/governance.yaml"], after["programs/governance.yaml"]) == [
        "-    lead: dpmptsp", "+    lead: diskominfo"]  # fmt: skip
    env = changed_lines(before["programs/environment.yaml"], after["programs/environment.yaml"])
    assert len(env) == 2 and env[0].startswith("-") and env[1].startswith("+")
    assert str(old_amount + 250_000_000) in env[1] and str(old_amount) in env[0]
    added = changed_lines(before["masterplan.yaml"], after["masterplan.yaml"])
    assert all(line.startswith("+") for line in added)
    assert "+  - id: SOC-09" in added and "+    partners: [setda, bappelitbangda]" in added
    assert "+      - {year: 2024, amount: 1200000000, source: apbd}" in added
    unchanged = set(before) - {"programs/governance.yaml", "programs/environment.yaml",
                               "masterplan.yaml"}  # fmt: skip
    assert all(after[name] == before[name] for name in unchanged)
    # the diff review says what changed, and the plan still validates
    diff = run("diff", str(EXAMPLES / "kota-batam" / "masterplan.yaml"),
               str(folder / "masterplan.yaml"), "-f", "json")  # fmt: skip
    changes = {(c["op"], c["id"], c["field"]) for c in json.loads(diff.stdout)["changes"]}
    assert changes == {
        ("changed", "GOV-01", "lead"),
        ("changed", "ENV-02", f"budget.2024.{source}.amount"),
        ("added", "SOC-09", None),
    }
    assert "GOV-01" in done.stdout and "SOC-09" in done.stdout
    assert run("validate", str(folder / "masterplan.yaml")).returncode == 0


def test_new_programmes_go_into_a_fragment(isolated: Path) -> None:
    folder = isolated / "kota-batam"
    shutil.copytree(EXAMPLES / "kota-batam", folder)
    book = isolated / "program.xlsx"
    export(folder / "masterplan.yaml", book)
    workbook = openpyxl.load_workbook(book)
    Sheet(workbook["Program"]).append(program_id="GOV-09", name="Satu Data", dimension="governance")
    workbook.save(book)
    fragment = folder / "programs" / "governance.yaml"
    before = fragment.read_text(encoding="utf-8")
    done = run("import", str(book), "--into", str(fragment))
    assert done.returncode == 0, done.stderr
    text = fragment.read_text(encoding="utf-8")
    assert text.startswith(before.split("programs:")[0])  # the fragment's comments stay
    assert "  - id: GOV-09\n    name: Satu Data\n    dimension: governance\n" in text


def test_ambiguous_cells_are_refused_with_their_address(isolated: Path) -> None:
    shutil.copytree(EXAMPLES / "kota-jambi", isolated / "kota-jambi")
    plan = isolated / "kota-jambi" / "masterplan.yaml"
    before = plan.read_bytes()
    cases = [
        ("Program", {"start": "20x3"}, "start", "year '20x3' is not a number"),
        ("Anggaran", {"amount": "Rp 2,5 M"}, "amount", "amount 'Rp 2,5 M' is not a number"),
        ("Program", {"budget_total": 1}, "budget_total", "budget_total is the sum"),
        ("Program", {"horizon": "pendek"}, "horizon", "horizon"),
        ("Indikator", {"value_kind": "goal"}, "value_kind", "neither target nor actual"),
    ]
    for sheet, values, column, message in cases:
        book = isolated / "edited.xlsx"
        export(plan, book)
        workbook = openpyxl.load_workbook(book)
        edited = Sheet(workbook[sheet])
        edited.set(14, **values)
        workbook.save(book)
        letter = openpyxl.utils.get_column_letter(edited.columns[column])
        done = run("import", str(book), "--into", str(plan))
        assert done.returncode == 2, (values, done.stdout)
        assert done.stderr.startswith(f"smartplan: error: {sheet}!{letter}14: "), done.stderr
        assert message in done.stderr and done.stderr.count("\n") == 1
        assert plan.read_bytes() == before


def test_conflicting_indicator_rows_and_a_deleted_programme_are_refused(isolated: Path) -> None:
    shutil.copytree(EXAMPLES / "kota-jambi", isolated / "kota-jambi")
    plan = isolated / "kota-jambi" / "masterplan.yaml"
    book = isolated / "edited.xlsx"
    export(plan, book)
    workbook = openpyxl.load_workbook(book)
    indicators = Sheet(workbook["Indikator"])
    first = indicators.row_of(program_id="GOV-01", value_kind="target", year=2022)
    second = indicators.row_of(program_id="GOV-01", value_kind="target", year=2023)
    indicators.set(first, unit="gerai")
    indicators.set(second, unit="loket")
    workbook.save(book)
    done = run("import", str(book), "--into", str(plan))
    assert done.returncode == 2 and "for the same indicator" in done.stderr
    export(plan, book)
    workbook = openpyxl.load_workbook(book)
    workbook["Program"].delete_rows(3)
    workbook.save(book)
    done = run("import", str(book), "--into", str(plan))
    assert done.returncode == 2 and "has no row" in done.stderr


def test_deleted_budget_row_and_new_target_and_cleared_cell(isolated: Path) -> None:
    shutil.copytree(EXAMPLES / "kota-jambi", isolated / "kota-jambi")
    plan = isolated / "kota-jambi" / "masterplan.yaml"
    before = plan.read_bytes()
    book = isolated / "edited.xlsx"
    export(plan, book)
    workbook = openpyxl.load_workbook(book)
    budget = Sheet(workbook["Anggaran"])
    budget.ws.delete_rows(budget.row_of(program_id="GOV-01", year=2023))
    programs = Sheet(workbook["Program"])
    programs.set(programs.row_of(program_id="GOV-01"), partners="diskominfo")
    Sheet(workbook["Indikator"]).append(
        program_id="GOV-01", indicator="Jenis layanan di Mal Pelayanan Publik", unit="layanan",
        type="output", value_kind="actual", year=2023, value=240, baseline_year=2021,
        baseline_value=0)  # fmt: skip
    workbook.save(book)
    done = run("import", str(book), "--into", str(plan), "--dry-run")
    assert done.returncode == 0 and "GOV-01" in done.stdout
    assert plan.read_bytes() == before  # --dry-run writes nothing
    assert run("import", str(book), "--into", str(plan)).returncode == 0
    lines = changed_lines(before, plan.read_bytes())
    assert lines == [
        "-    partners: [diskominfo, setda]",
        "+    partners: [diskominfo]",
        "-      - {year: 2023, amount: 1500000000, source: apbd}",
        "-        actuals: [{year: 2022, value: 162}]",
        "+        actuals: [{year: 2022, value: 162}, {year: 2023, value: 240}]",
    ]


def test_not_a_workbook_is_one_line(isolated: Path) -> None:
    shutil.copytree(EXAMPLES / "kota-jambi", isolated / "kota-jambi")
    (isolated / "bad.xlsx").write_bytes(b"not a zip")
    done = run("import", "bad.xlsx", "--into", "kota-jambi/masterplan.yaml")
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert "not an Excel workbook" in done.stderr
    done = run("import", "bad.xlsx", "--into", "kota-jambi/nowhere.yaml")
    assert done.returncode == 2 and done.stderr.count("\n") == 1


# --- the property: export → import with no edit changes nothing, byte for byte ---------------

# any text a plan may hold (the loader refuses control characters and noncharacters, however
# written): drawn without them (Cc, Cs, and Cn which holds the noncharacters), not filtered
names = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Cn")), min_size=1, max_size=12
).filter(lambda name: printable(name) == name)
ids = st.from_regex(r"[A-Z]{3}-[0-9]{2}", fullmatch=True)
years = st.integers(min_value=2018, max_value=2030)
amounts = st.one_of(st.integers(0, 10**13), st.floats(0, 1e12, allow_nan=False).map(round))
values = st.one_of(st.integers(-1000, 10**6), st.floats(-1e6, 1e6, allow_nan=False,
                                                        allow_infinity=False))


@st.composite
def plans(draw: st.DrawFn) -> dict[str, Any]:
    programs = []
    for pid in draw(st.lists(ids, max_size=6, unique=True)):
        program: dict[str, Any] = {"id": pid, "name": draw(names), "dimension": "governance"}
        if draw(st.booleans()):
            # quick wins as a flag, a year, or the years it was designated (SPEC §10)
            program["quick_win"] = draw(st.one_of(
                st.booleans(), years, st.lists(years, min_size=1, max_size=3, unique=True)
            ))  # fmt: skip
        if draw(st.booleans()):
            program["start"], program["end"] = sorted((draw(years), draw(years)))
        if draw(st.booleans()):
            program["partners"] = draw(st.lists(names.filter(lambda n: ";" not in n), max_size=3))
        program["budget"] = [
            {"year": draw(years), "amount": draw(amounts),
             **({"source": draw(st.sampled_from(["apbd", "csr"]))} if draw(st.booleans()) else {})}
            for _ in range(draw(st.integers(0, 3)))
        ]  # fmt: skip
        program["indicators"] = [
            {"name": draw(names), "unit": draw(names),
             "baseline": {"year": draw(years), "value": draw(values)},
             "targets": [{"year": draw(years), "value": draw(values)}
                         for _ in range(draw(st.integers(0, 3)))]}
            for _ in range(draw(st.integers(0, 2)))
        ]  # fmt: skip
        programs.append(program)
    return {
        "smartplan": 1,
        "region": {"name": draw(names), "kind": "kota", "province": "Jambi"},
        "period": {"start": 2020, "end": 2029},
        "stage": 1,
        "programs": programs,
    }


@settings(max_examples=20, deadline=None)
@given(plans())
def test_export_then_import_without_edits_changes_nothing(data: dict[str, Any]) -> None:
    """Whatever the plan holds (odd names, floats, repeated budget years and sources, quick
    wins as years), an unedited export imports as no change and the file keeps every byte."""
    import tempfile

    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.xlsx import plan_workbook
    from smartplan.workbook import import_workbook

    with tempfile.TemporaryDirectory() as folder:
        plan = Path(folder) / "masterplan.yaml"
        plan.write_text("# a comment the import must keep\n"
                        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")  # fmt: skip
        before = plan.read_bytes()
        book = Path(folder) / "book.xlsx"
        book.write_bytes(plan_workbook(load_plan_or_fail(plan).data, plan.name))
        if _repeats_an_indicator(data):  # the sheet cannot tell them apart: refused, unchanged
            with pytest.raises(UsageError, match="has two indicators named"):
                import_workbook(book, plan)
            assert plan.read_bytes() == before
            return
        imported = import_workbook(book, plan)
        assert imported.diff.changes == []
        assert imported.texts == {} and plan.read_bytes() == before


def _repeats_an_indicator(data: dict[str, Any]) -> bool:
    names = [[str(i.get("name")) for i in p.get("indicators") or []] for p in data["programs"]]
    return any(len(set(found)) < len(found) for found in names)


def test_two_indicators_of_one_name_are_refused_not_merged(isolated: Path) -> None:
    """Found by the property above: a programme with two indicators named alike took the
    second one's baseline into the first on an unedited import."""
    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.xlsx import plan_workbook
    from smartplan.workbook import import_workbook

    indicator = {"name": "0", "unit": "0", "baseline": {"year": 2018, "value": 0}, "targets": []}
    data = {
        "smartplan": 1,
        "region": {"name": "0", "kind": "kota", "province": "Jambi"},
        "period": {"start": 2020, "end": 2029},
        "stage": 1,
        "programs": [
            {"id": "AAA-00", "name": "0", "dimension": "governance", "budget": [],
             "indicators": [indicator, {**indicator, "baseline": {"year": 2018, "value": 1}}]},
        ],
    }  # fmt: skip
    plan = isolated / "masterplan.yaml"
    plan.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    before = plan.read_bytes()
    book = isolated / "book.xlsx"
    book.write_bytes(plan_workbook(load_plan_or_fail(plan).data, plan.name))
    with pytest.raises(UsageError, match="programme AAA-00 has two indicators named '0'"):
        import_workbook(book, plan)
    assert plan.read_bytes() == before


def test_a_fragment_with_its_plan_named(isolated: Path) -> None:
    """--plan names the plan a fragment belongs to when it is not above the fragment."""
    shutil.copytree(EXAMPLES / "kota-batam", isolated / "kota-batam")
    plan = isolated / "kota-batam" / "masterplan.yaml"
    fragment = isolated / "kota-batam" / "programs" / "environment.yaml"
    book = isolated / "program.xlsx"
    export(plan, book)
    workbook = openpyxl.load_workbook(book)
    programs = Sheet(workbook["Program"])
    programs.set(programs.row_of(program_id="ENV-01"), status="ongoing")
    workbook.save(book)
    before = fragment.read_bytes()
    done = run("import", str(book), "--into", str(fragment), "--plan", str(plan))
    assert done.returncode == 0, done.stderr
    lines = changed_lines(before, fragment.read_bytes())
    assert lines[-1] == "+    status: ongoing" and all(line[0] in "+-" for line in lines)
    other = isolated / "other.yaml"
    other.write_text("programs: []\n", encoding="utf-8")
    done = run("import", str(book), "--into", str(other), "--plan", str(plan))
    assert done.returncode == 2 and "neither the plan nor one of its include" in done.stderr


def test_into_must_be_a_regular_file(isolated: Path) -> None:
    """`--into` is read by the one reader: a FIFO does not hang the import (no writer ever
    comes), a device is refused rather than read until memory runs out; one line, exit 2."""
    import os

    plan = isolated / "kota-jambi" / "masterplan.yaml"
    shutil.copytree(EXAMPLES / "kota-jambi", plan.parent)
    export(plan, isolated / "book.xlsx")
    os.mkfifo(isolated / "fifo.yaml")
    refusal = "it is not a regular file (a device, a pipe or a socket)"
    for into in (str(isolated / "fifo.yaml"), "/dev/zero"):
        done = subprocess.run(
            [*SMARTPLAN, "import", "book.xlsx", "--into", into, "--lang", "en"],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 2, done.stderr
        assert done.stderr == f"smartplan: error: cannot read {into}: {refusal}\n"
