"""Places in the text: 1-based finding columns ↔ LSP positions (UTF-16), the extent of a value,
the source-map entry under the cursor, and the key path of a line being typed (mid-edit text
need not parse)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.workspace import PositionCodec

from smartplan.loader.document import Document

_KEY = re.compile(r"""(?:^|[\s{,])(["']?)([A-Za-z_][\w.-]*)\1\s*:(?:\s|$)""")


# The unit of LSP character offsets is agreed at `initialize` (the client's preference: Neovim
# asks for UTF-8, VS Code uses UTF-16); pygls negotiates it and converts with the workspace's
# PositionCodec, which every conversion here is given. UTF16 is the protocol's default.
UTF16 = PositionCodec()


def offset(line: str, column: int, codec: PositionCodec = UTF16) -> int:
    """The LSP character offset (in the agreed units) of a 1-based code point column."""
    return int(codec.client_num_units(line[: max(column - 1, 0)]))


def column(line: str, character: int, codec: PositionCodec = UTF16) -> int:
    """The 1-based code point column of an LSP character offset (past the end: the end)."""
    if character >= codec.client_num_units(line):
        return len(line) + 1
    place = codec.position_from_client_units([line], lsp.Position(0, character))
    return int(place.character) + 1


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


def entries(document: Document) -> Iterator[tuple[str, bool, str, int, int]]:
    """(pointer, is key, file, line, column) of every entry of the document's source map."""
    source = document.source
    ready = getattr(source, "ready", None)  # a lazily built map (issue 18) is filled first
    if callable(ready):
        ready()
    for table, is_key in ((source.values, False), (source.keys, True)):
        for pointer, (path, line, column) in table.items():
            yield pointer, is_key, path, line, column


def index_lines(document: Document) -> dict[tuple[str, int], list[tuple[int, str, bool]]]:
    """(file, line) → [(column, pointer, is key)], sorted by column."""
    index: dict[tuple[str, int], list[tuple[int, str, bool]]] = {}
    for pointer, is_key, path, line, column in entries(document):
        index.setdefault((path, line), []).append((column, pointer, is_key))
    for found in index.values():
        found.sort()
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
    nodes = [(col, "-") for col in _dashes(text)]
    index = _content(text)
    found = _KEY.match(" " + text[index:]) if index < len(text) else None
    if found and not text.startswith("#", index):
        nodes.append((index, found.group(2)))
    return nodes


def _dashes(text: str) -> list[int]:
    """The columns of the list-item dashes that open a line."""
    found = []
    index = len(text) - len(text.lstrip(" "))
    while text.startswith("- ", index) or text[index:] == "-":
        found.append(index)
        index += 1
        index += len(text[index:]) - len(text[index:].lstrip(" "))
    return found


def _content(text: str) -> int:
    """Where a line's content starts, after its indentation and dashes."""
    dashes = _dashes(text)
    index = dashes[-1] + 1 if dashes else 0
    return index + len(text[index:]) - len(text[index:].lstrip(" "))


_FLOW_KEY = re.compile(r"""(["']?)([A-Za-z_][\w.-]*)\1\s*:(?:\s|$)""")


def _flow(text: str) -> tuple[list[str], str | None, str]:
    """The keys and list levels open at the end of a line's content (flow style included):
    (path, the key whose value is being typed or None, innermost bracket or '')."""
    stack: list[tuple[str, str | None]] = []
    key: str | None = None
    index, quote = 0, ""
    while index < len(text):
        char = text[index]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "[{":
            stack.append((char, key))
            key = None
        elif char in "]}":
            if stack:
                stack.pop()
            key = None
        elif char == ",":
            key = None
        elif char == "#" and (index == 0 or text[index - 1] == " "):
            break
        elif index == 0 or text[index - 1] in " {,[":
            found = _FLOW_KEY.match(text, index)
            if found:
                key = found.group(2)
                index = found.end()
                continue
        index += 1
    path: list[str] = []
    for bracket, opener in stack:
        path += [opener] if opener else []
        path += ["0"] if bracket == "[" else []
    return path, key, stack[-1][0] if stack else ""


def typing_at(lines: list[str], line: int, character: int) -> Typing:
    """The Typing at a 0-based line and code point offset."""
    prefix = (lines[line] if line < len(lines) else "")[:character]
    typed = re.search(r"[\w.-]*$", prefix)
    dashes = _dashes(prefix)
    start = _content(prefix)
    flow, key, innermost = _flow(prefix[start:])
    path = ["0" for _ in dashes] + flow + ([key] if key else [])
    at_key = key is None and innermost != "["
    threshold = dashes[0] if dashes else start
    item_line = line if dashes else -1
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
