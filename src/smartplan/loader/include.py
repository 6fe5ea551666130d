"""`include:` — merge the programs, organizations and regulations lists of fragment files.

Paths are relative to the including file and must stay inside the repository root (symlinks
resolved); every merged value keeps its location in the fragment's own file. `supersedes.file`
is held to the same bounds, and never merged.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from smartplan.files.confine import folder_root, inside_repository, repository_root
from smartplan.files.limits import clip
from smartplan.files.reading import size_text
from smartplan.findings import Finding, Severity
from smartplan.i18n import _
from smartplan.loader.document import LoadResult, join

MERGED = ("programs", "organizations", "regulations")
__all__ = [
    "MERGED",
    "check_supersedes",
    "folder_root",
    "inside_repository",
    "merge_includes",
    "repository_root",
]


def check_supersedes(document: Any, plan: Path, root: Path) -> list[Finding]:
    """`supersedes.file` names the plan this one replaces (SPEC §10): never read nor merged,
    but held to the repository like an include, so no report or portfolio is led outside it."""
    entry = document.data.get("supersedes")
    entry = entry.get("file") if isinstance(entry, dict) else None
    if not isinstance(entry, str):
        return []  # absent, or the schema reports the wrong type
    problem, _target = inside_repository(plan.parent, root, entry, "supersedes")
    if problem is None:
        return []
    return [_finding(document.locate("/supersedes/file"), problem, "/supersedes/file")]




def merge_includes(
    result: LoadResult, plan: Path, root: Path, read: Any, limits: Any, parse: Any
) -> list[Finding]:
    assert result.document is not None
    document = result.document
    entries = document.data["include"]
    if not isinstance(entries, list):
        return []  # the schema reports the wrong type
    findings: list[Finding] = []
    first: dict[Path, str] = {}  # each fragment once: repeats would multiply what is read
    total = 0  # bytes of all fragments together, held to the size limit of one file
    for index, entry in enumerate(entries):
        pointer = join("/include", index)
        if not isinstance(entry, str):
            continue
        problem, target = inside_repository(plan.parent, root, entry, "include")
        display = posixpath.normpath(posixpath.join(posixpath.dirname(document.path), entry))
        if problem is None and target in first:
            problem = _(
                "include '{path}' repeats the include at line {line}",
                path=clip(entry),
                line=document.locate(first[target]).line,  # located only when repeated
            )
        if problem is None:
            first[target] = pointer
            try:
                data = read(target)
            except OSError as error:
                problem = (
                    _("included file '{path}' does not exist", path=clip(entry))
                    if isinstance(error, FileNotFoundError)
                    else _(
                        "cannot read included file '{path}': {reason}",
                        path=clip(entry),
                        reason=error.strerror or error,
                    )
                )
            else:
                total += len(data)
                if total > limits.max_file_size:
                    problem = _(
                        "included files add up to more than {size}, the size limit of one "
                        "file (limits.max_file_size in .smartplan.yaml)",
                        size=size_text(limits.max_file_size),
                    )
        if problem is not None:
            findings.append(_finding(document.locate(pointer), problem, pointer))
            document.unread.append((clip(entry), document.locate(pointer).line))
            if total > limits.max_file_size:
                break
            continue
        fragment = parse(data, display, limits)
        document.sources.append(target)
        findings += fragment.findings
        result.lines.update(fragment.lines)
        document.lines.update(fragment.lines)
        if fragment.document is not None:
            findings += _merge(document, fragment)
        else:
            document.unread.append((clip(entry), document.locate(pointer).line))
    return findings


def _merge(document: Any, fragment: LoadResult) -> list[Finding]:
    assert fragment.document is not None
    findings: list[Finding] = []
    part = fragment.document
    for key in part.data:
        if key not in MERGED and not key.startswith("x-"):
            message = (
                _(
                    "an included file may hold only {sections} lists, not '{key}' "
                    "(fragments cannot include further files)",
                    sections=", ".join(MERGED),
                    key=key,
                )
                if key == "include"
                else _(
                    "an included file may hold only {sections} lists, not '{key}'",
                    sections=", ".join(MERGED),
                    key=key,
                )
            )
            findings.append(_finding(part.locate("/" + key, at_key=True), message, ""))
    for section in MERGED:
        items = part.data.get(section)
        if items is None:
            continue
        if not isinstance(items, list):
            message = _("'{section}' in an included file must be a list", section=section)
            findings.append(_finding(part.locate("/" + section), message, ""))
            continue
        target = document.data.setdefault(section, [])
        if not isinstance(target, list):
            continue
        document.source.append_items(part.source, section, len(target))
        target.extend(items)
    return findings


def _finding(location: Any, message: str, pointer: str) -> Finding:
    return Finding(
        location.path, location.line, location.column, "include", Severity.ERROR, message, pointer
    )
