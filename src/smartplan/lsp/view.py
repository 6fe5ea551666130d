"""One file of a checked plan as the features read it: its lines, its name in the source map,
and the plan's data at a pointer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pygls.workspace import PositionCodec

from smartplan.lsp.session import Checked, absolute
from smartplan.lsp.text import UTF16, Spot, index_lines, spot_at


@dataclass(frozen=True)
class FileView:
    checked: Checked
    file: Path
    lines: list[str]  # the editor's text when open
    codec: PositionCodec = UTF16  # the position units agreed with the client (pygls)

    @property
    def name(self) -> str | None:
        """The file's name in the document's source map (as the plan's include shows it)."""
        document = self.checked.document
        if document is None:
            return None
        return next((n for n in document.lines if absolute(n) == self.file), None)

    def spot(self, line: int, column: int) -> Spot | None:
        """The key or value at a 1-based line and code point column."""
        document, name = self.checked.document, self.name
        if document is None or name is None:
            return None
        if self.checked.lines_index is None:
            self.checked.lines_index = index_lines(document)
        return spot_at(self.checked.lines_index, document, name, line, column)


def value_at(data: Any, parts: list[str]) -> Any:
    """The value at reference tokens of the plan's data; None when absent."""
    for part in parts:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


def items(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    found = data.get(section)
    if not isinstance(found, list):
        return []
    return [(index, item) for index, item in enumerate(found) if isinstance(item, dict)]


def find_item(data: dict[str, Any], section: str, ident: Any) -> tuple[int, dict[str, Any]] | None:
    return next(((i, item) for i, item in items(data, section) if item.get("id") == ident), None)
