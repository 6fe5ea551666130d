"""Go to definition, find references (across `include:` fragments) and the document outline."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

from smartplan.loader.document import Document, Location, join
from smartplan.lsp.diagnostics import span
from smartplan.lsp.schemas import field_at, tokens
from smartplan.lsp.view import FileView, find_item, items, value_at

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


def location(document: Document, where: Location, lines: dict[Path, list[str]]) -> lsp.Location:
    file = Path(where.path).resolve()
    text = lines.get(file) or document.lines.get(where.path, [])
    return lsp.Location(uri=file.as_uri(), range=span(text, where.line, where.column))


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
    return [location(document, document.locate(pointer), lines)]


def _include(view: FileView, line: int, column: int) -> Path | None:
    spot = view.spot(line, column)
    document = view.checked.document
    if spot is None or document is None or not spot.pointer.startswith("/include/"):
        return None
    entry = value_at(document.data, tokens(spot.pointer))
    if not isinstance(entry, str):
        return None
    target = (view.checked.plan.parent / entry).resolve()
    return target if target in view.checked.files else None


def references(
    view: FileView, line: int, column: int, declaration: bool, lines: dict[Path, list[str]]
) -> list[lsp.Location]:
    from smartplan.framework import load_framework
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
    return [location(document, document.locate(pointer), lines) for pointer in pointers]


def symbols(view: FileView) -> list[lsp.DocumentSymbol]:
    """The outline of one file: its dimensions, each with the programmes written here."""
    document, name = view.checked.document, view.name
    if document is None or name is None:
        return []
    ends = _ends(document, name)
    framework = view.checked.framework
    order = [d.id for d in framework.dimensions] if framework else []
    groups: dict[str, list[lsp.DocumentSymbol]] = {}
    for index, program in items(document.data, "programs"):
        pointer = join("/programs", index)
        where = document.locate(pointer)
        if where.path != name:
            continue
        label = str(program.get("id") or f"#{index + 1}")
        whole = _range(view.lines, where.line, ends.get(pointer, where.line))
        groups.setdefault(str(program.get("dimension") or "?"), []).append(
            lsp.DocumentSymbol(
                name=label,
                detail=str(program.get("name") or ""),
                kind=lsp.SymbolKind.Object,
                range=whole,
                selection_range=span(view.lines, where.line, where.column),
            )
        )
    dimensions = document.data.get("dimensions")
    written = list(dimensions) if isinstance(dimensions, dict) else []
    outline = []
    for dimension in dict.fromkeys([*order, *written, *groups]):
        pointer = join("/dimensions", dimension)
        children = groups.get(dimension, [])
        key = document.source.keys.get(pointer)
        if key is not None and key.path == name:
            whole = _range(view.lines, key.line, ends.get(pointer, key.line))
            pick = span(view.lines, key.line, key.column)
        elif children:
            whole = lsp.Range(children[0].range.start, children[-1].range.end)
            pick = children[0].selection_range
        else:
            continue
        if children:
            first = min(whole.start, children[0].range.start, key=_at)
            whole = lsp.Range(first, max(whole.end, children[-1].range.end, key=_at))
        known = framework.dimension(dimension) if framework else None
        outline.append(
            lsp.DocumentSymbol(
                name=dimension,
                detail=known.label.get("id", "") if known else "",
                kind=lsp.SymbolKind.Namespace,
                range=whole,
                selection_range=pick,
                children=children,
            )
        )
    return outline


def _at(position: lsp.Position) -> tuple[int, int]:
    return position.line, position.character


def _range(lines: list[str], first: int, last: int) -> lsp.Range:
    end = lines[last - 1] if 0 < last <= len(lines) else ""
    return lsp.Range(lsp.Position(first - 1, 0), lsp.Position(max(last - 1, 0), len(end)))


def _ends(document: Document, name: str) -> dict[str, int]:
    """The last line of each programme and dimension written in the file `name`."""
    ends: dict[str, int] = {}
    for entries in (document.source.values, document.source.keys):
        for pointer, where in entries.items():
            if where.path != name:
                continue
            parts = pointer.split("/")
            if len(parts) >= 3 and parts[1] in ("programs", "dimensions"):
                top = "/".join(parts[:3])
                ends[top] = max(ends.get(top, 0), where.line)
    return ends
