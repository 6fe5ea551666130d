"""The results cache: a plan whose inputs are unchanged is not read again (SPEC §7).

`validate` and `portfolio` ask `lookup` before loading a plan; the process that ran the check
keeps the new results (`record` where a result is computed, `keep` once per run). What a
result is keyed by and depends on is smartplan.cache.keys; this module keeps the results.

Entries (one `Index` of results per command and settings, the `digests` memo of file
digests) live in `.smartplan_cache/` at the repository root (the nearest folder holding
`.git` or `.smartplan.yaml`; `cache_dir:` in `.smartplan.yaml` names another folder inside the
repository), which holds a `.gitignore` so that it is never committed. Each entry is signed
with a secret kept outside the repository (`$XDG_CACHE_HOME/smartplan/secret`, else
`~/.cache/smartplan/secret`; a secret inside the repository being checked is never used): an
entry that is corrupt, truncated, from another machine or written by anyone else fails the
signature and is ignored, never trusted. The folder is reached from the repository root
without following a link and written only through smartplan.files.output's `open_folder` (a
temporary file no link can stand in for, renamed over the entry), so a committed cache folder
full of links writes nothing outside it and concurrent runs never see half an entry. Any
failure (a read-only folder, no home, a folder of other files) only means no cache: the result
is computed as usual.
"""

from __future__ import annotations

import contextlib
import functools
import marshal
import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from smartplan.files.output import Folder
    from smartplan.workspace.config import Config

from smartplan.cache import secret
from smartplan.files.digest import blake2b, digest

FOLDER = ".smartplan_cache"
LAYOUT = 4  # the layout of an entry; bump when it changes
_SIGNATURE = 32
_GITIGNORE = b"# smartplan's results cache (safe to delete): never committed\n*\n"
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by smartplan.\n"
)


@dataclass(frozen=True)
class Slot:
    """Where a plan's result is kept (the index `name`, and `where` in it: the plan's path,
    as shown, in its repository) and what it must have been computed from (`key`: every input
    but the plan's dependencies, which the record lists)."""

    name: str
    where: bytes
    key: bytes
    plan: Path
    limits: Any  # the loader's limits, for its bounded reader

    @functools.cached_property
    def reader(self) -> Callable[[Path], bytes]:
        """The loader's confined reader for this plan's dependencies (made when one is read)."""
        from smartplan.files.confine import repository_root
        from smartplan.loader import file_reader

        return file_reader(self.limits, repository_root(self.plan))


@dataclass(frozen=True)
class Cache:
    """One repository's cache folder (`folder`: `root` and the `names` below it) and this
    machine's signing secret (picklable)."""

    folder: Path
    secret: bytes
    root: Path
    names: tuple[str, ...]

    def record(self, slot: Slot, deps: list[Any], value: Any) -> Record:
        """What `keep` stores for `slot` (made where the result was computed, a pool worker
        perhaps, and kept by the process that ran the pool: one writer per index)."""
        return Record(self, slot.name, slot.where, (slot.key, deps, value))

    def store(self, slot: Slot, deps: list[Any], value: Any) -> None:
        """Record `value` for `slot` with the dependencies it was computed from, at once."""
        keep([self.record(slot, deps, value)])

    def index(self, name: str) -> Index:
        """This run's view of the index `name` in this folder (see `Index`)."""
        known = _INDEXES.get((self.folder, name))
        if known is None:
            known = _INDEXES[(self.folder, name)] = Index(self, name)
        return known

    def read(self, name: str) -> Any:
        """The value of the entry `name`; ValueError when there is none that is genuine."""
        try:
            handle = os.open(os.path.join(self.folder, name), os.O_RDONLY | _NOFOLLOW)
        except OSError as error:
            raise ValueError(name) from error
        try:
            status = os.fstat(handle)
            if not stat.S_ISREG(status.st_mode) or status.st_size > _MOST:
                raise ValueError(name)  # a pipe, a device or a huge file planted in the folder
            if time.time() - status.st_mtime > _USED:
                _mark_used(handle)
            blob = os.read(handle, status.st_size + 1)
            while len(blob) <= _MOST and (more := os.read(handle, 1 << 16)):
                blob += more
        except OSError as error:
            raise ValueError(name) from error
        finally:
            os.close(handle)
        if len(blob) > _MOST:
            raise ValueError(name)
        signature, payload = blob[:_SIGNATURE], blob[_SIGNATURE:]
        if len(signature) != _SIGNATURE or signature != self._sign(payload):
            raise ValueError(name)  # corrupt, or not written by smartplan on this machine
        try:
            return marshal.loads(payload)
        except (EOFError, TypeError) as error:
            raise ValueError(name) from error

    def write(self, name: str, value: Any, *, new: bool = False) -> None:
        """Replace the entry `name` at once (a concurrent run reads the old or the new one);
        `new`: the entry did not exist, so the folder may now hold one index too many."""
        from smartplan.files.output import open_folder

        try:
            payload = marshal.dumps(value)
            with open_folder(self.root, self.names, create=True) as folder:
                if not _claimed(folder):
                    return  # a folder of other files: never the cache's
                folder.replace(name, self._sign(payload) + payload)
                if new:
                    _prune(folder)
        except (OSError, ValueError, NotImplementedError):  # no dir_fd: no cache
            return

    def digests(self) -> Digests:
        """This run's memo of file digests for this cache folder (see `Digests`)."""
        known = _DIGESTS.get(self.folder)
        if known is None:
            known = _DIGESTS[self.folder] = Digests(self)
        return known

    def _sign(self, payload: bytes) -> bytes:
        return blake2b(payload, key=self.secret, digest_size=_SIGNATURE).digest()


