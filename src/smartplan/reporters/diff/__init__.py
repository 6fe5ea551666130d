"""The output formats of `smartplan diff`: DIFF_REPORTERS maps each `--format` name to a
reporter from a DiffResult to text. Each lives in its own module, imported when used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from smartplan.reporters import Lazy

if TYPE_CHECKING:
    from smartplan.diff import DiffResult


@dataclass(frozen=True)
class DiffOptions:
    color: bool = False
    lang: str = "id"


class DiffReporter(Protocol):
    def __call__(self, result: DiffResult, options: DiffOptions) -> str: ...


DIFF_REPORTERS: dict[str, DiffReporter] = {
    "text": Lazy(f"{__name__}.text"),
    "md": Lazy(f"{__name__}.markdown"),
    "json": Lazy(f"{__name__}.jsonfmt"),
}

__all__ = ["DIFF_REPORTERS", "DiffOptions", "DiffReporter"]
