"""`smartplan diff` as a region uses it: a git repository with stage tags, `REV:PATH`, a split
plan read whole at a revision, configured tag patterns, refused revisions, the three formats
(Markdown against golden files) and the exit codes, through typer's runner and a real process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from smartplan.cli import app

runner = CliRunner()
STAGE2 = EXAMPLES / "kota-pangkalpinang" / "masterplan.stage2.yaml"
STAGE3 = EXAMPLES / "kota-pangkalpinang" / "masterplan.yaml"
GIT = shutil.which("git") or "git"


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["diff", *args])
    return result.exit_code, result.stdout, result.stderr


def git(repo: Path, *args: str) -> str:
    identity = ["-c", "user.name=Diskominfo", "-c", "user.email=diskominfo@example.invalid"]
    done = subprocess.run(
        [GIT, "-C", str(repo), *identity, "-c", "commit.gpgsign=false", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit(repo: Path, message: str, tag: str | None = None) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message)
    if tag:
        git(repo, "tag", tag)


@pytest.fixture
def region(isolated: Path) -> Path:
    """A region's repository: the stage-2 plan tagged stage2, the stage-3 plan tagged stage3."""
    git(isolated, "init", "-q")
    shutil.copy(STAGE2, isolated / "masterplan.yaml")
    commit(isolated, "Tahap 2", "stage2")
    shutil.copy(STAGE3, isolated / "masterplan.yaml")
    commit(isolated, "Tahap 3", "stage3")
    return isolated


# --- golden files: the review of two stages of a shipped example -------------------------------

GOLDEN = ROOT / "tests" / "golden" / "diff"
CASES = sorted(path.name for path in GOLDEN.iterdir()) if GOLDEN.is_dir() else []


@pytest.mark.usefixtures("indonesian")
@pytest.mark.parametrize("case", CASES)
def test_golden(
    case: str, monkeypatch: pytest.MonkeyPatch, check_golden: Callable[[Path, str], None]
) -> None:
    folder = GOLDEN / case
    monkeypatch.chdir(ROOT)  # args name files from the repository root
    args = (folder / "args").read_text(encoding="utf-8").split()
    result = runner.invoke(app, ["diff", *args])
    assert result.exit_code in (0, 1), result.output
    expected = next(p for p in folder.iterdir() if p.name.startswith("expected."))
    check_golden(expected, result.stdout)


def test_golden_cases_cover_every_format_and_language() -> None:
    names = {p.name for case in CASES for p in (GOLDEN / case).iterdir()}
    assert {"expected.md", "expected.txt", "expected.json"} <= names
    assert len(CASES) >= 4


# --- sides ------------------------------------------------------------------------------------


@pytest.mark.usefixtures("indonesian")
def test_stage_tags_and_formats(region: Path) -> None:
    code, md, _ = invoke("stage2", "stage3", "--format", "md")
    assert code == 0
    assert md.startswith("## Tinjauan perubahan masterplan: `stage2` → `stage3`\n")
    assert "| Tahap Bimtek | 2 | 3 |" in md
    assert (
        "| `GOV-03` Peraturan Wali Kota tentang Smart City dan Satu Data | Jangka menengah | Jangka pendek |"
        in md
    )
    assert "- Quick win baru: `BRD-02`, `ECO-03`, `LIV-02`, `SOC-01`, `ENV-03`" in md
    assert "| 2025 | — | `BRD-02`, `LIV-02`, `ENV-03` |" in md  # quick wins by year
    code, text, _ = invoke("stage2", "stage3", "--lang", "en")
    assert "Masterplan review: stage2 → stage3" in text and "ECO-04" in text
    code, out, _ = invoke("stage2", "stage3", "--format", "json")
    data = json.loads(out)
    assert (data["version"], data["old"], data["new"]) == (1, "stage2", "stage3")
    assert data["summary"] == {"added": 12, "removed": 1, "changed": 7}
    assert {
        "op": "changed",
        "section": "programs",
        "id": "GOV-03",
        "field": "horizon",
        "old": "medium",
        "new": "short",
    } in data["changes"]


