"""SPEC §6: the `smartplan-validate` hook, driven by real `pre-commit` in a throwaway git repository.

A region's repository holds `masterplan.yaml` and a `.pre-commit-config.yaml` naming this checkout.
The hook environment (pre-commit pip-installs smartplan and its dependencies into a virtualenv) is
built once per module in a shared PRE_COMMIT_HOME and reused by every case.

`pre-commit try-repo` would build that environment anew on every call (it keeps its store in a
temporary folder of its own), so the module fixture does what try-repo does itself: it snapshots the
checkout, with the lead's uncommitted changes to tracked files and staged new files, into a shadow
clone and commits them there, and the region's config pins that commit as `rev:`. Untracked files are
left out, exactly as try-repo leaves them out: what the hook installs is what git would carry.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow

TIMEOUT = 600  # seconds; building the hook environment installs from the package index
GOOD_PLAN = EXAMPLES / "kota-pangkalpinang" / "masterplan.yaml"
HOOK_ID = "smartplan-validate"
DIFF_HOOK_ID = "smartplan-diff"
STAGE2_PLAN = EXAMPLES / "kota-pangkalpinang" / "masterplan.stage2.yaml"
IDENTITY = ["-c", "user.name=smartplan tests", "-c", "user.email=tests@smartplan.invalid"]


def _env(home: Path, pre_commit_home: Path) -> dict[str, str]:
    """The caller's environment without colour switches or git/python overrides that could leak in."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV", "PYTHON"))
        and key not in {"NO_COLOR", "FORCE_COLOR", "CLICOLOR_FORCE", "TERM"}
    }
    env.update(
        HOME=str(home),
        PRE_COMMIT_HOME=str(pre_commit_home),
        GIT_CONFIG_NOSYSTEM="1",
        GIT_TERMINAL_PROMPT="0",
    )
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, check=False
    )


def _ok(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run a command that must succeed; on failure show everything it printed."""
    done = _run(args, cwd, env)
    assert done.returncode == 0, (
        f"{' '.join(args)} (in {cwd}) exited {done.returncode}\n"
        f"--- stdout\n{done.stdout}\n--- stderr\n{done.stderr}"
    )
    return done.stdout


def _pre_commit(*args: str) -> list[str]:
    return [sys.executable, "-m", "pre_commit", *args]


def _snapshot(checkout: Path, shadow: Path, env: dict[str, str]) -> str:
    """Clone the checkout and commit its working tree (tracked files) there; return the sha.

    The same steps as `pre-commit try-repo`: the shadow clone's index and object store take the
    checkout's changes, so nothing is written into the checkout or its .git.
    """
    git = shutil.which("git")
    assert git, "git is required to test the pre-commit hook"
    _ok([git, "clone", "-q", "--no-hardlinks", str(checkout), str(shadow)], shadow.parent, env)
    _ok([git, "checkout", "-q", "-b", "_smartplan_snapshot"], shadow, env)
    staged = _ok(
        [git, "diff", "--staged", "--name-only", "--no-ext-diff", "-z", "--diff-filter=ACMRTUXB"],
        checkout,
        env,
    )
    into_shadow = dict(
        env,
        GIT_INDEX_FILE=str(shadow / ".git" / "index"),
        GIT_OBJECT_DIRECTORY=str(shadow / ".git" / "objects"),
    )
    staged_files = [name for name in staged.split("\0") if name]
    if staged_files:
        _ok([git, "add", "--", *staged_files], checkout, into_shadow)
    _ok([git, "add", "-u"], checkout, into_shadow)
    _ok(
        [
            git,
            *IDENTITY,
            "-c",
            "commit.gpgsign=false",
            "commit",
            "-q",
            "--no-verify",
            "--allow-empty",
            "-m",
            "snapshot of the working tree",
        ],
        shadow,
        env,
    )
    return _ok([git, "rev-parse", "HEAD"], shadow, env).strip()


def _config(repo: Path, rev: str) -> str:
    hooks = "".join(f"      - id: {hook}\n" for hook in (HOOK_ID, DIFF_HOOK_ID))
    return f"repos:\n  - repo: {repo.as_posix()}\n    rev: {rev}\n    hooks:\n{hooks}"


def _region_repo(folder: Path, config: str, env: dict[str, str], plan_text: str) -> Path:
    """A region's masterplan repository: git, a local identity, the hook config and a plan."""
    git = shutil.which("git")
    assert git, "git is required to test the pre-commit hook"
    folder.mkdir()
    _ok([git, "init", "-q"], folder, env)
    for key, value in (
        ("user.name", "Diskominfo Kota Pangkalpinang"),
        ("user.email", "diskominfo@pangkalpinang.invalid"),
        ("commit.gpgsign", "false"),
    ):
        _ok([git, "config", key, value], folder, env)
    (folder / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (folder / "masterplan.yaml").write_text(plan_text, encoding="utf-8")
    _ok([git, "add", "-A"], folder, env)
    return folder


def _good_plan() -> str:
    """The example plan without its modeline: `../../schemas/` does not exist in a region's repo."""
    lines = GOOD_PLAN.read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if "yaml-language-server:" not in line)


def _broken_plan() -> tuple[str, int, int]:
    """The good plan with one programme led by an organisation that does not exist.

    Returns the text and the 1-based line and column of the bad value.
    """
    lines = _good_plan().splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if re.fullmatch(r" +lead: diskominfo\n", line))
    lines[index] = lines[index].replace("diskominfo", "nobody")
    return "".join(lines), index + 1, lines[index].index("nobody") + 1


