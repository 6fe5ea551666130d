"""What a rule is: its declared contract and the problems its check yields."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smartplan.findings import Severity

if TYPE_CHECKING:
    from smartplan.rules.context import PlanContext


@dataclass(frozen=True)
class Problem:
    """A rule's raw observation; the engine turns it into a located Finding."""

    pointer: str
    message: str
    at_key: bool = False
    suggestion: str = ""  # the did-you-mean replacement, for editors' quick fixes
    severity: Severity | None = None  # None: the rule's own severity


Check = Callable[["PlanContext"], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    summary: str
    explanation: str
    check: Check | None = None

    @property
    def help_uri(self) -> str:
        return f"https://github.com/smartplan/smartplan/blob/main/docs/rules.md#{self.id}"


def declared(text: str) -> str:
    """Dedent a rule's explanation the way Python dedents docstrings."""
    return inspect.cleandoc(text)
