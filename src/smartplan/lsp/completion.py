"""Completion from the plan itself: its organisation, programme and regulation ids, mission
numbers, the framework's dimensions and elements, the schema's keys and coded values."""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types as lsp

from smartplan.escape import markdown
from smartplan.lsp.hover import describe
from smartplan.lsp.schemas import Field, field_at
from smartplan.lsp.text import Typing, offset, typing_at
from smartplan.lsp.view import FileView, items

_DIMENSION = re.compile(r"(?:^|[\s{,])dimension\s*:\s*[\"']?([\w.-]+)")


def complete(view: FileView, line: int, character: int) -> list[lsp.CompletionItem]:
    """At a 0-based line and code point offset of the editor's text."""
    typing = typing_at(view.lines, line, character)
    text = view.lines[line] if line < len(view.lines) else ""
    start = character - len(typing.word)
    where = lsp.Range(
        lsp.Position(line, offset(text, start + 1, view.codec)),
        lsp.Position(line, offset(text, character + 1, view.codec)),
    )
    field = field_at(typing.path)
    if typing.at_key and (field is None or field.is_object or typing.path == ("dimensions",)):
        found = _keys(view, typing, field)
    else:
        found = _values(view, typing, field)
    return [
        lsp.CompletionItem(
            label=label,
            kind=kind,
            detail=detail,
            documentation=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value=doc)
            if doc
            else None,
            text_edit=lsp.TextEdit(range=where, new_text=insert),
            sort_text=f"{index:05d}",
        )
        for index, (label, insert, kind, detail, doc) in enumerate(found)
    ]


Choice = tuple[str, str, lsp.CompletionItemKind, str, str]


def _keys(view: FileView, typing: Typing, field: Field | None) -> list[Choice]:
    if typing.path == ("dimensions",):
        return _dimensions(view, key=True)
    if field is None:
        return []
    property_ = lsp.CompletionItemKind.Property
    return [
        (name, f"{name}: ", property_, str(sub.get("title", "")), str(sub.get("description", "")))
        for name, sub in field.properties.items()
    ]


def _values(view: FileView, typing: Typing, field: Field | None) -> list[Choice]:
    path = typing.path
    key = next((p for p in reversed(path) if not p.isdigit()), "")
    document = view.checked.document
    data: dict[str, Any] = document.data if document is not None else {}
    if field is not None and field.section is not None:
        return [
            (
                str(item["id"]),
                str(item["id"]),
                lsp.CompletionItemKind.Reference,
                str(item.get("name") or item.get("title") or ""),
                describe(field.section, item),
            )
            for _, item in items(data, field.section)
            if isinstance(item.get("id"), (str, int))
        ]
    if path[:1] == ("programs",) and key in ("dimension", "also_dimensions"):
        return _dimensions(view, key=False)
    if path[:1] == ("programs",) and key == "element":
        return _elements(view, typing)
    if path[:1] == ("programs",) and key == "missions":
        missions = data.get("missions")
        return [  # the documentation is Markdown: the mission's text escaped
            (str(n), str(n), lsp.CompletionItemKind.EnumMember, str(text), markdown(str(text)))
            for n, text in enumerate(missions if isinstance(missions, list) else [], 1)
        ]
    if path == ("framework",):
        from smartplan.domain.framework import bundled

        return [(name, name, lsp.CompletionItemKind.Module, "", "") for name in bundled()]
    if field is not None and field.enum:
        labels = _labels(field.enum)
        member = lsp.CompletionItemKind.EnumMember
        return [
            (str(value), str(value), member, labels.get(value, ""), field.description)
            for value in field.enum
        ]
    return []


def _dimensions(view: FileView, *, key: bool) -> list[Choice]:
    framework = view.checked.framework
    if framework is None:
        return []
    return [
        (
            d.id,
            f"{d.id}:" if key else d.id,
            lsp.CompletionItemKind.Module,
            d.label.get("id", d.id),
            markdown(d.description.get("id", "")),  # a framework file may come from a PR
        )
        for d in framework.dimensions
    ]


def _elements(view: FileView, typing: Typing) -> list[Choice]:
    framework = view.checked.framework
    dimension = framework.dimension(_item_dimension(view.lines, typing)) if framework else None
    if dimension is None:
        return []
    return [
        (e.id, e.id, lsp.CompletionItemKind.EnumMember, e.label.get("id", e.id), "")
        for e in dimension.elements
    ]


def _item_dimension(lines: list[str], typing: Typing) -> str:
    """The `dimension:` written in the list item around the cursor (text, as typed)."""
    if typing.item_line < 0:
        return ""
    first = lines[typing.item_line]
    dash = len(first) - len(first.lstrip(" "))
    for number in range(typing.item_line, len(lines)):
        text = lines[number]
        written = text.strip() and not text.lstrip().startswith("#")
        if number > typing.item_line and written and len(text) - len(text.lstrip(" ")) <= dash:
            break  # the next item, or the end of the list
        found = _DIMENSION.search(text)
        if found:
            return found.group(1)
    return ""


def _labels(values: list[Any]) -> dict[Any, str]:
    """The Indonesian labels of a coded value list, from the reports' label catalogue."""
    from smartplan.report.values import VALUES, value_label

    wanted = {str(v) for v in values}
    kind = next((kind for kind, labels in VALUES.items() if wanted <= set(labels)), None)
    return {value: value_label(kind, value, "id") for value in values} if kind else {}
