"""The comment-preserving writer (ruamel.yaml, round-trip mode): edits land in the YAML files
that hold each programme, and every other byte stays as it was — comments, key order, quoting,
flow or block style. A comment that closed the last item of a list (a section comment before the
next top-level key) moves with the end of the list when an item is appended or removed.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from smartplan.errors import UsageError
from smartplan.extras import require
from smartplan.i18n import _
from smartplan.workbook.edits import INDICATOR_KEYS, PROGRAM_KEYS, Edit, Op

FLOW_LISTS = ("partners", "depends_on", "regulations", "also_dimensions", "funding", "missions")


class YamlFile:
    """One YAML file in ruamel's round-trip form; `text()` dumps it with the file's own indents."""

    def __init__(self, path: Path) -> None:
        require("ruamel.yaml", "importing an Excel workbook")
        self.path = path
        self.original = path.read_text(encoding="utf-8")
        self.yaml, self.exact = _yaml_for(self.original)
        self.data = self.yaml.load(self.original)
        self.changed = False

    def text(self) -> str:
        buffer = io.StringIO()
        self.yaml.dump(self.data, buffer)
        return buffer.getvalue()

    def program(self, pid: str) -> Any:
        for item in self.data.get("programs") or []:
            if hasattr(item, "get") and str(item.get("id")) == pid:
                return item
        raise UsageError(_("programme {id} is not in {path}", id=pid, path=self.path))


def _yaml_for(text: str) -> tuple[Any, bool]:
    """A YAML instance that writes `text` back byte for byte, trying the usual indentations;
    (the closest one, False) when none does."""
    from ruamel.yaml import YAML

    candidates = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (2, 2, 2), (4, 4, 0))
    first = None
    for mapping, sequence, offset in candidates:
        yaml = YAML(typ="rt")
        yaml.preserve_quotes = True
        yaml.width = 4096  # never fold a long line the file did not fold
        yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        first = first or yaml
        buffer = io.StringIO()
        yaml.dump(yaml.load(text), buffer)
        if buffer.getvalue() == text:
            return yaml, True
    return first, False


def apply(program: Any, edits: list[Edit]) -> None:
    """Apply one programme's edits: values first, then appends, then removals from the end
    (so the positions the edits name stay valid)."""
    order = {Op.SET: 0, Op.ADD: 1, Op.DROP: 2}
    for edit in sorted(edits, key=lambda e: (order[e.op], _descending(e.path))):
        *parents, last = edit.path
        node = program
        for step in parents:
            node = _child(node, step, edit)
        if edit.op is Op.SET:
            _set(node, last, edit.value, parents)
        elif edit.op is Op.ADD:
            add(node, str(last), edit.value)
        else:
            _drop(node, last)


def _descending(path: tuple[str | int, ...]) -> tuple[Any, ...]:
    return tuple(-step if isinstance(step, int) else 0 for step in path)


def _child(node: Any, step: str | int, edit: Edit) -> Any:
    if isinstance(step, int):
        return node[step]
    if step == "baseline" and not isinstance(node.get(step), dict):
        _insert(node, step, node_of({}, "baseline"), INDICATOR_KEYS)
    if step not in node:
        raise UsageError(_("{cell}: the plan has no {field} here", cell=edit.cell, field=step))
    return node[step]


def _set(node: Any, key: str | int, value: Any, parents: list[str | int]) -> None:
    if isinstance(key, int) or key in node:
        current = node[key]
        if isinstance(value, list) and hasattr(current, "fa"):
            current.clear()
            current.extend(value)
            return
        node[key] = node_of(value, str(key))
        return
    order: tuple[str, ...] = PROGRAM_KEYS
    if parents and parents[0] == "indicators":
        order = INDICATOR_KEYS
    if parents and parents[-1] == "baseline":
        order = ("year", "value")
    _insert(node, key, node_of(value, key), order)


def _insert(node: Any, key: str, value: Any, order: tuple[str, ...]) -> None:
    """Insert a key where the house order puts it (after the keys that come before it)."""
    rank = order.index(key) if key in order else len(order)
    position = 0
    for index, existing in enumerate(node):
        if existing in order and order.index(existing) < rank:
            position = index + 1
    if position == len(node) and len(node):
        tail = detach(node)
        node.insert(position, key, value)
        attach(node, tail)
    else:
        node.insert(position, key, value)


def add(node: Any, key: str, item: Any) -> None:
    """Append `item` to the list `node[key]`, or start that list with it."""
    if isinstance(node.get(key), list):
        append(node[key], node_of(item, key))
        return
    order: tuple[str, ...] = INDICATOR_KEYS if key in ("targets", "actuals") else PROGRAM_KEYS
    if key == "programs":
        order = (*node.keys(), "programs")  # a file without programmes: they go at its end
    _insert(node, key, node_of([item], key), order)


def _drop(node: Any, key: str | int) -> None:
    last = key == (len(node) - 1 if isinstance(node, list) else list(node)[-1])
    tail = detach(node) if last else ""
    del node[key]
    if len(node):
        attach(node, tail)


def append(sequence: Any, item: Any) -> None:
    tail = detach(sequence) if len(sequence) else ""
    sequence.append(item)
    attach(sequence, tail)


def node_of(value: Any, key: str) -> Any:
    """A plain value as the house writes it: programmes and indicators in block style, short
    lists and budget lines, targets and baselines in flow style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        mapping = CommentedMap()
        for name, item in value.items():
            mapping[name] = node_of(item, name)
        if key not in ("", "indicators", "programs"):
            mapping.fa.set_flow_style()
        return mapping
    if isinstance(value, list):
        inner = {"budget": "line", "targets": "point", "actuals": "point"}.get(key, key)
        sequence = CommentedSeq(node_of(item, inner) for item in value)
        if key in FLOW_LISTS or key in ("targets", "actuals"):
            sequence.fa.set_flow_style()
        return sequence
    return value


# --- comments that close a list ------------------------------------------------------------


def detach(node: Any) -> str:
    """Remove and return the comment lines after the last line of `node` (not its own end-of-
    line comment): blank lines and `# --- section ---` comments that belong below it."""
    if not len(node):
        return ""
    key = len(node) - 1 if isinstance(node, list) else list(node)[-1]
    value = node[key]
    deeper = detach(value) if _block(value) else ""
    slot = node.ca.items.get(key)
    index = 0 if isinstance(node, list) else 2
    tail = ""
    if slot and len(slot) > index and slot[index] is not None:
        head, newline, rest = slot[index].value.partition("\n")
        tail = rest
        slot[index].value = head + newline
    end = "".join(token.value for token in node.ca.end or [])
    node.ca.end = []
    return deeper + tail + end


def attach(node: Any, tail: str) -> None:
    """Put comment lines after the last line of `node` (its deepest last value)."""
    if not tail or not len(node):
        return
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    key = len(node) - 1 if isinstance(node, list) else list(node)[-1]
    value = node[key]
    if _block(value) and len(value):
        attach(value, tail)
        return
    index, size = (0, 2) if isinstance(node, list) else (2, 4)
    slot = node.ca.items.setdefault(key, [None] * size)
    existing = slot[index].value if slot[index] is not None else "\n"
    slot[index] = CommentToken(existing + tail, CommentMark(0), None)


def _block(value: Any) -> bool:
    return isinstance(value, (dict, list)) and hasattr(value, "fa") and not value.fa.flow_style()
