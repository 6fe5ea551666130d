"""The review a mentor reads first: programmes per dimension, quick wins, horizon shifts, the
indicative budget per year and source, and the stage, old → new."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from smartplan.diff.compare import Change
from smartplan.domain.metrics import amount, is_quick_win, programs, quick_win_years


@dataclass
class DimensionReview:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, list[str]]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed}


@dataclass(frozen=True)
class BudgetLine:
    """One year and source; `old` or `new` is None where that side has no such budget line
    (missing is not zero: JSON null, "—" in the review)."""

    year: int | str
    source: str
    old: int | float | None
    new: int | float | None

    @property
    def difference(self) -> int | float:
        return (self.new or 0) - (self.old or 0)


@dataclass(frozen=True)
class HorizonShift:
    id: str
    name: str
    old: Any
    new: Any


@dataclass(frozen=True)
class QuickWinYear:
    """The quick wins of one year (§8: regions designate quick wins every year), old → new."""

    year: int | str
    old: list[str]
    new: list[str]


@dataclass
class Review:
    stage: tuple[Any, Any]
    programs: tuple[int | None, int | None]  # None: the side lists the section not recorded
    quick_wins: tuple[int | None, int | None]
    dimensions: dict[str, DimensionReview]
    quick_wins_gained: list[str]
    quick_wins_lost: list[str]
    horizon_shifts: list[HorizonShift]
    budget: list[BudgetLine]
    quick_win_years: list[QuickWinYear] = field(default_factory=list)
    # (old period, new period) when the new plan supersedes the old one (SPEC §10): said first
    successor: tuple[str, str] | None = None

    @property
    def budget_total(self) -> tuple[int | float | None, int | float | None]:
        """The indicative budget of all programmes, old and new; None for a side without any
        budget line."""
        old = [b.old for b in self.budget if b.old is not None]
        new = [b.new for b in self.budget if b.new is not None]
        return (sum(old) if old else None), (sum(new) if new else None)

    def as_json(self) -> dict[str, Any]:
        return {
            "stage": {"old": self.stage[0], "new": self.stage[1]},
            "programs": {"old": self.programs[0], "new": self.programs[1]},
            "quick_wins": {"old": self.quick_wins[0], "new": self.quick_wins[1]},
            "dimensions": {name: d.as_json() for name, d in self.dimensions.items()},
            "quick_wins_gained": self.quick_wins_gained,
            "quick_wins_lost": self.quick_wins_lost,
            "horizon_shifts": [vars(shift) for shift in self.horizon_shifts],
            "quick_win_years": [vars(year) for year in self.quick_win_years],
            "successor": (
                {"old": self.successor[0], "new": self.successor[1]} if self.successor else None
            ),
            "budget": [
                {
                    "year": b.year,
                    "source": b.source,
                    "old": b.old,
                    "new": b.new,
                    "difference": b.difference,
                }
                for b in self.budget
            ],
        }


def review(old: dict[str, Any], new: dict[str, Any], changes: list[Change]) -> Review:
    old_programs, new_programs = _by_id(old), _by_id(new)
    old_quick = {key for key, p in old_programs.items() if is_quick_win(p)}
    new_quick = {key for key, p in new_programs.items() if is_quick_win(p)}
    return Review(
        stage=(old.get("stage"), new.get("stage")),
        programs=(_known(old, "programs", old_programs), _known(new, "programs", new_programs)),
        quick_wins=(
            _known(old, "programs.quick_win", old_quick),
            _known(new, "programs.quick_win", new_quick),
        ),
        dimensions=_dimensions(old_programs, new_programs, changes),
        quick_wins_gained=[key for key in new_programs if key in new_quick - old_quick],
        quick_wins_lost=[key for key in old_programs if key in old_quick - new_quick],
        horizon_shifts=[
            HorizonShift(
                key,
                str(program.get("name", "")),
                old_programs[key].get("horizon"),
                program.get("horizon"),
            )
            for key, program in new_programs.items()
            if key in old_programs and old_programs[key].get("horizon") != program.get("horizon")
        ],
        budget=_budget(old, new),
        quick_win_years=_quick_win_years(old_programs, new_programs),
        successor=successor(old, new),
    )


def successor(old: dict[str, Any], new: dict[str, Any]) -> tuple[str, str] | None:
    """The two periods ("?" where unknown) when `new` supersedes `old`: its
    `supersedes.period` is the old plan's period, or it names none and the periods differ.
    Two versions of one successor plan share their period: they are not successors."""
    replaced = new.get("supersedes")
    if not isinstance(replaced, dict):
        return None
    before, after = _period(old.get("period")), _period(new.get("period"))
    named = _period(replaced.get("period"))
    if named != ("", "") and named != before:
        return None  # it replaces some other plan
    if named == ("", "") and before == after:
        return None
    return "–".join(p for p in before if p) or "?", "–".join(p for p in after if p) or "?"


def _period(value: Any) -> tuple[str, str]:
    period = value if isinstance(value, dict) else {}
    start, end = (period.get(key) for key in ("start", "end"))
    return _shown(start), _shown(end)


def _shown(value: Any) -> str:
    return "" if value is None or isinstance(value, (dict, list)) else str(value)


def _quick_win_years(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
) -> list[QuickWinYear]:
    """Per year, the quick wins of each side, for the years where they differ."""

    def by_year(items: dict[str, dict[str, Any]]) -> dict[int | str, list[str]]:
        found: dict[int | str, list[str]] = defaultdict(list)
        for key, program in items.items():
            if is_quick_win(program):
                years: list[int | str] = [*quick_win_years(program)] or ["?"]
                for when in years:  # under each year it is one (SPEC §10)
                    found[when].append(key)
        return found

    before, after = by_year(old), by_year(new)
    return [
        QuickWinYear(year, before.get(year, []), after.get(year, []))
        for year in sorted(before.keys() | after.keys(), key=str)
        if sorted(before.get(year, [])) != sorted(after.get(year, []))
    ]


def _known(data: dict[str, Any], path: str, items: Any) -> int | None:
    """How many, or None when the plan lists `path` (or a section above it) as not recorded:
    a count over what the file does not hold is unknown, not 0 (SPEC §10)."""
    entries = [e for e in data.get("not_recorded") or [] if isinstance(e, str)]
    if any(path == e or path.startswith(e + ".") for e in entries):
        return None
    return len(items)


def _by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {str(p["id"]): p for p in programs(data) if p.get("id") is not None}


def _dimensions(
    old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], changes: list[Change]
) -> dict[str, DimensionReview]:
    found: dict[str, DimensionReview] = defaultdict(DimensionReview)
    seen: set[tuple[str, str]] = set()
    for change in changes:
        if change.section != "programs" or change.id is None:
            continue
        program = new.get(change.id) or old.get(change.id) or {}
        dimension = str(program.get("dimension", "?"))
        op = change.op if change.field is None else "changed"
        if (op, change.id) not in seen:
            seen.add((op, change.id))
            getattr(found[dimension], op).append(change.id)
    return dict(sorted(found.items()))


def _budget(old: dict[str, Any], new: dict[str, Any]) -> list[BudgetLine]:
    old_totals, new_totals = _budget_totals(old), _budget_totals(new)
    lines = []
    for key in sorted(old_totals.keys() | new_totals.keys(), key=lambda k: (str(k[0]), k[1])):
        before, after = old_totals.get(key), new_totals.get(key)
        lines.append(BudgetLine(key[0], key[1], before, after))
    return lines


def _budget_totals(data: dict[str, Any]) -> dict[tuple[int | str, str], int | float]:
    totals: dict[tuple[int | str, str], int | float] = defaultdict(int)
    for program in programs(data):
        for line in program.get("budget") or []:
            value = amount(line.get("amount")) if isinstance(line, dict) else None
            if value is None or isinstance(line.get("year"), (dict, list)):
                continue
            totals[(line.get("year"), str(line.get("source") or "-"))] += value
    return totals