def _mark_used(handle: int) -> None:
    """Mark the entry open as `handle` used now: pruning removes the least recently used."""
    with contextlib.suppress(OSError):  # a read-only checkout: nothing is pruned there either
        os.utime(handle)


def _claimed(folder: Folder) -> bool:
    """Whether `folder` is the cache's own, tagged as such (`.gitignore`, `CACHEDIR.TAG`) if
    it was new or empty. A folder of other files (`cache_dir: docs`) is never claimed: its
    `.gitignore` of `*` would hide every new file there from `git add`."""
    tag, ignore = folder.status("CACHEDIR.TAG"), folder.status(".gitignore")
    if tag and ignore and stat.S_ISREG(tag.st_mode) and stat.S_ISREG(ignore.st_mode):
        return True
    if not (tag and stat.S_ISREG(tag.st_mode)) and any(
        name != ".gitignore" and not _temporary(name) for name, _status in folder.entries()
    ):
        return False
    folder.replace(".gitignore", _GITIGNORE)
    folder.replace("CACHEDIR.TAG", _CACHEDIR_TAG)
    return True


MOST_INDEXES = 16  # index files per folder (one per command, settings and options)


def _prune(folder: Folder) -> None:
    """Keep the MOST_INDEXES indexes used last (a read marks an index used, at most once a
    day) and remove the temporary files a run that was killed left an hour ago."""
    indexes = []
    for name, status in folder.entries():
        if not stat.S_ISREG(status.st_mode):
            continue
        if _is_index(name):
            indexes.append((status.st_mtime_ns, name))
        elif _temporary(name) and time.time() - status.st_mtime > _ABANDONED:
            folder.remove(name)
    for _used, name in sorted(indexes)[:-MOST_INDEXES]:
        folder.remove(name)


def _is_index(name: str) -> bool:
    kind, _dash, code = name.partition("-")
    return kind.isalpha() and len(code) == 32 and all(c in "0123456789abcdef" for c in code)


def _temporary(name: str) -> bool:
    return name.startswith(".") and name.endswith(".tmp")


class Index:
    """The results of one kind (validate, portfolio) under one set of settings, options,
    language and smartplan version, for every plan of a cache folder: one signed entry read
    once per run, as many plans as it holds (`records`: the plan's place → (key: what its
    result was computed from, its dependencies, the result)). Written by one process per run;
    two runs at once may each drop the other's new results, which are then computed again."""

    MOST = 20_000  # plans remembered per index

    def __init__(self, cache: Cache, name: str) -> None:
        self.cache, self.name = cache, name
        try:
            layout, records = cache.read(name)
        except (ValueError, TypeError):
            layout, records = None, {}
        valid = layout == LAYOUT and isinstance(records, dict)
        self.records: dict[bytes, Any] = records if valid else {}
        self.seen: set[bytes] = set()  # the plans this run looked up or kept
        self.changed = False
        self.new = layout is None  # no genuine entry yet: writing it adds an index

    def save(self) -> None:
        if not self.changed:
            return
        if len(self.records) > self.MOST:  # forget the plans this run did not look at
            self.records = {
                where: self.records[where] for where in self.seen if where in self.records
            }
        self.cache.write(self.name, (LAYOUT, self.records), new=self.new)
        self.changed = self.new = False


@dataclass(frozen=True)
class Record:
    """A result to keep in an index (picklable: from a pool worker to the process that keeps
    it)."""

    cache: Cache
    name: str
    where: bytes
    entry: tuple[bytes, list[Any], Any]


def keep(records: list[Record]) -> None:
    """Put these results in their indexes and write each changed index once."""
    changed = {}
    for record in records:
        index = record.cache.index(record.name)
        index.records[record.where] = record.entry
        index.seen.add(record.where)
        index.changed = True
        changed[(record.cache.folder, record.name)] = index
    for index in changed.values():
        index.save()


