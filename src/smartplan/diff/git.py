"""The few git questions `diff` asks, always as argument lists (never a shell), with every
revision checked before use so that nothing user-given can become an option."""

from __future__ import annotations

import subprocess
from pathlib import Path

from smartplan.errors import UsageError
from smartplan.i18n import _


class GitError(UsageError):
    """git is missing, or answered with an error."""


def run(folder: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args],
            capture_output=True,
            check=False,
            env=_environment(),
        )
    except OSError as error:
        raise GitError(_("cannot run git: {reason}", reason=error.strerror or error)) from error
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(message[-1] if message else _("git {command} failed", command=args[0]))
    return done.stdout


def _environment() -> dict[str, str]:
    import os

    # a repository's own config must not page, colour or translate what we parse
    return {**os.environ, "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_TERMINAL_PROMPT": "0"}


def toplevel(folder: Path) -> Path | None:
    """The work tree's root, or None outside a repository (or without git)."""
    try:
        return Path(run(folder, "rev-parse", "--show-toplevel").decode().strip())
    except GitError:
        return None


def commit(root: Path, revision: str) -> str | None:
    """The commit a revision names, or None. A revision that looks like an option is refused
    before git sees it."""
    if not revision or revision.startswith("-"):
        return None
    try:
        out = run(
            root, "rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"
        )
    except GitError:
        return None
    return out.decode().strip() or None


def tags(root: Path) -> list[str]:
    return run(root, "tag", "--list").decode("utf-8", "replace").split()


def read(root: Path, sha: str, path: str) -> bytes:
    """A file's bytes at a commit; OSError (as open() would) when it is not there."""
    try:
        return run(root, "cat-file", "blob", f"{sha}:{path}")
    except GitError as error:
        raise FileNotFoundError(
            2, _("not in the repository at {commit}", commit=sha[:12])
        ) from error


def files(root: Path, sha: str) -> list[str]:
    out = run(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", sha)
    return [name for name in out.decode("utf-8", "replace").split("\0") if name]
