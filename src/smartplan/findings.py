"""The findings model: one Finding per problem, grouped per file into a ValidationResult."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.IntEnum):
    """Ordered so that `finding.severity >= fail_on` reads naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        return cls[text.upper()]


@dataclass(frozen=True, order=True)
class Finding:
    """A problem at a place: `line`/`column` are 1-based, `pointer` is an RFC 6901 JSON Pointer."""

    path: str
    line: int
    column: int
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    pointer: str = field(default="", compare=False)
    # rule|pointer-by-id|message: what a baseline recognises across unrelated edits
    fingerprint: str = field(default="", compare=False, repr=False)
    # what an editor can offer as a fix: the did-you-mean text for the value (or key) at this
    # place, and a required field that the mapping at `pointer` lacks
    suggestion: str = field(default="", compare=False, repr=False)
    missing: str = field(default="", compare=False, repr=False)
    # rule|pointer-by-id: the same identity without the message, so the same in every language
    # (Code Quality fingerprints; the message is translated, the rule and pointer never are)
    identity: str = field(default="", compare=False, repr=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "severity": self.severity.label,
            "message": self.message,
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "pointer": self.pointer,
        }


@dataclass(frozen=True)
class FileResult:
    """The findings of one plan file (fragments' findings included, each with its own path)."""

    path: str
    findings: tuple[Finding, ...]
    fail_on: Severity = Severity.ERROR
    source_lines: dict[str, list[str]] = field(default_factory=dict, compare=False, repr=False)
    checked: bool = True  # False when the plan could not be read, so no rule ran over it
    # the plan and its fragments as read: an output (--write-baseline) must never replace one
    inputs: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not any(f.severity >= self.fail_on for f in self.findings)

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one `validate` run over one or more plans."""

    files: tuple[FileResult, ...]

    @property
    def ok(self) -> bool:
        return all(f.ok for f in self.files)

    def count(self, severity: Severity) -> int:
        return sum(f.count(severity) for f in self.files)

    @property
    def findings(self) -> list[Finding]:
        return [finding for f in self.files for finding in f.findings]
