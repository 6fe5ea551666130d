"""Resolve one side of a diff to a loaded plan: a file, `REV:PATH`, a git revision (the plan
path from `.smartplan.yaml`, else `masterplan.yaml` at the repository root), or a stage alias
`stageN` through the configured tag pattern. A plan split with `include:` is read whole at
that revision."""

from __future__ import annotations

import fnmatch
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from smartplan.diff import git
from smartplan.errors import UsageError
from smartplan.i18n import _
from smartplan.loader import FATAL, Document, LoadResult, load_plan
from smartplan.workspace.config import Config, find_config

STAGE_ALIAS = re.compile(r"stage(\d{1,2})")
DEFAULT_PLAN = "masterplan.yaml"


@dataclass(frozen=True)
class Where:
    """Where a side's plan lives: a file on disk, or a path in the repository at a commit."""

    label: str
    path: str  # on disk, or relative to the repository root when `commit` is set
    root: Path | None = None
    commit: str | None = None


@dataclass
class Side:
    label: str
    document: Document
    warnings: list[str] = field(default_factory=list)


def resolve(spec: str, *, config: Config | None = None, cwd: Path | None = None) -> Where:
    """Where a side given on the command line lives; UsageError saying what was tried."""
    cwd = cwd or Path.cwd()
    if not spec or spec.startswith("-"):
        raise UsageError(
            _("'{spec}' is not a plan file or a git revision (it looks like an option)", spec=spec)
        )
    candidate = cwd / spec
    if candidate.is_dir() and (candidate / DEFAULT_PLAN).is_file():
        candidate = candidate / DEFAULT_PLAN
    if candidate.is_file():
        return Where(spec, str(candidate))
    config = config or find_config(cwd)
    root = git.toplevel(cwd)
    tried = [_("no file '{spec}'", spec=spec)]
    if root is None:
        raise UsageError(
            _(
                "cannot find '{spec}': no file '{spec}', and {folder} is not in a git repository",
                spec=spec,
                folder=cwd,
            )
        )
    rev, colon, path = spec.partition(":")
    alias = STAGE_ALIAS.fullmatch(rev)
    if alias:
        rev = config.stage_tag.replace("{n}", str(int(alias.group(1))))
    sha = git.commit(root, rev) if rev else None
    if sha and colon:
        return Where(spec, _in_repository(root, cwd, path), root, sha)
    if sha:
        return Where(spec, _plan_path(root, sha, config), root, sha)
    if alias:
        tried.append(
            _(
                "no tag '{tag}' for stage {stage} (stage_tag '{pattern}')",
                tag=rev,
                stage=alias.group(1),
                pattern=config.stage_tag,
            )
        )
    else:
        tried.append(
            _("no git revision '{rev}'", rev=rev)
            if rev
            else _("no revision before ':' in '{spec}'", spec=spec)
        )
    raise UsageError(_("cannot find '{spec}': {tried}", spec=spec, tried="; ".join(tried)))


def working_tree(old: Where) -> Where:
    """NEW by default: the plan OLD names, as it is in the working tree."""
    if old.root is None:
        raise UsageError(_("give NEW as well: OLD is a file, and the working tree has no default"))
    return Where("working tree", str(old.root / old.path))


def _in_repository(root: Path, cwd: Path, path: str) -> str:
    """`REV:PATH` as git reads it: relative to the root, or to cwd with a leading ./ or ../"""
    if path.startswith(("./", "../")) or path in (".", ".."):
        path = posixpath.join(cwd.resolve().relative_to(root.resolve()).as_posix(), path)
    normal = posixpath.normpath(path)
    if normal.startswith("../") or normal == ".." or posixpath.isabs(normal):
        raise UsageError(_("'{path}' is outside the repository", path=path))
    return normal


