"""The mentor's view: one row per plan across many regions, a broken plan still a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smartplan.check.cached import cache_slot
from smartplan.check.parallel import run_all
from smartplan.check.plan import ValidateOptions, lint_file
from smartplan.domain.metrics import (
    computed_index,
    differs,
    evaluation_index,
    evaluation_indices,
    evaluation_round,
    index_change,
    is_quick_win,
    plan_budget,
    programs,
    published_index,
    quick_win_years,
)
from smartplan.errors import UsageError
from smartplan.findings import Severity
from smartplan.workspace.config import Config, Finder, find_config

if TYPE_CHECKING:
    from smartplan.cache.store import Record


@dataclass(frozen=True)
class Row:
    """What a mentor compares across regions. `problem` is set when the plan could not be read."""

    path: str
    region: str = ""
    kind: str = ""
    province: str = ""
    cohort: int | None = None
    stage: int | None = None
    period: str = ""
    # a count over a section the plan says it does not hold is None: unknown, not 0 (§10)
    programs: int | None = 0
    per_dimension: dict[str, int] = field(default_factory=dict)
    quick_wins: int | None = 0
    elements_covered: int | None = 0
    elements_total: int = 0
    budget: int | float | None = None  # None: no programme has a budget line
    errors: int = 0
    warnings: int = 0
    index: float | None = None
    index_year: int | None = None
    index_change: float | None = None  # None also across a change of method
    problem: str = ""
    # evaluation methods change (SPEC §10)
    index_computed: float | None = None  # beside a published index only when they differ
    index_method_changed: bool | None = False  # other components or weights; None: unknown
    # the programme as practised (SPEC §8)
    quick_win_years: dict[int, int] = field(default_factory=dict)  # designated year → count
    not_recorded: tuple[str, ...] = ()
    # a revision (SPEC §10): the plan it replaces in words, and that plan's file as resolved
    replaces: str = ""
    superseded: str = field(default="", compare=False, repr=False)
    partly_recorded: tuple[str, ...] = ()  # its counts are recorded counts, marked (§10)
    # the plan and its fragments as read: `portfolio -o` must never replace one
    files: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def budget_recorded(self) -> bool:
        """False when the plan says its budgets were not recorded: no total is not Rp 0."""
        return not any(e in ("programs", "programs.budget") for e in self.not_recorded)

    def unknown(self, path: str) -> bool:
        """Does `not_recorded` cover `path`? A count over it is unknown."""
        return _covers(self.not_recorded, path)

    def partly(self, path: str) -> bool:
        """Does `partly_recorded` cover `path`? A count over it is marked."""
        return _covers(self.partly_recorded, path)


def _covers(entries: tuple[str, ...], path: str) -> bool:
    return any(path == entry or path.startswith(entry + ".") for entry in entries)


Progress = Callable[[int, int, str], None]  # (plans done, plans in all, the plan just done)


def collect(
    dirs: list[str],
    *,
    parallel: bool = True,
    progress: Progress | None = None,
    cache: bool = False,
) -> list[Row]:
    """Every plan below the folders (or their `.smartplan.yaml` plans:), one row each, in the
    order of discovery whatever the order of completion. With `cache`, the row of a plan
    whose inputs are unchanged comes from the results cache (smartplan.cache.store)."""
    from smartplan.workspace.plans import discover

    marks: dict[str, frozenset[str]] = {}  # what the walk saw of each folder, for Finder
    plans = discover(dirs, find_config(Path.cwd()), marks)
    settings = Finder(marks)
    jobs = [(path, display, settings(path.parent), cache) for path, display in plans]
    if cache:
        from smartplan.cache.keys import new_run

        new_run(marks)
    found = [_cached(path, display, config) if cache else None for path, display, config, _ in jobs]
    if cache:
        from smartplan.cache.store import end_lookups

        end_lookups()
    todo = [index for index, row in enumerate(found) if row is None]
    done = [0]

    def notify(index: int) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0], len(plans), plans[index][1])

    for index, row in enumerate(found):
        if row is not None:
            notify(index)
    rows = run_all(
        _row_job, [jobs[i] for i in todo], parallel=parallel, on_done=lambda i: notify(todo[i])
    )
    if cache:
        from smartplan.cache.store import keep

        keep([record for _, record in rows if record is not None])
    for index, (row, _record) in zip(todo, rows, strict=True):
        found[index] = row
    return current([row for row in found if row is not None])


def current(rows: list[Row]) -> list[Row]:
    """The rows without the plans another row supersedes (`supersedes.file`, SPEC §10): a
    region that replaced its masterplan is counted once, by its current plan."""
    replaced = {row.superseded for row in rows if row.superseded}
    return [row for row in rows if not (row.files and _resolved(row.files[0]) in replaced)]


def _resolved(name: str) -> str:
    return str(Path(name).resolve())


def _slot(path: Path, display: str, config: Config) -> Any:
    return cache_slot("portfolio", path, display, _DEFAULTS, config)


def _cached(path: Path, display: str, config: Config) -> Row | None:
    from smartplan.cache.keys import lookup

    where = _slot(path, display, config)
    value = lookup(*where) if where else None
    return Row(**value) if isinstance(value, dict) else None


_DEFAULTS = ValidateOptions()  # one object: its settings text is made once per run


def _row_job(job: tuple[Path, str, Config, bool]) -> tuple[Row, Record | None]:
    """One plan's row (in a pool worker perhaps), and what the cache is to keep of it."""
    path, display, config, cache = job
    from smartplan.cache.keys import Recorder

    read = Recorder(config, path)
    try:
        linted = lint_file(path, display, _DEFAULTS, config, read=read if cache else None)
    except UsageError as error:
        return Row(display, problem=str(error)), None
    result = linted.result
    counts = (result.count(Severity.ERROR), result.count(Severity.WARNING))
    if linted.document is None:
        first = result.findings[0]
        problem = f"{first.path}:{first.line}:{first.column}: {first.message}"
        row = Row(display, problem=problem, errors=counts[0], warnings=counts[1])
    else:
        row = _figures(display, linted.document.data, linted.framework, counts)
        row = replace(
            row,
            files=(str(path), *(str(name) for name in linted.document.files)),
            superseded=_superseded_file(path, linted.document.data),
        )
    if cache and read.first is not None:
        from smartplan.check.cached import dependencies_of

        where = cache_slot("portfolio", path, display, _DEFAULTS, config, True, read.first)
        if where is not None:
            # plain text only (marshal keeps no str subclass such as a translated message)
            plain = {k: str(v) if isinstance(v, str) else v for k, v in asdict(row).items()}
            deps = dependencies_of(where[1], linted, config, read)
            return row, where[0].record(where[1], deps, plain)
    return row, None


