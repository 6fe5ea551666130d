"""smartplan: lint, diff and render Indonesian smart-city masterplans kept as YAML."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from smartplan.findings import ValidationResult

__all__ = ["__version__", "validate"]


def validate(*paths: str | Path, stage: int | None = None) -> ValidationResult:
    """Validate plan files or directories and return the findings (library entry point)."""
    from smartplan.check.lint import ValidateOptions, validate_paths

    return validate_paths([str(p) for p in paths], ValidateOptions(stage=stage))
