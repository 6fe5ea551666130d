"""A loaded plan: its data, and where every value came from (file, line, column)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from smartplan.findings import Finding


class Location(NamedTuple):
    path: str
    line: int  # 1-based
    column: int  # 1-based


def escape(token: str) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return token.replace("~", "~0").replace("/", "~1")


def join(pointer: str, token: str | int) -> str:
    return f"{pointer}/{escape(token) if isinstance(token, str) else token}"


def parent(pointer: str) -> str:
    return pointer.rpartition("/")[0]


@dataclass
class SourceMap:
    """JSON Pointer → Location of the value, and of the key that introduced it."""

    values: dict[str, Location] = field(default_factory=dict)
    keys: dict[str, Location] = field(default_factory=dict)

    def value(self, pointer: str) -> Location:
        """Where the value at `pointer` is written; the nearest written ancestor otherwise."""
        while pointer not in self.values and pointer:
            pointer = parent(pointer)
        return self.values.get(pointer) or Location("", 1, 1)

    def key(self, pointer: str) -> Location:
        """Where the key of `pointer` is written; for a missing entry, its nearest written
        ancestor (by key where it has one): where the missing thing belongs."""
        while pointer:
            found = self.keys.get(pointer) or self.values.get(pointer)
            if found:
                return found
            pointer = parent(pointer)
        return self.value("")

    def update(self, other: SourceMap, old_prefix: str = "", new_prefix: str = "") -> None:
        """Take over `other`'s entries, re-rooting those under `old_prefix` at `new_prefix`."""
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
