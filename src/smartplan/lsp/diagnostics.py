"""Findings → LSP diagnostics: the same rule, severity and message as `validate` prints."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp
from pygls.workspace import PositionCodec

from smartplan.findings import Finding, Severity
from smartplan.lsp.text import UTF16, offset, token_end

SOURCE = "smartplan"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


def span(
    lines: list[str],
    line: int,
    column: int,
    end: int | None = None,
    codec: PositionCodec = UTF16,
) -> lsp.Range:
    """The range of the token at a 1-based line and column (a missing line: its start), in the
    units `codec` agreed with the client."""
    text = lines[line - 1] if 0 < line <= len(lines) else ""
    stop = end if end is not None else token_end(text, column)
    row = max(line - 1, 0)
    return lsp.Range(
        lsp.Position(row, offset(text, column, codec)),
        lsp.Position(row, offset(text, max(stop, column), codec)),
    )


def diagnostic(finding: Finding, lines: list[str], codec: PositionCodec = UTF16) -> lsp.Diagnostic:
    from smartplan.rules import RULES

    rule = RULES.get(finding.rule)
    data: dict[str, Any] = {"pointer": finding.pointer}
    if finding.suggestion:
        data["suggestion"] = finding.suggestion
    if finding.missing:
        data["missing"] = finding.missing
    return lsp.Diagnostic(
        range=span(lines, finding.line, finding.column, codec=codec),
        message=finding.message,
        severity=_SEVERITY[finding.severity],
        code=finding.rule,
        code_description=lsp.CodeDescription(href=rule.help_uri) if rule else None,
        source=SOURCE,
        data=data,
    )


def problem(message: str) -> lsp.Diagnostic:
    """What `validate` would stop on (bad settings): shown on the plan's first line."""
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
        message=message,
        severity=lsp.DiagnosticSeverity.Error,
        source=SOURCE,
    )
