"""A loaded plan: its data, and where every value came from (file, line, column)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from smartplan.findings import Finding


class Location(NamedTuple):
    path: str
    line: int  # 1-based
    column: int  # 1-based


# what a source map holds per pointer: (path, line, column), a Location or a bare tuple
Place = tuple[str, int, int]


def escape(token: str) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def join(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape(token) if isinstance(token, str) else token}"


def parent(pointer: str) -> str:
    return pointer.rpartition("/")[0]


@dataclass
class SourceMap:
    """JSON Pointer → Location of the value, and of the key that introduced it.

    A map may be lazy: `pending` holds the steps that fill it (read the file again with
    locations, take over a fragment's entries), run in order on the first question. A clean
    plan is never asked, so it never pays for its locations (SPEC §7)."""

    values: dict[str, Place] = field(default_factory=dict)
    keys: dict[str, Place] = field(default_factory=dict)
    pending: list[Callable[[SourceMap], None]] = field(
        default_factory=list, repr=False, compare=False
    )

    @classmethod
    def later(cls, fill: Callable[[SourceMap], None]) -> SourceMap:
        """A map filled by `fill(map)` when it is first asked."""
        return cls(pending=[fill])

    def ready(self) -> SourceMap:
        """Run the pending steps (once) and return the filled map."""
        while self.pending:
            self.pending.pop(0)(self)
        return self

    def value(self, pointer: str) -> Location:
        """Where the value at `pointer` is written; the nearest written ancestor otherwise."""
        values = self.ready().values
        while pointer not in values and pointer:
            pointer = parent(pointer)
        found = values.get(pointer)
        return Location(*found) if found else Location("", 1, 1)

    def key(self, pointer: str) -> Location:
        """Where the key of `pointer` is written; for a missing entry, its nearest written
        ancestor (by key where it has one): where the missing thing belongs."""
        self.ready()
        while pointer:
            found = self.keys.get(pointer) or self.values.get(pointer)
            if found:
                return Location(*found)
            pointer = parent(pointer)
        return self.value("")

    def update(self, other: SourceMap, old_prefix: str = "", new_prefix: str = "") -> None:
        """Take over `other`'s entries, re-rooting those under `old_prefix` at `new_prefix`
        (when either map is lazy: when this one is first asked, in the order of the calls)."""
        if self.pending or other.pending:
            self.pending.append(lambda me: me._take(other.ready(), old_prefix, new_prefix))
            return
        self._take(other, old_prefix, new_prefix)

    def append_items(self, other: SourceMap, section: str, offset: int) -> None:
        """Take over the entries of `other`'s list `/section`, its item i becoming item
        i + offset of this map's list (an include fragment's items appended to the plan's):
        one pass, however many items."""
        if self.pending or other.pending:
            self.pending.append(lambda me: me._append(other.ready(), section, offset))
            return
        self._append(other, section, offset)

    def _append(self, other: SourceMap, section: str, offset: int) -> None:
        head = f"/{escape(section)}/"
        cut = len(head)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for pointer, location in theirs.items():
                if pointer.startswith(head):
                    index, slash, rest = pointer[cut:].partition("/")
                    if index.isdigit():
                        mine[f"{head}{int(index) + offset}{slash}{rest}"] = location

    def _take(self, other: SourceMap, old_prefix: str, new_prefix: str) -> None:
        cut = len(old_prefix)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for pointer, location in theirs.items():
                if pointer == old_prefix or pointer.startswith(old_prefix + "/"):
                    mine[new_prefix + pointer[cut:]] = location


@dataclass
class Document:
    """A plan after loading: `data` as plain JSON-like values (dates as ISO strings)."""

    path: str
    data: dict[str, Any]
    source: SourceMap
    lines: dict[str, list[str]]
    # the files as opened (symlinks and `link/../` resolved by the system), for outputs
    sources: list[Path] = field(default_factory=list)

    @property
    def files(self) -> list[Path]:
        """The plan and its include fragments: the files this document was read from (by the
        names shown, and as opened: an output compares them by device and inode)."""
        return [*(Path(name) for name in self.lines), *self.sources]

    def locate(self, pointer: str, *, at_key: bool = False) -> Location:
        return self.source.key(pointer) if at_key else self.source.value(pointer)


@dataclass
class LoadResult:
    """What loading a plan gave: a Document when the file could be read, and the findings."""

    path: str
    document: Document | None
    findings: list[Finding]
    lines: dict[str, list[str]] = field(default_factory=dict)
