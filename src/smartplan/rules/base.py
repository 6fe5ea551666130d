"""What a rule is: its declared contract and the problems its check yields."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from smartplan.findings import Severity
from smartplan.i18n import _

if TYPE_CHECKING:
    from smartplan.rules.context import PlanContext


@dataclass(frozen=True)
class Problem:
    """A rule's raw observation; the engine turns it into a located Finding."""

    pointer: str
    message: str
    at_key: bool = False
    suggestion: str = ""  # the did-you-mean replacement, for editors' quick fixes
    near: str | None = None  # where to point instead (the `stage:` line for a missing section)
    severity: Severity | None = None  # None: the rule's own severity


Check = Callable[["PlanContext"], Iterator[Problem]]


@dataclass(frozen=True, init=False)
class Rule:
    """A rule's contract. `summary` and `explanation` read in the current language; the English
    msgids they come from are `summary_id` and `explanation_id` (SPEC §9)."""

    id: str
    severity: Severity
    summary_id: str
    explanation_id: str
    check: Check | None = None

    def __init__(
        self,
        id: str,
        severity: Severity,
        summary: str,
        explanation: str,
        check: Check | None = None,
    ) -> None:
        for name, value in (
            ("id", id),
            ("severity", severity),
            ("summary_id", summary),
            ("explanation_id", explanation),
            ("check", check),
        ):
            object.__setattr__(self, name, value)

    @property
    def summary(self) -> str:
        return _(self.summary_id)

    @property
    def explanation(self) -> str:
        return inspect.cleandoc(_(self.explanation_id))

    @property
    def help_uri(self) -> str:
        """The rule's section of docs/aturan.md (Bahasa Indonesia) or docs/rules.md (English)."""
        from smartplan.i18n import current

        page = "aturan.md" if current() == "id" else "rules.md"
        return f"https://github.com/smartplan/smartplan/blob/main/docs/{page}#{self.id}"


def declared(text: str) -> str:
    """Mark a rule's explanation (an English msgid, indented like a docstring) for extraction;
    `Rule.explanation` translates it and dedents it the way Python dedents docstrings."""
    return text
