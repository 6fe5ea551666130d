"""Figures computed from a plan, shared by reports, exports and the portfolio."""

from __future__ import annotations

import re
from typing import Any, TypeGuard

COMPONENTS = ("baseline", "output", "outcome", "impact", "quick_win")

# The roadmap phases in plan years counted from period.start (SPEC §8); the last reaches period.end.
DEFAULT_HORIZONS: dict[str, tuple[int, int]] = {"short": (1, 1), "medium": (2, 5), "long": (6, 10)}


def default_horizons(length: int) -> dict[str, tuple[int, int]]:
    """The default phases scaled to a period of `length` years (SPEC §10): short = year 1,
    medium = years 2..⌈n/2⌉, long = the rest; n = 10 gives DEFAULT_HORIZONS. A five-year plan
    has a long phase too (years 4–5), and a short plan simply has empty windows."""
    half = max(1, -(-length // 2))
    return {"short": (1, 1), "medium": (2, half), "long": (half + 1, max(half + 1, length))}


def plan_horizons(
    data: dict[str, Any], settings: dict[str, tuple[int, int]] | None = None
) -> dict[str, tuple[int, int]]:
    """The phases a plan is checked against: the defaults scaled to its period, then the
    repository's settings, then the plan's own `horizons:` (the document wins, SPEC §10)."""
    found = data.get("period")
    first, last = (found.get("start"), found.get("end")) if isinstance(found, dict) else (0, 0)
    length = last - first + 1 if _is_year(first) and _is_year(last) else 10
    return {**default_horizons(max(1, length)), **(settings or {}), **_windows(data)}


def _windows(data: dict[str, Any]) -> dict[str, tuple[int, int]]:
    own = data.get("horizons")
    if not isinstance(own, dict):
        return {}
    return {
        name: (value[0], value[1])
        for name, value in own.items()
        if name in DEFAULT_HORIZONS
        and isinstance(value, list)
        and len(value) == 2
        and all(_is_year(v) and v >= 1 for v in value)
    }


def _is_year(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


COMPONENT_KEY = re.compile(r"[a-z][a-z0-9_]*")


def evaluation_pairs(evaluation: dict[str, Any]) -> dict[str, tuple[float | None, float | None]]:
    """Every component key of weights or scores (SPEC §10: any lowercase key, the five known
    first) → (weight, score); `x-` keys are notes, not components."""
    weights, scores = evaluation.get("weights"), evaluation.get("scores")
    weights = weights if isinstance(weights, dict) else {}
    scores = scores if isinstance(scores, dict) else {}
    keys = [*COMPONENTS, *(k for k in (*weights, *scores) if k not in COMPONENTS)]
    return {
        k: (_number(weights.get(k)), _number(scores.get(k)))
        for k in dict.fromkeys(keys)
        if isinstance(k, str) and COMPONENT_KEY.fullmatch(k) and (k in weights or k in scores)
    }


def computed_index(evaluation: dict[str, Any]) -> float | None:
    """Σ weight × score / Σ weight over every component that has both (None when none has):
    no component is ever left out, whatever its key."""
    usable = [
        (w, s) for w, s in evaluation_pairs(evaluation).values() if w is not None and s is not None
    ]
    total = sum(w for w, _ in usable)
    return round(sum(w * s for w, s in usable) / total, 2) if total > 0 else None


def published_index(evaluation: dict[str, Any]) -> float | None:
    """The ministry's final score as published ("Nilai final 2,51"), when recorded."""
    return _number(evaluation.get("published"))


def evaluation_index(evaluation: dict[str, Any]) -> float | None:
    """The evaluation's index as reported: the published score where there is one, else the
    computed one (the published may differ from the weighted sum of rounded scores)."""
    published = published_index(evaluation)
    return round(published, 2) if published is not None else computed_index(evaluation)


def evaluation_method(evaluation: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """The components weighted and their weights: two indices compare only under one method."""
    return tuple(
        sorted((k, w) for k, (w, _) in evaluation_pairs(evaluation).items() if w is not None)
    )


def differs(published: float | None, computed: float | None) -> bool:
    """Show the computed index beside the published one only when they differ by more than
    0.01 (rounding of the published scores accounts for less)."""
    if published is None or computed is None:
        return False
    return round(abs(published - computed), 2) > 0.01


def evaluation_indices(data: dict[str, Any]) -> list[tuple[int, float, tuple[Any, ...]]]:
    """(year, index, method) per evaluation with an index, oldest first (round within year)."""
    found = []
    for evaluation in data.get("evaluations") or []:
        if isinstance(evaluation, dict) and isinstance(evaluation.get("year"), int):
            index = evaluation_index(evaluation)
            if index is not None:
                order = (evaluation["year"], evaluation_round(evaluation) or 0)
                found.append((order, index, evaluation_method(evaluation)))
    found.sort(key=lambda item: item[0])
    return [(order[0], index, method) for order, index, method in found]


def method_changed(before: tuple[Any, ...], after: tuple[Any, ...]) -> bool | None:
    """Whether two evaluations weighed other components or weights; None when either records
    no weights (a published score alone): then nobody knows, and nothing is compared."""
    if not before or not after:
        return None
    return before != after


def index_change(
    indices: list[tuple[int, float, tuple[Any, ...]]],
) -> tuple[float | None, bool | None]:
    """The change between the last two indices, and whether the method changed (then no change:
    two methods' indices are not comparable, SPEC §10; nor when a method is unknown)."""
    if len(indices) < 2:
        return None, False
    (_, before, method_before), (_, after, method_after) = indices[-2], indices[-1]
    changed = method_changed(method_before, method_after)
    if changed is not False:
        return None, changed
    return round(after - before, 2), False


def amount(value: Any) -> int | float | None:
    """Rupiah as a plain integer where whole (2.5e9 → 2500000000)."""
    number = _number(value)
    if number is None:
        return None
    return int(number) if number.is_integer() else number


def budget_total(program: dict[str, Any]) -> int | float | None:
    """The sum of a programme's budget lines; None when it has no line with an amount (missing
    is not zero, SPEC §8: reports say "no data", JSON null, CSV an empty cell)."""
    lines = program.get("budget")
    amounts = [amount(line.get("amount")) for line in lines or [] if isinstance(line, dict)]
    known = [value for value in amounts if value is not None]
    if not known:
        return None
    total: int | float = sum(known)
    return int(total) if float(total).is_integer() else total


def plan_budget(items: list[dict[str, Any]]) -> int | float | None:
    """The budget of many programmes: the sum of those that have one, None when none has."""
    known = [total for total in map(budget_total, items) if total is not None]
    return sum(known) if known else None


def quick_win_years(program: dict[str, Any]) -> list[int]:
    """The years a programme is a quick win, oldest first (SPEC §8, §10): `quick_win: 2020`
    names one, `[2019, 2020]` several, `true` means its `start`; empty when it is no quick win
    or `true` without a start year."""
    value, start = program.get("quick_win"), program.get("start")
    if _is_year(value):
        return [value]
    if isinstance(value, list):
        return sorted({v for v in value if _is_year(v)})
    if value is True and _is_year(start):
        return [start]
    return []


def quick_win_year(program: dict[str, Any]) -> int | None:
    """The first year a programme is a quick win (None: no quick win, or `true` without a
    start year)."""
    years = quick_win_years(program)
    return years[0] if years else None


def is_quick_win(program: dict[str, Any]) -> bool:
    """`quick_win: true`, a year or a list of years; `false`, `[]` and anything else is no
    quick win."""
    value = program.get("quick_win")
    if isinstance(value, list):
        return any(_is_year(v) for v in value)
    return value is True or _is_year(value)


def evaluation_round(evaluation: dict[str, Any]) -> int | None:
    value = evaluation.get("round")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def programs(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = data.get("programs")
    return [p for p in items if isinstance(p, dict)] if isinstance(items, list) else []
