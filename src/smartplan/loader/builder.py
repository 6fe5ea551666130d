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

from smartplan.i18n import _
from smartplan.loader import syntax
from smartplan.loader.document import Location, SourceMap, join
from smartplan.loader.limits import Limits, text_size
from smartplan.loader.scalars import COLLECTION_TAGS, ScalarError, construct, resolve_tag, shorten

_Parser: type
_CEvents: Any  # the bare event parser: no constructor, no resolver
try:
    _Parser, _CEvents = yaml.CSafeLoader, yaml.cyaml.CParser  # type: ignore[attr-defined]
except AttributeError:  # PyYAML built without libyaml
    _Parser = _CEvents = yaml.SafeLoader


MAX_NOTICES = 500  # repeated keys reported per file (under lint.MAX_FINDINGS); the rest counted


class BuildError(Exception):
    """The file cannot become a plan; carries the place where reading stopped."""

    def __init__(self, message: str, line: int, column: int, rule: str = "yaml-syntax") -> None:
        super().__init__(message)
        self.line, self.column, self.rule = line, column, rule


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
                f"character {_codepoint(error.character)} is not allowed in YAML ({error.reason})",
                line,
                column,
            ) from error
        if not root:
            raise BuildError("the file is empty: a plan starts with `smartplan: 1`", 1, 1)
        if root[0] is None:
            raise BuildError(
                "the document is empty (null): a plan is a mapping that starts with `smartplan: 1`",
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
                    "several YAML documents in one file: a plan is a single document "
                    "(remove the `---` separator or split the file)",
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
            self._place(self._scalar(event), 1, event.anchor, root)
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
                f"tag {shorten(tag)} is outside the YAML core schema and is refused", *_pos(event)
            )
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, ev.MappingStartEvent) else []
        )
        self.stack.append(_Frame(container, pointer, getattr(event, "anchor", None)))

    def _key(self, frame: _Frame, event: ev.Event) -> None:
        if not isinstance(event, ev.ScalarEvent):
            raise BuildError("a mapping key must be a plain scalar (text)", *_pos(event))
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
                    f"key '{key}' is repeated (first at line {first}); YAML keeps only the last "
                    "value, so the earlier one would be lost",
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

    def _scalar(self, event: ev.ScalarEvent) -> Any:
        tag = resolve_tag(event.tag, event.value, event.implicit)
        try:
            return construct(tag, event.value)
        except ScalarError as error:
            raise BuildError(str(error), *_pos(event)) from error

    def _alias(self, event: ev.AliasEvent) -> tuple[Any, int]:
        if event.anchor not in self.anchors:
            raise BuildError(
                f"alias *{event.anchor} names no anchor defined before it", *_pos(event)
            )
        value, nodes = self.anchors[event.anchor]
        self.expanded += nodes
        if self.expanded > self.limits.max_aliases:
            raise BuildError(
                f"aliases expand to more than {self.limits.max_aliases} nodes: refused as an "
                "alias bomb (limits.max_aliases in .smartplan.yaml)",
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
                    raise BuildError("`<<` merges only mappings", mark.line, mark.column)
                for key, value in part.items():
                    frame.container.setdefault(key, value)


class _Plain(Exception):
    """The lean build met something only the full builder handles (or reports)."""


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
_PLAIN: dict[str, Any] = {}
_PLAIN_LIMIT = 50_000
_SPECIAL = frozenset(k for k in yaml.resolver.Resolver.yaml_implicit_resolvers if k is not None)
_MAPPING_END, _SEQUENCE_END = ev.MappingEndEvent, ev.SequenceEndEvent
_SCALAR, _MAPPING, _SEQUENCE = ev.ScalarEvent, ev.MappingStartEvent, ev.SequenceStartEvent
_DOCUMENT_START, _STREAM_END = ev.DocumentStartEvent, ev.StreamEndEvent
_NO_KEY = object()


def _plain(value: str) -> Any:
    found = _PLAIN.get(value, _NO_KEY)
    if found is _NO_KEY:
        try:
            found = construct(resolve_tag(None, value, (True, False)), value)
        except ScalarError as error:
            raise _Plain from error
        if len(_PLAIN) < _PLAIN_LIMIT and len(value) <= 64:
            _PLAIN[value] = found
    return found


def build_plain(text: str, limits: Limits) -> dict[str, Any] | None:
    """The data of an ordinary plan without its source map, or None: then the full Builder
    must read the file (it has an anchor, alias, tag, merge key or repeated key, too deep a
    nesting, a syntax error, or is not one mapping). Where this returns data it is the data the
    Builder returns for the same text; `tests/test_lean_loading.py` holds the two to it."""
    try:
        with _no_gc():
            return _build_plain(text, limits.max_depth)
    except (_Plain, yaml.YAMLError):
        return None


def _build_plain(text: str, max_depth: int) -> dict[str, Any] | None:
    parser = _CEvents(text)
    get: Any = parser.get_event
    root: list[Any] = []
    stack: list[tuple[Any, bool, Any]] = []
    top: Any = None  # the open container
    mapping = False  # whether `top` is a mapping
    key: Any = _NO_KEY  # the key waiting for its value in `top`
    special, plain, no_key = _SPECIAL, _plain, _NO_KEY
    try:
        while True:
            event = get()
            kind = event.__class__
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    raise _Plain
                value = event.value
                if mapping and key is no_key:
                    if value in top or (value == "<<" and event.implicit[0]):
                        raise _Plain
                    key = value
                    continue
                if event.implicit[0] and value[:1] in special:
                    value = plain(value)
            elif kind is _MAPPING or kind is _SEQUENCE:
                if event.anchor is not None or event.tag is not None or len(stack) >= max_depth:
                    raise _Plain
                if mapping and key is no_key:
                    raise _Plain  # a collection as a key
                stack.append((top, mapping, key))
                top, mapping, key = ({} if kind is _MAPPING else []), kind is _MAPPING, no_key
                continue
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                value = top
                top, mapping, key = stack.pop()
            elif kind is _DOCUMENT_START:
                if root:
                    raise _Plain
                continue
            elif kind is _STREAM_END or event is None:
                break
            elif kind is ev.AliasEvent:
                raise _Plain
            else:
                continue
            if top is None:
                root.append(value)
            elif mapping:
                top[key] = value
                key = no_key
            else:
                top.append(value)
    finally:
        parser.dispose()
    if len(root) != 1 or not isinstance(root[0], dict):
        return None
    return root[0]


def locate_plain(text: str, path: str) -> SourceMap:
    """The source map of a text that `build_plain` read (no anchors, aliases, tags, merge
    keys or repeated keys): one pass over the events noting where each value and key is,
    no value built. The same entries as the Builder's map for that text."""
    found = SourceMap()
    values, keys = found.values, found.keys
    parser = _CEvents(text)
    get: Any = parser.get_event
    stack: list[tuple[str, bool, str | None, int]] = []
    pointer, mapping, key, count, depth = "", False, None, 0, 0
    try:
        with _no_gc():
            while True:
                event = get()
                kind = event.__class__
                if kind is _SCALAR or kind is _MAPPING or kind is _SEQUENCE:
                    mark = event.start_mark
                    if not depth:
                        here = ""
                    elif mapping:
                        if key is None:
                            key = event.value
                            keys[_child(pointer, key)] = (path, mark.line + 1, mark.column + 1)
                            continue
                        here, key = _child(pointer, key), None
                    else:
                        here, count = f"{pointer}/{count}", count + 1
                    values[here] = (path, mark.line + 1, mark.column + 1)
                    if kind is not _SCALAR:
                        stack.append((pointer, mapping, key, count))
                        pointer, mapping, key, count = here, kind is _MAPPING, None, 0
                        depth += 1
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    pointer, mapping, key, count = stack.pop()
                    depth -= 1
                elif kind is _STREAM_END or event is None:
                    break
    except yaml.YAMLError:  # cannot happen: build_plain read the same text
        pass
    finally:
        parser.dispose()
    return found


def _child(pointer: str, key: str) -> str:
    return f"{pointer}/{key}" if "~" not in key and "/" not in key else join(pointer, key)


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
