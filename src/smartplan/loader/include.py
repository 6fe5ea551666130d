"""`include:` — merge the programs, organizations and regulations lists of fragment files.

Paths are relative to the including file and must stay inside the repository root (symlinks
resolved); every merged value keeps its location in the fragment's own file.
"""

from __future__ import annotations

import errno
import os
import posixpath
from pathlib import Path
from typing import Any

from smartplan.findings import Finding, Severity
from smartplan.loader.document import LoadResult, join
from smartplan.loader.reading import size_text
from smartplan.loader.scalars import clip

MERGED = ("programs", "organizations", "regulations")


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


def inside_repository(folder: Path, root: Path, entry: str, what: str) -> tuple[str | None, Path]:
    """`entry`, relative to `folder`, resolved (symlinks too); or why it may not be read: an
    absolute path, or a path leading out of the repository (a plan from a pull request must not
    make CI read, and quote, files such as /etc/passwd or ~/.ssh/id_rsa)."""
    shown = clip(entry)
    if posixpath.isabs(entry) or Path(entry).is_absolute():
        return f"{what} '{shown}' is an absolute path: give a path relative to the plan", folder
    try:
        target = (folder / entry).resolve()
        target.exists()  # raises for what no system call accepts
    except (OSError, ValueError, RuntimeError) as error:  # a NUL byte, a name too long, a loop
        reason = error.strerror if isinstance(error, OSError) else str(error)
        if isinstance(error, RuntimeError):  # Python before 3.13 reports a symlink loop so
            reason = os.strerror(errno.ELOOP)
        return f"{what} '{shown}' is not a usable path ({reason})", folder
    if not target.is_relative_to(root.resolve()):
        return f"{what} '{shown}' points outside the repository root ({root})", folder
    return None, target


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
            line = document.locate(first[target]).line  # located only when repeated
            problem = f"include '{clip(entry)}' repeats the include at line {line}"
        if problem is None:
            first[target] = pointer
            try:
                data = read(target)
            except OSError as error:
                problem = f"cannot read included file '{clip(entry)}': {error.strerror or error}"
            else:
                total += len(data)
                if total > limits.max_file_size:
                    problem = (
                        f"included files add up to more than {size_text(limits.max_file_size)}, "
                        "the size limit of one file (limits.max_file_size in .smartplan.yaml)"
                    )
        if problem is not None:
            findings.append(_finding(document.locate(pointer), problem, pointer))
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
    return findings


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
        document.source.append_items(part.source, section, len(target))
        target.extend(items)
    return findings


def _finding(location: Any, message: str, pointer: str) -> Finding:
    return Finding(
        location.path, location.line, location.column, "include", Severity.ERROR, message, pointer
    )