def _plan_path(root: Path, sha: str, config: Config) -> str:
    """The plan at a bare revision: the one plan the config names there, else the default."""
    present = git.files(root, sha)
    if not config.plans:
        if DEFAULT_PLAN in present:
            return DEFAULT_PLAN
        raise UsageError(
            _(
                "no {plan} at the repository root in {commit}; "
                "name the plan as REV:PATH or set plans: in .smartplan.yaml",
                plan=DEFAULT_PLAN,
                commit=sha[:12],
            )
        )
    matches = _matching(config, root, present)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise UsageError(
            _(
                "the plans: of {file} match no file in {commit}; name one as REV:PATH",
                file=config.path,
                commit=sha[:12],
            )
        )
    raise UsageError(
        _(
            "the plans: of {file} match {count} files in {commit} ({found}); name one as REV:PATH",
            file=config.path,
            count=len(matches),
            commit=sha[:12],
            found=", ".join(matches[:5]),
        )
    )


def _matching(config: Config, root: Path, names: list[str]) -> list[str]:
    base = ""
    folder = config.path.parent.resolve() if config.path is not None else root.resolve()
    if folder.is_relative_to(root.resolve()):  # a settings file above the repository: from its root
        base = folder.relative_to(root.resolve()).as_posix()
    patterns = [posixpath.normpath(posixpath.join(base, p)) for p in config.plans]
    return sorted(n for n in names if any(fnmatch.fnmatchcase(n, p) for p in patterns))


def load(where: Where, *, side: str, config: Config) -> Side:
    """The side's document; UsageError naming the side when it does not parse. A plan that
    fails the schema is still compared, with a warning."""
    try:
        result = _load(where, config)
    except OSError as error:
        raise UsageError(
            _(
                "{side} '{label}': cannot read {path}: {reason}",
                side=side,
                label=where.label,
                path=where.path,
                reason=error.strerror or error,
            )
        ) from error
    fatal = [f for f in result.findings if f.rule in FATAL]
    if result.document is None or fatal:
        first = (fatal or result.findings)[0]
        raise UsageError(
            _(
                "{side} '{label}' does not parse: {path}:{line}:{column}: {message}",
                side=side,
                label=where.label,
                path=first.path,
                line=first.line,
                column=first.column,
                message=first.message,
            )
        )
    return Side(where.label, result.document, _warnings(side, where, result))


def _load(where: Where, config: Config) -> LoadResult:
    if where.commit is None or where.root is None:
        display = os.path.relpath(where.path) if not os.path.isabs(where.label) else where.path
        return load_plan(where.path, limits=config.limits, display=display)
    root, sha = where.root.resolve(), where.commit

    def read(path: Path) -> bytes:
        # the path in the repository as written: a working-tree symlink is not followed
        inside = os.path.relpath(os.path.normpath(path), root)
        if inside == ".." or inside.startswith(("../", "..\\")) or os.path.isabs(inside):
            raise FileNotFoundError(2, f"'{path}' is outside the repository")
        return git.read(root, sha, Path(inside).as_posix(), config.limits.max_file_size)

    display = f"{where.label.partition(':')[0]}:{where.path}"
    return load_plan(root / where.path, limits=config.limits, display=display, read=read, root=root)


def _warnings(side: str, where: Where, result: LoadResult) -> list[str]:
    from smartplan.schema import check_schema

    assert result.document is not None
    problems = result.findings + check_schema(result.document, "masterplan")
    if not problems:
        return []
    first = problems[0]
    where_text = f"{first.path}:{first.line}:{first.column}"
    if len(problems) == 1:
        return [
            _(
                "{side} '{label}' does not pass the schema; compared as it is: {where}: {message}",
                side=side,
                label=where.label,
                where=where_text,
                message=first.message,
            )
        ]
    return [
        _(
            "{side} '{label}' does not pass the schema; compared as it is: {where}: {message} "
            "(and {count} more)",
            side=side,
            label=where.label,
            where=where_text,
            message=first.message,
            count=len(problems) - 1,
        )
    ]


def last_stage(cwd: Path) -> str | None:
    """The stage alias of the highest stage tagged (by the configured pattern); None when no
    stage is tagged yet."""
    config = find_config(cwd)
    root = git.toplevel(cwd)
    if root is None:
        raise UsageError(
            _("{folder} is not in a git repository: give OLD (and NEW) as files", folder=cwd)
        )
    head, __, tail = config.stage_tag.partition("{n}")
    pattern = re.compile(re.escape(head) + r"(\d{1,2})" + re.escape(tail))
    stages = [int(m.group(1)) for tag in git.tags(root) if (m := pattern.fullmatch(tag))]
    return f"stage{max(stages)}" if stages else None
