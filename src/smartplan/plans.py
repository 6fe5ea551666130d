"""Which plan files a command works on: paths as given, directories searched, config globs."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from smartplan.config import NAMES, Config, load_config
from smartplan.errors import UsageError
from smartplan.i18n import _

PLAN_NAMES = ("masterplan.yaml", "masterplan.yml")


def discover(paths: list[str], config: Config) -> list[tuple[Path, str]]:
    """(path, display) of every plan to check, in a stable order, without repeats."""
    found: dict[Path, str] = {}
    for path, display in _candidates(paths, config):
        if not _ignored(path, config):
            found.setdefault(path.resolve(), display)
    return [(path, display) for path, display in found.items()]


def _candidates(paths: list[str], config: Config) -> list[tuple[Path, str]]:
    if paths:
        return [plan for given in paths for plan in _expand(given)]
    if config.plans:
        matches = sorted({m for pattern in config.plans for m in config.root.glob(pattern)})
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


def _expand(given: str) -> list[tuple[Path, str]]:
    path = Path(given)
    if path.is_file():
        return [(path, given)]
    if not path.exists():
        raise UsageError(_("no such file or directory: {path}", path=given))
    settings = next((path / name for name in NAMES if (path / name).is_file()), None)
    if settings is not None:
        config = load_config(settings)
        if config.plans:  # a repository that names its plans: those, not every masterplan.yaml
            found = sorted(
                {m for pattern in config.plans for m in path.glob(pattern) if m.is_file()}
            )
            return [(m, str(m)) for m in found]
    plans = sorted(
        p
        for name in PLAN_NAMES
        for p in path.rglob(name)
        if not any(part.startswith(".") for part in p.relative_to(path).parts[:-1])
    )
    if not plans:
        raise UsageError(_("no masterplan.yaml found below {path}", path=given))
    return [(p, str(p)) for p in plans]


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