@pytest.mark.usefixtures("indonesian")
def test_new_defaults_to_the_working_tree_and_exit_code(region: Path) -> None:
    assert invoke("stage3", "--exit-code")[:2] == (
        0,
        "Tinjauan perubahan masterplan: stage3 → isi folder saat ini\nTidak ada perubahan.\n",
    )
    text = (region / "masterplan.yaml").read_text(encoding="utf-8")
    (region / "masterplan.yaml").write_text(
        text.replace("\nstage: 3\n", "\nstage: 4\n"), encoding="utf-8"
    )
    code, out, _ = invoke("stage3", "--exit-code", "--format", "json")
    assert code == 1
    assert json.loads(out)["changes"] == [
        {"op": "changed", "section": "stage", "id": None, "field": None, "old": 3, "new": 4}
    ]
    assert invoke("stage3")[0] == 0  # without --exit-code a change is not a failure


def test_rev_colon_path_and_bare_revisions(region: Path) -> None:
    (region / "sub").mkdir()
    code, out, _ = invoke("HEAD~1:masterplan.yaml", "HEAD", "--format", "json")
    assert code == 0 and json.loads(out)["summary"]["added"] == 12
    os.chdir(region / "sub")
    code, out, _ = invoke("stage2:../masterplan.yaml", "stage3:masterplan.yaml", "-f", "json")
    assert code == 0 and json.loads(out)["summary"]["changed"] == 7


def test_plan_path_from_config_and_a_configured_tag_pattern(isolated: Path) -> None:
    git(isolated, "init", "-q")
    (isolated / "rencana").mkdir()
    (isolated / ".smartplan.yaml").write_text(
        "plans: [rencana/masterplan.yaml]\nstage_tag: 'tahap-{n}'\n", encoding="utf-8"
    )
    shutil.copy(STAGE2, isolated / "rencana" / "masterplan.yaml")
    commit(isolated, "Tahap 2", "tahap-2")
    shutil.copy(STAGE3, isolated / "rencana" / "masterplan.yaml")
    commit(isolated, "Tahap 3", "tahap-3")
    code, out, _ = invoke("stage2", "stage3", "-f", "json")
    assert code == 0, out
    assert json.loads(out)["summary"]["added"] == 12
    # with no side at all: the last stage tag against the working tree
    code, out, _ = invoke("-f", "json")
    assert (code, json.loads(out)["old"]) == (0, "stage3")


def test_split_plan_is_read_whole_at_the_revision(isolated: Path) -> None:
    git(isolated, "init", "-q")
    shutil.copytree(EXAMPLES / "kota-batam", isolated / "batam")
    commit(isolated, "Tahap 4", "stage4")
    fragment = next((isolated / "batam" / "programs").glob("*.yaml"))
    text = fragment.read_text(encoding="utf-8")
    fragment.write_text(text.replace("horizon: medium", "horizon: short", 1), encoding="utf-8")
    commit(isolated, "revisi")
    code, out, err = invoke(
        "stage4:batam/masterplan.yaml", "HEAD:batam/masterplan.yaml", "-f", "json"
    )
    assert code == 0, err
    changed = [c for c in json.loads(out)["changes"] if c["field"] == "horizon"]
    assert [(c["old"], c["new"]) for c in changed] == [("medium", "short")]
    # the fragment at the revision, not the working tree: a working-tree edit changes nothing
    fragment.write_text("programs: [oops", encoding="utf-8")
    assert invoke("stage4:batam/masterplan.yaml", "HEAD:batam/masterplan.yaml")[0] == 0


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--", "--upload-pack=touch /tmp/owned"], "looks like an option"),
        (["--", "-n"], "looks like an option"),
        (["stage9"], "no tag 'stage9' for stage 9"),
        (["no-such-branch"], "no git revision 'no-such-branch'"),
        (["HEAD:nope.yaml"], "OLD 'HEAD:nope.yaml': cannot read nope.yaml"),
        ([":masterplan.yaml"], "no revision before ':'"),
        (["HEAD:../../etc/passwd"], "outside the repository"),
        (["HEAD~1", "HEAD", "--format", "xml"], "'xml' is not one of"),
    ],
)
def test_bad_sides_are_usage_errors(region: Path, args: list[str], fragment: str) -> None:
    code, out, err = invoke(*args)
    assert code == 2, out
    assert fragment in err
    assert "Traceback" not in err
    assert not Path("/tmp/owned").exists()