def _figures(display: str, data: dict[str, Any], framework: Any, counts: tuple[int, int]) -> Row:
    region = _mapping(data.get("region"))
    period = _mapping(data.get("period"))
    items = programs(data)
    per_dimension: dict[str, int] = {}
    for program in items:
        key = str(program.get("dimension"))
        per_dimension[key] = per_dimension.get(key, 0) + 1
    # text only: a plan that does not pass the schema may hold a mapping there (unhashable)
    pairs = {(_text(p.get("dimension")), _text(p.get("element"))) for p in items}
    elements = framework.elements if framework is not None else []
    indices = evaluation_indices(data)
    change, changed = index_change(indices)
    unknown = tuple(e for e in data.get("not_recorded") or [] if isinstance(e, str))

    def known(path: str, count: int) -> int | None:
        return None if _covers(unknown, path) else count

    return Row(
        path=display,
        region=_text(region.get("name")),
        kind=_text(region.get("kind")),
        province=_text(region.get("province")),
        cohort=_int(region.get("cohort")),
        stage=_int(data.get("stage")),
        period=f"{period.get('start', '?')}–{period.get('end', '?')}" if period else "",
        programs=known("programs", len(items)),
        per_dimension={} if _covers(unknown, "programs.dimension") else per_dimension,
        quick_wins=known("programs.quick_win", sum(1 for p in items if is_quick_win(p))),
        quick_win_years=_quick_win_years(items),
        not_recorded=unknown,
        partly_recorded=tuple(
            e for e in data.get("partly_recorded") or [] if isinstance(e, str)
        ),
        replaces=_replaces(data),
        elements_covered=known(
            "programs.element", sum(1 for d, e in elements if (d.id, e.id) in pairs)
        ),
        elements_total=len(elements),
        budget=plan_budget(items),
        index=indices[-1][1] if indices else None,
        index_year=indices[-1][0] if indices else None,
        index_change=change,
        errors=counts[0],
        warnings=counts[1],
        index_computed=_computed_beside(data),
        index_method_changed=changed,
    )


def _superseded_file(path: Path, data: dict[str, Any]) -> str:
    """The file `supersedes.file` names, resolved; "" when absent or refused (a path out of
    the repository is a finding of the plan, never a file the portfolio looks at)."""
    from smartplan.files.confine import inside_repository, repository_root

    entry = _mapping(data.get("supersedes")).get("file")
    if not isinstance(entry, str) or not entry:
        return ""
    problem, target = inside_repository(path.parent, repository_root(path), entry, "supersedes")
    return "" if problem is not None else str(target)


def _replaces(data: dict[str, Any]) -> str:
    """The plan this one replaces, in a few words: its period, else its regulation or file."""
    replaced = data.get("supersedes")
    if not isinstance(replaced, dict):
        return ""
    period = _mapping(replaced.get("period"))
    start, end = _int(period.get("start")), _int(period.get("end"))
    if start is not None or end is not None:
        return "–".join(str(y) for y in (start, end) if y is not None)
    return _text(replaced.get("regulation")) or _text(replaced.get("file")) or "?"


def _computed_beside(data: dict[str, Any]) -> float | None:
    """The latest evaluation's computed index when its published one differs (SPEC §10)."""
    dated = [
        e
        for e in data.get("evaluations") or []
        if isinstance(e, dict)
        and isinstance(e.get("year"), int)
        and evaluation_index(e) is not None
    ]
    if not dated:
        return None
    latest = max(dated, key=lambda e: (e["year"], evaluation_round(e) or 0))
    computed = computed_index(latest)
    return computed if differs(published_index(latest), computed) else None


def _quick_win_years(items: list[dict[str, Any]]) -> dict[int, int]:
    years: dict[int, int] = {}
    for program in items:
        for when in quick_win_years(program):  # under each year it is one (SPEC §10)
            years[when] = years.get(when, 0) + 1
    return dict(sorted(years.items()))


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


SORT_KEYS: dict[str, Callable[[Row], Any]] = {
    "region": lambda r: (r.region or "~", r.path),
    "province": lambda r: (r.province or "~", r.region, r.path),
    "stage": lambda r: (-(r.stage or 0), r.region, r.path),
    "cohort": lambda r: (r.cohort or 9999, r.region, r.path),
    "index": lambda r: (-(r.index or 0), r.region, r.path),
    "path": lambda r: r.path,
}


def select(
    rows: list[Row],
    *,
    stage: int | None = None,
    province: str | None = None,
    cohort: int | None = None,
    sort: str = "region",
) -> list[Row]:
    kept = [
        r
        for r in rows
        if (stage is None or r.stage == stage)
        and (province is None or r.province.casefold() == province.casefold())
        and (cohort is None or r.cohort == cohort)
    ]
    return sorted(kept, key=SORT_KEYS[sort])
