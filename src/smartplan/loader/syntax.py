"""libyaml's syntax errors said the way a plan's author can act on them.

The parser's own words ("did not find expected key") describe its state, not the author's
mistake, and they change between libyaml versions: PyYAML 6.0.4 refuses deep flow nesting
itself, where older versions let smartplan's own limit refuse it. This module owns those
messages, so that the finding reads the same whatever the parser's version.
"""

from __future__ import annotations

from typing import Any

from smartplan.i18n import _

# where the parser was when it gave up (its "context"), as the author would name the block
_BLOCKS = {
    "while parsing a block mapping": "mapping",
    "while parsing a block collection": "list",
    "while parsing a flow sequence": "flow-list",
    "while parsing a flow mapping": "flow-mapping",
    "while scanning a quoted scalar": "quoted",
}


def depth_refusal(limit: int) -> str:
    return _(
        "nesting deeper than {limit} levels is refused (limits.max_depth in .smartplan.yaml)",
        limit=limit,
    )


def explain(problem: str, context: str | None, block_line: int | None, at_tab: bool) -> str:
    """The author's version of the parser's `problem` (raised in `context`, opened at a line)."""
    problem = problem.strip()
    block = _BLOCKS.get((context or "").strip())
    if at_tab:
        return _("a tab character cannot indent or start YAML content: use spaces")
    if problem == "did not find expected key" and block == "mapping":
        return _(
            "indentation problem: this line does not line up with the keys of the block that "
            "starts at line {line} (indent it exactly like the keys above, with spaces)",
            line=block_line,
        )
    if problem == "did not find expected '-' indicator" and block == "list":
        return _(
            "indentation problem: this line does not line up with the list items ('- ') of the "
            "block that starts at line {line} (indent it like the items above, with spaces)",
            line=block_line,
        )
    if problem.startswith("mapping values are not allowed"):
        return _(
            "a ':' is not allowed here: this line is indented deeper than the key above it, or a "
            "text that contains ': ' needs quotes"
        )
    if problem == "found unexpected end of stream" and block == "quoted":
        return _(
            "the quoted text that starts at line {line} is never closed: add the closing quote",
            line=block_line,
        )
    if problem.startswith("did not find expected ','") and block in ("flow-list", "flow-mapping"):
        return _(
            "the list or mapping in brackets that opens at line {line} is not closed, or a ',' "
            "is missing between its items",
            line=block_line,
        )
    if context and block_line is not None:
        return _(
            "{problem} ({context} at line {line})",
            problem=problem,
            context=context.strip(),
            line=block_line,
        )
    return problem or _("invalid YAML")


def is_depth_refusal(problem: str | None) -> bool:
    """libyaml ≥ 0.2.6 (PyYAML 6.0.4) refuses deep nesting itself, with this wording."""
    return problem is not None and "maximum nesting depth" in problem


def deepest_opening(text: str, start: int, end: int, depth: int, limit: int) -> int | None:
    """The index in `text[start:end]` where nesting level `limit + 1` opens, counting from
    `depth` levels already open at `start`; None when the stretch never gets that deep.

    The stretch is what libyaml read ahead of its last event: flow collections on one line,
    where '[' and '{' open a level and only quotes and comments hide them.
    """
    quote: str | None = None
    index = start
    while index < end:
        char = text[index]
        if quote is not None:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = None
        elif char in "[{":
            depth += 1
            if depth > limit:
                return index
        elif char in "]}":
            depth -= 1
        elif char in "'\"" and (index == start or text[index - 1] in " \t[{,:"):
            quote = char
        elif char == "#" and (index == start or text[index - 1] in " \t"):
            newline = text.find("\n", index, end)
            index = end if newline < 0 else newline
            continue
        index += 1
    return None


def mark_index(mark: Any) -> int:
    return int(getattr(mark, "index", 0) or 0)
