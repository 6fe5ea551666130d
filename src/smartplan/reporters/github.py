"""GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per finding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartplan.findings import Severity

if TYPE_CHECKING:
    from smartplan.findings import Finding, ValidationResult
    from smartplan.reporters import ReportOptions

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def report(result: ValidationResult, options: ReportOptions) -> str:
    return "".join(
        _annotation(finding) + "\n" for file in result.files for finding in sorted(file.findings)
    )


def _annotation(finding: Finding) -> str:
    properties: list[tuple[str, object]] = [("file", finding.path)]
    # A finding about the whole file (line 0) is still annotated, just not at a line.
    if finding.line >= 1:
        properties.append(("line", finding.line))
        if finding.column >= 1:
            properties.append(("col", finding.column))
    properties.append(("title", finding.rule))
    joined = ",".join(f"{name}={escape_property(str(value))}" for name, value in properties)
    return f"::{COMMAND[finding.severity]} {joined}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message: `%` first, so the escapes themselves stay intact."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, where `:` and `,` would otherwise end it."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
