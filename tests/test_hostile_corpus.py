"""Broken and hostile inputs (tests/corpus): each is refused or reported exactly as expected.

A case is a file `tests/corpus/NNN-name.yaml` or a folder `tests/corpus/NNN-name/` (a small
repository for includes, frameworks and settings); `tests/corpus/expectations.yaml` gives, per
case, the exit code of `smartplan validate --format json` and every finding as
`[rule, line, column, message fragment]` (a fifth item names another file than the plan).
Symlinks and files too big to commit are made at test time (`links:`, `generate:`).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import ROOT
from smartplan.cli import app

CORPUS = ROOT / "tests" / "corpus"
EXPECTATIONS: dict[str, dict[str, Any]] = yaml.safe_load(
    (CORPUS / "expectations.yaml").read_text(encoding="utf-8")
)
MB = 1024 * 1024


def _oversize(work: Path) -> None:
    """A plan just over the default 10 MB limit: valid YAML, padded with a long comment block."""
    plan = work / "repo" / "masterplan.yaml"
    plan.parent.mkdir(parents=True, exist_ok=True)
    line = b"# " + b"padding " * 12 + b"\n"
    with plan.open("wb") as handle:
        handle.write(b"smartplan: 1\n")
        handle.write(line * (10 * MB // len(line) + 1))


def _absolute_include(work: Path) -> None:
    """An include given by an absolute path, although the file lies inside the repository."""
    repo = work / "repo"
    fragment = (repo / "programs" / "economy.yaml").resolve()
    base = (CORPUS / "001-clean-base.yaml").read_text(encoding="utf-8")
    (repo / "masterplan.yaml").write_text(f"{base}include: ['{fragment}']\n", encoding="utf-8")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        check=True,
        capture_output=True,
    )


def _committed(work: Path) -> Path:
    """`repo/` as a git repository with everything in it committed."""
    repo = work / "repo"
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "plan")
    return repo


def _working_tree_symlink(work: Path) -> None:
    """The plan is committed as a file, then replaced in the working tree by a symlink to a
    secret outside the repository (the NEW side of `diff HEAD:masterplan.yaml`)."""
    repo = _committed(work)
    (repo / "masterplan.yaml").unlink()
    os.symlink("../secret.yaml", repo / "masterplan.yaml")


def _hostile_git_config(work: Path) -> None:
    """A repository whose .git/config makes a missing object a lazy fetch from a promisor
    remote with an `ext::` URL (a command), allows that protocol and sets an fsmonitor hook;
    the plan's blob is missing, so reading HEAD:masterplan.yaml would run the command."""
    repo = _committed(work)
    blob = subprocess.run(
        ["git", "rev-parse", "HEAD:masterplan.yaml"],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (repo / ".git" / "objects" / blob[:2] / blob[2:]).unlink()
    pwned = work / "pwned"
    for key, value in {
        "core.repositoryformatversion": "1",
        "extensions.partialClone": "origin",
        "remote.origin.url": f"ext::sh -c touch% {pwned}",
        "remote.origin.promisor": "true",
        "protocol.ext.allow": "always",
        "protocol.allow": "always",
        "core.fsmonitor": f"touch {pwned}",
    }.items():
        _git(repo, "config", key, value)


def _git_repository(work: Path) -> None:
    _committed(work)


def _nested_baseline(work: Path) -> None:
    """A baseline of 100,000 nested brackets: json.loads would overflow the stack."""
    (work / "baseline.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")


GENERATORS: dict[str, Callable[[Path], None]] = {
    "oversize": _oversize,
    "absolute-include": _absolute_include,
    "git": _git_repository,
    "working-tree-symlink": _working_tree_symlink,
    "hostile-git-config": _hostile_git_config,
    "nested-baseline": _nested_baseline,
}


def prepare(name: str, case: dict[str, Any], work: Path) -> str:
    """Copy the case into `work`, make its links and generated files; the plan path to check."""
    source = CORPUS / name
    if source.is_dir():
        shutil.copytree(source, work, dirs_exist_ok=True)
        plan = case.get("plan", "repo/masterplan.yaml")
    else:
        plan = f"{name}.yaml"
        shutil.copyfile(CORPUS / plan, work / plan)
    for link, target in case.get("links", {}).items():
        (work / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, work / link)
    for fifo in case.get("fifos", []):
        (work / fifo).parent.mkdir(parents=True, exist_ok=True)
        os.mkfifo(work / fifo)
    if "generate" in case:
        GENERATORS[case["generate"]](work)
    return str(plan)


def command(case: dict[str, Any], plan: str) -> list[str]:
    """The arguments after `smartplan`: `validate --format json [args] PLAN`, or `command`."""
    return case.get("command") or ["validate", "--format", "json", *case.get("args", []), plan]


def check(case: dict[str, Any], plan: str, code: int, stdout: str, stderr: str) -> None:
    """The exit code, and either every finding or (exit 2) the one-line error; a case with its
    own `command` checks `stdout_has` / `never_shown` instead of findings."""
    assert "Traceback" not in stdout + stderr
    assert "internal error" not in stdout + stderr
    assert code == case["exit"], stdout + stderr
    for secret in case.get("never_shown", []):
        assert secret not in stdout + stderr
    if code == 2:
        assert stdout == ""
        assert stderr.startswith("smartplan: error: ") and stderr.count("\n") == 1, stderr
        assert case["error"] in stderr
        return
    if "command" in case:
        for text in case.get("stdout_has", []):
            assert text in stdout
        return
    report = json.loads(stdout)
    found = [f for file in report["files"] for f in file["findings"]]
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in found)
    expected = [(*e[:3], e[4] if len(e) > 4 else plan) for e in case.get("findings", [])]
    actual = [(f["rule"], f["line"], f["column"], f["path"]) for f in found]
    assert sorted(actual) == sorted(expected)
    unmatched = [(key, f["message"]) for key, f in zip(actual, found, strict=True)]
    for entry, key in zip(case.get("findings", []), expected, strict=True):
        match = next((m for m in unmatched if m[0] == key and entry[3] in m[1]), None)
        assert match is not None, (entry, [m for m in unmatched if m[0] == key])
        unmatched.remove(match)


