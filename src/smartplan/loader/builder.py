"""Build plain data and a source map from libyaml's event stream.

Driving the builder from events (not PyYAML's composer) keeps every location, sees repeated
keys before they are dropped, bounds nesting and alias expansion before they cost anything,
and uses libyaml's C parser where present (its composer segfaults on deep nesting; SPEC §7).
"""

from __future__ import annotations

import copy
import gc
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events as ev

from smartplan.files.limits import BuildError, Limits, text_size
from smartplan.i18n import _
from smartplan.loader import syntax
from smartplan.loader.document import Location, SourceMap, join
from smartplan.loader.printable import check_scalar
from smartplan.loader.scalars import COLLECTION_TAGS, ScalarError, construct, resolve_tag, shorten

_Parser: type
_CEvents: Any  # the bare event parser: no constructor, no resolver
try:
    _Parser, _CEvents = yaml.CSafeLoader, yaml.cyaml.CParser  # type: ignore[attr-defined]
except AttributeError:  # PyYAML built without libyaml
    _Parser = _CEvents = yaml.SafeLoader


MAX_NOTICES = 500  # repeated keys reported per file (under lint.MAX_FINDINGS); the rest counted


@dataclass
class Notice:
    """A problem that does not stop the build (a repeated key)."""

    rule: str
    message: str
    line: int
    column: int
    pointer: str


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    pointer: str
    anchor: str | None
    nodes: int = 1
    key: str | None = None
    key_mark: Location | None = None
    merge: bool = False
    seen: dict[str, int] = field(default_factory=dict)
    merges: list[Any] = field(default_factory=list)


def _loc(path: str, mark: Any) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


class Builder:
    """One pass over the events of one document; `build()` returns data or raises BuildError."""

    def __init__(self, text: str, path: str, limits: Limits) -> None:
        self.text, self.path, self.limits = text, path, limits
        self.source = SourceMap()
        self.notices: list[Notice] = []
        self.more_notices = 0
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.expanded_bytes = 0  # text produced by aliases: one large scalar repeated
        self.stack: list[_Frame] = []

    def build(self) -> Any:
        root: list[Any] = []
        events = _Events(self.text)
        try:
            with _no_gc():
                self._run(iter(events), root)
        except yaml.MarkedYAMLError as error:
            if syntax.is_depth_refusal(error.problem):
                raise self._depth_error(events.read, error) from error
            raise _syntax_error(error, self.text) from error
        except yaml.reader.ReaderError as error:  # control characters and the like
            line, column = _line_column(self.text, error.position)
            raise BuildError(
                _(
                    "character {character} is not allowed in YAML ({reason})",
                    character=_codepoint(error.character),
                    reason=_reason(error.reason),
                ),
                line,
                column,
            ) from error
        if not root:
            raise BuildError(_("the file is empty: a plan starts with `smartplan: 1`"), 1, 1)
        if root[0] is None:
            raise BuildError(
                _(
                    "the document is empty (null): "
                    "a plan is a mapping that starts with `smartplan: 1`"
                ),
                1,
                1,
            )
        return root[0]

    def _depth_error(self, read: int, error: yaml.MarkedYAMLError) -> BuildError:
        """libyaml refused the nesting before smartplan saw it: find where our limit is passed
        in what the parser read ahead of its last event, so the finding reads as with any
        parser version."""
        end = syntax.mark_index(error.problem_mark) + 1
        limit = self.limits.max_depth
        index = syntax.deepest_opening(self.text, read, end, len(self.stack), limit)
        line, column = (
            _line_column(self.text, index) if index is not None else _error_position(error)
        )
        return BuildError(syntax.depth_refusal(limit), line, column)

    def _run(self, stream: Iterator[ev.Event], root: list[Any]) -> None:
        for event in stream:
            if isinstance(event, ev.DocumentStartEvent) and root:
                raise BuildError(
                    _(
                        "several YAML documents in one file: a plan is a single document "
                        "(remove the `---` separator or split the file)"
                    ),
                    *_pos(event),
                )
            if isinstance(event, (ev.NodeEvent, ev.CollectionEndEvent)):
                self._node(event, root)

    def _node(self, event: ev.Event, root: list[Any]) -> None:
        if isinstance(event, ev.CollectionEndEvent):
            frame = self.stack.pop()
            self._finish_collection(frame)
            self._place(frame.container, frame.nodes, frame.anchor, root)
            return
        top = self.stack[-1] if self.stack else None
        if isinstance(top, _Frame) and isinstance(top.container, dict) and top.key is None:
            self._key(top, event)
            return
        pointer = self._pointer(top)
        self.source.values[pointer] = _loc(self.path, event.start_mark)
        if isinstance(event, ev.ScalarEvent):
            check_scalar(event, self.text)
            self._place(self._scalar(event, pointer), 1, event.anchor, root)
        elif isinstance(event, ev.AliasEvent):
            self._place(*self._alias(event), None, root)
        else:
            self._open(event, pointer)

    def _pointer(self, top: _Frame | None) -> str:
        if top is None:
            return ""
        if isinstance(top.container, dict):
            return join(top.pointer, top.key or "")
        return join(top.pointer, len(top.container))

    def _open(self, event: ev.Event, pointer: str) -> None:
        if len(self.stack) >= self.limits.max_depth:
            raise BuildError(syntax.depth_refusal(self.limits.max_depth), *_pos(event))
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in COLLECTION_TAGS:
            raise BuildError(
                _("tag {tag} is outside the YAML core schema and is refused", tag=shorten(tag)),
                *_pos(event),
            )
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, ev.MappingStartEvent) else []
        )
        self.stack.append(_Frame(container, pointer, getattr(event, "anchor", None)))

    def _key(self, frame: _Frame, event: ev.Event) -> None:
        if not isinstance(event, ev.ScalarEvent):
            raise BuildError(_("a mapping key must be a plain scalar (text)"), *_pos(event))
        check_scalar(event, self.text)
        key = event.value
        mark = _loc(self.path, event.start_mark)
        frame.merge = key == "<<" and event.implicit[0] and event.tag is None
        first = frame.seen.get(key)
        if first is not None and not frame.merge and len(self.notices) >= MAX_NOTICES:
            self.more_notices += 1  # counted, not kept: 200,000 repeats cost no memory
        elif first is not None and not frame.merge:
            self.notices.append(
                Notice(
                    "duplicate-key",
                    _(
                        "key '{key}' is repeated (first at line {first}); YAML keeps only the "
                        "last value, so the earlier one would be lost",
                        key=key,
                        first=first,
                    ),
                    mark.line,
                    mark.column,
                    join(frame.pointer, key),
                )
            )
        frame.seen.setdefault(key, mark.line)
        if event.anchor is not None:  # `&k vision: …` anchors the key: `*k` is the text 'vision'
            self.anchors[event.anchor] = (key, 1)
        frame.key, frame.key_mark = key, mark
        self.source.keys[join(frame.pointer, key)] = mark

    def _scalar(self, event: ev.ScalarEvent, pointer: str) -> Any:
        tag = resolve_tag(event.tag, event.value, event.implicit)
        try:
            return construct(tag, event.value)
        except ScalarError as error:
            if not error.recoverable:
                raise BuildError(str(error), *_pos(event)) from error
            # an impossible date or number: reported, kept as written, the file read on
            self.notices.append(Notice("yaml-syntax", error.args[0], *_pos(event), pointer))
            return event.value

    def _alias(self, event: ev.AliasEvent) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise BuildError(
                _("alias *{anchor} names no anchor defined before it", anchor=event.anchor),
                *_pos(event),
            )
        value, nodes = self.anchors[event.anchor]
        self.expanded += nodes
        if self.expanded > self.limits.max_aliases:
            raise BuildError(
                _(
                    "aliases expand to more than {count} nodes: refused as an "
                    "alias bomb (limits.max_aliases in .smartplan.yaml)",
                    count=self.limits.max_aliases,
                ),
                *_pos(event),
            )
        self.expanded_bytes += text_size(value)
        if self.expanded_bytes > self.limits.max_file_size:
            raise BuildError(
                _(
                    "aliases expand to more than {limit:,} characters of text, the size limit "
                    "of one file: refused as an alias bomb (limits.max_file_size in "
                    ".smartplan.yaml)",
                    limit=self.limits.max_file_size,
                ),
                *_pos(event),
            )
        return copy.deepcopy(value), nodes

    def _place(self, value: Any, nodes: int, anchor: str | None, root: list[Any]) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, nodes)
        if not self.stack:
            root.append(value)
            return
        frame = self.stack[-1]
        frame.nodes += nodes
        if isinstance(frame.container, list):
            frame.container.append(value)
        elif frame.merge:
            frame.merges.append(value)
            frame.key, frame.merge = None, False
        else:
            frame.container[frame.key or ""] = value
            frame.key = None

    def _finish_collection(self, frame: _Frame) -> None:
        """Apply `<<` merge keys: keys written in the mapping win over merged ones."""
        if not isinstance(frame.container, dict):
            return
        for merged in frame.merges:
            for part in merged if isinstance(merged, list) else [merged]:
                if not isinstance(part, dict):
                    mark = self.source.value(join(frame.pointer, "<<"))
                    raise BuildError(_("`<<` merges only mappings"), mark.line, mark.column)
                for key, value in part.items():
                    frame.container.setdefault(key, value)


