"""validate's and portfolio's results in the results cache (smartplan.cache.store): the slot of a
plan under the command's options, a result stored as plain values and read back."""

from __future__ import annotations

import os
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartplan.cache.store import Cache
from smartplan.check.plan import (
    Job,
    Linted,
    ValidateOptions,
    _baseline,
    _baseline_digest,
    _stamp,
    baseline_root,
)
from smartplan.findings import FileResult, Finding, Severity
from smartplan.i18n import message, source

if TYPE_CHECKING:
    from smartplan.cache.keys import Recorder
    from smartplan.cache.store import Record, Slot
    from smartplan.workspace.config import Config


def all_cached(
    jobs: list[Job], marks: dict[str, frozenset[str]] | None = None
) -> list[FileResult | None]:
    from smartplan.cache.keys import new_run
    from smartplan.cache.store import end_lookups, open_cache

    new_run(marks)
    caches: dict[str, Cache | None] = {}  # one per folder (settings are per folder)
    found = []
    for path, display, options, config in jobs:
        folder = os.path.dirname(path)
        if folder not in caches:
            caches[folder] = open_cache(config, path)
        found.append(_cached(path, display, options, config, caches[folder]))
    end_lookups()
    return found


def cache_slot(
    kind: str,
    path: Path,
    display: str,
    options: ValidateOptions,
    config: Config,
    cache: Cache | bool | None = True,
    content: bytes | None = None,
) -> tuple[Cache, Slot] | None:
    """Where the result of linting this plan is cached (None: it is not); `cache`: the
    plan's cache when already opened (None: there is none), True: open it."""
    from smartplan.cache.keys import settings_text, slot
    from smartplan.cache.store import open_cache

    if cache is True:
        cache = open_cache(config, path)
    if not isinstance(cache, Cache):
        return None

    def extra() -> tuple[ValidateOptions, bytes]:
        """What else the result depends on: the options (not how they run), the baseline."""
        baseline = _baseline(options, config)
        stamp = b""
        if baseline is not None:  # confined as the loader reads it: one outside is not read
            stamp = _baseline_digest(baseline, _stamp(baseline), baseline_root(options, config))
        return replace(options, parallel=True, cache=True), stamp

    settings = settings_text(config, options, extra)
    place = slot(kind, path, display, config, settings, cache, content)
    return (cache, place) if place is not None else None


def _cached(
    path: Path, display: str, options: ValidateOptions, config: Config, cache: Cache | None
) -> FileResult | None:
    from smartplan.cache.keys import lookup

    where = cache_slot("validate", path, display, options, config, cache)
    value = lookup(*where) if where else None
    if value is None:
        return None
    try:
        shown, findings, fail_on, lines, checked = value
        return FileResult(
            shown,
            tuple(
                _finding(dict(zip(_FINDING_FIELDS, f[:-1], strict=True)), f[-1]) for f in findings
            ),
            Severity(fail_on),
            lines,
            checked,
        )
    except (TypeError, ValueError, KeyError):  # not the shape this version writes: check it
        return None


# a Finding stored field by field (every field: a new one is cached as soon as it exists)
_FINDING_FIELDS = tuple(f.name for f in fields(Finding))


def _finding(values: dict[str, Any], english: str) -> Finding:
    values["severity"] = Severity(values["severity"])
    values["message"] = message(values["message"], english)
    return Finding(**values)


def _plain(value: Any) -> Any:
    if isinstance(value, Severity):
        return int(value)
    return str(value) if isinstance(value, str) else value


def remember(
    path: Path,
    display: str,
    options: ValidateOptions,
    config: Config,
    linted: Linted,
    read: Recorder,
) -> Record | None:
    """The result to keep under the bytes it was computed from (as `read` saw them)."""
    if read.first is None:
        return None
    from smartplan.check.fragments import fragment_keys

    if linted.document is not None and fragment_keys(linted.document):
        return None  # a fragment's finding names the plan above that includes it: never cached
    where = cache_slot("validate", path, display, options, config, True, read.first)
    if where is None:
        return None
    result = linted.result
    # plain values only (marshal): a message is stored with its English source (what
    # baselines fingerprint), and becomes an i18n.Message again when read back
    findings = [
        (*(_plain(getattr(f, name)) for name in _FINDING_FIELDS), source(f.message))
        for f in result.findings
    ]
    value = (result.path, findings, int(result.fail_on), result.source_lines, result.checked)
    return where[0].record(where[1], dependencies_of(where[1], linted, config, read), value)


def dependencies_of(slot: Slot, linted: Linted, config: Config, read: Recorder) -> list[Any]:
    """Every file besides the plan that the result was computed from."""
    from smartplan.cache.keys import dependencies, schema_link

    document = linted.document
    if document is None:
        return []
    deps = dependencies(slot, document.data, config, read.digests)
    return deps + schema_link(slot, document.lines.get(document.path, []))