KINDS = {"fifo": stat.S_ISFIFO, "symlink": stat.S_ISLNK, "chardev": stat.S_ISCHR}


def check_after(name: str, case: dict[str, Any], work: Path) -> None:
    """`after:` what a file must still be once the command ran (a FIFO, a symlink, absent),
    or `same` as the corpus file it was copied from."""
    for file, kind in case.get("after", {}).items():
        path = work / file
        if kind == "absent":
            assert not os.path.lexists(path), file
        elif kind == "same":
            assert path.read_bytes() == (CORPUS / name / file).read_bytes(), file
        else:
            assert KINDS[kind](os.lstat(path).st_mode), (file, kind)


@pytest.mark.parametrize("name", sorted(EXPECTATIONS))
def test_corpus_case(name: str, isolated: Path) -> None:
    case = EXPECTATIONS[name]
    plan = prepare(name, case, isolated)
    os.chdir(isolated / case.get("cwd", "."))  # the fixture restores the working folder
    result = CliRunner().invoke(app, command(case, plan))
    assert result.exception is None or isinstance(result.exception, SystemExit)
    check(case, plan, result.exit_code, result.stdout, result.stderr)
    assert not (isolated / "pwned").exists()
    check_after(name, case, isolated)


SUBPROCESS = sorted(name for name, case in EXPECTATIONS.items() if case.get("subprocess"))


