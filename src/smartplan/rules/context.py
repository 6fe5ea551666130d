"""What a rule sees: the plan's data, its framework and the stage it is checked at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from smartplan.domain.framework import Framework
from smartplan.domain.metrics import plan_horizons
from smartplan.findings import Severity
from smartplan.i18n import _
from smartplan.loader.document import Document, join

if TYPE_CHECKING:
    from smartplan.rules.base import Problem


@dataclass(frozen=True)
class PlanContext:
    document: Document
    framework: Framework
    stage: int
    # the windows `.smartplan.yaml` sets (none: the defaults scaled to the period, SPEC §10)
    horizons: dict[str, tuple[int, int]] = field(default_factory=dict)
    # `.smartplan.yaml`'s quick_win_per_dimension (None: decided by the plan's cohort)
    quick_win_per_dimension: bool | None = None

    @property
    def phases(self) -> dict[str, tuple[int, int]]:
        """The roadmap phases in plan years: scaled defaults, settings, the plan's own."""
        return plan_horizons(self.data, self.horizons)

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

    @property
    def not_recorded(self) -> tuple[str, ...]:
        """The dotted paths the plan declares it does not hold (`not_recorded:`, SPEC §8)."""
        listed = self.data.get("not_recorded")
        if not isinstance(listed, list):
            return ()
        return tuple(entry for entry in listed if isinstance(entry, str))

    def unrecorded(self, *topics: str) -> str | None:
        """The `not_recorded` entry covering any of `topics` (dotted paths), else None."""
        for entry in self.not_recorded:
            for topic in topics:
                if topic == entry or topic.startswith(entry + "."):
                    return entry
        return None

    def as_recorded(self, problem: Problem, *topics: str) -> Problem:
        """The problem, or an `info` saying so when `not_recorded` covers one of its topics."""
        entry = self.unrecorded(*topics)
        if entry is None:
            return problem
        # the finding stands at the not_recorded entry that explains it
        index = list(self.data.get("not_recorded") or []).index(entry)
        return replace(
            problem,
            pointer=join("/not_recorded", index),
            at_key=False,
            message=_(
                "not recorded ({entry} is in not_recorded): {message}",
                entry=entry,
                message=problem.message,
            ),
            severity=Severity.INFO,
        )
