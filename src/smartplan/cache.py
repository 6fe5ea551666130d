"""The results cache: a plan whose inputs are unchanged is not read again (SPEC §7).

`validate` and `portfolio` ask `lookup` before loading a plan; the process that ran the check
keeps the new results (`record` where a result is computed, `keep` once per run). A result is
keyed by the content of everything it depends on: the plan's bytes, its `include:`
fragments and its framework file (by resolved path and content), the settings, the baseline,
the command's options, the smartplan version and its bundled schemas and frameworks, and the
schema copy named by the plan's `$schema` line (rule schema-link). A new check that reads
another file must add it to `lint._dependencies`, or a cached result would outlive its input.

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

from smartplan import __version__

if TYPE_CHECKING:
    from smartplan.config import Config

try:
    from _blake2 import blake2b  # no OpenSSL: hashlib's import costs start-up time
except ImportError:  # pragma: no cover - CPython always has it
    from hashlib import blake2b

FOLDER = ".smartplan_cache"
LAYOUT = 4  # the layout of an entry; bump when it changes
_SIGNATURE = 32
_GITIGNORE = b"# smartplan's results cache (safe to delete): never committed\n*\n"
_CACHEDIR_TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by smartplan.\n"
)


def digest(data: bytes) -> bytes:
    """The content digest the cache keys files by."""
    return blake2b(data).digest()


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
        if key != slot.key or not _unchanged(deps, slot, self.digests()):
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
        from smartplan.confine import repository_root
        from smartplan.loader import file_reader

        return file_reader(self.limits, repository_root(self.plan))


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
    from smartplan.confine import inside_repository

    problem, folder = inside_repository(Path(root), Path(root), wanted, "cache_dir")
    if problem is not None:  # a cache folder linked out of the repository is not written
        return None
    return Cache(folder, secret)


class Recorder:
    """The loader's reader, noting the digest of every file it reads: a result is stored
    under the bytes it was computed from, even if a file changes while it is checked."""

    def __init__(self, config: Config, plan: Path) -> None:
        from smartplan.confine import repository_root
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
    where = f"{real}|{display}|{_repository(real)}".encode()

    def read() -> bytes:
        from smartplan.confine import repository_root
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
    _MARKS = marks or {}
    _marked.cache_clear()
    _open.cache_clear()
    _prefixes.cache_clear()
    _SETTINGS.clear()
    _DIGESTS.clear()
    _INDEXES.clear()


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
        from smartplan.framework import bundled

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
    from smartplan.confine import folder_root, inside_repository

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
    from smartplan.modeline import linked_state

    state = linked_state(lines, slot.plan, Path(_repository(str(slot.plan))))
    return [(_SCHEMA_LINK, "\n".join(lines[:_HEAD_LINES]), state, None)] if state else []


_SCHEMA_LINK = "schema-link"  # in the place of a folder: the kind of this dependency
_HEAD_LINES = 5


def _unchanged(deps: list[Any], slot: Slot, digests: Digests) -> bool:
    for folder, entry, where, digest in deps:
        if folder == _SCHEMA_LINK:
            from smartplan.modeline import linked_state

            root = Path(_repository(str(slot.plan)))
            if linked_state(entry.split("\n"), slot.plan, root) != where:
                return False
        elif _fingerprint(folder, entry, slot.reader, digests=digests) != (where, digest):
            return False
    return True


@functools.cache
def _tool() -> bytes:
    """smartplan's version, its bundled schemas and frameworks (content), its modules and
    message catalogues (size and time): a result computed by other code, data or words is
    never reused."""
    from smartplan.resources import data_dir

    digest = blake2b(__version__.encode())
    for kind in ("schemas", "frameworks"):
        for path in sorted(data_dir(kind).iterdir()):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for folder, folders, names in os.walk(os.path.dirname(__file__)):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(names):
            if name.endswith((".py", ".mo")):
                status = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{status.st_size}:{status.st_mtime_ns}".encode())
    return digest.digest()


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
