"""Repository settings: `.smartplan.yaml`, found by walking up from a plan, or --config."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from smartplan.errors import ConfigError
from smartplan.loader.limits import Limits

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
    baseline: str | None = None
    limits: Limits = Limits()
    cache_dir: str | None = None  # the results cache, relative to this file's folder

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def find_config(start: Path) -> Config:
    """The settings for files in the folder `start`: the nearest file upwards, or defaults."""
    return Finder()(start)


class Finder:
    """`find_config` for the many plans of one run: each folder is looked at, and each
    settings file read, once (never across runs: a file may change between them)."""

    def __init__(self) -> None:
        self.files: dict[str, Path | None] = {}
        self.loaded: dict[Path, Config] = {}

    def __call__(self, start: Path) -> Config:
        found = _settings_file(os.path.realpath(start), self.files)
        if found is None:
            return Config()
        if found not in self.loaded:
            self.loaded[found] = load_config(found)
        return self.loaded[found]


def _settings_file(folder: str, seen: dict[str, Path | None]) -> Path | None:
    walked = []
    found: Path | None = None
    while folder not in seen:
        walked.append(folder)
        named = (os.path.join(folder, name) for name in NAMES)
        file = next((name for name in named if os.path.isfile(name)), None)
        if file is not None:
            found = Path(file)
            break
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    else:
        found = seen[folder]
    for folder in walked:
        seen[folder] = found
    return found


def load_config(path: Path) -> Config:
    """Read and validate a settings file; ConfigError (exit 2) with file:line when it is bad."""
    from smartplan.loader import file_reader, load_text
    from smartplan.schema import check_schema

    try:
        data = file_reader(Limits())(path)  # a huge file is refused, not read whole
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror or error}") from error
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
            f"{first.path}:{first.line}:{first.column}: invalid config: {first.message}"
        )
    raw = result.document.data
    limits = raw.get("limits", {})
    if isinstance(raw.get("cache_dir"), str):
        from smartplan.loader.include import inside_repository

        problem, _ = inside_repository(path.parent, path.parent, raw["cache_dir"], "cache_dir")
        if problem is not None:
            where = result.document.locate("/cache_dir")
            place = f"{where.path}:{where.line}:{where.column}"
            raise ConfigError(f"{place}: invalid config: {problem}")
    return Config(
        path=path,
        plans=tuple(raw.get("plans", ())),
        stage_tag=raw.get("stage_tag", "stage{n}"),
        rules=dict(raw.get("rules", {})),
        ignore=tuple(raw.get("ignore", ())),
        framework=raw.get("framework"),
        fail_on=raw.get("fail_on"),
        baseline=raw.get("baseline"),
        limits=Limits(**{k: v for k, v in limits.items() if not k.startswith("x-")}),
        cache_dir=raw.get("cache_dir"),
    )
