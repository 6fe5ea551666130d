"""Real facts of a plan (SPEC §10): supersedes, adopted_by, agreements, rpjmd, the forum and
when members served, outside ratings, and the Bimtek record — validated, compared and shown."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from smartplan.check.lint import ValidateOptions, validate_paths
from test_rules import BASE

FACTS = """\
supersedes:
  period: {start: 2017, end: 2026}
  regulation: Perbup 1.1/2018
  file: masterplan-2017.yaml
  note: Disusun ulang setelah RPJMD baru
adopted_by: perda-1
agreements:
  - {kind: mou, date: 2017-05-11, number: "MoU-17/2017", parties: [diskominfo, Kemkominfo],
     title: Nota Kesepahaman Gerakan Menuju 100 Smart City}
rpjmd: {period: {start: 2021, end: 2026}, regulation: Perda 2/2021}
ratings:
  - {name: RKCI, year: 2019, result: Peringkat 3 kota sedang, by: ITB, note: Rating Kota Cerdas}
"""


def findings(tmp_path: Path, extra: str, *rules: str) -> list[tuple[str, int, str]]:
    plan = tmp_path / "masterplan.yaml"
    plan.write_text(BASE + extra, encoding="utf-8")
    result = validate_paths([str(plan)], ValidateOptions(select=rules) if rules else ValidateOptions())
    return [(f.rule, f.line, f.message) for f in result.findings]


def test_facts_validate(tmp_path: Path) -> None:
    assert findings(tmp_path, FACTS, "schema", "unknown-reference", "include") == []


def test_adopted_by_names_a_regulation(tmp_path: Path) -> None:
    assert findings(tmp_path, "adopted_by: perda-2\n", "unknown-reference") == [
        ("unknown-reference", 31, "adopted_by 'perda-2' is not a regulation id"
         " (did you mean 'perda-1'?)"),
    ]


def test_facts_are_checked_by_the_schema(tmp_path: Path) -> None:
    bad = (
        "agreements: [{kind: letter}]\n"
        "ratings: [{year: 2019}]\n"
        "rpjmd: {period: {start: 2021}, perda: x}\n"
    )
    assert findings(tmp_path, bad, "schema") == [
        ("schema", 31, "agreements[0].kind must be one of mou, kesepakatan, other, not 'letter'"),
        ("schema", 32, "ratings[0]: missing required field 'name'"),
        ("schema", 33, "unknown field 'perda' (did you mean 'period'?); allowed here: period,"
         " regulation (or an x- extension key)"),
    ]


def test_supersedes_file_is_held_to_the_repository(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    got = findings(tmp_path, "supersedes: {file: ../../etc/passwd}\n", "include")
    assert [(rule, line) for rule, line, _ in got] == [("include", 31)]
    assert "supersedes file '../../etc/passwd' points outside the repository" in got[0][2]
    got = findings(tmp_path, "supersedes: {file: /etc/passwd}\n", "include")
    assert "is an absolute path" in got[0][2]


def test_supersedes_file_is_never_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "old.yaml").write_text("this: [is not, a plan\n", encoding="utf-8")
    assert findings(tmp_path, "supersedes: {file: old.yaml}\n") == []


IMPLEMENTERS = "  implementers: [{name: Kepala Diskominfo, organization: diskominfo}]\n"
FORUM = (
    IMPLEMENTERS + "  forum:\n"
    "    - {name: Ketua Forum, role: Ketua, organization: forum-warga, since: 2019,"
    " until: 2022-06-30}\n"
    "    - {name: Anggota Forum, since: 2019-03-01}\n"
)


def test_forum_members_and_when_they_served(tmp_path: Path) -> None:
    plan = BASE.replace(IMPLEMENTERS, FORUM)
    (tmp_path / "masterplan.yaml").write_text(plan, encoding="utf-8")
    result = validate_paths([str(tmp_path / "masterplan.yaml")], ValidateOptions())
    assert [(f.rule, f.line, f.message) for f in result.findings] == [
        ("unknown-reference", 12,
         "team forum member Ketua Forum: organization 'forum-warga' is not an organization id"),
    ]
    bad = plan.replace("until: 2022-06-30", "until: juni 2022")
    (tmp_path / "masterplan.yaml").write_text(bad, encoding="utf-8")
    result = validate_paths([str(tmp_path / "masterplan.yaml")], ValidateOptions())
    assert [(f.rule, f.line) for f in result.findings if f.rule == "schema"] == [("schema", 12)]


# --- shown in every report and format ------------------------------------------------------

FIXTURE = Path(__file__).parent / "data" / "facts" / "masterplan.yaml"


def test_the_masterplan_shows_the_record_of_the_plan() -> None:
    from smartplan.report import render_file

    text = str(render_file(FIXTURE, fmt="md", lang="en"))
    for line in (
        "- **Replaces:** Smart City Masterplan 2017–2026 (Perbup 1.1/2018; masterplan-2017.yaml)"
        " — Disusun ulang setelah RPJMD baru",
        "- **Adopted by:** Mayoral regulation (Perwali) 59 2019 — Masterplan Smart City",
        "- **RPJMD served:** 2021–2026 (Perda 2/2021)",
        "| 1 | until 14 June 2018 | Jakarta |  |  | Bappeda; Diskominfo | Bimtek pertama |",
        "| RKCI | 2019 | Peringkat 3 kota sedang | ITB | Rating Kota Cerdas |",
        "### Smart City Forum",
        "| Ketua Forum | Ketua | Bappeda | 2019 – 30 June 2022 |",
        "| Anggota Forum |  |  | since 1 March 2019 |",
        "| Memorandum of understanding (MoU) | 11 May 2017 | MoU-17/2017 |"
        " Dinas Komunikasi dan Informatika; Kemkominfo |"
        " Nota Kesepahaman Gerakan Menuju 100 Smart City |",
        "### Quick-win year 2022",
        "### Quick wins without a year",
    ):
        assert line in text, line
    assert [line for line in text.splitlines() if line.startswith("#") and "no year" in line] == []


def test_indonesian_words_for_the_record() -> None:
    from smartplan.report import render_file

    text = str(render_file(FIXTURE, fmt="md", lang="id"))
    assert "- **Menggantikan:** Masterplan Smart City 2017–2026" in text
    assert "| 1 | sampai 14 Juni 2018 |" in text
    assert "### Quick win tanpa tahun" in text and "Tahun quick win tanpa tahun" not in text
    assert "| Anggota Forum |  |  | sejak 1 Maret 2019 |" in text


def test_the_roadmap_starts_at_the_earliest_quick_win_year() -> None:
    """GOV-01 is a quick win of 2022, the Bimtek year before the period 2023–2032."""
    from smartplan.report import render_file

    text = str(render_file(FIXTURE, fmt="md", lang="en"))
    assert "| Programme | 2022 | 2023 |" in text
    assert "| GOV-01 Satu Data ★ | ☆ |" in text


def test_ratings_never_enter_the_evaluation_index(tmp_path: Path) -> None:
    from smartplan.report import render_file

    plan = tmp_path / "masterplan.yaml"
    evaluation = (
        "evaluations:\n  - {year: 2024, weights: {baseline: 10, output: 20, outcome: 20,"
        " impact: 20, quick_win: 30}, scores: {baseline: 3, output: 3, outcome: 3, impact: 3,"
        " quick_win: 3}}\n"
    )
    plan.write_text(FIXTURE.read_text(encoding="utf-8") + evaluation, encoding="utf-8")
    text = str(render_file(plan, report="evaluation", fmt="md", lang="en"))
    assert "| RKCI | 2019 | Peringkat 3 kota sedang | ITB | Rating Kota Cerdas |" in text
    assert "| 2024 | 3.00 (10) |" in text  # the index is the ministry's components alone
    assert "| 3.00 (30) | **3.00** |" in text


def test_bimtek_with_only_an_end_date_is_not_a_one_day_event() -> None:
    from smartplan.report.facts import bimtek_dates

    assert bimtek_dates(None, "2018-06-14", "en") == "until 14 June 2018"
    assert bimtek_dates("2018-06-14", "2018-06-14", "en") == "14 June 2018"
    assert bimtek_dates("2018-06-13", "2018-06-14", "id") == "13–14 Juni 2018"


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("report", ["masterplan", "evaluation", "quickwins", "summary"])
def test_markdown_html_and_word_carry_the_same_facts(report: str, lang: str) -> None:
    """The parity of tests/test_report_parity.py and tests/test_office.py, for the new facts."""
    import io

    import docx

    from smartplan.report import render_file
    from smartplan.reporters.documents import render_document
    from test_office import Facts, docx_text
    from test_report_parity import facts, markdown_text, visible_text

    html_page = str(render_file(FIXTURE, report=report, fmt="html", lang=lang))
    html = facts(visible_text(html_page))
    markdown = facts(markdown_text(str(render_file(FIXTURE, report=report, fmt="md", lang=lang)), lang))
    assert html - markdown == set(), "only in HTML"
    assert markdown - html == set(), "only in Markdown"
    parser = Facts()
    parser.feed(html_page)
    data = render_document(FIXTURE, report=report, fmt="docx", lang=lang).data
    text = docx_text(docx.Document(io.BytesIO(data)))
    assert [fact for fact in parser.facts if fact not in text] == []
    if report == "masterplan":
        assert {"RKCI", "Kemkominfo", "MoU-17/2017", "Perbup", "Peringkat"} <= html


# --- compared -------------------------------------------------------------------------------


def _loaded() -> dict[str, Any]:
    import yaml

    data: dict[str, Any] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))  # dates as the loader keeps them: text


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_diff_between_a_plan_and_its_successor_says_so_first(fmt: str) -> None:
    from smartplan.diff import diff_data
    from smartplan.reporters.diff import DIFF_REPORTERS, DiffOptions

    new = _loaded()
    old = {**new, "period": {"start": 2017, "end": 2026}}
    del old["supersedes"]
    result = diff_data(old, new)
    assert result.review.as_json()["successor"] == {"old": "2017–2026", "new": "2023–2032"}
    text = DIFF_REPORTERS[fmt](result, DiffOptions(lang="en"))
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[1] == "A successor plan: the masterplan 2023–2032 replaces the masterplan 2017–2026."
    indonesian = DIFF_REPORTERS[fmt](result, DiffOptions(lang="id"))
    assert "Masterplan pengganti: masterplan 2023–2032 menggantikan masterplan 2017–2026." in indonesian
    # two versions of one plan are not successors
    assert diff_data(new, new).review.successor is None
    assert diff_data({**new, "stage": 2}, new).review.successor is None


def test_diff_compares_the_record_by_item() -> None:
    from smartplan.diff import diff_data
    from smartplan.reporters.diff import DIFF_REPORTERS, DiffOptions

    old = _loaded()
    new = copy.deepcopy(old)
    new["adopted_by"] = "perda-1"
    new["ratings"].append({"name": "RKCI", "year": 2021, "result": "Peringkat 1"})
    new["agreements"][0]["title"] = "Nota Kesepahaman"
    new["team"]["forum"][1]["until"] = 2024
    new["rpjmd"]["regulation"] = "Perda 3/2021"
    changes = {(c.op, c.section, c.id, c.field) for c in diff_data(old, new).changes}
    assert changes == {
        ("changed", "adopted_by", None, None),
        ("added", "ratings", "RKCI 2021", None),
        ("changed", "agreements", "MoU-17/2017", "title"),
        ("added", "team", None, "forum.Anggota Forum.until"),
        ("changed", "rpjmd", None, "regulation"),
    }
    text = DIFF_REPORTERS["md"](diff_data(old, new), DiffOptions(lang="en"))
    for heading in ("#### Adopting regulation", "#### Outside ratings", "#### Agreements",
                    "#### RPJMD served"):
        assert heading in text


# --- the portfolio --------------------------------------------------------------------------


def _region_with_two_plans(root: Path) -> Path:
    """A region's folder: the current plan, and the plan it replaced under arsip/."""
    region = root / "kota-contoh"
    (region / "arsip").mkdir(parents=True)
    (root / ".git").mkdir()
    old = FIXTURE.read_text(encoding="utf-8").replace(
        "period: {start: 2023, end: 2032}", "period: {start: 2017, end: 2026}"
    )
    old = old[: old.index("supersedes:")] + old[old.index("bimtek:") :]
    (region / "arsip" / "masterplan.yaml").write_text(old, encoding="utf-8")
    new = FIXTURE.read_text(encoding="utf-8").replace(
        "file: masterplan-2017.yaml", "file: arsip/masterplan.yaml"
    )
    (region / "masterplan.yaml").write_text(new, encoding="utf-8")
    return region


