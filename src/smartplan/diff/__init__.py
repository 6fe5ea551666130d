"""`smartplan diff`: resolve two sides (file, REV:PATH, revision, stageN) → compare → Changes.

Library entries: `diff(old, new)` for command-line sides, `diff_files(a, b)` for two files,
`diff_data(a, b)` for two loaded plans. Nothing here prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartplan.diff.compare import Change, compare
from smartplan.diff.review import Review, review

__all__ = ["Change", "DiffResult", "compare", "diff", "diff_data", "diff_files", "hook_sides"]

VERSION = 1


@dataclass
class DiffResult:
    old: str
    new: str
    changes: list[Change]
    review: Review
    warnings: list[str] = field(default_factory=list)
    # dimension id → label per language, from the plans' framework (for the reporters)
    dimensions: dict[str, dict[str, str]] = field(default_factory=dict)
    elements: dict[str, dict[str, str]] = field(default_factory=dict)  # by element id
    organizations: dict[str, str] = field(default_factory=dict)  # id → name, new side first
    # the files on disk the sides were read from: an output must never replace one
    inputs: list[Path] = field(default_factory=list)
    # NEW is the working tree by default (no NEW given): reporters name it in their language
    working_tree: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    def counts(self) -> dict[str, int]:
        ops = [change.op for change in self.changes]
        return {op: ops.count(op) for op in ("added", "removed", "changed")}

    def as_json(self) -> dict[str, Any]:
        return {
            "version": VERSION,
            "old": self.old,
            "new": self.new,
            "changes": [change.as_json() for change in self.changes],
            "summary": self.counts(),
            "review": self.review.as_json(),
            "warnings": self.warnings,
        }


def diff_data(
    old: dict[str, Any],
    new: dict[str, Any],
    *,
    labels: tuple[str, str] = ("old", "new"),
    base: Path = Path("."),
) -> DiffResult:
    """Compare two loaded plans; `base` is where a framework given as a path is found."""
    changes = compare(old, new)
    result = DiffResult(labels[0], labels[1], changes, review(old, new, changes))
    dimensions, elements = _labels(new, base)
    if not dimensions:
        dimensions, elements = _labels(old, base)
    result.dimensions, result.elements = dimensions, elements
    result.organizations = {**_organizations(old), **_organizations(new)}
    return result


def _organizations(data: dict[str, Any]) -> dict[str, str]:
    items = data.get("organizations")
    return {
        item["id"]: item["name"]
        for item in (items if isinstance(items, list) else [])
        if isinstance(item, dict) and isinstance(item.get("id"), str)
        and isinstance(item.get("name"), str)
    }


Labels = dict[str, dict[str, str]]


def _labels(data: dict[str, Any], base: Path) -> tuple[Labels, Labels]:
    """The framework's dimension labels, and its element labels by element id."""
    from smartplan.domain.framework import FrameworkError, load_framework

    ref = data.get("framework")
    try:
        framework = load_framework(ref if isinstance(ref, str) else None, base)
    except (FrameworkError, OSError):
        return {}, {}
    elements = {element.id: element.label for _, element in framework.elements}
    return {dimension.id: dimension.label for dimension in framework.dimensions}, elements


def diff(old: str, new: str | None = None, *, cwd: Path | None = None) -> DiffResult:
    """Compare two sides as given on the command line; NEW defaults to the working tree."""
    from smartplan.diff.sides import load, resolve, working_tree
    from smartplan.workspace.config import find_config

    cwd = cwd or Path.cwd()
    config = find_config(cwd)
    old_where = resolve(old, config=config, cwd=cwd)
    new_where = resolve(new, config=config, cwd=cwd) if new else working_tree(old_where)
    before = load(old_where, side="OLD", config=config)
    after = load(new_where, side="NEW", config=config)
    base = Path(after.document.path).parent if new_where.commit is None else cwd
    result = diff_data(
        before.document.data, after.document.data, labels=(before.label, after.label), base=base
    )
    result.warnings = before.warnings + after.warnings
    result.working_tree = not new
    result.inputs = [
        path
        for where, side in ((old_where, before), (new_where, after))
        if where.commit is None
        for path in side.document.files
    ]
    return result


def diff_files(old: str | Path, new: str | Path) -> DiffResult:
    return diff(str(old), str(new))


def hook_sides(cwd: Path | None = None) -> tuple[str | None, str | None]:
    """The sides when none is given (the pre-commit hook): pre-commit's FROM and TO refs of a
    push when set, else the last stage tag against the working tree; (None, None) when no
    stage is tagged yet (nothing to review)."""
    from_ref, to_ref = os.environ.get("PRE_COMMIT_FROM_REF"), os.environ.get("PRE_COMMIT_TO_REF")
    if from_ref and to_ref:
        return from_ref, to_ref
    from smartplan.diff.sides import last_stage

    return last_stage(cwd or Path.cwd()), None
