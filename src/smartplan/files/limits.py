"""The loader's resource limits: what a plan may cost before it is refused, and what a
refusal carries. Light on purpose (no YAML): settings, the cache and the reporters import it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Defaults fit any real masterplan with a wide margin; `.smartplan.yaml` may change them."""

    max_file_size: int = 10 * MB
    # Real plans nest about eight levels deep; the limit keeps the builder far from any stack.
    max_depth: int = 64
    # Nodes produced by expanding aliases (`*anchor`), summed over the file: stops alias bombs.
    max_aliases: int = 10_000


class BuildError(Exception):
    """The file cannot become a plan; carries the place where reading stopped."""

    def __init__(self, message: str, line: int, column: int, rule: str = "yaml-syntax") -> None:
        super().__init__(message)
        self.line, self.column, self.rule = line, column, rule


def clip(text: str, width: int = 60) -> str:
    """User text quoted in a message, cut to `width` characters: a message stays one line long."""
    return text if len(text) <= width else text[: width - 3] + "..."


def text_size(value: Any) -> int:
    """Characters of text in a value (keys and strings, one per other scalar): what an alias
    adds to the plan. Walks at most the nodes `max_aliases` already admitted."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return sum(len(key) + text_size(item) for key, item in value.items())
    if isinstance(value, list):
        return sum(text_size(item) for item in value) + 1
    return 1
