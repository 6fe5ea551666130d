"""What a rule sees: the plan's data, its framework and the stage it is checked at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from smartplan.framework import Framework
from smartplan.loader.document import Document, join


@dataclass(frozen=True)
class PlanContext:
    document: Document
    framework: Framework
    stage: int

    @property
    def data(self) -> dict[str, Any]:
        return self.document.data

    def items(self, section: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(pointer, item) for each mapping in a top-level list such as `programs`."""
        items = self.data.get(section)
        if isinstance(items, list):
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    yield join("/" + section, index), item

    def programs(self) -> Iterator[tuple[str, dict[str, Any]]]:
        return self.items("programs")