class _no_gc:
    """The collector off while a file's containers are built: they hold no cycles, and at
    8,000 programmes the generational passes over them cost a fifth of the load."""

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self.was:
            gc.enable()


# plain scalar text -> its value, for text whose first character can make it other than a
# string (numbers, booleans, null, dates); bounded, values are immutable
class _Events:
    """The parser's events; `read` is the text index where the last event handed out ended."""

    def __init__(self, text: str) -> None:
        self.text, self.read = text, 0

    def __iter__(self) -> Iterator[ev.Event]:
        parser = _Parser(self.text)
        try:
            while parser.check_event():
                event = parser.get_event()
                self.read = event.end_mark.index
                yield event
        finally:
            parser.dispose()


def _pos(event: ev.Event) -> tuple[int, int]:
    mark: Any = event.start_mark  # libyaml always marks events
    return mark.line + 1, mark.column + 1


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _error_position(error: yaml.YAMLError) -> tuple[int, int]:
    mark = getattr(error, "problem_mark", None)
    if mark is None:
        return 1, 1
    return mark.line + 1, mark.column + 1


def _codepoint(character: int | str) -> str:
    return f"U+{character if isinstance(character, int) else ord(character):04X}"


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> BuildError:
    mark = error.problem_mark
    at_tab = mark is not None and text[mark.index : mark.index + 1] == "\t"
    block_line = None if error.context_mark is None else error.context_mark.line + 1
    message = syntax.explain(error.problem or "", error.context, block_line, at_tab)
    return BuildError(message, *_error_position(error))


def _reason(reason: str) -> str:
    """libyaml's reason for refusing a character, in the user's language where we know it."""
    if reason == "control characters are not allowed":
        return _("control characters are not allowed")
    return reason