def test_the_portfolio_counts_the_current_plan_and_shows_the_revision(tmp_path: Path) -> None:
    from smartplan.report.cohort import collect
    from smartplan.report.cohort_table import cells, table

    region = _region_with_two_plans(tmp_path)
    (row,) = collect([str(tmp_path)], parallel=False)
    assert row.path.endswith("kota-contoh/masterplan.yaml")
    assert row.replaces == "2017–2026"
    assert cells(row, "en")[0] == "Kota Contoh (revision: replaces the masterplan 2017–2026)"
    assert cells(row, "id")[0] == "Kota Contoh (revisi: menggantikan masterplan 2017–2026)"
    exported = table([row])
    assert exported.records()[0]["replaces"] == "2017–2026"
    # the old plan alone is a plan like any other
    (old,) = collect([str(region / "arsip")], parallel=False)
    assert old.replaces == "" and old.period == "2017–2026"


def test_a_supersedes_file_out_of_the_repository_drops_no_row(tmp_path: Path) -> None:
    from smartplan.report.cohort import collect

    region = _region_with_two_plans(tmp_path / "repo")
    plan = region / "masterplan.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("file: arsip/masterplan.yaml", f"file: {tmp_path}/x"),
        encoding="utf-8",
    )
    rows = collect([str(tmp_path / "repo")], parallel=False)
    assert len(rows) == 2 and {r.errors >= 1 for r in rows if r.replaces} == {True}
