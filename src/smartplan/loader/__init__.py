"""YAML → Document (data plus a source map from JSON Pointer to file, line and column).

Public entry: `load_plan`. Unreadable input becomes findings (`yaml-syntax`, `duplicate-key`,
`include`), never an exception; only a plan file that cannot be opened at all raises OSError.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from smartplan.files.limits import BuildError, Limits, clip
from smartplan.files.reading import UnsafeFile, decode, read_file
from smartplan.findings import Finding, Severity
from smartplan.i18n import _, _n
from smartplan.loader.document import Document, LoadResult, Location, SourceMap
from smartplan.loader.printable import check_text

# PyYAML (the builders) is imported by the first load: the settings, the cache and a warm
# run that finds every result cached import this package without reading any YAML

Reader = Callable[[Path], bytes]
# bytes and display name → one file loaded; an editor passes a memo of unchanged fragments
Parser = Callable[[bytes, str, Limits], LoadResult]

__all__ = [
    "Document",
    "Limits",
    "LoadResult",
    "Location",
    "Parser",
    "Reader",
    "SourceMap",
    "load_plan",
    "load_plan_or_fail",
    "load_text",
]

# Findings that leave no usable document for commands that read a plan (export, render, diff).
FATAL = ("yaml-syntax", "include")


def file_reader(limits: Limits, root: Path | None = None) -> Reader:
    """Read regular files from disk (inside `root` when given), never more than the size
    limit plus one byte: `decode` refuses an oversize file with a message."""

    def read(path: Path) -> bytes:
        return read_file(path, limits.max_file_size, root=root)

    return read


def load_text(data: bytes, display: str, limits: Limits = Limits()) -> LoadResult:
    """Load one file's bytes (no includes): data and source map, or findings.

    An ordinary file is read without locations (`build_plain`); its source map is built from
    the same text when first asked, so only a file with findings pays for one."""
    from smartplan.loader.builder import Builder
    from smartplan.loader.plain import build_plain

    lines: list[str] = []
    try:
        text = decode(data, limits.max_file_size)
        lines = text.splitlines()
        check_text(text, data)  # before either builder: libyaml reads noncharacters as text
        plain = build_plain(text, limits)
        if plain is not None:
            source = SourceMap.later(lambda found: _locate(found, text, display))
            return LoadResult(
                display, Document(display, plain, source, {display: lines}), [], {display: lines}
            )
        builder = Builder(text, display, limits)
        data_ = builder.build()
    except BuildError as error:
        finding = Finding(display, error.line, error.column, error.rule, Severity.ERROR, str(error))
        return LoadResult(display, None, [finding], {display: lines})
    findings = [
        Finding(display, n.line, n.column, n.rule, Severity.ERROR, n.message, n.pointer)
        for n in builder.notices
    ]
    if builder.more_notices:
        last = builder.notices[-1]
        message = _n(
            "and {count:,} more repeated key in this file",
            "and {count:,} more repeated keys in this file",
            builder.more_notices,
        )
        where = (last.line, last.column, last.rule)
        findings.append(Finding(display, *where, Severity.ERROR, message))
    if not isinstance(data_, dict):
        message = (
            _("the top level must be a mapping (smartplan: 1, region: …), not a list")
            if isinstance(data_, list)
            else _(
                "the top level must be a mapping (smartplan: 1, region: …), not the value {value}",
                value=clip(repr(data_)),
            )
        )
        findings.append(Finding(display, 1, 1, "yaml-syntax", Severity.ERROR, message))
        return LoadResult(display, None, findings, {display: lines})
    document = Document(display, data_, builder.source, {display: lines})
    return LoadResult(display, document, findings, {display: lines})


def _locate(found: SourceMap, text: str, display: str) -> None:
    """Fill a lazy source map: the text read again, for locations only."""
    from smartplan.loader.plain import locate_plain

    located = locate_plain(text, display)
    found.values, found.keys = located.values, located.keys


def load_plan(
    path: str | Path,
    *,
    limits: Limits = Limits(),
    display: str | None = None,
    read: Reader | None = None,
    root: Path | None = None,
    parse_fragment: Parser | None = None,
) -> LoadResult:
    """Load a plan and merge its `include:` fragments. OSError when the plan cannot be opened.

    `read` and `parse_fragment` let an editor check unsaved text and reuse unchanged fragments."""
    from smartplan.loader.include import check_supersedes, merge_includes, repository_root

    path = Path(path)
    top = root or repository_root(path)
    read = read or file_reader(limits, top)
    display = display or str(path)
    try:
        data = read(path)
    except UnsafeFile as error:  # a finding that quotes nothing of what the path leads to
        message = _("the plan {path} cannot be read: {reason}", path=display, reason=error.strerror)
        finding = Finding(display, 1, 1, "yaml-syntax", Severity.ERROR, message)
        return LoadResult(display, None, [finding], {display: []})
    result = load_text(data, display, limits)
    if result.document is not None and read is not None:
        result.document.sources.append(path)
    if result.document is not None and "include" in result.document.data:
        parse = parse_fragment or load_text
        result.findings += merge_includes(result, path, top, read, limits, parse)
    if result.document is not None and "supersedes" in result.document.data:
        result.findings += check_supersedes(result.document, path, top)
    return result


def load_plan_or_fail(path: str | Path, *, limits: Limits = Limits()) -> Document:
    """A plan's document for commands that only read it; UsageError (exit 2) naming
    file:line:column when it cannot be read as a plan."""
    from smartplan.errors import UsageError

    try:
        result = load_plan(path, limits=limits)
    except OSError as error:
        raise UsageError(
            _("cannot read {path}: {reason}", path=path, reason=error.strerror or error)
        ) from error
    fatal = [f for f in result.findings if f.rule in FATAL]
    if result.document is None or fatal:
        first = (fatal or result.findings)[0]
        raise UsageError(
            _(
                "{path}:{line}:{column}: {message}",
                path=first.path,
                line=first.line,
                column=first.column,
                message=first.message,
            )
        )
    return result.document
