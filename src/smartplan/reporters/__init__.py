"""The output formats of `smartplan validate`: REPORTERS maps each `--format` name to a reporter.

A reporter turns a ValidationResult into a string and never prints. Each format lives in its own
module, imported only when that format runs: `validate` is a pre-commit hook, so start-up time
matters and `rich` must not load for `--format json`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from smartplan.findings import ValidationResult


@dataclass(frozen=True)
class ReportOptions:
    """How to write: the CLI decides colour (TTY and NO_COLOR); reporters obey."""

    color: bool = False
    group: bool = True


class Reporter(Protocol):
    def __call__(self, result: ValidationResult, options: ReportOptions) -> str: ...


@dataclass(frozen=True)
class _Lazy:
    """A reporter whose module `smartplan.reporters.<module>` is imported on first call."""

    module: str

    def __call__(self, result: ValidationResult, options: ReportOptions) -> str:
        loaded = importlib.import_module(f"{__name__}.{self.module}")
        return cast("Reporter", loaded.report)(result, options)


REPORTERS: dict[str, Reporter] = {
    "text": _Lazy("text"),
    "json": _Lazy("jsonfmt"),
    "github": _Lazy("github"),
    "sarif": _Lazy("sarif"),
}

__all__ = ["REPORTERS", "ReportOptions", "Reporter"]
