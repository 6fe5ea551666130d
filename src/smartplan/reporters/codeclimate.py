"""GitLab Code Quality (a subset of the Code Climate spec): one issue per finding, in a JSON array.

GitLab compares the report of a merge request with the target branch's by `fingerprint`, so a
fingerprint must name the same problem across unrelated edits and in every language: it hashes
the finding's language-free identity (rule and JSON Pointer with programme ids, as the baseline
recognises findings) with its file, never its line or its (translated) message.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING

from smartplan.findings import Severity
from smartplan.loader import FATAL

if TYPE_CHECKING:
    from smartplan.findings import Finding, ValidationResult
    from smartplan.reporters import ReportOptions

# GitLab's scale is info, minor, major, critical, blocker. A plan that cannot be read at all
# blocks every other check, so its error ranks above the errors of a plan that was checked.
SEVERITY = {Severity.INFO: "info", Severity.WARNING: "minor", Severity.ERROR: "major"}
BLOCKER = "blocker"
CATEGORY = {Severity.INFO: "Clarity", Severity.WARNING: "Clarity", Severity.ERROR: "Bug Risk"}

Json = dict[str, object]

# The first quoted value of a message ('branding', 'diskominf') is data, not words: it stays the
# same when the message is translated, and tells apart the findings of one rule at one pointer
# (every dimension without a programme is reported at /programs).
# A quote opens after no letter and closes before none: "the plan's period" quotes nothing.
QUOTED = re.compile(r"""(?<!\w)(?:'([^']*)'|"([^"]*)"|‘([^’]*)’|“([^”]*)”)(?!\w)""")


def report(result: ValidationResult, options: ReportOptions) -> str:
    issues: list[Json] = []
    seen: Counter[tuple[str, str]] = Counter()
    for file in result.files:
        for finding in sorted(file.findings):
            path, identity = repository_path(finding.path), _identity(finding)
            # Findings may still share all that (two fields missing from one programme): the
            # n-th of them in the file has its own fingerprint, as GitLab shows one entry per
            # fingerprint.
            seen[path, identity] += 1
            issues.append(_issue(finding, path, fingerprint(path, identity, seen[path, identity])))
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def _identity(finding: Finding) -> str:
    """Rule, pointer by programme id and the first quoted value: nothing of the language."""
    identity = finding.identity or f"{finding.rule}|{finding.pointer}"
    quoted = QUOTED.search(finding.message)
    if quoted:
        identity += "|" + next(group for group in quoted.groups() if group is not None)
    return identity


def _issue(finding: Finding, path: str, digest: str) -> Json:
    return {
        "type": "issue",
        "check_name": finding.rule,
        "description": finding.message,
        "categories": [CATEGORY[finding.severity]],
        "severity": severity(finding),
        "fingerprint": digest,
        # GitLab wants a line; a finding about the whole file (line 0) is shown at the first.
        "location": {"path": path, "lines": {"begin": max(finding.line, 1)}},
    }


def severity(finding: Finding) -> str:
    if finding.severity == Severity.ERROR and finding.rule in FATAL:
        return BLOCKER
    return SEVERITY[finding.severity]


def fingerprint(path: str, identity: str, occurrence: int = 1) -> str:
    key = f"{path}|{identity}" + (f"|{occurrence}" if occurrence > 1 else "")
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def repository_path(path: str) -> str:
    """The path GitLab links to: relative to the job's folder (the repository), `/`-separated."""
    if os.path.isabs(path):
        try:
            path = os.path.relpath(path, Path.cwd())
        except ValueError:  # another drive on Windows: keep it as it is
            return PureWindowsPath(path).as_posix()
    posix = PurePosixPath(PureWindowsPath(path).as_posix())
    return str(posix).removeprefix("./")