@pytest.mark.parametrize("name", SUBPROCESS)
def test_corpus_case_in_a_real_process(name: str, isolated: Path) -> None:
    case = EXPECTATIONS[name]
    plan = prepare(name, case, isolated)
    done = subprocess.run(
        [sys.executable, "-m", "smartplan", *command(case, plan)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
        cwd=isolated / case.get("cwd", "."),
    )
    check(case, plan, done.returncode, done.stdout, done.stderr)
    assert not (isolated / "pwned").exists()
    check_after(name, case, isolated)


def test_corpus_is_complete() -> None:
    """Every case has an expectation and every expectation a case; at least 60 of them."""
    cases = {path.name.removesuffix(".yaml") for path in CORPUS.iterdir()}
    cases -= {"expectations", ".gitattributes", "README.md"}
    assert cases == set(EXPECTATIONS)
    assert len(cases) >= 60
    assert len(SUBPROCESS) >= 5


def test_baseline_never_written_over_a_plan(isolated: Path) -> None:
    """`--write-baseline` naming the plan itself (a slip of the shell) loses no data."""
    plan = isolated / "masterplan.yaml"
    shutil.copyfile(CORPUS / "096-unknown-reference-lead-partners.yaml", plan)
    before = plan.read_bytes()
    result = CliRunner().invoke(
        app, ["validate", "masterplan.yaml", "--write-baseline", "masterplan.yaml"]
    )
    assert result.exit_code == 2
    assert "refusing to write over an input file" in result.stderr
    assert plan.read_bytes() == before


@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_stdout_closed_or_full_is_a_one_line_error(isolated: Path, stdout: str) -> None:
    """`smartplan validate plan >&-` and `> /dev/full`: exit 2 and one line, no traceback."""
    shutil.copyfile(CORPUS / "122-select-and-ignore.yaml", isolated / "masterplan.yaml")
    with open("/dev/full" if stdout == "full" else os.devnull, "wb") as target:
        done = subprocess.run(
            [sys.executable, "-m", "smartplan", "validate", "masterplan.yaml"],
            stdout=target,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
            preexec_fn=(lambda: os.close(1)) if stdout == "closed" else None,
        )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("smartplan: error: cannot write the report")
    assert done.stderr.count("\n") == 1, done.stderr


MARKDOWN_COMMANDS = {
    "diff": ["diff", "repo/old.yaml", "repo/masterplan.yaml", "--format", "md"],
    "portfolio": ["portfolio", "repo", "--format", "md"],
    "render": ["render", "repo/masterplan.yaml"],
    "export": ["export", "repo/masterplan.yaml", "--format", "json"],
}


@pytest.mark.parametrize("name", sorted(MARKDOWN_COMMANDS))
def test_markdown_keeps_hostile_text_literal(isolated: Path, name: str) -> None:
    """Read as GitHub reads a pull-request comment (markdown-it, GFM tables, bare addresses
    linked): the hostile plan of case 170 adds no HTML, no link, no image and no table row."""
    from markdown_it import MarkdownIt

    shutil.copytree(CORPUS / "170-escape-hostile-text", isolated, dirs_exist_ok=True)
    result = CliRunner().invoke(app, MARKDOWN_COMMANDS[name])
    assert result.exit_code == 0, result.stderr
    if name == "export":  # the same data, only with escapes a terminal shows as text
        rows = json.loads(result.stdout)["rows"]
        assert rows[1]["name"].startswith("Baris\r| palsu | 1 | 2 |\u2028[2J\u061c31m")
        return
    reader = MarkdownIt("commonmark", {"linkify": True}).enable(["table", "linkify"])
    reader.linkify.set({"fuzzy_link": False, "fuzzy_email": False})  # GFM: `https://…`
    tokens = reader.parse(result.stdout)
    inline = [c for t in tokens for c in t.children or []]
    kinds = {t.type for t in tokens} | {c.type for c in inline}
    assert not kinds & {"html_block", "link_open", "image"}, kinds
    # the only HTML is the line break the escaper writes for a line break in the plan
    assert {c.content for c in inline if c.type == "html_inline"} <= {"<br>"}
    if name == "portfolio":  # one plan, one row
        assert sum(t.type == "tr_open" for t in tokens) == 2
