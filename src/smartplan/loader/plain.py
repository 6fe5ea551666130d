"""The lean path: an ordinary plan built from bare C parser events with no source map, and its
locations found again from the same text only when a finding needs them (issue 18).
Anything unusual (anchors, aliases, tags, merge keys, repeated keys, depth) is left to the full
Builder."""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events as ev

from smartplan.files.limits import Limits
from smartplan.loader.builder import _CEvents, _no_gc
from smartplan.loader.document import SourceMap, join
from smartplan.loader.printable import MAYBE_UNPRINTABLE
from smartplan.loader.scalars import ScalarError, construct, resolve_tag


class _Plain(Exception):
    """The lean build met something only the full builder handles (or reports)."""


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
    if "\\" in text and MAYBE_UNPRINTABLE.search(text):
        return None  # an escape that may write a control character: the Builder decides
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
