"""The results cache under a hostile repository (issue 25): a committed cache folder, secret,
link or file name never makes smartplan write outside the repository, trust a forged entry,
hide files from git or fail with an internal error."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES
from smartplan.cache import keys
from smartplan.cache.store import FOLDER

pytestmark = pytest.mark.slow

OUTSIDE_TEXT = b"ssh-ed25519 AAAA the user's own key\n"


@pytest.fixture
def repo(isolated: Path) -> Path:
    """A git repository holding one plan with a broken reference (validate exits 1)."""
    root = isolated / "repo"
    root.mkdir()
    (root / ".git").mkdir()
    shutil.copytree(EXAMPLES / "kota-jambi", root / "kota-jambi")
    plan = root / "kota-jambi" / "masterplan.yaml"
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("lead: diskominfo", "lead: diskominf", 1), encoding="utf-8")
    return root


@pytest.fixture
def outside(isolated: Path) -> Path:
    """A file the user can write, outside the repository (a stand-in for authorized_keys)."""
    target = isolated / "authorized_keys"
    target.write_bytes(OUTSIDE_TEXT)
    return target


def run(repo: Path, *args: str, home: Path, before: str = "") -> subprocess.CompletedProcess[str]:
    """`smartplan validate` in a real process; `before`: shell run first in the same process
    (its $$ is smartplan's pid, as `exec` keeps it)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(home), "PYTHON": sys.executable}
    script = f'{before}\nexec "$PYTHON" -m smartplan validate "$@"'
    return subprocess.run(
        ["sh", "-c", script, "sh", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        errors="surrogateescape",  # a report may name a file whose name is not UTF-8
        check=False,
        timeout=120,  # a run that waits on a FIFO fails the test instead of hanging it
    )


@contextmanager
def cache_home(home: Path) -> Iterator[None]:
    """In this process, the results cache with its secret under `home` (as XDG_CACHE_HOME)."""

    os.environ["XDG_CACHE_HOME"] = str(home)
    keys.new_run()
    try:
        yield
    finally:
        del os.environ["XDG_CACHE_HOME"]
        keys.new_run()


def validate_slot(repo: Path) -> tuple[Any, Any]:
    """The cache and slot of the broken plan's result as `smartplan validate .` keeps it."""
    where = slot_or_none(repo)
    assert where is not None
    return where


def slot_or_none(repo: Path) -> tuple[Any, Any] | None:
    """As `validate_slot`; None when the plan has no cache."""
    from smartplan.check.cached import cache_slot
    from smartplan.check.lint import ValidateOptions
    from smartplan.workspace.config import find_config

    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    options = ValidateOptions(cache=True)
    shown = "kota-jambi/masterplan.yaml"
    return cache_slot("validate", plan, shown, options, find_config(plan.parent))


def test_links_at_the_cache_s_temporary_and_final_names_are_never_followed(
    repo: Path, outside: Path, isolated: Path
) -> None:
    """A pull request commits `.smartplan_cache/` with a link at every name the cache writes,
    temporary (`.digests.<pid>.tmp` …, with smartplan's own pid) or final: the file they point
    at is unchanged, and the plan's finding is still reported."""
    home = isolated / "home-cache"
    folder = repo / FOLDER
    folder.mkdir()
    with cache_home(isolated / "elsewhere"):
        name = validate_slot(repo)[1].name
    finals = [".gitignore", "CACHEDIR.TAG", "digests", name]
    temporaries = " ".join(f".{final}" for final in finals)
    plant = (
        f'for n in {temporaries}; do ln -s "{outside}" "{FOLDER}/$n.$$.tmp"; done\n'
        f'for n in digests {name}; do ln -sf "{outside}" "{FOLDER}/$n"; done'
    )
    done = run(repo, ".", "--format", "json", home=home, before=plant)
    assert done.returncode == 1, done.stderr
    assert "diskominf" in done.stdout
    assert outside.read_bytes() == OUTSIDE_TEXT
    # a folder the cache claims (its own CACHEDIR.TAG): links at the final names are
    # replaced by entries, never written through
    for leftover in folder.iterdir():
        leftover.unlink()
    for final in ("digests", name, ".gitignore"):
        (folder / final).symlink_to(outside)
    (folder / "CACHEDIR.TAG").write_bytes(b"Signature: 8a477f597d28d172789f06886806bc55\n")
    for _ in range(2):
        done = run(repo, ".", "--format", "json", home=home, before=plant)
        assert done.returncode == 1 and "diskominf" in done.stdout, done.stderr
        assert outside.read_bytes() == OUTSIDE_TEXT
    assert not (folder / name).is_symlink() and (folder / name).is_file()  # the entry
    assert (folder / ".gitignore").read_bytes().endswith(b"*\n")


def test_a_cache_folder_that_is_a_link_inside_the_repository_is_not_written(
    repo: Path, isolated: Path
) -> None:
    """`.smartplan_cache` committed as a link to `.` (the root) or to a folder of plans: no
    `.gitignore` (`*`) lands there to hide new files from `git add`."""
    home = isolated / "home-cache"
    for target in (".", "kota-jambi"):
        (repo / FOLDER).symlink_to(target)
        done = run(repo, ".", home=home)
        assert done.returncode == 1, done.stderr
        assert not (repo / ".gitignore").exists()
        assert not (repo / "kota-jambi" / ".gitignore").exists()
        assert not (repo / "CACHEDIR.TAG").exists()
        (repo / FOLDER).unlink()


def test_a_folder_on_the_way_to_the_cache_that_is_a_link_is_not_followed(
    repo: Path, isolated: Path
) -> None:
    """`cache_dir: build/cache` with `build` a committed link (here to a folder of the
    repository): nothing is written through it."""
    (repo / "real").mkdir()
    (repo / "build").symlink_to("real")
    (repo / ".smartplan.yaml").write_text("cache_dir: build/cache\n", encoding="utf-8")
    done = run(repo, ".", home=isolated / "home-cache")
    assert done.returncode == 1, done.stderr
    assert list((repo / "real").iterdir()) == []


@pytest.mark.parametrize("by_handle", [True, False])
def test_the_writer_replaces_a_link_and_refuses_a_linked_folder(
    repo: Path, outside: Path, isolated: Path, by_handle: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """open_folder with folder handles (POSIX) and by path (Windows, forced here): a link at
    the final name is replaced, a linked folder on the way refused; the cache works alike."""
    from smartplan.files import output
    from smartplan.files.output import open_folder

    monkeypatch.setattr(output, "BY_HANDLE", by_handle)

    (repo / "cache").mkdir()
    (repo / "cache" / "entry").symlink_to(outside)
    with open_folder(repo, ("cache",), create=False) as folder:
        folder.replace("entry", b"new")
        assert folder.create("once", b"first") and not folder.create("once", b"second")
    assert outside.read_bytes() == OUTSIDE_TEXT
    assert (repo / "cache" / "entry").read_bytes() == b"new"
    assert (repo / "cache" / "once").read_bytes() == b"first"
    assert sorted(p.name for p in (repo / "cache").iterdir()) == ["entry", "once"]
    (repo / "link").symlink_to("cache")
    for names in (("link",), ("link", "deeper"), ("kota-jambi", "masterplan.yaml")):
        with pytest.raises(OSError):
            open_folder(repo, names, create=True)
    assert not (repo / "cache" / "deeper").exists()
    with cache_home(isolated / "home-cache"):
        opened, where = validate_slot(repo)
        opened.store(where, [], "kept")
        assert keys.lookup(opened, where) == "kept"
        assert (isolated / "home-cache" / "smartplan" / "secret").stat().st_mode & 0o777 == 0o600
    assert (repo / FOLDER / ".gitignore").is_file() and (repo / FOLDER / "CACHEDIR.TAG").is_file()
    shutil.rmtree(repo / FOLDER)
    (repo / FOLDER).symlink_to("cache")
    with cache_home(isolated / "home-cache"):
        assert slot_or_none(repo) is None
    assert sorted(p.name for p in (repo / "cache").iterdir()) == ["entry", "once"]


def forge(repo: Path, isolated: Path) -> bytes:
    """What a pull request can commit: an index claiming the broken plan is clean, signed
    with a secret the attacker made; returns that secret."""
    attacker = isolated / "attacker-cache"
    with cache_home(attacker):
        opened, where = validate_slot(repo)
        opened.store(where, [], ("kota-jambi/masterplan.yaml", [], 3, {}, True))
        assert (opened.folder / where.name).is_file()
    return (attacker / "smartplan" / "secret").read_bytes()


@pytest.mark.parametrize("settings", ["", "kota-jambi"])
def test_a_secret_inside_the_repository_is_never_used(
    repo: Path, isolated: Path, settings: str
) -> None:
    """CI keeps its caches in the project folder (`XDG_CACHE_HOME=$CI_PROJECT_DIR/.cache`):
    a committed secret and an index signed with it do not make the broken plan pass, also
    when the settings file lies in a folder below the git repository's root; nor does a
    secret outside that is a link into the repository."""
    if settings:
        (repo / settings / ".smartplan.yaml").write_text("rules: {}\n", encoding="utf-8")
    secret = forge(repo, isolated)
    committed = repo / ".cache" / "smartplan" / "secret"
    committed.parent.mkdir(parents=True)
    committed.write_bytes(secret)
    done = run(repo, ".", "--format", "json", home=repo / ".cache")
    assert done.returncode == 1 and "diskominf" in done.stdout, done.stderr
    assert committed.read_bytes() == secret
    linked = isolated / "linked-home"
    (linked / "smartplan").mkdir(parents=True)
    (linked / "smartplan" / "secret").symlink_to(committed)
    done = run(repo, ".", "--format", "json", home=linked)
    assert done.returncode == 1 and "diskominf" in done.stdout, done.stderr


def test_no_secret_is_made_inside_the_repository(repo: Path) -> None:
    done = run(repo, ".", home=repo / ".cache")
    assert done.returncode == 1, done.stderr
    assert not (repo / ".cache").exists()
    assert not (repo / FOLDER).exists()  # no secret, no cache


@pytest.mark.parametrize("setting", [".", "./", "kota-jambi/.."])
def test_cache_dir_may_not_be_the_settings_folder(repo: Path, isolated: Path, setting: str) -> None:
    (repo / ".smartplan.yaml").write_text(f"cache_dir: '{setting}'\n", encoding="utf-8")
    done = run(repo, ".", home=isolated / "home-cache")
    assert done.returncode == 2
    assert "cache_dir" in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert ".smartplan.yaml:1:" in done.stderr
    assert not (repo / ".gitignore").exists() and not (repo / "CACHEDIR.TAG").exists()


def test_cache_dir_naming_a_folder_of_other_files_is_not_used(repo: Path, isolated: Path) -> None:
    """`cache_dir: kota-jambi` (a folder of plans): no `.gitignore` (`*`) there to hide new
    plans from `git add`, no entries; the plan is checked as usual."""
    (repo / ".smartplan.yaml").write_text("cache_dir: kota-jambi\n", encoding="utf-8")
    before = sorted(p.name for p in (repo / "kota-jambi").iterdir())
    done = run(repo, ".", home=isolated / "home-cache")
    assert done.returncode == 1 and "diskominf" in done.stdout, done.stderr
    assert sorted(p.name for p in (repo / "kota-jambi").iterdir()) == before
    (repo / "empty").mkdir()
    (repo / ".smartplan.yaml").write_text("cache_dir: empty\n", encoding="utf-8")
    assert run(repo, ".", home=isolated / "home-cache").returncode == 1
    assert (repo / "empty" / "CACHEDIR.TAG").is_file()  # an empty folder is the cache's own


def test_a_baseline_outside_the_repository_is_never_read_for_the_key(
    repo: Path, isolated: Path
) -> None:
    """`baseline: ../outside.json` in the settings (refused by the loader): the cache key does
    not depend on that file's content, which it would only know by reading it."""
    (repo / ".smartplan.yaml").write_text("baseline: ../outside.json\n", encoding="utf-8")
    baseline = isolated / "outside.json"
    keys = []
    for body in ('{"findings": []}', '{"version": 1, "findings": []}\n'):
        baseline.write_text(body, encoding="utf-8")
        with cache_home(isolated / "home-cache"):
            keys.append(validate_slot(repo)[1].key)
    assert keys[0] == keys[1]
    refused = run(repo, ".", home=isolated / "home-cache")
    assert refused.returncode == 2 and "baseline" in refused.stderr


def test_index_files_are_pruned_least_recently_used_first(
    repo: Path, isolated: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One index per settings and options: at most MOST_INDEXES stay in a folder; the one
    used least recently goes first (a lookup marks an index used, at most once a day), and a
    temporary file a crashed run left behind an hour ago goes too; links are left alone."""
    from smartplan.cache import store as cache
    from smartplan.cache.keys import settings_text, slot
    from smartplan.workspace.config import find_config

    monkeypatch.setattr(cache, "MOST_INDEXES", 2)
    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    config = find_config(plan.parent)
    folder = repo / FOLDER

    def variant(n: int) -> tuple[Any, Any]:
        keys.new_run()
        opened = cache.open_cache(config, plan)
        assert opened is not None
        return opened, slot("validate", plan, "p", config, settings_text(config, n), opened)

    names = []
    with cache_home(isolated / "home-cache"):
        for n in (1, 2):
            opened, made = variant(n)
            opened.store(made, [], n)
            names.append(made.name)
        days = 24 * 3600
        os.utime(folder / names[0], (time.time() - 3 * days,) * 2)
        os.utime(folder / names[1], (time.time() - 2 * days,) * 2)
        crashed = folder / ".digests.0123.tmp"
        crashed.write_bytes(b"half")
        os.utime(crashed, (time.time() - 7200,) * 2)
        for name in (".digests.4567.tmp", "validate-" + "0" * 32):  # links: never followed
            (folder / name).symlink_to(outside)
            os.utime(folder / name, (time.time() - 9 * days,) * 2, follow_symlinks=False)
        opened, made = variant(1)
        assert keys.lookup(opened, made) == 1  # the oldest is used again
        opened, made = variant(3)
        opened.store(made, [], 3)
        names.append(made.name)
    assert {p.name for p in folder.glob("validate-*")} == {
        names[0],
        names[2],
        "validate-" + "0" * 32,
    }
    assert not crashed.exists()
    assert outside.read_bytes() == OUTSIDE_TEXT


@pytest.mark.parametrize("layout", ["folder", "glob"])
def test_a_file_name_that_is_not_utf8_is_checked_not_an_internal_error(
    repo: Path, isolated: Path, layout: str
) -> None:
    """A folder named with a byte that is not UTF-8 (b'd\\xff/masterplan.yaml', found by the
    walk for plans) or such a plan file (b'plans/masterplan-\\xff.yaml', matched by a `plans:`
    glob): the cached run says what an uncached run says, cold and warm."""
    plan = repo / "kota-jambi" / "masterplan.yaml"
    base = os.fsencode(str(repo))
    if layout == "folder":
        os.mkdir(base + b"/d\xff")
        shutil.copy(plan, os.fsdecode(base + b"/d\xff/masterplan.yaml"))
        args: tuple[str, ...] = (".",)
    else:
        os.mkdir(base + b"/plans")
        shutil.copy(plan, os.fsdecode(base + b"/plans/masterplan-\xff.yaml"))
        (repo / ".smartplan.yaml").write_text('plans: ["plans/*.yaml"]\n', encoding="utf-8")
        args = ()
    home = isolated / "home-cache"
    fresh = run(repo, *args, "--no-cache", "--format", "json", home=home)
    assert fresh.returncode == 1 and "internal error" not in fresh.stderr, fresh.stderr
    for _ in range(2):
        cached = run(repo, *args, "--format", "json", home=home)
        assert "internal error" not in cached.stderr
        assert (cached.returncode, cached.stdout) == (fresh.returncode, fresh.stdout)
    assert list((repo / FOLDER).glob("validate-*"))  # kept, and read back the second time


def test_an_entry_that_is_a_fifo_a_huge_file_or_a_link_is_never_read(
    repo: Path, isolated: Path
) -> None:
    """A committed index that is a FIFO (would block a plain open), a sparse file over 64 MB
    (would be read whole) or a link (here to an entry this machine signed, claiming the plan
    is clean: believed if the link were followed): the run neither waits nor reads it, and
    reports the plan's finding."""
    home = isolated / "home-cache"
    with cache_home(home):
        opened, where = validate_slot(repo)
        opened.store(where, [], ("kota-jambi/masterplan.yaml", [], 3, {}, True))
    entry = repo / FOLDER / where.name
    genuine = isolated / "genuine-entry"
    shutil.move(entry, genuine)

    def huge() -> None:
        with entry.open("wb") as handle:
            handle.truncate(65 * 1024 * 1024)

    for make in (lambda: os.mkfifo(entry), huge, lambda: entry.symlink_to(genuine)):
        make()
        done = run(repo, ".", home=home)
        assert done.returncode == 1 and "diskominf" in done.stdout, done.stderr
        entry.unlink()
    shutil.copy(genuine, entry)  # in its place, the same entry is believed
    assert run(repo, ".", home=home).returncode == 0


def test_the_secret_is_private(repo: Path, isolated: Path) -> None:
    home = isolated / "home-cache"
    assert run(repo, ".", home=home).returncode == 1
    secret = home / "smartplan" / "secret"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert secret.parent.stat().st_mode & 0o077 == 0  # its folder: the user's alone
    assert len(secret.read_bytes()) == 32


def test_a_refused_include_is_never_read_for_the_key(repo: Path) -> None:
    """An `include:` leading out of the repository is a dependency recorded as refused,
    without reading the file (the reader is never called)."""
    from smartplan.cache.keys import _fingerprint

    def reader(path: Path) -> bytes:
        raise AssertionError(f"read {path}")

    folder = str(repo / "kota-jambi")
    for entry in ("../../outside.yaml", "/etc/passwd"):
        where, content = _fingerprint(folder, entry, reader)
        assert where.startswith("refused: ") and content is None


def test_the_cache_writes_only_through_the_one_writer() -> None:
    """No module of the cache writes, renames, links or removes a file itself (no `os`
    call that does, no writing `open`, no Path method that writes): every write goes through
    smartplan.files.output's `open_folder`, which never follows a link."""
    import ast
    import importlib
    import re

    by_os = {"replace", "rename", "link", "symlink", "unlink", "remove", "rmdir", "mkdir"}
    by_os |= {"makedirs", "truncate", "ftruncate", "write", "chmod", "mkfifo"}
    by_path = {"write_bytes", "write_text", "touch", "mkdir", "unlink", "rename", "symlink_to"}
    for name in ("smartplan.cache.store", "smartplan.cache.keys", "smartplan.check.cached"):
        source = Path(importlib.import_module(name).__file__ or "")
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            where = (source.name, node.lineno, ast.unparse(node.func))
            called = node.func
            if isinstance(called, ast.Attribute):
                owner = ast.unparse(called.value)
                assert not (owner in {"os", "shutil"} and called.attr in by_os), where
                assert owner != "shutil" and called.attr not in by_path, where
                if (owner, called.attr) == ("os", "open"):
                    flags = ast.unparse(node.args[1])
                    words = set(re.findall(r"\w+", flags))
                    assert not {"O_WRONLY", "O_RDWR", "O_CREAT"} & words, where
            elif isinstance(called, ast.Name) and called.id == "open":
                mode = ast.unparse(node.args[1]) if len(node.args) > 1 else "'r'"
                assert mode in {"'r'", "'rb'"}, where
