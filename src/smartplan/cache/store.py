"""The results cache: a plan whose inputs are unchanged is not read again (SPEC §7).

`validate` and `portfolio` ask `lookup` before loading a plan; the process that ran the check
keeps the new results (`record` where a result is computed, `keep` once per run). What a
result is keyed by and depends on is smartplan.cache.keys; this module keeps the results.

Entries (one `Index` of results per command and settings, the `digests` memo of file
digests) live in `.smartplan_cache/` at the repository root (the nearest folder holding
`.git` or `.smartplan.yaml`; `cache_dir:` in `.smartplan.yaml` names another folder inside the
repository), which holds a `.gitignore` so that it is never committed. Each entry is signed
with a secret kept outside the repository (`$XDG_CACHE_HOME/smartplan/secret`, else
`~/.cache/smartplan/secret`): an entry that is corrupt, truncated, from another machine or
written by anyone else fails the signature and is ignored, never trusted. Writes go to a
temporary file renamed over the entry, so concurrent runs never see half an entry. Any
failure (a read-only folder, no home) only means no cache: the result is computed as usual.
"""

from __future__ import annotations

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
    from smartplan.cache.keys import Slot
    from smartplan.workspace.config import Config

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
class Cache:
    """One repository's cache folder and this machine's signing secret (picklable)."""

    folder: Path
    secret: bytes

    def lookup(self, slot: Slot) -> Any | None:
        """The stored value of `slot` if its entry is genuine and every input is unchanged."""
        index = self.index(slot.name)
        index.seen.add(slot.where)
        record = index.records.get(slot.where)
        if not isinstance(record, tuple) or len(record) != 3:
            return None  # none, or not the shape this version writes
        key, deps, value = record
        from smartplan.cache.keys import unchanged

        if key != slot.key or not unchanged(deps, slot, self.digests()):
            return None
        return value

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

    def write(self, name: str, value: Any) -> None:
        """Replace the entry `name` at once (a concurrent run reads the old or the new one)."""
        try:
            payload = marshal.dumps(value)
            self._prepare()
            temporary = self.folder / f".{name}.{os.getpid()}.tmp"
            with open(temporary, "wb") as handle:
                handle.write(self._sign(payload) + payload)
            os.replace(temporary, self.folder / name)
        except (OSError, ValueError):
            return

    def digests(self) -> Digests:
        """This run's memo of file digests for this cache folder (see `Digests`)."""
        known = _DIGESTS.get(self.folder)
        if known is None:
            known = _DIGESTS[self.folder] = Digests(self)
        return known

    def _sign(self, payload: bytes) -> bytes:
        return blake2b(payload, key=self.secret, digest_size=_SIGNATURE).digest()

    def _prepare(self) -> None:
        if (self.folder / ".gitignore").is_file():
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, body in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
            temporary = self.folder / f".{name}.{os.getpid()}.tmp"
            temporary.write_bytes(body)
            os.replace(temporary, self.folder / name)


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

    def save(self) -> None:
        if not self.changed:
            return
        if len(self.records) > self.MOST:  # forget the plans this run did not look at
            self.records = {
                where: self.records[where] for where in self.seen if where in self.records
            }
        self.cache.write(self.name, (LAYOUT, self.records))
        self.changed = False


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
_DIGESTS: dict[Path, Digests] = {}
_INDEXES: dict[tuple[Path, str], Index] = {}


def end_lookups() -> None:
    """Keep what this run learnt of the files' digests (after the lookups of a run)."""
    for known in _DIGESTS.values():
        known.save()


def open_cache(config: Config, plan: Path) -> Cache | None:
    """The cache for a plan under these settings, or None when none can be used."""
    secret = _secret()
    if secret is None:
        return None
    if config.path is not None:
        return _open(str(config.root), config.cache_dir or FOLDER, secret)
    return _open(_repository(os.path.abspath(plan)), FOLDER, secret)


@functools.lru_cache(maxsize=256)
def _open(root: str, wanted: str, secret: bytes) -> Cache | None:
    from smartplan.files.confine import inside_repository

    problem, folder = inside_repository(Path(root), Path(root), wanted, "cache_dir")
    if problem is not None:  # a cache folder linked out of the repository is not written
        return None
    return Cache(folder, secret)


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
    from smartplan.cache import keys as cachekeys

    cachekeys.forget()
    _MARKS = marks or {}
    _marked.cache_clear()
    _open.cache_clear()
    _DIGESTS.clear()
    _INDEXES.clear()


@functools.cache
def _secret() -> bytes | None:
    """This machine's signing secret, made on first use (0600, outside any repository)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    if not os.path.isabs(base):
        return None
    path = os.path.join(base, "smartplan", "secret")
    try:
        with open(path, "rb") as handle:
            secret = handle.read(64)
        return secret if len(secret) == 32 else None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
        secret = os.urandom(32)
        temporary = f"{path}.{os.getpid()}.tmp"
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(secret)
        try:
            os.link(temporary, path)  # the first run to get here makes the secret
        except FileExistsError:
            pass  # another run made it first: use that one
        finally:
            os.unlink(temporary)
        with open(path, "rb") as handle:
            secret = handle.read(64)
        return secret if len(secret) == 32 else None
    except OSError:
        return None
