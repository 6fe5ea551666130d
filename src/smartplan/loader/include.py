"""`include:` — merge the programs, organizations and regulations lists of fragment files.

Paths are relative to the including file and must stay inside the repository root (symlinks
resolved); every merged value keeps its location in the fragment's own file.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from smartplan.findings import Finding, Severity
from smartplan.loader.document import LoadResult, join

MERGED = ("programs", "organizations", "regulations")


def repository_root(plan: Path) -> Path:
    """The nearest ancestor holding `.git` or `.smartplan.yaml`; else the plan's directory."""
    start = plan.resolve().parent
    for folder in (start, *start.parents):
        if (folder / ".git").exists() or (folder / ".smartplan.yaml").exists():
            return folder
    return start


def merge_includes(
    result: LoadResult, plan: Path, root: Path, read: Any, limits: Any
) -> list[Finding]:
    from smartplan.loader import load_text

    assert result.document is not None
    document = result.document
    entries = document.data["include"]
    if not isinstance(entries, list):
        return []  # the schema reports the wrong type
    findings: list[Finding] = []
    for index, entry in enumerate(entries):
        pointer = join("/include", index)
        if not isinstance(entry, str):
            continue
        problem, target = _target(plan, root, entry)
        display = posixpath.normpath(posixpath.join(posixpath.dirname(document.path), entry))
        if problem is None:
            try:
                fragment = load_text(read(target), display, limits)
            except OSError as error:
                problem = f"cannot read included file '{entry}': {error.strerror or error}"
        if problem is not None:
            findings.append(_finding(document.locate(pointer), problem, pointer))
            continue
        findings += fragment.findings
        result.lines.update(fragment.lines)
        document.lines.update(fragment.lines)
        if fragment.document is not None:
            findings += _merge(document, fragment)
    return findings


def _target(plan: Path, root: Path, entry: str) -> tuple[str | None, Path]:
    if posixpath.isabs(entry) or Path(entry).is_absolute():
        return f"include '{entry}' is an absolute path: give a path relative to the plan", plan
    target = (plan.parent / entry).resolve()
    if not target.is_relative_to(root.resolve()):
        return f"include '{entry}' points outside the repository root ({root})", plan
    return None, target


def _merge(document: Any, fragment: LoadResult) -> list[Finding]:
    assert fragment.document is not None
    findings: list[Finding] = []
    part = fragment.document
    for key in part.data:
        if key not in MERGED and not key.startswith("x-"):
            message = f"an included file may hold only {', '.join(MERGED)} lists, not '{key}'" + (
                " (fragments cannot include further files)" if key == "include" else ""
            )
            findings.append(_finding(part.locate("/" + key, at_key=True), message, ""))
    for section in MERGED:
        items = part.data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            message = f"'{section}' in an included file must be a list"
            findings.append(_finding(part.locate("/" + section), message, ""))
            continue
        target = document.data.setdefault(section, [])
        if not isinstance(target, list):
            continue
        for index, item in enumerate(items):
            old, new = join("/" + section, index), join("/" + section, len(target))
            document.source.update(part.source, old, new)
            target.append(item)
    return findings


def _finding(location: Any, message: str, pointer: str) -> Finding:
    return Finding(
        location.path, location.line, location.column, "include", Severity.ERROR, message, pointer
    )
