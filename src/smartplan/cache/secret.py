"""This machine's signing secret for the results cache: where it lies (outside every
repository: `$XDG_CACHE_HOME/smartplan/secret`, else `~/.cache/smartplan/secret`), made on first
use (0600 in a 0700 folder), and never used where a pull request could have committed it."""

from __future__ import annotations

import functools
import os
from pathlib import Path


def usable(place: str, root: str) -> bool:
    """Whether the secret at `place` may sign the cache of the repository `root` belongs to:
    not when it lies inside that repository (a committed secret signs nothing)."""
    return not _within(place, _enclosing(root))


def _enclosing(root: str) -> str:
    """The repository `root` belongs to: the nearest folder from `root` up holding .git (a
    settings file may lie below it), else `root`."""
    folder = root
    while not os.path.exists(os.path.join(folder, ".git")):
        parent = os.path.dirname(folder)
        if parent == folder:
            return root
        folder = parent
    return folder


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


@functools.cache
def place() -> str | None:
    """Where this machine's signing secret lies (links resolved), or None without a home."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    return os.path.realpath(os.path.join(base, "smartplan", "secret"))


@functools.cache
def load(place: str) -> bytes | None:
    """The signing secret at `place`, made on first use (0600, first run wins)."""
    try:
        with open(place, "rb") as handle:
            secret = handle.read(64)
        return secret if len(secret) == 32 else None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    from smartplan.files.output import open_folder

    folder, name = os.path.split(place)
    try:  # `place` has no link (resolved): made from the file system's root, private
        with open_folder(Path("/"), Path(folder).parts[1:], create=True, mode=0o700) as made:
            made.create(name, os.urandom(32), 0o600)
        with open(place, "rb") as handle:
            secret = handle.read(64)
        return secret if len(secret) == 32 else None
    except (OSError, ValueError, NotImplementedError):
        return None
