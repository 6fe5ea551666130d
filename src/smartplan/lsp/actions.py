"""Quick fixes for a finding: take the did-you-mean, add a missing required field, or disable
the rule on that line with a reason (SPEC §8 suppression comments)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from lsprotocol import types as lsp
from pygls.workspace import PositionCodec

from smartplan.i18n import _
from smartplan.lsp.diagnostics import SOURCE
from smartplan.lsp.schemas import field_at, tokens
from smartplan.lsp.text import UTF16, column, offset

_DIRECTIVE = re.compile(r"#\s*smartplan:\s*disable\s*=\s*")
_PLACEHOLDERS = {
    "string": '""',
    "integer": "0",
    "number": "0",
    "array": "[]",
    "object": "{}",
    "boolean": "false",
}


def actions(
    uri: str,
    lines: list[str],
    diagnostics: Sequence[lsp.Diagnostic],
    codec: PositionCodec = UTF16,
) -> list[lsp.CodeAction]:
    """Quick fixes for smartplan's diagnostics; positions in the units `codec` agreed."""
    found: list[lsp.CodeAction] = []
    for diagnostic in diagnostics:
        if diagnostic.source != SOURCE or not diagnostic.code:
            continue
        data: dict[str, Any] = diagnostic.data if isinstance(diagnostic.data, dict) else {}
        if data.get("suggestion"):
            found.append(_replace(uri, diagnostic, str(data["suggestion"])))
        if data.get("missing"):
            added = _add_field(uri, lines, diagnostic, str(data["missing"]), data, codec)
            if added is not None:
                found.append(added)
        found.append(_suppress(uri, lines, diagnostic, codec))
    return found


def _action(
    title: str, uri: str, diagnostic: lsp.Diagnostic, edit: lsp.TextEdit, preferred: bool = False
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=preferred or None,
        edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
    )


def _replace(uri: str, diagnostic: lsp.Diagnostic, suggestion: str) -> lsp.CodeAction:
    edit = lsp.TextEdit(range=diagnostic.range, new_text=suggestion)
    return _action(_("Replace with '{value}'", value=suggestion), uri, diagnostic, edit, True)


def _add_field(
    uri: str,
    lines: list[str],
    diagnostic: lsp.Diagnostic,
    key: str,
    data: dict[str, Any],
    codec: PositionCodec,
) -> lsp.CodeAction | None:
    """`key: placeholder` as the first entry of the mapping the finding points at."""
    row = diagnostic.range.start.line
    text = lines[row] if row < len(lines) else ""
    start = column(text, diagnostic.range.start.character, codec) - 1
    field = field_at([*tokens(str(data.get("pointer", ""))), key])
    kind = field.node.get("type") if field is not None else None
    entry = f"{key}: {_PLACEHOLDERS.get(kind, '') if isinstance(kind, str) else ''}".rstrip()
    if text[start : start + 1] == "{":  # a flow mapping: inside its braces
        at, new_text = start + 1, f"{entry}, " if text[start + 1 :].strip() != "}" else entry
    else:  # a block mapping: a line of its own, at the mapping's indentation
        at, new_text = start, f"{entry}\n{' ' * start}"
    position = lsp.Position(row, offset(text, at + 1, codec))
    edit = lsp.TextEdit(range=lsp.Range(position, position), new_text=new_text)
    return _action(_("Add the required field '{field}'", field=key), uri, diagnostic, edit)


def _suppress(
    uri: str, lines: list[str], diagnostic: lsp.Diagnostic, codec: PositionCodec
) -> lsp.CodeAction:
    rule = str(diagnostic.code)
    row = diagnostic.range.start.line
    text = lines[row] if row < len(lines) else ""
    existing = _DIRECTIVE.search(text)
    if existing:
        at, new_text = existing.end(), f"{rule},"
    else:
        # the directive is syntax (never translated); the placeholder the author overwrites is
        # a word in their language
        placeholder = _("reason")
        at, new_text = len(text.rstrip()), f"  # smartplan: disable={rule} -- {placeholder}"
    position = lsp.Position(row, offset(text, at + 1, codec))
    edit = lsp.TextEdit(range=lsp.Range(position, position), new_text=new_text)
    title = _("Disable {rule} on this line (give the reason)", rule=rule)
    return _action(title, uri, diagnostic, edit)