class Digests:
    """The content digest of each file a cached result depends on, remembered with the file's
    status (device, inode, size, modification and change times in nanoseconds) in the entry
    `digests`: an unchanged repository is checked without reading its files again, as git's
    index and mypy's cache do. A file written less than two seconds before it was read is not
    remembered (a coarse clock may give a change made within the same tick the same times);
    any other change to a file changes its change time. Reading through the memo never
    widens what is read: a file is read only through the caller's confined reader."""

    NAME = "digests"
    MOST = 100_000  # files remembered per cache folder

    def __init__(self, cache: Cache) -> None:
        self.cache = cache
        try:
            layout, known = cache.read(self.NAME)
        except (ValueError, TypeError):
            layout, known = None, {}
        valid = layout == LAYOUT and isinstance(known, dict)
        self.known: dict[str, tuple[Any, ...]] = known if valid else {}
        self.seen: set[str] = set()
        self.changed = False

    def of(self, path: str, read: Callable[[], bytes]) -> bytes:
        """The digest of the file `path`, read with `read` (OSError) when it may have changed."""
        self.seen.add(path)
        try:
            status = os.stat(path)
        except (OSError, ValueError):
            return digest(read())
        now = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)
        known = self.known.get(path)
        if isinstance(known, tuple) and len(known) == 6 and known[:5] == now:
            return known[5]  # type: ignore[no-any-return]
        data = read()
        value = digest(data)
        settled = time.time_ns() - max(status.st_mtime_ns, status.st_ctime_ns) > _SETTLED
        if stat.S_ISREG(status.st_mode) and len(data) == status.st_size and settled:
            self.known[path] = (*now, value)
            self.changed = True
        return value

    def save(self) -> None:
        if not self.changed:
            return
        if len(self.known) > self.MOST:  # forget the files this run did not look at
            self.known = {path: self.known[path] for path in self.seen if path in self.known}
        self.cache.write(self.NAME, (LAYOUT, self.known))
        self.changed = False


_NOFOLLOW = sum(getattr(os, flag, 0) for flag in ("O_NOFOLLOW", "O_NONBLOCK", "O_CLOEXEC"))
_MOST = 64 * 1024 * 1024  # bytes of an entry (findings and the lines they quote)
_SETTLED = 2_000_000_000  # ns: a file older than this is remembered by its status
_USED = 24 * 3600  # s: an entry read is marked used when it was last marked this long ago
_ABANDONED = 3600  # s: a temporary file this old was left by a run that was killed
_DIGESTS: dict[Path, Digests] = {}
_INDEXES: dict[tuple[Path, str], Index] = {}


def end_lookups() -> None:
    """Keep what this run learnt of the files' digests (after the lookups of a run)."""
    for known in _DIGESTS.values():
        known.save()


def open_cache(config: Config, plan: Path) -> Cache | None:
    """The cache for a plan under these settings, or None when none can be used."""
    place = secret.place()
    if place is None:
        return None
    if config.path is not None:
        return _open(str(config.root), config.cache_dir or FOLDER, place)
    return _open(_repository(os.path.abspath(plan)), FOLDER, place)


@functools.lru_cache(maxsize=256)
def _open(root: str, wanted: str, place: str) -> Cache | None:
    from smartplan.files.confine import cache_names
    from smartplan.files.output import open_folder

    names = cache_names(wanted)
    real = os.path.realpath(root)
    if names is None or not secret.usable(place, real):
        return None  # a secret a pull request can commit signs nothing
    try:  # the folder and those above it up to the root: no link (made at the first write)
        with open_folder(Path(real), names, create=False):
            pass
    except FileNotFoundError:
        pass
    except (OSError, ValueError, NotImplementedError):
        return None  # a committed link or file in the way: not written, not read
    key = secret.load(place)
    return None if key is None else Cache(Path(real, *names), key, Path(real), names)


def _repository(real: str) -> str:
    folder = os.path.dirname(real)
    return _marked(folder) or folder


@functools.lru_cache(maxsize=4096)
def _marked(folder: str) -> str:
    """The nearest folder from `folder` up holding .git or .smartplan.yaml ("": none)."""
    held = _MARKS.get(folder)  # what the run's walk for plans saw there (plans.discover)
    if held is not None:
        if ".git" in held or ".smartplan.yaml" in held:
            return folder
    elif any(os.path.exists(os.path.join(folder, name)) for name in (".git", ".smartplan.yaml")):
        return folder
    parent = os.path.dirname(folder)
    return "" if parent == folder else _marked(parent)


_MARKS: dict[str, frozenset[str]] = {}


def new_run(marks: dict[str, frozenset[str]] | None = None) -> None:
    """Forget what the previous run saw of the folders and files (a long-lived process, such
    as the language server, runs many); `marks`: what this run's walk saw of each folder."""
    global _MARKS
    secret.place.cache_clear()  # the environment may have changed (a long-lived process)
    _MARKS = marks or {}
    _marked.cache_clear()
    _open.cache_clear()
    _DIGESTS.clear()
    _INDEXES.clear()
