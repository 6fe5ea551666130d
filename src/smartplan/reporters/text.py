"""Compiler-style text: findings with source line and caret, repeats grouped, then totals."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from smartplan.findings import Severity
from smartplan.i18n import N_, _, _n, gettext
from smartplan.reporters._snippet import snippet, visible

if TYPE_CHECKING:
    from smartplan.findings import FileResult, Finding, ValidationResult
    from smartplan.reporters import ReportOptions

STYLE = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
GROUP_AFTER = 3  # a rule's findings shown in full per file before "... and N more"

# A line is a run of (text, rich style) segments; only the colour path hands them to rich.
Segment = tuple[str, str]
Line = Sequence[Segment]


class _Counted(Protocol):
    def count(self, severity: Severity) -> int: ...


def report(result: ValidationResult, options: ReportOptions) -> str:
    lines = [line for file in result.files for line in _file_lines(file, group=options.group)]
    lines.extend(_summary(result))
    if options.color:
        return _coloured(lines)
    return "".join("".join(text for text, _ in line) + "\n" for line in lines)


def _file_lines(file: FileResult, *, group: bool) -> Iterator[Line]:
    totals = Counter(finding.rule for finding in file.findings)
    shown: Counter[str] = Counter()
    for finding in sorted(file.findings):
        shown[finding.rule] += 1
        if group and shown[finding.rule] > GROUP_AFTER:
            continue
        yield from _finding_lines(finding, file.source_lines.get(finding.path))
        hidden = totals[finding.rule] - GROUP_AFTER
        if group and shown[finding.rule] == GROUP_AFTER and hidden > 0:
            yield [(_("  ... and {count} more", count=hidden), ""), _rule(finding.rule)]


def _finding_lines(finding: Finding, source: list[str] | None) -> Iterator[Line]:
    style = STYLE[finding.severity]
    yield [
        (f"{visible(finding.path)}:{finding.line}:{finding.column}: ", ""),
        (_(SEVERITY[finding.severity]), style),
        (f": {visible(finding.message)}", ""),
        _rule(finding.rule),
    ]
    if source is None or not 1 <= finding.line <= len(source):
        return
    shown, caret = snippet(source[finding.line - 1], finding.column)
    number = str(finding.line)
    yield [(f"  {number} | ", "dim"), (shown, "")]
    yield [(f"  {' ' * len(number)} | ", "dim"), (" " * caret, ""), ("^", style)]


def _rule(rule: str) -> Segment:
    return (f" [{visible(rule)}]", "dim")


def _summary(result: ValidationResult) -> Iterator[Line]:
    files = len(result.files)
    if not result.findings:
        yield [(_n("Checked {count} file: no problems found.",
                   "Checked {count} files: no problems found.", files), "")]  # fmt: skip
        return
    yield []
    for file in result.files:
        if file.findings:
            yield _styled(
                N_("{file}: {counts}"), file=(visible(file.path), ""), counts=_counts(file)
            )
    yield _styled(
        N_("Checked {files}: {counts}"),
        files=[(_n("{count} file", "{count} files", files), "")],
        counts=_counts(result),
    )


SEVERITY = {
    Severity.ERROR: N_("error"),
    Severity.WARNING: N_("warning"),
    Severity.INFO: N_("info"),
}


def _counts(counted: _Counted) -> list[Segment]:
    errors, warnings, infos = (
        counted.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
    )
    return _styled(
        N_("{error}, {warning}, {info}"),
        error=(
            _n("{count} error", "{count} errors", errors),
            STYLE[Severity.ERROR] if errors else "",
        ),
        warning=(
            _n("{count} warning", "{count} warnings", warnings),
            STYLE[Severity.WARNING] if warnings else "",
        ),
        info=(_n("{count} info", "{count} infos", infos), STYLE[Severity.INFO] if infos else ""),
    )


def _styled(template: str, **parts: Segment | list[Segment]) -> list[Segment]:
    """A translated sentence whose placeholders are (coloured) segments: a count in red."""
    out: list[Segment] = []
    for index, piece in enumerate(re.split(r"\{(\w+)\}", gettext(template))):
        if index % 2 == 0:
            out += [(piece, "")] if piece else []
        else:
            part = parts[piece]
            out += part if isinstance(part, list) else [part]
    return out


def _coloured(lines: list[Line]) -> str:
    """Draw the lines with rich, imported only here: pipes and pre-commit hooks get no colour."""
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=True,
        color_system="standard",
        no_color=False,
        highlight=False,
        markup=False,
        emoji=False,
        width=1000,
        legacy_windows=False,
        force_jupyter=False,
    )
    # Text objects, never markup strings: a message holding "[bold]" prints as written.
    text = Text("\n").join(Text.assemble(*line) for line in lines)
    console.print(text, soft_wrap=True)  # soft wrap: no line is ever broken or cropped
    return buffer.getvalue()
