"""Hover: the rule behind a finding, the schema's help for a key, and what a reference names."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from smartplan.escape import markdown
from smartplan.i18n import _
from smartplan.lsp.diagnostics import span
from smartplan.lsp.schemas import field_at, tokens
from smartplan.lsp.view import FileView, find_item, value_at


def hover(view: FileView, line: int, column: int) -> lsp.Hover | None:
    """At a 1-based line and code point column."""
    parts = [*_findings(view, line, column)]
    spot = view.spot(line, column)
    document = view.checked.document
    if spot is not None and document is not None:
        path = tokens(spot.pointer)
        field = field_at(path)
        value = value_at(document.data, path)
        named = None if spot.on_key else _named(view, path, field.section if field else None, value)
        if named:
            parts.append(named)
        elif field is not None and field.description:
            title = f"**{field.title}**\n\n" if field.title else ""
            parts.append(title + field.description)
    parts = [part for part in parts if part]
    if not parts:
        return None
    where = span(view.lines, line, spot.column, spot.end, view.codec) if spot else None
    return lsp.Hover(
        contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
        range=where,
    )


def _findings(view: FileView, line: int, column: int) -> list[str]:
    from smartplan.lsp.text import token_end
    from smartplan.rules import RULES

    shown = []
    text = view.lines[line - 1] if 0 < line <= len(view.lines) else ""
    for finding in view.checked.findings.get(view.file, []):
        if finding.line == line and finding.column <= column <= token_end(text, finding.column):
            rule = RULES.get(finding.rule)
            about = f"\n\n{rule.summary}\n\n{rule.explanation}" if rule else ""
            # the rule's own words are Markdown; the message quotes the plan: escaped
            message = markdown(finding.message)
            shown.append(f"**{finding.rule}** ({finding.severity.label}): {message}{about}")
    return shown


def _named(view: FileView, path: list[str], section: str | None, value: Any) -> str:
    """What the value at `path` names: an organization, programme, regulation, dimension…"""
    document, framework = view.checked.document, view.checked.framework
    assert document is not None
    key = next((p for p in reversed(path) if not p.isdigit()), "")
    if section is not None:
        found = find_item(document.data, section, value)
        return describe(section, found[1]) if found else ""
    if framework is not None and path[:1] == ["programs"] and key in ("dimension", "element"):
        item = value_at(document.data, path[:2]) or {}
        dimension = framework.dimension(str(item.get("dimension")))
        if dimension is None:
            return ""
        if key == "dimension":
            return _entry(dimension.id, dimension.label.get("id", dimension.id))
        element = next((e for e in dimension.elements if e.id == value), None)
        return _entry(element.id, element.label.get("id", element.id)) if element else ""
    if path[:1] == ["programs"] and key == "missions" and isinstance(value, int):
        missions = document.data.get("missions")
        if isinstance(missions, list) and 0 < value <= len(missions):
            text = markdown(str(missions[value - 1]))
            return _("mission {number}: {text}", number=value, text=text)
    return ""


def describe(section: str, item: dict[str, Any]) -> str:
    """One line of Markdown about an organization, programme or regulation (hover, completion
    documentation); the plan's text in it escaped: no link, image or HTML of a pull request's
    making reaches the editor."""
    if section == "organizations":
        kind = f" ({markdown(str(item['kind']))})" if item.get("kind") else ""
        return _entry(item.get("id"), item.get("name", "")) + kind
    if section == "programs":
        years = "–".join(str(item[k]) for k in ("start", "end") if item.get(k) is not None)
        where = " · ".join(str(v) for v in (item.get("dimension"), years) if v)
        return _entry(item.get("id"), item.get("name", "")) + (
            f" ({markdown(where)})" if where else ""
        )
    title = " ".join(str(item[k]) for k in ("kind", "number") if item.get(k))
    year = f"/{item['year']}" if item.get("year") else ""
    return _entry(item.get("id"), f"{title}{year}: {item.get('title', '')}".rstrip(": "))


def _entry(ident: Any, text: Any) -> str:
    """`**id** — text`, both escaped (a plan's or a framework file's words)."""
    return f"**{markdown(str(ident))}** — {markdown(str(text))}"