@pytest.fixture(scope="module")
def hook(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, str]]:
    """Build the hook environment once: the config text and the environment to run pre-commit in."""
    base = tmp_path_factory.mktemp("pre-commit")
    home = base / "home"
    home.mkdir()
    env = _env(home, base / "pre-commit-home")
    rev = _snapshot(ROOT, base / "smartplan-snapshot", env)
    config = _config(base / "smartplan-snapshot", rev)
    scratch = _region_repo(base / "scratch", config, env, _good_plan())
    _ok(_pre_commit("install-hooks", "--color", "never"), scratch, env)
    return config, env


@pytest.fixture
def env(hook: tuple[str, dict[str, str]], tmp_path: Path) -> dict[str, str]:
    """The module's pre-commit environment with this test's own HOME."""
    return dict(hook[1], HOME=str(tmp_path / "home"))


def test_good_plan_passes(
    hook: tuple[str, dict[str, str]], env: dict[str, str], tmp_path: Path
) -> None:
    repo = _region_repo(tmp_path / "region", hook[0], env, _good_plan())
    done = _run(_pre_commit("run", HOOK_ID, "--all-files", "--color", "never"), repo, env)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert re.search(r"^smartplan validate\.+Passed$", output, re.MULTILINE), output


def test_broken_plan_fails_at_the_right_line(
    hook: tuple[str, dict[str, str]], env: dict[str, str], tmp_path: Path
) -> None:
    text, line, column = _broken_plan()
    repo = _region_repo(tmp_path / "region", hook[0], env, text)
    done = _run(_pre_commit("run", HOOK_ID, "--all-files", "--color", "never"), repo, env)
    output = done.stdout + done.stderr
    assert done.returncode == 1, output
    assert re.search(r"^smartplan validate\.+Failed$", output, re.MULTILINE), output
    # 1 is smartplan's "findings" exit code; 2 would be a usage or internal error
    assert "- exit code: 1" in output, output
    assert f"masterplan.yaml:{line}:{column}: kesalahan" in output, output  # no language set: id
    assert "nobody" in output and "[unknown-reference]" in output, output
    assert "Traceback" not in output, output


def test_commit_of_a_broken_plan_is_refused(
    hook: tuple[str, dict[str, str]], env: dict[str, str], tmp_path: Path
) -> None:
    """With `pre-commit install`, git itself runs the hook: a broken plan cannot be committed."""
    git = shutil.which("git")
    assert git, "git is required to test the pre-commit hook"
    text, line, column = _broken_plan()
    repo = _region_repo(tmp_path / "region", hook[0], env, text)
    _ok(_pre_commit("install", "--color", "never"), repo, env)

    refused = _run([git, "commit", "-q", "-m", "Tahap 3"], repo, env)
    output = refused.stdout + refused.stderr
    assert refused.returncode != 0, output
    assert f"masterplan.yaml:{line}:{column}: kesalahan" in output, output  # no language set: id
    assert _run([git, "rev-parse", "--verify", "-q", "HEAD"], repo, env).returncode != 0

    (repo / "masterplan.yaml").write_text(_good_plan(), encoding="utf-8")
    _ok([git, "add", "masterplan.yaml"], repo, env)
    _ok([git, "commit", "-q", "-m", "Tahap 3"], repo, env)


def test_diff_hook_prints_the_review_since_the_last_stage_and_on_push(
    hook: tuple[str, dict[str, str]], env: dict[str, str], tmp_path: Path
) -> None:
    """`smartplan-diff` (manual and pre-push stages): the Markdown review, never a failure."""
    git = shutil.which("git")
    assert git, "git is required to test the pre-commit hook"
    stage2 = "".join(
        line
        for line in STAGE2_PLAN.read_text(encoding="utf-8").splitlines(keepends=True)
        if "yaml-language-server:" not in line
    )
    repo = _region_repo(tmp_path / "region", hook[0], env, stage2)
    _ok([git, "commit", "-q", "-m", "Tahap 2"], repo, env)
    _ok([git, "tag", "stage2"], repo, env)
    (repo / "masterplan.yaml").write_text(_good_plan(), encoding="utf-8")
    _ok([git, "add", "masterplan.yaml"], repo, env)  # pre-commit stashes what is not staged

    manual = _run(
        _pre_commit("run", DIFF_HOOK_ID, "--hook-stage", "manual", "--color", "never"), repo, env
    )
    output = manual.stdout + manual.stderr
    assert manual.returncode == 0, output
    assert "## Tinjauan perubahan masterplan: `stage2` → isi folder saat ini" in output, output
    assert (
        "| `GOV-03` Peraturan Wali Kota tentang Smart City dan Satu Data | Jangka menengah | Jangka pendek |"
        in output
    ), output

    _ok([git, "commit", "-q", "-am", "Tahap 3"], repo, env)
    push = _run(
        _pre_commit(
            "run",
            DIFF_HOOK_ID,
            "--hook-stage",
            "pre-push",
            "--color",
            "never",
            "--from-ref",
            "stage2",
            "--to-ref",
            "HEAD",
        ),
        repo,
        env,
    )
    output = push.stdout + push.stderr
    assert push.returncode == 0, output
    assert "**Jumlah: 12 ditambah, 1 dihapus, 7 diubah.**" in output, output
