"""Places in the text: 1-based finding columns ↔ LSP positions (UTF-16), the extent of a value,
the source-map entry under the cursor, and the key path of a line being typed (mid-edit text
need not parse)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartplan.loader.document import Document

_KEY = re.compile(r"""(?:^|[\s{,])(["']?)([A-Za-z_][\w.-]*)\1\s*:(?:\s|$)""")


def utf16(line: str, column: int) -> int:
    """The LSP character offset (UTF-16 code units) of a 1-based code point column."""
    before = line[: max(column - 1, 0)]
    return len(before.encode("utf-16-le")) // 2


def column(line: str, character: int) -> int:
    """The 1-based code point column of an LSP character offset."""
    units = 0
    for index, char in enumerate(line):
        if units >= character:
            return index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line) + 1


def token_end(line: str, start: int) -> int:
    """The 1-based column just after the scalar (or key) that starts at `start`."""
    index = start - 1
    if index >= len(line):
        return start
    quote = line[index]
    if quote in "\"'":
        close = line.find(quote, index + 1)
        return (close + 2) if close >= 0 else len(line) + 1
    if quote in "[{":
        return start + 1
    end = index
    while end < len(line) and line[end] not in ",]}#" and not line.startswith(": ", end):
        end += 1
    if line.endswith(":") and end == len(line):
        end -= 1
    return len(line[:end].rstrip()) + 1 if end > index else start + 1


@dataclass(frozen=True)
class Spot:
    """The source-map entry under the cursor: a value, or the key that introduces it."""

    pointer: str
    on_key: bool
    line: int
    column: int  # 1-based start of the key or value
    end: int  # 1-based column after it


def index_lines(document: Document) -> dict[tuple[str, int], list[tuple[int, str, bool]]]:
    """(file, line) → [(column, pointer, is key)], sorted by column."""
    index: dict[tuple[str, int], list[tuple[int, str, bool]]] = {}
    for entries, is_key in ((document.source.values, False), (document.source.keys, True)):
        for pointer, where in entries.items():
            index.setdefault((where.path, where.line), []).append((where.column, pointer, is_key))
    for entries_ in index.values():
        entries_.sort()
    return index


def spot_at(
    index: dict[tuple[str, int], list[tuple[int, str, bool]]],
    document: Document,
    file: str,
    line: int,
    col: int,
) -> Spot | None:
    """The key or value written at (line, col) of `file` (1-based), if any."""
    candidates = [e for e in index.get((file, line), []) if e[0] <= col]
    if not candidates:
        return None
    start, pointer, is_key = candidates[-1]
    text = document.lines.get(file, [])
    source = text[line - 1] if 0 < line <= len(text) else ""
    return Spot(pointer, is_key, line, start, token_end(source, start))


@dataclass(frozen=True)
class Typing:
    """Where the cursor is in text that may not parse: the path of the place being typed (list
    items as '0'), whether that is a key, the word typed so far, and the 0-based line of the
    innermost enclosing list item ('-'; -1 when none)."""

    path: tuple[str, ...]
    at_key: bool
    word: str
    item_line: int


def _nodes(text: str) -> list[tuple[int, str]]:
    """The block nodes a line opens: '-' at its column, then a key at its column."""
    nodes: list[tuple[int, str]] = []
    index = len(text) - len(text.lstrip(" "))
    while text.startswith("- ", index) or text[index:] == "-":
        nodes.append((index, "-"))
        index += 1
        index += len(text[index:]) - len(text[index:].lstrip(" "))
    found = _KEY.match(" " + text[index:]) if index < len(text) else None
    if found and not text.startswith("#", index):
        nodes.append((index, found.group(2)))
    return nodes


def typing_at(lines: list[str], line: int, character: int) -> Typing:
    """The Typing at a 0-based line and code point offset."""
    prefix = (lines[line] if line < len(lines) else "")[:character]
    typed = re.search(r"[\w.-]*$", prefix)
    nodes = _nodes(prefix)
    last = None
    for last in _KEY.finditer(prefix):  # noqa: B007 - the last key written before the cursor
        pass
    tail: list[str] = []
    if last is not None:
        after = prefix[last.end() :]
        tail = [last.group(2), *(["0"] if after.count("[") > after.count("]") else [])]
        nodes = [node for node in nodes if node[0] < last.start(2)]
    at_key = last is None
    indent = len(prefix) - len(prefix.lstrip(" "))
    threshold = nodes[0][0] if nodes else indent
    path = ["0" if name == "-" else name for _, name in nodes] + tail
    item_line = line if any(name == "-" for _, name in nodes) else -1
    for above in range(line - 1, -1, -1):
        if threshold == 0:
            break
        text = lines[above]
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        for col, name in reversed(_nodes(text)):
            if col < threshold:
                path.insert(0, "0" if name == "-" else name)
                threshold = col
                if name == "-" and item_line < 0:
                    item_line = above
    return Typing(tuple(path), at_key, typed.group(0) if typed else "", item_line)
