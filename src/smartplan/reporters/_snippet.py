"""Make user text safe for a terminal and place a caret under a 1-based column of a source line."""

from __future__ import annotations

from smartplan.escape import escape_char, terminal

# Tabs are expanded here, not by rich, so the source line and the caret row agree on every stop.
TAB_SIZE = 4

# A source line is shown whole up to this many cells, else as a window around the column.
WINDOW = 160
ELLIPSIS = "…"
# the one terminal escaper (smartplan.escape); these names stay for the reporters that use them
_escape = escape_char
visible = terminal


def snippet(line: str, column: int, width: int = WINDOW) -> tuple[str, int]:
    """The line as shown (tabs expanded, controls escaped) and the caret's offset in cells.

    The column counts characters; the offset counts terminal cells, so wide characters and
    combining marks keep the caret under the right character. A column past the end of the line
    points just after it. A line wider than `width` cells is shown as a window around the column,
    with `…` on each side that was cut: a minified or generated line is never echoed whole.
    """
    from rich.cells import cell_len  # only with a finding to show: a clean run never loads rich

    target = max(column, 1) - 1
    # only the characters that can reach the window are looked at: a 10 MB line costs no more
    first = max(0, target - width)
    line_cut, tail_cut = first > 0, len(line) > target + width
    pieces, caret, total = _cells(line[first : target + width], target - first)
    if not (line_cut or tail_cut) and total <= width:
        return "".join(piece for piece, _ in pieces), caret
    room = width - 2 * len(ELLIPSIS)
    start = min(max(0, caret - room // 2), max(0, max(total, caret + 1) - room))
    kept = [piece for piece, offset in pieces if start <= offset < start + room]
    end = start + sum(cell_len(piece) for piece in kept)
    head = ELLIPSIS if start > 0 or line_cut else ""
    tail = ELLIPSIS if end < total or tail_cut else ""
    return head + "".join(kept) + tail, caret - start + len(head)


def _cells(line: str, target: int) -> tuple[list[tuple[str, int]], int, int]:
    """Each character as shown with its offset in cells, the caret's offset and the total width."""
    from rich.cells import cell_len

    pieces: list[tuple[str, int]] = []
    width = 0
    caret = -1
    for index, char in enumerate(line):
        if index == target:
            caret = width
        if char == "\t":
            piece = " " * (TAB_SIZE - width % TAB_SIZE)
        elif char == "[" and line[max(0, index - 2) : index] == "##":
            piece = "\\x5b"  # `##[` is a workflow command in a CI log (escape.terminal)
        else:
            piece = _escape(char)
        pieces.append((piece, width))
        width += cell_len(piece)
    if caret < 0:
        caret = width + target - len(line)
    return pieces, caret, width
