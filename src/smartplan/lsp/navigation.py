"""Go to definition, find references (across `include:` fragments) and the document outline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.workspace import PositionCodec

from smartplan.loader.document import Document, Location, join
from smartplan.lsp.diagnostics import span
from smartplan.lsp.schemas import field_at, tokens
from smartplan.lsp.session import absolute
from smartplan.lsp.text import entries
from smartplan.lsp.view import FileView, find_item, value_at

_DEFINED = re.compile(r"^/(programs|organizations|regulations)/\d+/id$")


def _target(view: FileView, line: int, column: int) -> tuple[str, Any] | None:
    """(section, id) named or defined at the place: `lead: x`, `depends_on: [x]`, `id: x`."""
    spot = view.spot(line, column)
    document = view.checked.document
    if spot is None or spot.on_key or document is None:
        return None
    value = value_at(document.data, tokens(spot.pointer))
    defined = _DEFINED.match(spot.pointer)
    if defined:
        return defined.group(1), value
    field = field_at(tokens(spot.pointer))
    return (field.section, value) if field is not None and field.section else None


def location(
    document: Document, where: Location, lines: dict[Path, list[str]], codec: PositionCodec
) -> lsp.Location:
    file = absolute(where.path)
    text = lines.get(file) or document.lines.get(where.path, [])
    return lsp.Location(uri=file.as_uri(), range=span(text, where.line, where.column, codec=codec))


def definition(
    view: FileView, line: int, column: int, lines: dict[Path, list[str]]
) -> list[lsp.Location]:
    document = view.checked.document
    if document is None:
        return []
    include = _include(view, line, column)
    if include is not None:
        return [lsp.Location(uri=include.as_uri(), range=span([], 1, 1))]
    target = _target(view, line, column)
    found = find_item(document.data, *target) if target else None
    if target is None or found is None:
        return []
    pointer = join(join("/" + target[0], found[0]), "id")
    return [location(document, document.locate(pointer), lines, view.codec)]


def _include(view: FileView, line: int, column: int) -> Path | None:
    spot = view.spot(line, column)
    document = view.checked.document
    if spot is None or document is None or not spot.pointer.startswith("/include/"):
        return None
    entry = value_at(document.data, tokens(spot.pointer))
    if not isinstance(entry, str):
        return None
    target = absolute(view.checked.plan.parent / entry)
    return target if target in view.checked.files else None


def references(
    view: FileView, line: int, column: int, declaration: bool, lines: dict[Path, list[str]]
) -> list[lsp.Location]:
    from smartplan.domain.framework import load_framework
    from smartplan.rules.context import PlanContext
    from smartplan.rules.references import references as every_reference

    document = view.checked.document
    target = _target(view, line, column)
    if document is None or target is None:
        return []
    section, ident = target
    pointers = []
    found = find_item(document.data, section, ident)
    if declaration and found is not None:
        pointers.append(join(join("/" + section, found[0]), "id"))
    framework = view.checked.framework or load_framework(None, view.checked.plan.parent)
    context = PlanContext(document, framework, 1)
    pointers += [
        pointer
        for pointer, value, kind, _ in every_reference(context)
        if kind == section and value == ident
    ]
    return [location(document, document.locate(pointer), lines, view.codec) for pointer in pointers]


def symbols(view: FileView) -> list[lsp.DocumentSymbol]:
    """The outline of one file as written: its dimensions, then its programmes (with their
    dimension); in a fragment, its programmes."""
    document, name = view.checked.document, view.name
    if document is None or name is None:
        return []
    ends = _ends(document, name)
    framework = view.checked.framework
    outline = []
    kinds = {"dimensions": lsp.SymbolKind.Namespace, "programs": lsp.SymbolKind.Object}
    for section, kind in kinds.items():
        children = []
        for key, item in _entries(document.data.get(section)):
            pointer = join("/" + section, key)
            where = document.locate(pointer, at_key=section == "dimensions")
            if where.path != name:
                continue
            if section == "dimensions":
                known = framework.dimension(str(key)) if framework else None
                label, detail = str(key), known.label.get("id", "") if known else ""
            else:
                label = str(item.get("id") or f"#{int(key) + 1}")
                detail = " · ".join(str(item[k]) for k in ("name", "dimension") if item.get(k))
            children.append(
                lsp.DocumentSymbol(
                    name=label,
                    detail=detail,
                    kind=kind,
                    range=_range(view.lines, where.line, ends.get(pointer, where.line), view.codec),
                    selection_range=span(view.lines, where.line, where.column, codec=view.codec),
                )
            )
        if children:
            heading = document.locate("/" + section, at_key=True)
            own = heading.path == name and heading.line <= children[0].range.start.line + 1
            start = lsp.Position(heading.line - 1, 0) if own else children[0].range.start
            outline.append(
                lsp.DocumentSymbol(
                    name=section,
                    kind=lsp.SymbolKind.Module,
                    range=lsp.Range(start, children[-1].range.end),
                    selection_range=lsp.Range(start, start),
                    children=children,
                )
            )
    return outline


def _entries(value: Any) -> list[tuple[Any, dict[str, Any]]]:
    if isinstance(value, dict):
        return [(k, v if isinstance(v, dict) else {}) for k, v in value.items()]
    if isinstance(value, list):
        return [(i, v) for i, v in enumerate(value) if isinstance(v, dict)]
    return []


def _range(lines: list[str], first: int, last: int, codec: PositionCodec) -> lsp.Range:
    end = lines[last - 1] if 0 < last <= len(lines) else ""
    return lsp.Range(
        lsp.Position(first - 1, 0), lsp.Position(max(last - 1, 0), codec.client_num_units(end))
    )


def _ends(document: Document, name: str) -> dict[str, int]:
    """The last line of each programme and dimension written in the file `name`."""
    ends: dict[str, int] = {}
    for pointer, _, path, line, _ in entries(document):
        parts = pointer.split("/")
        if path == name and len(parts) >= 3 and parts[1] in ("programs", "dimensions"):
            top = "/".join(parts[:3])
            ends[top] = max(ends.get(top, 0), line)
    return ends
