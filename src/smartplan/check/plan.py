"""One plan checked: load → schema → framework → rules → suppression → policy.

A run over many plans (discovery, settings, the pool, the results cache) is smartplan.check.lint.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from smartplan.errors import UsageError
from smartplan.findings import FileResult, Finding, Severity
from smartplan.i18n import _, _n
from smartplan.workspace.config import Config, git_root

if TYPE_CHECKING:
    from smartplan.domain.framework import Framework
    from smartplan.loader import Document, Parser, Reader

# Loading, suppression and fragments are imported by the first plan actually checked: a run
# answered from the cache never needs them (start-up of cli/fast.py)

FRAMEWORK_RULE = "framework"
MAX_FINDINGS = 1000  # per file; the rest are counted in one last finding


@dataclass(frozen=True)
class ValidateOptions:
    """What the command line says; None means: take it from the config, else the default."""

    stage: int | None = None
    fail_on: Severity | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: Path | None = None
    baseline: Path | None = None
    use_baseline: bool = True  # False while writing a new baseline
    parallel: bool = True  # many plans: a process pool (same results, in the same order)
    cache: bool = False  # reuse results of unchanged plans (the results cache); the CLI's default


Job = tuple[Path, str, "ValidateOptions", Config]


@dataclass(frozen=True)
class Linted:
    """A plan's findings, with what was read on the way (for the portfolio's figures)."""

    result: FileResult
    document: Document | None
    framework: Framework | None


def validate_file(path: Path, display: str, options: ValidateOptions, config: Config) -> FileResult:
    return lint_file(path, display, options, config).result


def lint_file(
    path: Path,
    display: str,
    options: ValidateOptions,
    config: Config,
    *,
    read: Reader | None = None,
    parse_fragment: Parser | None = None,
) -> Linted:
    """One plan through the whole check; `read`/`parse_fragment`: an editor's unsaved texts
    and its memo of parsed fragments (the language server), else the files on disk."""
    from smartplan.check.suppress import (
        fingerprinted,
        inline,
        unknown_suppressions,
        without_baseline,
    )
    from smartplan.loader import LoadResult, load_plan

    try:
        loaded = load_plan(
            path, limits=config.limits, display=display, read=read, parse_fragment=parse_fragment
        )
    except OSError as error:  # vanished, no permission: a finding, the other plans go on
        reason = error.strerror or str(error)
        message = _("the plan {path} cannot be read: {reason}", path=display, reason=reason)
        finding = Finding(display, 1, 1, "yaml-syntax", Severity.ERROR, message)
        loaded = LoadResult(display, None, [finding], {})
    findings = list(loaded.findings)
    framework = None
    if loaded.document is not None:
        found, framework = check_document(loaded.document, path, config, options.stage)
        findings += found
    findings = _once_per_value(findings)
    data = loaded.document.data if loaded.document else {}
    findings += unknown_suppressions(loaded.lines, _rule_ids())
    findings = [fingerprinted(f, data) for f in inline(findings, loaded.lines)]
    baseline = _baseline(options, config)
    if baseline is not None:
        known = _known(baseline, _stamp(baseline), baseline_root(options, config))
        findings = without_baseline(findings, known, baseline.parent)
    fail_on = options.fail_on or Severity.parse(config.fail_on or "error")
    kept = capped(sorted(apply_policy(findings, config, options)))
    # source lines only where a reporter will quote them: memory stays flat over a corpus
    files = loaded.document.files if loaded.document else []
    inputs = (str(path), *(str(name) for name in files))
    result = FileResult(
        display, kept, fail_on, loaded.lines if kept else {}, loaded.document is not None, inputs
    )
    return Linted(result, loaded.document, framework)


def _once_per_value(findings: list[Finding]) -> list[Finding]:
    """A value the loader already refused (an impossible date, kept as written so the rest of
    the file is still checked) is not reported again by the schema or a rule."""
    refused = {f.pointer for f in findings if f.rule == "yaml-syntax" and f.pointer}
    if not refused:
        return findings
    return [f for f in findings if f.rule == "yaml-syntax" or f.pointer not in refused]


def capped(findings: list[Finding]) -> tuple[Finding, ...]:
    """At most MAX_FINDINGS per file, then one finding saying how many more there are: a
    hostile plan with 200,000 repeated keys gets a report of bounded size."""
    if len(findings) <= MAX_FINDINGS:
        return tuple(findings)
    hidden = findings[MAX_FINDINGS:]
    first = hidden[0]
    message = _n(
        "and {count:,} more finding in this file (only the first {shown:,} are reported)",
        "and {count:,} more findings in this file (only the first {shown:,} are reported)",
        len(hidden),
        shown=MAX_FINDINGS,
    )
    worst = max(f.severity for f in hidden)
    return (*findings[:MAX_FINDINGS], replace(first, severity=worst, message=message))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        status = path.stat()
    except OSError:
        return (0, 0)  # load_baseline reports the missing file
    return status.st_mtime_ns, status.st_size


@functools.lru_cache(maxsize=8)
def _baseline_digest(baseline: Path, stamp: tuple[int, int], root: Path | None) -> bytes:
    """The baseline's content as part of a cache key: read through the one bounded reader
    confined as when it is loaded (a baseline outside the repository, on /dev/zero or a FIFO
    is refused here too, never read)."""
    from smartplan.files.digest import digest
    from smartplan.files.reading import read_file

    try:
        return digest(read_file(baseline, 10 * 1024 * 1024, root=root))
    except OSError:
        return b"missing"


def baseline_root(options: ValidateOptions, config: Config) -> Path | None:
    """The folder a baseline must lie in: the repository's for one named by the settings
    (a pull request may change them), none for `--baseline` (the caller's choice)."""
    return None if options.baseline is not None else (git_root(config.root) or config.root)


@functools.lru_cache(maxsize=8)
def _known(baseline: Path, stamp: tuple[int, int], root: Path | None) -> frozenset[str]:
    """Read once per run, however many plans: keyed by the file's mtime and size. A baseline
    named by `.smartplan.yaml` (`root` set) must lie inside the repository."""
    from smartplan.check.suppress import load_baseline

    return frozenset(load_baseline(baseline, root))


def _baseline(options: ValidateOptions, config: Config) -> Path | None:
    if not options.use_baseline:
        return None
    if options.baseline is not None:
        return options.baseline
    return config.root / config.baseline if config.baseline and config.path else None


def _rule_ids() -> frozenset[str]:
    from smartplan.rules import RULES

    return frozenset(RULES)


def check_rule_ids(ids: tuple[str, ...] | list[str], where: str = "", file: object = None) -> None:
    """UsageError naming each unknown rule id with the closest known one (`where`: command
    line, config or the `rules` command)."""
    if not ids:
        return  # no import of every rule's module for nothing (start-up of a warm run)
    from smartplan.hints import closest, did_you_mean
    from smartplan.rules import RULES

    unknown = sorted(set(ids) - set(RULES))
    if not unknown:
        return
    problems = "; ".join(
        did_you_mean(_("unknown rule {rule}", rule=rule), closest(rule, RULES)) for rule in unknown
    )
    if where == "command line":
        message = _(
            "{problems} on the command line; `smartplan rules` lists them", problems=problems
        )
    elif where == "config":
        message = _(
            "{problems} in {file}; `smartplan rules` lists them", problems=problems, file=file
        )
    else:
        message = _("{problems}; `smartplan rules` lists them", problems=problems)
    raise UsageError(message)


def check_document(
    document: Document, path: Path, config: Config, stage: int | None
) -> tuple[list[Finding], Framework | None]:
    """Schema, framework and rule findings of a loaded plan."""
    from smartplan.check.fragments import fragment_finding
    from smartplan.domain.framework import FrameworkError, load_framework
    from smartplan.loader.include import repository_root
    from smartplan.rules.context import PlanContext
    from smartplan.rules.engine import run_rules
    from smartplan.schema import check_schema
    from smartplan.schema.modeline import check_schema_link

    fragment = fragment_finding(document, path)
    if fragment is not None:  # one clear word instead of a missing smartplan:, region:, …
        return [fragment], None
    findings = check_schema(document)
    head = document.lines.get(document.path, [])
    findings += check_schema_link(head, path, document.path, repository_root(path))
    reference = document.data.get("framework", config.framework)
    try:
        framework = load_framework(
            reference if isinstance(reference, str) else None,
            path.parent,
            posixpath.dirname(document.path),
        )
    except FrameworkError as error:
        where = document.locate("/framework")
        findings.append(
            Finding(
                where.path,
                where.line,
                where.column,
                FRAMEWORK_RULE,
                Severity.ERROR,
                str(error),
                "/framework",
            )
        )
        return findings + error.findings, None
    declared = document.data.get("stage")
    at_stage = stage or (declared if isinstance(declared, int) and 1 <= declared <= 4 else 1)
    context = PlanContext(
        document, framework, at_stage, config.horizons, config.quick_win_per_dimension
    )
    return findings + run_rules(context), framework


def apply_policy(
    findings: list[Finding], config: Config, options: ValidateOptions
) -> list[Finding]:
    """Re-level or drop findings by config (`rules:`) and the command line (--select/--ignore)."""
    kept = []
    for finding in findings:
        level = config.rules.get(finding.rule)
        if level == "off" or finding.rule in options.ignore:
            continue
        if options.select and finding.rule not in options.select:
            continue
        if level is not None:
            finding = replace(finding, severity=Severity.parse(level))
        kept.append(finding)
    return kept