def test_no_side_and_no_stage_tag_yet_is_nothing_to_compare(isolated: Path) -> None:
    git(isolated, "init", "-q")
    shutil.copy(STAGE2, isolated / "masterplan.yaml")
    commit(isolated, "Tahap 1")
    code, out, err = invoke()
    assert (code, out) == (0, "") and "no stage tag yet" in err


def test_outside_a_repository_a_file_side_needs_new(isolated: Path) -> None:
    shutil.copy(STAGE2, isolated / "a.yaml")
    assert invoke("a.yaml")[0] == 2
    code, _, err = invoke("stage2")
    assert code == 2 and "not in a git repository" in err
    code, _, err = invoke()
    assert code == 2 and "not in a git repository" in err


def test_unparsable_side_is_a_usage_error_naming_side_and_line(region: Path) -> None:
    (region / "masterplan.yaml").write_text("smartplan: 1\nregion: [\n", encoding="utf-8")
    code, _, err = invoke("stage3")
    assert code == 2
    assert "NEW 'working tree' does not parse: " in err and "masterplan.yaml:3:1:" in err


def test_side_failing_the_schema_is_compared_with_a_warning(region: Path) -> None:
    text = (region / "masterplan.yaml").read_text(encoding="utf-8")
    (region / "masterplan.yaml").write_text(
        text.replace("\nstage: 3\n", "\nstage: tiga\n"), encoding="utf-8"
    )
    code, out, err = invoke("stage3", "-f", "json")
    assert code == 0
    assert "warning: NEW 'working tree' does not pass the schema" in err
    assert json.loads(out)["changes"][0]["new"] == "tiga"


def test_pre_push_refs_from_the_environment(region: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRE_COMMIT_FROM_REF", git(region, "rev-parse", "stage2"))
    monkeypatch.setenv("PRE_COMMIT_TO_REF", git(region, "rev-parse", "stage3"))
    code, out, _ = invoke("-f", "json")
    assert code == 0 and json.loads(out)["summary"]["added"] == 12


@pytest.mark.usefixtures("indonesian")
def test_real_process_exit_codes_and_streams(region: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        return subprocess.run(
            [sys.executable, "-m", "smartplan", "diff", *args],
            cwd=region,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    done = run("stage2", "stage3", "--exit-code", "-f", "md")
    assert done.returncode == 1 and done.stderr == ""
    assert "**Jumlah: 12 ditambah, 1 dihapus, 7 diubah.**" in done.stdout
    done = run("--", "-x")
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert "\x1b[" not in run("stage2", "stage3").stdout  # no colour when not a terminal
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[32m+" in run("stage2", "stage3").stdout


def test_the_stage2_example_is_a_clean_stage2_plan() -> None:
    result = runner.invoke(app, ["validate", str(STAGE2)])
    assert (result.exit_code, result.stdout) == (0, "Checked 1 file: no problems found.\n")


@pytest.mark.usefixtures("indonesian")
def test_output_file_utf8_atomic_and_never_an_input(region: Path) -> None:
    code, out, _ = invoke("stage2", "stage3", "--format", "md", "-o", "tinjauan.md")
    assert (code, out) == (0, "")
    text = (region / "tinjauan.md").read_text(encoding="utf-8")
    assert text.startswith("## Tinjauan perubahan masterplan: `stage2` → `stage3`")
    before = (region / "masterplan.yaml").read_bytes()
    code, _, err = invoke("stage2", "--format", "md", "-o", "masterplan.yaml")
    assert code == 2 and "tidak akan menimpa berkas masukan: masterplan.yaml" in err
    assert (region / "masterplan.yaml").read_bytes() == before
