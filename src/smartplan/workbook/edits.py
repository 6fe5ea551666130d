"""What an edited workbook changes in a plan: a cell is a change only when it differs from what
`export --format xlsx` wrote for the plan as it is, so an unedited export changes nothing.

Edits name a programme and a path inside it, with list positions of the plan as loaded, so the
writer finds the same item in the YAML file whatever its formatting.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Any

from smartplan.errors import UsageError
from smartplan.i18n import _
from smartplan.workbook.sheets import Cell, CellError


class Op(str, enum.Enum):
    SET = "set"  # give a field (or a list item's value) a new value
    DROP = "drop"  # remove a field, or a list item
    ADD = "add"  # append an item (a programme, a budget line, an indicator, a target)


@dataclass(frozen=True)
class Edit:
    program: str
    path: tuple[str | int, ...]  # ("lead",), ("budget", 2), ("indicators", 0, "targets"), ...
    op: Op
    value: Any
    cell: str  # where the change was typed, for every message about it
    # a new programme: the cell of each of its fields (a finding about one names that cell)
    cells: tuple[tuple[str, str], ...] = ()


# the order of a programme's keys in the YAML (SPEC §2): where a new key is inserted
PROGRAM_KEYS = (
    "id", "name", "dimension", "also_dimensions", "element", "horizon", "kind", "quick_win",
    "start", "end", "lead", "partners", "missions", "rpjmd", "description", "funding", "budget",
    "indicators", "depends_on", "regulations", "status", "progress",
)  # fmt: skip
INDICATOR_KEYS = ("name", "unit", "type", "baseline", "targets", "actuals", "refs")


def written(value: Any) -> Any:
    """The value a cell holds after the export wrote `value` and openpyxl read it back."""
    from smartplan.reporters.xlsx import cell_value

    value = cell_value(value)
    if isinstance(value, str):
        return value.strip() or None
    return value


def same(cell: Cell, value: Any) -> bool:
    """Did the team leave this cell as exported? (A number retyped as 2023.0 is the same.)"""
    left, right = written(cell.value), written(value)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        # a workbook keeps about 15 significant digits, as Excel shows them
        return math.isclose(left, right, rel_tol=1e-12, abs_tol=0.0)
    return bool(left == right)


def refuse(cell: str, message: str) -> CellError:
    return CellError(f"{cell}: {message}")


def duplicates(ids: list[str]) -> None:
    seen: set[str] = set()
    for pid in ids:
        if pid in seen:
            raise UsageError(
                _(
                    "the plan repeats programme id {id}: fix it first (smartplan validate)",
                    id=pid,
                )
            )
        seen.add(pid)
