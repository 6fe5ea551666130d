"""Which plan files a command works on: paths as given, directories searched, config globs."""

from __future__ import annotations

import fnmatch
import os
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePath, PurePosixPath

from smartplan.errors import UsageError
from smartplan.i18n import _
from smartplan.workspace.config import NAMES, Config, git_root, load_config

PLAN_NAMES = ("masterplan.yaml", "masterplan.yml")


Marks = dict[str, frozenset[str]]  # folder → which of MARKS it holds (as the walk saw it)
MARKS = (*NAMES, ".git")


def discover(
    paths: list[str], config: Config, marks: Marks | None = None
) -> list[tuple[Path, str]]:
    """(path, display) of every plan to check, in a stable order, without repeats; `marks`
    learns what each folder walked holds of the settings files and .git (config.Finder)."""
    found: dict[tuple[int, int] | str, tuple[Path, str]] = {}
    for path, display in _candidates(paths, config, marks):
        if not config.ignore or not _ignored(Path(path), config):
            # the path as found, not where a symlink points: the reader checks the target
            found.setdefault(_identity(path), (Path(os.path.abspath(path)), display))
    return list(found.values())


def _identity(path: Path | str) -> tuple[int, int] | str:
    """The file a path leads to (symlinks followed): named twice, a plan is checked once."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # missing, a symlink loop: the reader reports it
        return os.path.abspath(path)
    return status.st_dev, status.st_ino


def _candidates(
    paths: list[str], config: Config, marks: Marks | None
) -> list[tuple[Path | str, str]]:
    if paths:
        return [plan for given in paths for plan in _expand(given, marks)]
    if config.plans:
        matches = _glob(config.root, config)
        if not matches:
            raise UsageError(_("no plan matches the plans: globs of {file}", file=config.path))
        return [(m, _display(m)) for m in matches if m.is_file()]
    default = Path(PLAN_NAMES[0])
    if not default.is_file():
        raise UsageError(
            _(
                "no plan given and no masterplan.yaml here: pass a plan file or directory, "
                "or list plans: in .smartplan.yaml"
            )
        )
    return [(default, str(default))]


def _expand(given: str, marks: Marks | None = None) -> list[tuple[Path | str, str]]:
    path = Path(given)
    if not os.path.lexists(path):
        raise UsageError(_("no such file or directory: {path}", path=given))
    if not path.is_dir():  # a file, or a device or FIFO that the reader refuses as a finding
        return [(path, given)]
    settings = next((path / name for name in NAMES if (path / name).is_file()), None)
    if settings is not None:
        config = load_config(settings, root=git_root(path) or path)
        if config.plans:  # a repository that names its plans: those, not every masterplan.yaml
            return [(m, str(m)) for m in _glob(path, config) if m.is_file()]
    # found below the folder as pathlib spells it (`./a/` → `a`), so shown as the user wrote it
    top = str(path)
    found = sorted(_below(top, marks), key=_parts)
    if top == os.curdir:
        found = [name[len(os.curdir + os.sep) :] for name in found]
    if not found:
        raise UsageError(_("no masterplan.yaml found below {path}", path=given))
    return [(name, name) for name in found]


def _below(folder: str, marks: Marks | None = None) -> list[str]:
    """Every plan file below `folder`, in any folder but hidden ones (.git, .smartplan_cache),
    without following symlinked folders (a link cannot make the walk leave the repository or
    loop); a plan that is a symlink is listed and its reader decides."""
    found = []
    below = [folder]
    while below:
        parent = below.pop()
        try:
            entries = os.scandir(parent)
        except OSError:  # a folder that cannot be listed holds no plan we can read
            continue
        held = []
        with entries:
            for entry in entries:
                name = entry.name
                if name in PLAN_NAMES:
                    if not entry.is_symlink() or os.path.exists(entry.path):
                        found.append(entry.path)
                elif name in MARKS and _marks(entry):
                    held.append(name)
                elif not name.startswith(".") and _folder(entry):
                    below.append(entry.path)
        if marks is not None:
            marks[os.path.abspath(parent)] = frozenset(held)
    return found


def _marks(entry: os.DirEntry[str]) -> bool:
    """A settings file that is a file, or a .git that exists (symlinks followed)."""
    try:
        return entry.is_file() if entry.name in NAMES else os.path.exists(entry.path)
    except OSError:
        return False


def _folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _parts(path: str) -> list[str]:
    """The order of paths as pathlib sorts them: folder by folder (case-blind on Windows)."""
    return os.path.normcase(path).split(os.sep)


def _glob(folder: Path, config: Config) -> list[Path]:
    """The files the plans: globs match below `folder`; a glob that leads out of the
    repository (absolute, or with `..`) is refused before anything is listed."""
    for pattern in config.plans:
        parts = PurePosixPath(pattern.replace("\\", "/")).parts
        if not pattern or PurePosixPath(pattern).is_absolute() or ".." in parts:
            raise UsageError(
                _(
                    "plans: pattern '{pattern}' in {path} leads outside the repository: "
                    "give a pattern relative to the settings file, without '..'",
                    pattern=pattern,
                    path=config.path,
                )
            )
    top = str(folder)
    found = {m for pattern in config.plans for m in _match(top, PurePath(pattern).parts)}
    return sorted(Path(m) for m in found)


def _match(folder: str, parts: tuple[str, ...]) -> Iterator[str]:
    """The paths below `folder` that a glob's parts match, as `Path.glob` matches them, but
    never through a symlinked folder: a committed link to `/` or `~` is neither entered nor
    listed (which `Path.glob` does for `*`), whatever the Python version."""
    if not parts:
        yield folder
        return
    head, rest = parts[0], parts[1:]
    if head == "**":
        for below in _real_folders(folder):
            yield from _match(below, rest)
    elif _MAGIC.search(head):
        for name in _names(folder):
            if fnmatch.fnmatch(name, head):
                yield from _step(os.path.join(folder, name), rest)
    else:
        yield from _step(os.path.join(folder, head), rest)


_MAGIC = re.compile(r"[*?[]")


def _step(path: str, rest: tuple[str, ...]) -> Iterator[str]:
    """`path` if the glob ends there; else on into it, if it is a folder and not a link."""
    if not rest:
        if os.path.lexists(path):
            yield path
    elif _real_folder(path):
        yield from _match(path, rest)


def _real_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except (OSError, ValueError):  # missing, a name too long, a NUL byte
        return False


def _names(folder: str) -> list[str]:
    try:
        with os.scandir(folder) as entries:
            return [entry.name for entry in entries]
    except OSError:  # a folder that cannot be listed holds no plan we can read
        return []


def _real_folders(folder: str) -> list[str]:
    """`folder` and every folder below it, symlinked folders neither entered nor listed."""
    found, below = [], [folder]
    while below:
        parent = below.pop()
        found.append(parent)
        try:
            with os.scandir(parent) as entries:
                below += [entry.path for entry in entries if _folder(entry)]
        except OSError:
            continue
    return found


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _ignored(path: Path, config: Config) -> bool:
    if not config.ignore:
        return False
    try:
        relative = path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        relative = path.as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in config.ignore)
