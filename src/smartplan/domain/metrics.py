"""Figures computed from a plan, shared by reports, exports and the portfolio."""

from __future__ import annotations

import re
from typing import Any

COMPONENTS = ("baseline", "output", "outcome", "impact", "quick_win")

# The roadmap phases in plan years counted from period.start (SPEC §8); the last reaches period.end.
DEFAULT_HORIZONS: dict[str, tuple[int, int]] = {"short": (1, 1), "medium": (2, 5), "long": (6, 10)}


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


def quick_win_year(program: dict[str, Any]) -> int | None:
    """The year a programme is a quick win (SPEC §8): `quick_win: 2020` names it, `true` means
    its `start`; None when it is no quick win or `true` without a start year."""
    value, start = program.get("quick_win"), program.get("start")
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if value is True and isinstance(start, int) and not isinstance(start, bool):
        return start
    return None


def is_quick_win(program: dict[str, Any]) -> bool:
    """`quick_win: true` or a year; `false` and anything else is no quick win."""
    value = program.get("quick_win")
    return value is True or (isinstance(value, int) and not isinstance(value, bool))


def evaluation_round(evaluation: dict[str, Any]) -> int | None:
    value = evaluation.get("round")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def programs(data: dict[str, Any]) -> list[dict[str, Any]]:
    items = data.get("programs")
    return [p for p in items if isinstance(p, dict)] if isinstance(items, list) else []
