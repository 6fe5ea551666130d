"""Real facts of a plan (SPEC §10): supersedes, adopted_by, agreements, rpjmd, the forum and
when members served, outside ratings, and the Bimtek record — validated, compared and shown."""

from __future__ import annotations

from pathlib import Path

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
