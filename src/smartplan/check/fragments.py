"""A file validated on its own that is an `include:` fragment, not a plan: say so, and name the
plan above that includes it (SPEC §2)."""

from __future__ import annotations

import os
from pathlib import Path

from smartplan.files.limits import Limits
from smartplan.findings import Finding, Severity
from smartplan.i18n import _
from smartplan.loader import Document

FRAGMENT_KEYS = {"programs", "organizations", "regulations"}


def fragment_keys(document: Document) -> set[str]:
    """The merged lists a fragment holds; empty for a plan."""
    keys = {key for key in document.data if not key.startswith("x-")}
    return keys if keys and keys <= FRAGMENT_KEYS else set()


def fragment_finding(document: Document, path: Path) -> Finding | None:
    """A file holding only the lists an `include:` merges is a fragment, not a plan: say so,
    and name the plan that includes it when one does (SPEC §2)."""
    keys = fragment_keys(document)
    if not keys:
        return None
    found = including_plan(path)
    if found is None:
        message = _(
            "this file holds only {sections}: it looks like a fragment of a plan (include:); "
            "validate the plan that includes it",
            sections=", ".join(sorted(keys)),
        )
    else:
        plan, line = found
        message = _(
            "this file is a fragment of the plan {plan} (include: at line {line}); "
            "validate {plan} instead",
            plan=plan,
            line=line,
        )
    first = document.locate("/" + sorted(keys)[0], at_key=True)
    return Finding(first.path, first.line, first.column, "include", Severity.INFO, message, "")


def including_plan(fragment: Path) -> tuple[str, int] | None:
    """The plan (masterplan.yaml in this folder or one above, up to the repository root) whose
    `include:` names `fragment`, and the line of that entry."""
    from smartplan.loader import file_reader, load_text
    from smartplan.loader.include import repository_root
    from smartplan.workspace.plans import PLAN_NAMES

    target = fragment.resolve()
    root = repository_root(fragment)
    for folder in (target.parent, *target.parent.parents):
        for name in PLAN_NAMES:
            candidate = folder / name
            if candidate == target or not candidate.is_file():
                continue
            try:
                loaded = load_text(file_reader(Limits(), root)(candidate), str(candidate))
            except OSError:
                continue
            entries = loaded.document.data.get("include") if loaded.document else None
            for index, entry in enumerate(entries if isinstance(entries, list) else []):
                if isinstance(entry, str) and (folder / entry).resolve() == target:
                    line = loaded.document.locate(f"/include/{index}").line  # type: ignore[union-attr]
                    return os.path.relpath(candidate), line
        if folder == root:
            break
    return None
