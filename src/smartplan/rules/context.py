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
        return self._paths("not_recorded")

    @property
    def partly_recorded(self) -> tuple[str, ...]:
        """The dotted paths the plan holds only in part (`partly_recorded:`, SPEC §10)."""
        return self._paths("partly_recorded")

    def _paths(self, key: str) -> tuple[str, ...]:
        listed = self.data.get(key)
        if not isinstance(listed, list):
            return ()
        return tuple(entry for entry in listed if isinstance(entry, str))

    def unrecorded(self, *topics: str) -> str | None:
        """The `not_recorded` entry covering any of `topics` (dotted paths), else None."""
        return _covering(self.not_recorded, topics)

    def partly(self, *topics: str) -> str | None:
        """The `partly_recorded` entry covering any of `topics` (dotted paths), else None."""
        return _covering(self.partly_recorded, topics)

    def period_unknown(self) -> int | None:
        """The index of `period` in `not_recorded` when the plan's years are unknown (§10)."""
        listed = self.data.get("not_recorded")
        if isinstance(listed, list) and "period" in listed and "period" not in self.data:
            return listed.index("period")
        return None

    def period_not_recorded(self, message: str) -> Iterator[Problem]:
        """One `info` for a rule that needs the period when the plan names it not recorded."""
        from smartplan.rules.base import Problem

        index = self.period_unknown()
        if index is not None:
            yield Problem(join("/not_recorded", index), message, severity=Severity.INFO)

    def as_counted(self, problem: Problem, *topics: str) -> Problem:
        """A coverage or counting problem over a section: `info` when the section is not
        recorded, or recorded only in part (what the file lacks may be in the real document)."""
        if self.unrecorded(*topics) is not None:
            return self.as_recorded(problem, *topics)
        entry = self.partly(*topics)
        if entry is None:
            return problem
        message = _(
            "partly recorded ({entry} is in partly_recorded): {message}",
            entry=entry,
            message=problem.message,
        )
        return self._info_at("partly_recorded", entry, problem, message)

    def as_recorded(self, problem: Problem, *topics: str) -> Problem:
        """The problem, or an `info` saying so when `not_recorded` covers one of its topics."""
        entry = self.unrecorded(*topics)
        if entry is None:
            return problem
        message = _(
            "not recorded ({entry} is in not_recorded): {message}",
            entry=entry,
            message=problem.message,
        )
        return self._info_at("not_recorded", entry, problem, message)

    def _info_at(self, key: str, entry: str, problem: Problem, message: str) -> Problem:
        """The problem as an `info` standing at the entry of `key` (not_recorded,
        partly_recorded) that explains it."""
        index = list(self.data.get(key) or []).index(entry)
        return replace(
            problem,
            pointer=join(f"/{key}", index),
            at_key=False,
            message=message,
            severity=Severity.INFO,
        )


def _covering(entries: tuple[str, ...], topics: tuple[str, ...]) -> str | None:
    for entry in entries:
        for topic in topics:
            if topic == entry or topic.startswith(entry + "."):
                return entry
    return None
