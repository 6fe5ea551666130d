"""The editor's $schema line: `init` writes a portable one; `validate` warns when it is not."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

INIT = ["init", "--region", "Kota Contoh", "--kind", "kota", "--province", "Jambi", "--start", "2025"]


def smartplan(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def links(plan: Path, cwd: Path) -> list[tuple[int, int, str]]:
    done = smartplan("validate", plan, "--select", "schema-link", "-f", "json", cwd=cwd)
    assert done.returncode in (0, 1), done.stderr
    found = json.loads(done.stdout)["files"][0]["findings"]
    return [(f["line"], f["column"], f["message"]) for f in found]


def git(*args: str, cwd: Path) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_init_plan_keeps_its_editor_help_after_a_clone(isolated: Path) -> None:
    """A plan made by init, committed and cloned elsewhere, still finds its schema."""
    repo = isolated / "repo"
    repo.mkdir()
    git("init", "-q", ".", cwd=repo)
    assert smartplan(*INIT, "daerah/kota-contoh", cwd=repo).returncode == 0
    plan = repo / "daerah" / "kota-contoh" / "masterplan.yaml"
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../.smartplan/masterplan.schema.json"
    assert (repo / ".smartplan" / "masterplan.schema.json").is_file()
    git("add", ".", cwd=repo)
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "tahap 1", cwd=repo)
    clone = isolated / "elsewhere" / "clone"
    git("clone", "-q", str(repo), str(clone), cwd=isolated)
    cloned = clone / "daerah" / "kota-contoh" / "masterplan.yaml"
    schema = (cloned.parent / first.split("$schema=", 1)[1]).resolve()
    assert schema.is_file() and schema.is_relative_to(clone.resolve())
    assert links(cloned, clone) == []


def test_init_outside_git_puts_the_copy_beside_the_plan(isolated: Path) -> None:
    assert smartplan(*INIT, "kota-contoh", cwd=isolated).returncode == 0
    plan = isolated / "kota-contoh" / "masterplan.yaml"
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=.smartplan/masterplan.schema.json"
    assert links(plan, isolated) == []


def test_init_refuses_to_replace_a_foreign_file_at_the_copy(isolated: Path) -> None:
    (isolated / ".git").mkdir()
    (isolated / ".smartplan").mkdir()
    (isolated / ".smartplan" / "masterplan.schema.json").write_text("{}", encoding="utf-8")
    done = smartplan(*INIT, "kota-contoh", cwd=isolated)
    assert done.returncode == 2 and "not smartplan's schema" in done.stderr
    assert not (isolated / "kota-contoh" / "masterplan.yaml").exists()


def _plan_with(line: str, folder: Path) -> Path:
    shutil.copytree(EXAMPLES / "kota-batam", folder / "kota-batam")
    plan = folder / "kota-batam" / "masterplan.yaml"
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[0].startswith("# yaml-language-server: $schema=")
    plan.write_text(line + "\n" + "".join(lines[1:]), encoding="utf-8")
    return plan


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("/home/ani/.local/lib/smartplan/schemas/masterplan.schema.json", "this computer only"),
        ("file:///C:/Users/ani/masterplan.schema.json", "this computer only"),
        ("C:\\Users\\ani\\masterplan.schema.json", "this computer only"),
        ("../../../masterplan.schema.json", "outside the repository"),
        ("../.smartplan/masterplan.schema.json", "does not exist"),
    ],
)
def test_validate_warns_about_a_schema_line_that_breaks_elsewhere(
    isolated: Path, target: str, words: str
) -> None:
    (isolated / ".git").mkdir()
    plan = _plan_with(f"# yaml-language-server: $schema={target}", isolated)
    found = links(plan, isolated)
    assert [(line, column) for line, column, _ in found] == [(1, 33)]
    assert words in found[0][2]
    assert "smartplan schema -o .smartplan/masterplan.schema.json" in found[0][2]


def test_validate_warns_about_an_old_copy_until_it_is_refreshed(isolated: Path) -> None:
    (isolated / ".git").mkdir()
    plan = _plan_with("# yaml-language-server: $schema=../.smartplan/masterplan.schema.json", isolated)
    copy = isolated / ".smartplan" / "masterplan.schema.json"
    copy.parent.mkdir()
    old = json.loads(smartplan("schema", cwd=isolated).stdout)
    old["properties"].pop("evaluations")  # as an older smartplan wrote it
    copy.write_text(json.dumps(old), encoding="utf-8")
    assert "out of date" in links(plan, isolated)[0][2]
    done = smartplan("schema", "-o", ".smartplan/masterplan.schema.json", cwd=isolated)
    assert done.returncode == 0, done.stderr
    assert links(plan, isolated) == []


@pytest.mark.parametrize(
    "line",
    [
        "# yaml-language-server: $schema=https://smartplan.github.io/schemas/masterplan.schema.json",
        "# Masterplan Smart City Kota Batam",
    ],
)
def test_addresses_and_plans_without_the_line_are_left_alone(isolated: Path, line: str) -> None:
    assert links(_plan_with(line, isolated), isolated) == []


def test_a_fifo_at_the_schema_path_is_not_read(isolated: Path) -> None:
    (isolated / ".git").mkdir()
    plan = _plan_with("# yaml-language-server: $schema=../schema.json", isolated)
    import os

    os.mkfifo(isolated / "schema.json")
    assert "does not exist" in links(plan, isolated)[0][2]


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.iterdir() if p.is_dir()))
def test_each_example_carries_a_current_schema_copy(example: str) -> None:
    """An example is a model a region copies whole: its schema line works wherever it lands.

    After a schema change: for d in examples/*/; do smartplan schema -o
    $d.smartplan/masterplan.schema.json; done
    """
    folder = EXAMPLES / example
    copy = folder / ".smartplan" / "masterplan.schema.json"
    bundled = smartplan("schema", cwd=folder).stdout
    assert copy.read_text(encoding="utf-8") == bundled, f"refresh {copy} (see the docstring)"
    for plan in folder.glob("*.yaml"):
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=.smartplan/masterplan.schema.json"
