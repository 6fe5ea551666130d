"""The output formats of `smartplan validate`: REPORTERS maps each `--format` name to a reporter.

A reporter turns a ValidationResult into a string and never prints. Each format lives in its own
module, imported only when that format runs: `validate` is a pre-commit hook, so start-up time
matters and `rich` must not load for `--format json`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast

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
class Lazy:
    """A reporter whose module (`report` function) is imported on its first call."""

    module: str

    def __call__(self, *args: Any, **kwargs: Any) -> str:
        report = importlib.import_module(self.module).report
        return cast(str, report(*args, **kwargs))


REPORTERS: dict[str, Reporter] = {
    "text": Lazy(f"{__name__}.text"),
    "json": Lazy(f"{__name__}.jsonfmt"),
    "github": Lazy(f"{__name__}.github"),
    "sarif": Lazy(f"{__name__}.sarif"),
    "codeclimate": Lazy(f"{__name__}.codeclimate"),
    "junit": Lazy(f"{__name__}.junit"),
}

__all__ = ["REPORTERS", "Lazy", "ReportOptions", "Reporter"]
