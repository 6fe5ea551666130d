"""The results cache (smartplan/cache/store.py): a warm run says exactly what a cold run says, any
change of an input is seen, and an entry it did not write itself is never believed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES
from smartplan.cache import keys
from smartplan.cache.keys import settings_text, slot
from smartplan.cache.store import FOLDER, open_cache
from smartplan.workspace.config import find_config

pytestmark = pytest.mark.slow


def smartplan(*args: str, cwd: Path, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(home or cwd.parent / "home-cache")}
    return subprocess.run(
        [sys.executable, "-m", "smartplan", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def repo(isolated: Path) -> Path:
    """A git repository holding the examples, one plan with a broken reference."""
    shutil.copytree(EXAMPLES, isolated / "repo")
    (isolated / "repo" / ".git").mkdir()
    jambi = isolated / "repo" / "kota-jambi" / "masterplan.yaml"
    jambi.write_text(
        jambi.read_text(encoding="utf-8").replace("lead: diskominfo", "lead: diskominf", 1),
        encoding="utf-8",
    )
    return isolated / "repo"


def entries(repo: Path) -> list[Path]:
    return sorted((repo / FOLDER).glob("validate-*"))


def test_warm_run_reports_what_the_cold_run_reported(repo: Path) -> None:
    cold = smartplan("validate", ".", "--format", "json", cwd=repo)
    assert cold.returncode == 1, cold.stderr
    assert len(entries(repo)) == 1  # one index for the plans checked with these settings
    assert (repo / FOLDER / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    for args in ((), ("--format", "text"), ("--format", "sarif")):
        warm = smartplan("validate", ".", *(args or ("--format", "json")), cwd=repo)
        fresh = smartplan("validate", ".", *(args or ("--format", "json")), "--no-cache", cwd=repo)
        assert (warm.returncode, warm.stdout, warm.stderr) == (
            fresh.returncode,
            fresh.stdout,
            fresh.stderr,
        )
    assert "diskominf" in cold.stdout


def test_no_cache_reads_and_writes_nothing(repo: Path) -> None:
    done = smartplan("validate", ".", "--no-cache", cwd=repo)
    assert done.returncode == 1
    assert not (repo / FOLDER).exists()
    assert smartplan("portfolio", ".", "--no-cache", cwd=repo).returncode == 0
    assert not (repo / FOLDER).exists()


def test_a_changed_fragment_plan_setting_or_baseline_is_seen(repo: Path) -> None:
    batam = repo / "kota-batam"
    assert smartplan("validate", str(batam), cwd=repo).returncode == 0
    fragment = batam / "programs" / "governance.yaml"
    fragment.write_text(
        fragment.read_text(encoding="utf-8").replace("lead: ", "lead: x", 1), encoding="utf-8"
    )
    broken = smartplan("validate", str(batam), "--format", "json", cwd=repo)
    assert broken.returncode == 1
    assert "governance.yaml" in broken.stdout
    (repo / ".smartplan.yaml").write_text("rules:\n  unknown-reference: off\n", encoding="utf-8")
    assert smartplan("validate", str(batam), cwd=repo).returncode == 0
    (repo / ".smartplan.yaml").write_text("rules: {}\n", encoding="utf-8")
    assert (
        smartplan("validate", "--write-baseline", "base.json", str(batam), cwd=repo).returncode == 0
    )
    assert smartplan("validate", "--baseline", "base.json", str(batam), cwd=repo).returncode == 0
    (repo / "base.json").write_text('{"version": 1, "findings": []}\n', encoding="utf-8")
    assert smartplan("validate", "--baseline", "base.json", str(batam), cwd=repo).returncode == 1
    assert smartplan("validate", "--stage", "4", str(batam), cwd=repo).returncode == 1


def test_a_corrupt_or_foreign_entry_is_ignored(repo: Path, isolated: Path) -> None:
    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    expected = smartplan("validate", str(plan), "--format", "json", cwd=repo)
    assert expected.returncode == 1
    (entry,) = entries(repo)
    for damage in (b"", entry.read_bytes()[:-7], b"\0" * 64, entry.read_bytes()[:40] + b"x"):
        entry.write_bytes(damage)
        again = smartplan("validate", str(plan), "--format", "json", cwd=repo)
        assert (again.returncode, again.stdout) == (expected.returncode, expected.stdout)
    # an entry claiming the plan is clean, signed with another machine's secret
    os.environ["XDG_CACHE_HOME"] = str(isolated / "elsewhere")
    try:
        keys.new_run()  # forgets where the secret lies
        config = find_config(plan.parent)
        other = open_cache(config, plan)
        assert other is not None
        from smartplan.check.cached import cache_slot
        from smartplan.check.lint import ValidateOptions

        options = ValidateOptions(cache=True)
        where = cache_slot("validate", plan, str(plan), options, config, other)
        assert where is not None
        where[0].store(where[1], [], (str(plan), [], 3, {}, True))
        assert keys.lookup(where[0], where[1]) is not None  # genuine for the machine that wrote it
    finally:
        del os.environ["XDG_CACHE_HOME"]
        keys.new_run()  # forgets where the secret lies
    forged = smartplan("validate", str(plan), "--format", "json", cwd=repo)
    assert (forged.returncode, forged.stdout) == (expected.returncode, expected.stdout)


def test_a_genuine_entry_is_what_a_hit_returns(repo: Path, isolated: Path) -> None:
    """Proof that hits are served from the entry: one written by this machine is believed."""
    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    home = isolated / "home-cache"
    os.environ["XDG_CACHE_HOME"] = str(home)
    try:
        from smartplan.check.cached import cache_slot
        from smartplan.check.lint import ValidateOptions

        keys.new_run()  # forgets where the secret lies
        config = find_config(plan.parent)
        where = cache_slot("validate", plan, str(plan), ValidateOptions(cache=True), config)
        assert where is not None
        where[0].store(where[1], [], (str(plan), [], 3, {}, True))
    finally:
        del os.environ["XDG_CACHE_HOME"]
        keys.new_run()  # forgets where the secret lies
    served = smartplan("validate", str(plan), cwd=repo, home=home)
    assert served.returncode == 0  # the planted clean result, not the plan's finding
    assert smartplan("validate", str(plan), "--no-cache", cwd=repo, home=home).returncode == 1


def test_cache_dir_setting_inside_the_repository_only(repo: Path) -> None:
    (repo / ".smartplan.yaml").write_text("cache_dir: build/lint-cache\n", encoding="utf-8")
    assert smartplan("validate", ".", cwd=repo).returncode == 1
    assert (repo / "build" / "lint-cache" / ".gitignore").is_file()
    assert not (repo / FOLDER).exists()
    for outside in ("../elsewhere", "/tmp/smartplan-cache"):
        (repo / ".smartplan.yaml").write_text(f"cache_dir: {outside}\n", encoding="utf-8")
        refused = smartplan("validate", ".", cwd=repo)
        assert refused.returncode == 2
        assert "cache_dir" in refused.stderr and "Traceback" not in refused.stderr


def test_a_cache_folder_linked_out_of_the_repository_is_not_written(
    repo: Path, isolated: Path
) -> None:
    outside = isolated / "outside"
    outside.mkdir()
    (repo / FOLDER).symlink_to(outside)
    assert smartplan("validate", ".", cwd=repo).returncode == 1
    assert list(outside.iterdir()) == []


def test_concurrent_runs_share_the_cache(repo: Path) -> None:
    env = {**os.environ, "XDG_CACHE_HOME": str(repo.parent / "home-cache")}
    argv = [sys.executable, "-m", "smartplan", "validate", ".", "--format", "json"]
    runs = [
        subprocess.Popen(argv, cwd=repo, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    outputs = {run.communicate()[0] for run in runs}
    assert len(outputs) == 1
    report = json.loads(outputs.pop())
    assert report["summary"]["errors"] == 1
    assert not list((repo / FOLDER).glob(".*.tmp"))
    warm = smartplan("validate", ".", "--format", "json", cwd=repo)
    assert json.loads(warm.stdout) == report


def test_portfolio_rows_from_the_cache_equal_fresh_rows(repo: Path) -> None:
    cold = smartplan("portfolio", ".", "--format", "json", cwd=repo)
    assert cold.returncode == 0, cold.stderr
    assert sorted((repo / FOLDER).glob("portfolio-*"))
    warm = smartplan("portfolio", ".", "--format", "json", cwd=repo)
    fresh = smartplan("portfolio", ".", "--format", "json", "--no-cache", cwd=repo)
    assert warm.stdout == cold.stdout == fresh.stdout


def test_slot_names_differ_by_settings(repo: Path) -> None:
    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    config = find_config(plan.parent)
    cache = open_cache(config, plan)
    assert cache is not None
    one = slot("validate", plan, "a", config, settings_text(config, 1), cache)
    two = slot("validate", plan, "a", config, settings_text(config, 2), cache)
    assert one is not None and two is not None
    assert one.name != two.name and one.key != two.key


def test_a_result_is_stored_under_the_bytes_it_was_computed_from(repo: Path) -> None:
    """A plan edited while it is checked: the entry is keyed by the bytes the check read."""
    from smartplan.cache.keys import Recorder
    from smartplan.check.cached import _cached, remember
    from smartplan.check.lint import ValidateOptions, lint_file

    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    config = find_config(plan.parent)
    options = ValidateOptions(cache=True)
    read = Recorder(config, plan)
    os.environ["XDG_CACHE_HOME"] = str(repo.parent / "home-cache")
    try:
        from smartplan.cache import store as cache

        keys.new_run()  # forgets where the secret lies
        linted = lint_file(plan, str(plan), options, config, read=read)
        assert linted.result.findings  # the broken reference
        original = plan.read_bytes()
        plan.write_bytes(original.replace(b"lead: diskominf\n", b"lead: diskominfo\n", 1))
        record = remember(plan, str(plan), options, config, linted, read)
        assert record is not None
        cache.keep([record])
        keys.new_run()
        assert _cached(plan, str(plan), options, config, open_cache(config, plan)) is None
        plan.write_bytes(original)
        keys.new_run()
        back = _cached(plan, str(plan), options, config, open_cache(config, plan))
        assert back is not None and back.findings == linted.result.findings
    finally:
        del os.environ["XDG_CACHE_HOME"]
        keys.new_run()  # forgets where the secret lies


def test_an_edit_that_keeps_size_and_time_is_seen(repo: Path) -> None:
    """The digest memo trusts a file's status only with its change time: an edit of the same
    size with the modification time put back (as `touch -r` or a careless copy does) is seen."""
    plan = repo / "kota-jambi" / "masterplan.yaml"
    past = plan.stat().st_mtime_ns - 10_000_000_000
    os.utime(plan, ns=(past, past))
    import time

    time.sleep(2.1)  # the change time is now old enough for the memo to trust it
    first = smartplan("validate", ".", "--format", "json", cwd=repo)
    assert (repo / FOLDER / "digests").is_file()
    assert smartplan("validate", ".", "--format", "json", cwd=repo).stdout == first.stdout
    text = plan.read_bytes()
    plan.write_bytes(text.replace(b"lead: diskominf\n", b"lead: diskominx\n", 1))
    os.utime(plan, ns=(past, past))
    after = smartplan("validate", ".", "--format", "json", cwd=repo)
    assert "diskominx" in after.stdout and "diskominx" not in first.stdout


def test_an_unchanged_repository_is_answered_without_typer_or_yaml(repo: Path) -> None:
    """`smartplan validate` on plans the cache holds: the same report and exit code, written
    without importing typer (cli/fast.py), PyYAML or any rule (every result is cached)."""
    env = {**os.environ, "XDG_CACHE_HOME": str(repo.parent / "home-cache")}

    def run(*extra: str) -> subprocess.CompletedProcess[str]:
        argv = [sys.executable, "-X", "importtime", "-m", "smartplan", "validate", *extra]
        return subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True)

    def modules(done: subprocess.CompletedProcess[str]) -> set[str]:
        return {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}

    cold = run("--no-cache", ".")
    assert "typer" in modules(cold)  # an option: the typer command
    filling = run(".")  # checks every plan and fills the cache: without typer too
    assert "typer" not in modules(filling) and "yaml" in modules(filling)
    warm = run(".")
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout) == (1, cold.stdout)
    imported = modules(warm)
    assert "smartplan.cli.fast" in imported
    assert not imported & {"typer", "yaml", "jsonschema", "smartplan.rules"}
    assert "diskominf" in warm.stdout  # the finding, from the cache


def test_an_index_over_its_bound_keeps_the_plans_of_this_run(repo: Path, isolated: Path) -> None:
    """An index of more plans than it may hold forgets those this run did not look at: a
    plan found in it (a hit) stays with the plans just checked."""
    from smartplan.check.cached import cache_slot
    from smartplan.check.lint import ValidateOptions

    os.environ["XDG_CACHE_HOME"] = str(isolated / "home-cache")
    try:
        keys.new_run()  # forgets where the secret lies
        keys.new_run()
        options = ValidateOptions(cache=True)
        slots = []
        for name in ("kota-jambi", "kota-batam"):
            plan = (repo / name / "masterplan.yaml").resolve()
            where = cache_slot("validate", plan, str(plan), options, find_config(plan.parent))
            assert where is not None
            slots.append(where)
        (jambi_cache, jambi), (batam_cache, batam) = slots
        value = (str(jambi.plan), [], 3, {}, True)
        jambi_cache.store(jambi, [], value)
        keys.new_run()
        index = jambi_cache.index(jambi.name)
        index.records.update({f"gone-{n}".encode(): (b"", [], None) for n in range(3)})
        index.MOST = 2  # type: ignore[misc]
        assert keys.lookup(jambi_cache, jambi) == value  # a hit of this run
        batam_cache.store(batam, [], (str(batam.plan), [], 3, {}, True))  # over the bound
        keys.new_run()
        assert set(jambi_cache.index(jambi.name).records) == {jambi.where, batam.where}
    finally:
        del os.environ["XDG_CACHE_HOME"]
        keys.new_run()  # forgets where the secret lies


def test_a_changed_framework_file_or_schema_copy_is_seen(repo: Path) -> None:
    """Two inputs besides the plan and its fragments: a framework given as a file, and the
    schema copy the plan's `$schema` line names (rule schema-link); a warm run after either
    changes says what an uncached run says."""
    jambi = repo / "kota-jambi"
    plan = jambi / "masterplan.yaml"
    shutil.copy(Path(EXAMPLES).parent / "frameworks" / "kominfo-2017.yaml", jambi / "fw.yaml")
    (jambi / ".smartplan" / "masterplan.schema.json").unlink()  # schema-link: missing
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("framework: kominfo-2017", "framework: fw.yaml"),
        encoding="utf-8",
    )

    def same_as_fresh() -> str:
        warm = smartplan("validate", str(jambi), "--format", "json", cwd=repo)
        fresh = smartplan("validate", str(jambi), "--format", "json", "--no-cache", cwd=repo)
        assert (warm.returncode, warm.stdout) == (fresh.returncode, fresh.stdout)
        return warm.stdout

    first = same_as_fresh()
    assert "schema-link" in first
    (jambi / "fw.yaml").write_text("dimensions: [\n", encoding="utf-8")
    broken = same_as_fresh()
    assert broken != first
    (jambi / "fw.yaml").unlink()
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("framework: fw.yaml", "framework: kominfo-2017"),
        encoding="utf-8",
    )
    assert same_as_fresh() == first
    made = smartplan("schema", "-o", str(jambi / ".smartplan" / "masterplan.schema.json"), cwd=repo)
    assert made.returncode == 0, made.stderr
    assert "schema-link" not in same_as_fresh()


def test_slot_names_differ_by_version_and_bundled_data(
    repo: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A result computed by another smartplan (version) or with other bundled schemas or
    frameworks is kept under another index: never reused."""
    from smartplan.cache import keys as cachekeys
    from smartplan.files import resources

    plan = (repo / "kota-jambi" / "masterplan.yaml").resolve()
    config = find_config(plan.parent)
    cache = open_cache(config, plan)
    assert cache is not None
    real = resources.data_dir

    def name() -> str:
        cachekeys._tool.cache_clear()
        cachekeys._prefixes.cache_clear()
        made = slot("validate", plan, "a", config, settings_text(config, 1), cache)
        assert made is not None
        return made.name

    before, version = name(), cachekeys.__version__
    monkeypatch.setattr(cachekeys, "__version__", "0.0.0-other")
    assert name() != before
    monkeypatch.setattr(cachekeys, "__version__", version)
    assert name() == before
    changed = isolated / "frameworks"
    shutil.copytree(real("frameworks"), changed)
    (changed / "kominfo-2017.yaml").write_text("# edited\n", encoding="utf-8")
    monkeypatch.setattr(
        resources, "data_dir", lambda kind: changed if kind == "frameworks" else real(kind)
    )
    assert name() != before
    monkeypatch.setattr(resources, "data_dir", real)
    assert name() == before
