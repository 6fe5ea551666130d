"""The output formats of `smartplan diff`: DIFF_REPORTERS maps each `--format` name to a
reporter from a DiffResult to text. Each lives in its own module, imported when used."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from smartplan.diff import DiffResult


@dataclass(frozen=True)
class DiffOptions:
    color: bool = False
    lang: str = "id"


class DiffReporter(Protocol):
    def __call__(self, result: DiffResult, options: DiffOptions) -> str: ...


@dataclass(frozen=True)
class _Lazy:
    module: str

    def __call__(self, result: DiffResult, options: DiffOptions) -> str:
        loaded = importlib.import_module(f"{__name__}.{self.module}")
        return cast("DiffReporter", loaded.report)(result, options)


DIFF_REPORTERS: dict[str, DiffReporter] = {
    "text": _Lazy("text"),
    "md": _Lazy("markdown"),
    "json": _Lazy("jsonfmt"),
}

__all__ = ["DIFF_REPORTERS", "DiffOptions", "DiffReporter"]
