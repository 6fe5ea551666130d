"""Where a path named by a plan or a setting may lead: inside the repository only.

`include:`, `framework:` and `cache_dir:` name files relative to a plan or a settings file; a
plan from a pull request must not make CI read, and quote, files such as /etc/passwd. Light on
purpose (no YAML, no loader): the results cache checks its folder with it before any plan is
read.
"""

from __future__ import annotations

import errno
import os
import posixpath
from pathlib import Path

from smartplan.files.limits import clip
from smartplan.i18n import N_, _


def repository_root(plan: Path) -> Path:
    """The nearest ancestor holding `.git` or `.smartplan.yaml`; else the plan's directory.

    Found from where the plan lies, not where a symlink points: a plan that is a symlink to
    ~/.docker/config.json must not make its target's folder the repository."""
    return folder_root(Path(os.path.abspath(plan)).parent)


def folder_root(start: Path) -> Path:
    """The repository root of the files in the folder `start` (see `repository_root`)."""
    start = Path(os.path.abspath(start))
    for folder in (start, *start.parents):
        if os.path.islink(folder):  # a symlinked folder is not a root: it may lead anywhere
            continue
        if (folder / ".git").exists() or (folder / ".smartplan.yaml").exists():
            return folder.resolve()
    return start.resolve()


_PATH_WORDS = {
    "include": (
        N_("include '{path}' is an absolute path: give a path relative to the plan"),
        N_("include '{path}' is not a usable path ({reason})"),
        N_("include '{path}' points outside the repository root ({root})"),
    ),
    "framework": (
        N_("framework '{path}' is an absolute path: give a path relative to the plan"),
        N_("framework '{path}' is not a usable path ({reason})"),
        N_("framework '{path}' points outside the repository root ({root})"),
    ),
    "supersedes": (
        N_("supersedes file '{path}' is an absolute path: give a path relative to the plan"),
        N_("supersedes file '{path}' is not a usable path ({reason})"),
        N_("supersedes file '{path}' points outside the repository root ({root})"),
    ),
    "cache_dir": (
        N_("cache_dir '{path}' is an absolute path: give a path relative to the settings file"),
        N_("cache_dir '{path}' is not a usable path ({reason})"),
        N_("cache_dir '{path}' points outside the repository root ({root})"),
    ),
}


def inside_repository(folder: Path, root: Path, entry: str, what: str) -> tuple[str | None, Path]:
    """`entry`, relative to `folder`, resolved (symlinks too); or why it may not be read: an
    absolute path, or a path leading out of the repository (a plan from a pull request must not
    make CI read, and quote, files such as /etc/passwd or ~/.ssh/id_rsa)."""
    shown = clip(entry)
    words = _PATH_WORDS[what]
    if posixpath.isabs(entry) or Path(entry).is_absolute():
        return _(words[0], path=shown), folder
    try:
        target = (folder / entry).resolve()
        target.exists()  # raises for what no system call accepts
    except (OSError, ValueError, RuntimeError) as error:  # a NUL byte, a name too long, a loop
        reason = error.strerror if isinstance(error, OSError) else str(error)
        if isinstance(error, RuntimeError):  # Python before 3.13 reports a symlink loop so
            reason = os.strerror(errno.ELOOP)
        return _(words[1], path=shown, reason=reason), folder
    if not target.is_relative_to(root.resolve()):
        return _(words[2], path=shown, root=root), folder
    return None, target


def cache_dir_problem(folder: Path, entry: str) -> str | None:
    """Why `cache_dir: entry` in the settings file of `folder` may not be used, or None: a
    path `inside_repository` refuses, or the settings file's own folder (the cache keeps a
    `.gitignore` of `*` in its folder, which would hide every new file from `git add`)."""
    problem, target = inside_repository(folder, folder, entry, "cache_dir")
    if problem is None and (target == folder.resolve() or cache_names(entry) is None):
        problem = _(
            "cache_dir '{path}' is the folder of the settings file itself: "
            "name a folder of its own for the cache, such as .smartplan_cache",
            path=clip(entry),
        )
    return problem


def cache_names(entry: str) -> tuple[str, ...] | None:
    """The folder names of `cache_dir: entry` below the settings file's folder, told from the
    text alone (no system call: the cache opens them one by one without following a link);
    None for the folder itself, a path leading up, or an absolute path."""
    path = posixpath.normpath(entry)
    if posixpath.isabs(path) or path == "." or path == ".." or path.startswith("../"):
        return None
    return tuple(path.split("/"))
