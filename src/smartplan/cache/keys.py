"""What a cached result was computed from (smartplan.cache.store keeps the results).

A result is keyed by the content of everything it depends on: the plan's bytes (`slot`), the
settings and options (`settings_text`), the run's language and smartplan itself (`_tool`:
version, bundled schemas, frameworks, modules and catalogues), and it lists the other files it
was read from (`dependencies`: `include:` fragments, a framework file, the schema copy of the
`$schema` line), each checked again by `unchanged` before a result is believed. A new check
that reads another file must add it to `lintcache.dependencies_of`, or a cached result would
outlive its input.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartplan import __version__
from smartplan.cache import store
from smartplan.cache.store import LAYOUT, Cache, Digests, Slot, _repository
from smartplan.files.digest import blake2b, digest

if TYPE_CHECKING:
    from smartplan.workspace.config import Config


def new_run(marks: dict[str, frozenset[str]] | None = None) -> None:
    """A new run of the cache (a long-lived process, such as the language server, runs many):
    what the previous one computed and saw is forgotten; `marks`: what this run's walk saw of
    each folder (smartplan.cache.store.new_run)."""
    _prefixes.cache_clear()
    _SETTINGS.clear()
    store.new_run(marks)


def lookup(cache: Cache, slot: Slot) -> Any | None:
    """The stored value of `slot` in `cache` if its entry is genuine and every input is
    unchanged."""
    index = cache.index(slot.name)
    index.seen.add(slot.where)
    record = index.records.get(slot.where)
    if not isinstance(record, tuple) or len(record) != 3:
        return None  # none, or not the shape this version writes
    key, deps, value = record
    if key != slot.key or not unchanged(deps, slot, cache.digests()):
        return None
    return value


class Recorder:
    """The loader's reader, noting the digest of every file it reads: a result is stored
    under the bytes it was computed from, even if a file changes while it is checked."""

    def __init__(self, config: Config, plan: Path) -> None:
        from smartplan.files.confine import repository_root
        from smartplan.loader import file_reader

        # the same confinement as the loader's own reader: nothing outside the repository
        self.read = file_reader(config.limits, repository_root(plan))
        self.digests: dict[str, bytes] = {}
        self.first: bytes | None = None  # the plan's bytes (the loader reads it first)

    def __call__(self, path: Path) -> bytes:
        data = self.read(path)
        if self.first is None:
            self.first = data
        self.digests.setdefault(str(path), digest(data))
        return data


def slot(
    kind: str,
    plan: Path,
    display: str,
    config: Config,
    settings: str,
    cache: Cache,
    content: bytes | None = None,
) -> Slot | None:
    """The slot of one plan's result (`plan` absolute, as `plans.discover` gives it;
    `content`: its bytes when already read); None when the plan cannot be read (no caching)."""
    from smartplan.i18n import current

    real = str(plan)
    name, keyed = _prefixes(kind, settings, current())
    # a file name need not be UTF-8 (os.fsdecode keeps its bytes as surrogates): the same back
    where = f"{real}|{display}|{_repository(real)}".encode("utf-8", "surrogateescape")

    def read() -> bytes:
        from smartplan.files.confine import repository_root
        from smartplan.loader import file_reader

        return file_reader(config.limits, repository_root(plan))(plan)

    try:
        fingerprint = digest(content) if content is not None else cache.digests().of(real, read)
    except OSError:
        return None
    key = keyed.copy()
    key.update(where + b"\0" + fingerprint)
    return Slot(name, where, key.digest(), plan, config.limits)


@functools.lru_cache(maxsize=64)
def _prefixes(kind: str, settings: str, lang: str) -> tuple[str, Any]:
    """What all the slots of a run share: the index they are kept in (named by the layout,
    the kind of result, the settings and options, the run's language — a result's messages
    are in it — and smartplan itself), and the start of each key, which adds the plan and its
    content."""
    shared = _tool() + f"{LAYOUT}|{kind}|{settings}|{lang}".encode()
    return f"{kind}-{blake2b(shared, digest_size=16).hexdigest()}", blake2b(shared)


_SETTINGS: dict[tuple[int, int], tuple[Any, Any, str]] = {}


def settings_text(config: Config, options: Any, extra: Any = None) -> str:
    """repr((config, options, extra())), once per pair of objects in a run."""
    known = _SETTINGS.get((id(config), id(options)))
    if known is None or known[0] is not config or known[1] is not options:
        text = repr((config, options, extra() if extra else None))
        known = (config, options, text)
        _SETTINGS[(id(config), id(options))] = known
    return known[2]


def dependencies(
    slot: Slot, data: dict[str, Any] | None, config: Config, read: dict[str, bytes] | None = None
) -> list[Any]:
    """The files besides the plan that its result was read from: each `include:` entry and a
    framework given as a file, as (entry, resolved path or a refusal, content digest);
    `read`: digests of the files as the check read them (Recorder.digests)."""
    if data is None:
        return []
    include = data.get("include")
    entries = [e for e in include if isinstance(e, str)] if isinstance(include, list) else []
    framework = data.get("framework", config.framework)
    if isinstance(framework, str):
        from smartplan.domain.framework import bundled

        if framework not in bundled():
            entries.append(framework)
    folder = str(slot.plan.parent)
    known = read or {}
    return [(folder, entry, *_fingerprint(folder, entry, slot.reader, known)) for entry in entries]


def _fingerprint(
    folder: str,
    entry: str,
    reader: Callable[[Path], bytes],
    known: dict[str, bytes] | None = None,
    digests: Digests | None = None,
) -> tuple[str, bytes | None]:
    from smartplan.files.confine import folder_root, inside_repository

    base = Path(folder)
    problem, target = inside_repository(base, folder_root(base), entry, "include")
    if problem is not None:
        return "refused: " + problem, None  # never read: it is outside the repository
    if known and str(target) in known:
        return str(target), known[str(target)]
    try:
        if digests is not None:
            return str(target), digests.of(str(target), lambda: reader(target))
        return str(target), digest(reader(target))
    except OSError as error:
        return str(target), str(error.errno).encode()


def schema_link(slot: Slot, lines: list[str]) -> list[Any]:
    """The schema copy named by the plan's `$schema` line (rule schema-link) as a dependency."""
    from smartplan.schema.modeline import linked_state

    state = linked_state(lines, slot.plan, Path(_repository(str(slot.plan))))
    return [(_SCHEMA_LINK, "\n".join(lines[:_HEAD_LINES]), state, None)] if state else []


_SCHEMA_LINK = "schema-link"  # in the place of a folder: the kind of this dependency
_HEAD_LINES = 5


def unchanged(deps: list[Any], slot: Slot, digests: Digests) -> bool:
    for folder, entry, where, content in deps:
        if folder == _SCHEMA_LINK:
            from smartplan.schema.modeline import linked_state

            root = Path(_repository(str(slot.plan)))
            if linked_state(entry.split("\n"), slot.plan, root) != where:
                return False
        elif _fingerprint(folder, entry, slot.reader, digests=digests) != (where, content):
            return False
    return True


@functools.cache
def _tool() -> bytes:
    """smartplan's version, its bundled schemas and frameworks (content), its modules and
    message catalogues (size and time): a result computed by other code, data or words is
    never reused."""
    from smartplan.files.resources import data_dir

    digest = blake2b(__version__.encode())
    for kind in ("schemas", "frameworks"):
        for path in sorted(data_dir(kind).iterdir()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for folder, folders, names in os.walk(os.path.dirname(os.path.dirname(__file__))):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".mo")):
                status = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}".encode())
    return digest.digest()
