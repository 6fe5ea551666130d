"""Figures computed from a plan, shared by reports, exports and the portfolio."""

from __future__ import annotations

from typing import Any

COMPONENTS = ("baseline", "output", "outcome", "impact", "quick_win")

# The roadmap phases in plan years counted from period.start (SPEC §8); the last reaches period.end.
DEFAULT_HORIZONS: dict[str, tuple[int, int]] = {"short": (1, 1), "medium": (2, 5), "long": (6, 10)}


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def evaluation_index(evaluation: dict[str, Any]) -> float | None:
    """Σ weight × score / Σ weight over the components that have both (None when none has)."""
    weights, scores = evaluation.get("weights"), evaluation.get("scores")
    if not isinstance(weights, dict) or not isinstance(scores, dict):
        return None
    pairs = [(_number(weights.get(c)), _number(scores.get(c))) for c in COMPONENTS]
    usable = [(w, s) for w, s in pairs if w is not None and s is not None]
    total = sum(w for w, _ in usable)
    return round(sum(w * s for w, s in usable) / total, 2) if total > 0 else None


def evaluation_indices(data: dict[str, Any]) -> list[tuple[int, float]]:
    """(year, index) per evaluated year, oldest first."""
    found = []
    for evaluation in data.get("evaluations") or []:
        if isinstance(evaluation, dict) and isinstance(evaluation.get("year"), int):
            index = evaluation_index(evaluation)
            if index is not None:
                found.append((evaluation["year"], index))
    return sorted(found)


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
