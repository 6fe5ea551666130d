"""The few git questions `diff` asks, always as argument lists (never a shell), with every
revision checked before use so that nothing user-given can become an option."""

from __future__ import annotations

import subprocess
from pathlib import Path

from smartplan.errors import UsageError


class GitError(UsageError):
    """git is missing, or answered with an error."""


# The repository is as hostile as the plans in it: its .git/config may name a promisor remote
# whose `ext::` URL runs a command on a lazy fetch, an fsmonitor hook, a pager. smartplan only
# reads objects, so git runs with no network, no helper command and no system config.
HARDENING = (
    "-c", "protocol.allow=never",
    "-c", "core.fsmonitor=false",
    "-c", "core.hooksPath=/dev/null",
    "-c", "core.pager=cat",
    "-c", "core.untrackedCache=false",
    "-c", "diff.external=",
    "-c", "uploadpack.packObjectsHook=",
)  # fmt: skip
_KEPT = ("PATH", "HOME", "SYSTEMROOT", "TMPDIR", "TEMP", "TMP")  # what git needs to start


def run(folder: Path, *args: str, limit: int | None = None) -> bytes:
    """git's output for `args` in `folder`; with `limit`, never more than limit + 1 bytes."""
    command = ["git", *HARDENING, "-C", str(folder), *args]
    try:
        if limit is not None:
            return _bounded(command, limit + 1, args[0])
        done = subprocess.run(command, capture_output=True, check=False, env=environment())
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from error
    if done.returncode != 0:
        raise _failure(done.stderr, args[0])
    return done.stdout


def _bounded(command: list[str], most: int, name: str) -> bytes:
    """Read at most `most` bytes of git's output, then stop it: a huge blob costs no memory."""
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env=environment(),
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        data = process.stdout.read(most)
        if len(data) >= most:
            process.kill()
            process.wait()
            return data
        error = process.stderr.read(64 * 1024)
        if process.wait() != 0:
            raise _failure(error, name)
    return data


def _failure(stderr: bytes, name: str) -> GitError:
    message = stderr.decode("utf-8", "replace").strip().splitlines()
    return GitError(message[-1] if message else f"git {name} failed")


def environment() -> dict[str, str]:
    """A minimal environment: no GIT_* variable of the caller, no system config, no lazy
    fetch of missing objects, no protocol at all (GIT_ALLOW_PROTOCOL overrides any
    `protocol.<name>.allow` of the repository's config), no prompt, C locale for parsing."""
    import os

    kept = {name: os.environ[name] for name in _KEPT if name in os.environ}
    return {
        **kept,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_NO_LAZY_FETCH": "1",
        "GIT_ALLOW_PROTOCOL": "none",
        "GIT_PROTOCOL_FROM_USER": "0",
        "GIT_NO_REPLACE_OBJECTS": "1",
        "GIT_OPTIONAL_LOCKS": "0",
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_PAGER": "cat",
        "LC_ALL": "C",
    }


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


def read(root: Path, sha: str, path: str, limit: int) -> bytes:
    """A file's bytes at a commit, at most limit + 1 (for the loader to refuse an oversize
    one); OSError (as open() would) when it is not there."""
    try:
        return run(root, "cat-file", "blob", f"{sha}:{path}", limit=limit)
    except GitError as error:
        raise FileNotFoundError(2, f"not in the repository at {sha[:12]}") from error


def files(root: Path, sha: str) -> list[str]:
    out = run(root, "ls-tree", "-r", "-z", "--name-only", "--full-tree", sha)
    return [name for name in out.decode("utf-8", "replace").split("\0") if name]
