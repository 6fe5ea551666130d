"""Repository settings: `.smartplan.yaml`, found by walking up from a plan, or --config."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from smartplan.errors import ConfigError
from smartplan.files.limits import Limits
from smartplan.i18n import _

if TYPE_CHECKING:
    from smartplan.loader.document import Document

NAMES = (".smartplan.yaml", ".smartplan.yml")


@dataclass(frozen=True)
class Config:
    """Settings with their defaults; `path` is None when no file was found."""

    path: Path | None = None
    plans: tuple[str, ...] = ()
    stage_tag: str = "stage{n}"
    rules: dict[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    framework: str | None = None
    fail_on: str | None = None
    lang: str | None = None  # read before the command runs (cli/words.py); here for library use
    baseline: str | None = None
    limits: Limits = Limits()
    # only the windows the file sets: the rest scale with each plan's period (SPEC §10)
    horizons: dict[str, tuple[int, int]] = field(default_factory=dict)
    quick_win_per_dimension: bool | None = None  # None: by the plan's cohort (SPEC §10)
    # each key under `rules:` and where it is written (path, line, column): the rule registry
    # tells which name no rule (smartplan.rules.settings_findings)
    rule_keys: tuple[tuple[str, str, int, int], ...] = ()
    cache_dir: str | None = None  # the results cache, relative to this file's folder

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path) -> Config:
    """The settings for files in the folder `start`: the nearest file upwards, or defaults.

    The search stops at the repository root (the folder holding `.git`): a settings file in a
    parent folder (a shared temporary folder, a workspace) does not apply to the repository."""
    return Finder()(start)


class Finder:
    """`find_config` for the many plans of one run: each folder is looked at, and each
    settings file read, once (never across runs: a file may change between them)."""

    def __init__(self, marks: dict[str, frozenset[str]] | None = None) -> None:
        self.marks = marks or {}  # folder → its settings files and .git (plans.discover saw)
        self.files: dict[str, Path | None] = {}  # folder → the settings file that applies
        self.loaded: dict[Path, Config] = {}
        self.default = Config()  # one object for every folder without settings

    def __call__(self, start: Path | str) -> Config:
        found = self.settings_file(os.path.abspath(start))
        if found is None:
            return self.default
        if found not in self.loaded:
            root = git_root(found.parent) or found.parent
            self.loaded[found] = load_config(found, root=root)
        return self.loaded[found]

    def settings_file(self, folder: str) -> Path | None:
        """The nearest settings file from `folder` up to the repository root (None: none);
        each folder of a tree of plans is looked at once."""
        walked = []
        while folder not in self.files:
            walked.append(folder)
            held = self.marks.get(folder)
            found = next(
                (
                    Path(os.path.join(folder, name))
                    for name in NAMES
                    if (name in held if held is not None else _is_file(folder, name))
                ),
                None,
            )
            parent = os.path.dirname(folder)
            repository = (".git" in held) if held is not None else _has_git(folder)
            if found is not None or parent == folder or (repository and not _linked(folder)):
                self.files[folder] = found
                break
            folder = parent
        found = self.files[folder]
        for below in walked:
            self.files[below] = found
        return found


def _is_file(folder: str, name: str) -> bool:
    return os.path.isfile(os.path.join(folder, name))


def _has_git(folder: str) -> bool:
    """A folder holding .git: where the search for settings stops (unless it is a symlink)."""
    return os.path.exists(os.path.join(folder, ".git"))


def _linked(folder: str) -> bool:
    return os.path.islink(folder)


def upwards(start: Path) -> list[Path]:
    """`start` and its parents up to the repository root (or the file system root outside git);
    found from where the folder lies, not where a symlink points."""
    folders = []
    for folder in (Path(os.path.abspath(start)), *Path(os.path.abspath(start)).parents):
        folders.append(folder)
        if _has_git(str(folder)) and not _linked(str(folder)):
            break
    return folders


def git_root(folder: Path) -> Path | None:
    return next((f for f in upwards(folder) if (f / ".git").exists()), None)


def load_config(path: Path, root: Path | None = None) -> Config:
    """Read and validate a settings file; ConfigError (exit 2) with file:line when it is bad.
    With `root`, the file (symlinks resolved) must lie inside that folder."""
    from smartplan.loader import file_reader, load_text
    from smartplan.schema import check_schema

    try:
        data = file_reader(Limits(), root)(path)  # a huge file is refused, not read whole
    except OSError as error:
        raise ConfigError(
            _("cannot read config {path}: {reason}", path=path, reason=error.strerror or error)
        ) from error
    result = load_text(data, str(path))
    if result.document is not None and isinstance(result.document.data.get("rules"), dict):
        rules = result.document.data["rules"]
        # YAML 1.1 reads an unquoted `off` as false: it means the rule is off
        rules.update({rule: "off" for rule, level in rules.items() if level is False})
    problems = result.findings + (
        check_schema(result.document, "config") if result.document else []
    )
    if problems or result.document is None:
        first = problems[0]
        raise ConfigError(
            _(
                "{path}:{line}:{column}: invalid config: {message}",
                path=first.path,
                line=first.line,
                column=first.column,
                message=first.message,
            )
        )
    raw = result.document.data
    limits = raw.get("limits", {})
    if isinstance(raw.get("cache_dir"), str):
        from smartplan.files.confine import cache_dir_problem

        problem = cache_dir_problem(path.parent, raw["cache_dir"])
        if problem is not None:
            where = result.document.locate("/cache_dir")
            raise ConfigError(
                _(
                    "{path}:{line}:{column}: invalid config: {problem}",
                    path=where.path,
                    line=where.line,
                    column=where.column,
                    problem=problem,
                )
            )
    windows = {
        name: (int(value[0]), int(value[1]))
        for name, value in raw.get("horizons", {}).items()
        if not name.startswith("x-")
    }
    for name, (low, high) in windows.items():
        if low > high:
            where = result.document.locate(f"/horizons/{name}")
            raise ConfigError(
                _(
                    "{path}:{line}:{column}: invalid config: horizons.{name} starts after it "
                    "ends ([{low}, {high}]); write [first year, last year] of the plan",
                    path=where.path,
                    line=where.line,
                    column=where.column,
                    name=name,
                    low=low,
                    high=high,
                )
            )
    return Config(
        path=path,
        plans=tuple(raw.get("plans", ())),
        stage_tag=raw.get("stage_tag", "stage{n}"),
        rules=dict(raw.get("rules", {})),
        ignore=tuple(raw.get("ignore", ())),
        framework=raw.get("framework"),
        fail_on=raw.get("fail_on"),
        lang=raw.get("lang"),
        baseline=raw.get("baseline"),
        limits=Limits(**{k: v for k, v in limits.items() if not k.startswith("x-")}),
        horizons=windows,
        quick_win_per_dimension=raw.get("quick_win_per_dimension"),
        rule_keys=tuple(_rule_keys(result.document)),
        cache_dir=raw.get("cache_dir"),
    )


def _rule_keys(document: Document) -> list[tuple[str, str, int, int]]:
    """Each rule id written under `rules:` with its place (the key)."""
    keys = []
    for rule in document.data.get("rules", {}):
        where = document.locate(f"/rules/{rule}", at_key=True)
        keys.append((rule, where.path, where.line, where.column))
    return keys
