"""SARIF 2.1.0 for code-scanning services: one run, every rule described, one result per finding."""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from smartplan import __version__
from smartplan.findings import Severity
from smartplan.rules import RULES

if TYPE_CHECKING:
    from smartplan.findings import Finding, ValidationResult
    from smartplan.reporters import ReportOptions
    from smartplan.rules import Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/smartplan/smartplan"
SRCROOT = "%SRCROOT%"
LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}

Json = dict[str, object]


def report(result: ValidationResult, options: ReportOptions) -> str:
    artifacts = {path: index for index, path in enumerate(_artifact_paths(result))}
    rules = {rule: index for index, rule in enumerate(RULES)}
    findings = [finding for file in result.files for finding in sorted(file.findings)]
    run: Json = {
        "tool": {"driver": _driver()},
        # Finding columns count characters, not SARIF's default UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "artifacts": [{"location": _artifact_location(path)} for path in artifacts],
        "results": [_result(f, artifacts[f.path], rules.get(f.rule)) for f in findings],
    }
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _driver() -> Json:
    return {
        "name": "smartplan",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule) for rule in RULES.values()],
    }


def _rule(rule: Rule) -> Json:
    return {
        "id": rule.id,
        # SARIF asks for a friendly name distinct from the id, as one PascalCase word.
        "name": "".join(part.capitalize() for part in rule.id.split("-")),
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.explanation},
        "help": {"text": rule.explanation},
        "defaultConfiguration": {"level": LEVEL[rule.severity]},
        "helpUri": rule.help_uri,
    }


def _artifact_paths(result: ValidationResult) -> list[str]:
    """Each plan, followed by the fragment files its findings point into, each once."""
    paths: dict[str, None] = {}
    for file in result.files:
        paths.update(
            dict.fromkeys([file.path, *(finding.path for finding in sorted(file.findings))])
        )
    return list(paths)


def _result(finding: Finding, artifact: int, rule: int | None) -> Json:
    result: Json = {"ruleId": finding.rule}
    if rule is not None:  # a rule outside the registry has no descriptor to point at
        result["ruleIndex"] = rule
    result["level"] = LEVEL[finding.severity]
    result["message"] = {"text": finding.message}
    location: Json = {"physicalLocation": _physical(finding, artifact)}
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer}]
    result["locations"] = [location]
    result["properties"] = {"pointer": finding.pointer}
    return result


def _physical(finding: Finding, artifact: int) -> Json:
    physical: Json = {"artifactLocation": _artifact_location(finding.path, artifact)}
    # SARIF lines and columns start at 1; a finding about the whole file has no region.
    if finding.line >= 1:
        region: Json = {"startLine": finding.line}
        if finding.column >= 1:
            region["startColumn"] = finding.column
        physical["region"] = region
    return physical


def _artifact_location(path: str, index: int | None = None) -> Json:
    uri = _uri(path)
    location: Json = {"uri": uri}
    if not uri.startswith("file:"):
        location["uriBaseId"] = SRCROOT
    if index is not None:
        location["index"] = index
    return location


def _uri(path: str) -> str:
    """An absolute path as a file: URI; a relative one with forward slashes, percent-encoded."""
    windows = PureWindowsPath(path)
    if windows.is_absolute():
        return windows.as_uri()
    posix = PurePosixPath(windows.as_posix())
    return posix.as_uri() if posix.is_absolute() else quote(posix.as_posix())
