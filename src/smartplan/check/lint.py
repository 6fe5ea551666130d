"""A lint run: find the plans and their settings, answer unchanged ones from the results cache,
check the others (smartplan.check.plan) in a pool."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from smartplan.check.parallel import run_all
from smartplan.check.plan import (
    Job,
    ValidateOptions,
    check_document,
    check_rule_ids,
    lint_file,
    validate_file,
)
from smartplan.findings import FileResult, Finding, Severity, ValidationResult
from smartplan.workspace.config import Config, Finder, find_config, load_config
from smartplan.workspace.plans import discover

__all__ = [
    "ValidateOptions",
    "check_document",
    "check_rule_ids",
    "lint_file",
    "settings_findings",
    "validate_file",
    "validate_paths",
]

if TYPE_CHECKING:
    from smartplan.cache.store import Record


def validate_paths(
    paths: list[str], options: ValidateOptions = ValidateOptions()
) -> ValidationResult:
    jobs, problems, marks = _jobs(paths, options)
    # unchanged plans from the cache here; only the others go to the workers
    from smartplan.check.cached import all_cached

    found = all_cached(jobs, marks) if options.cache else [None] * len(jobs)
    todo = [job for job, result in zip(jobs, found, strict=True) if result is None]
    checked = run_all(_validate_job, todo, parallel=options.parallel)
    if options.cache:
        from smartplan.cache.store import keep

        keep([record for _, record in checked if record is not None])
    done = iter(result for result, _ in checked)
    return ValidationResult((*problems, *(result or next(done) for result in found)))


def _jobs(
    paths: list[str], options: ValidateOptions
) -> tuple[list[Job], list[FileResult], dict[str, frozenset[str]]]:
    """The plans to check with their settings, the settings files' own problems, and what
    the walk saw of each folder."""
    forced = load_config(options.config.resolve()) if options.config else None
    base = forced or find_config(Path.cwd())
    check_rule_ids(options.select + options.ignore, "command line")
    marks: dict[str, frozenset[str]] = {}  # what the walk saw: no folder is looked at twice
    plans = discover(paths, base, marks)
    settings = Finder(marks)  # one read per folder and settings file, never stale across runs
    jobs = [
        (path, display, options, forced or settings(os.path.dirname(path)))
        for path, display in plans
    ]
    configs = {id(job[3]): job[3] for job in jobs}
    problems = [
        FileResult(str(c.path), found, options.fail_on or Severity.ERROR)
        for c in configs.values()
        if c.path is not None and (found := settings_findings(c))
    ]
    return jobs, problems, marks


def settings_findings(config: Config) -> tuple[Finding, ...]:
    """The settings file's own problems (unknown rule ids); the rule registry is imported only
    when the file names rules (a warm run imports no rule)."""
    if not config.rule_keys:
        return ()
    from smartplan.rules import settings_findings as found

    return found(config)


def _validate_job(job: Job) -> tuple[FileResult, Record | None]:
    """One plan checked (in a pool worker perhaps), and what the cache is to keep of it."""
    path, display, options, config = job
    if not options.cache:
        return validate_file(*job), None
    from smartplan.cache.keys import Recorder

    read = Recorder(config, path)
    linted = lint_file(path, display, options, config, read=read)
    from smartplan.check.cached import remember

    return linted.result, remember(path, display, options, config, linted, read)
