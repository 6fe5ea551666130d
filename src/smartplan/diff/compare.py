"""Compare two plans semantically (SPEC §3.2): items by id, keyed maps by key, string lists
as sets. Reordering alone is no change; a field on one side only is added or removed.

Pure functions over plain data: no files, no printing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

Op = Literal["added", "removed", "changed"]


@dataclass(frozen=True)
class Change:
    """One difference: in `section`, item `id` (lists matched by id), at dotted `field`."""

    op: Op
    section: str
    id: str | None
    field: str | None
    old: Any
    new: Any

    def as_json(self) -> dict[str, Any]:
        return {
            "op": self.op,
            "section": self.section,
            "id": self.id,
            "field": self.field,
            "old": self.old,
            "new": self.new,
        }


# How the items of a list found at a path are matched: a function from item to key, or None
# when the list has no identity (then it is compared as a set of values). The path is the
# list's key names from the top, with "*" for a matched item.
Keyer = Callable[[dict[str, Any]], "str | None"]


def _field(name: str) -> Keyer:
    def key(item: dict[str, Any]) -> str | None:
        value = item.get(name)
        return None if value is None or isinstance(value, (dict, list)) else str(value)

    return key


def _budget_key(item: dict[str, Any]) -> str | None:
    year, source = item.get("year"), item.get("source")
    if year is None or isinstance(year, (dict, list)) or isinstance(source, (dict, list)):
        return None
    return f"{year}.{source}" if source is not None else str(year)


def _evaluation_key(item: dict[str, Any]) -> str | None:
    """Evaluations by year and round (§8): `2024.2`; a year evaluated once is just `2024`."""
    year, number = _field("year")(item), _field("round")(item)
    return None if year is None else f"{year}.{number}" if number is not None else year


def _rating_key(item: dict[str, Any]) -> str | None:
    """An outside rating by name and year: `RKCI 2019` (§10); one given every year differs."""
    name, year = _field("name")(item), _field("year")(item)
    return " ".join(part for part in (name, year) if part) or None


def _either(*names: str) -> Keyer:
    """The first of the fields an item has: a post may be listed by organization only (§8)."""
    keyers = [_field(name) for name in names]

    def key(item: dict[str, Any]) -> str | None:
        return next((k for k in (keyer(item) for keyer in keyers) if k is not None), None)

    return key


BY_YEAR = _field("year")
BY_NAME = _field("name")
BY_PERSON = _either("name", "organization")
KEYED_LISTS: dict[tuple[str, ...], Keyer] = {
    ("programs",): _field("id"),
    ("organizations",): _field("id"),
    ("regulations",): _field("id"),
    ("bimtek",): _field("stage"),
    ("evaluations",): _evaluation_key,
    ("programs", "*", "budget"): _budget_key,
    ("programs", "*", "indicators"): BY_NAME,
    ("programs", "*", "indicators", "*", "targets"): BY_YEAR,
    ("programs", "*", "indicators", "*", "actuals"): BY_YEAR,
    ("programs", "*", "progress"): _either("date", "year"),
    ("dimensions", "*", "indicators"): BY_NAME,
    ("dimensions", "*", "indicators", "*", "targets"): BY_YEAR,
    ("dimensions", "*", "indicators", "*", "actuals"): BY_YEAR,
    ("team", "council"): BY_PERSON,
    ("team", "implementers"): BY_PERSON,
    ("commitment", "signatories"): BY_PERSON,
    # the plan's record of itself (SPEC §10)
    ("team", "forum"): BY_PERSON,
    ("agreements",): _either("number", "title", "date"),
    ("ratings",): _rating_key,
}
# also_dimensions, missions and funding are lists of values: compared as sets, like every
# list without a key above.


def _keyer(path: tuple[str, ...]) -> Keyer | None:
    """The keyer of the list at `path`; a dimension's own key counts as "*"."""
    if path[:1] == ("dimensions",) and len(path) > 1:
        path = ("dimensions", "*", *path[2:])
    return KEYED_LISTS.get(path)


# Top-level lists whose items are the unit of review: a change names the item's id.
ITEM_SECTIONS = (
    "programs", "organizations", "regulations", "bimtek", "evaluations", "agreements", "ratings"
)  # fmt: skip


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every difference between two plans, in a stable order (old's key order, then new's)."""
    changes: list[Change] = []
    for section in _union(old, new):
        if section not in new:
            changes.append(Change("removed", section, None, None, old[section], None))
        elif section not in old:
            changes.append(Change("added", section, None, None, None, new[section]))
        else:
            changes += _section(section, old[section], new[section])
    return changes


def _section(section: str, old: Any, new: Any) -> list[Change]:
    path = (section,)
    if section in ITEM_SECTIONS and _listed(old, new) and path in KEYED_LISTS:
        return list(_items(section, old, new, KEYED_LISTS[path]))
    return [
        Change(op, section, None, field or None, before, after)
        for op, field, before, after in _walk(path, "", old, new)
    ]


def _items(section: str, old: list[Any], new: list[Any], keyer: Keyer) -> Iterator[Change]:
    """Top-level items matched by id: whole items added or removed, fields changed."""
    path = (section, "*")
    old_items, new_items = _keyed(old, keyer), _keyed(new, keyer)
    for key in _union(old_items, new_items):
        if key not in new_items:
            yield Change("removed", section, key, None, old_items[key], None)
        elif key not in old_items:
            yield Change("added", section, key, None, None, new_items[key])
        else:
            for op, field, before, after in _walk(path, "", old_items[key], new_items[key]):
                yield Change(op, section, key, field or None, before, after)


Difference = tuple[Op, str, Any, Any]


def _walk(path: tuple[str, ...], field: str, old: Any, new: Any) -> Iterator[Difference]:
    """Differences below one value, as (op, dotted field, old, new)."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in _union(old, new):
            name = _dotted(field, str(key))
            if key not in new:
                yield "removed", name, old[key], None
            elif key not in old:
                yield "added", name, None, new[key]
            else:
                yield from _walk((*path, str(key)), name, old[key], new[key])
    elif _listed(old, new) and (keyer := _keyer(path)) is not None:
        yield from _keyed_list(path, field, old, new, keyer)
    elif _listed(old, new):
        yield from _as_sets(field, old, new)
    elif not same(old, new):
        yield "changed", field, old, new


def _keyed_list(
    path: tuple[str, ...], field: str, old: list[Any], new: list[Any], keyer: Keyer
) -> Iterator[Difference]:
    old_items, new_items = _keyed(old, keyer), _keyed(new, keyer)
    for key in _union(old_items, new_items):
        name = _dotted(field, key)
        if key not in new_items:
            yield "removed", name, old_items[key], None
        elif key not in old_items:
            yield "added", name, None, new_items[key]
        else:
            yield from _walk((*path, "*"), name, old_items[key], new_items[key])


def _as_sets(field: str, old: list[Any], new: list[Any]) -> Iterator[Difference]:
    """Lists without identity: each value added or removed once (a repeat counts)."""
    old_counts, new_counts = _counts(old), _counts(new)
    for token, (value, count) in old_counts.items():
        for _ in range(count - new_counts.get(token, (value, 0))[1]):
            yield "removed", field, value, None
    for token, (value, count) in new_counts.items():
        for _ in range(count - old_counts.get(token, (value, 0))[1]):
            yield "added", field, None, value


def _keyed(items: list[Any], keyer: Keyer) -> dict[str, Any]:
    """Items by key; an item without a usable key, or a repeated key, gets its position."""
    keyed: dict[str, Any] = {}
    for index, item in enumerate(items):
        key = keyer(item) if isinstance(item, dict) else None
        if key is None or key in keyed:
            key = f"{key or ''}[{index + 1}]"
        keyed[key] = item
    return keyed


def _counts(values: list[Any]) -> dict[str, tuple[Any, int]]:
    counts: dict[str, tuple[Any, int]] = {}
    for value in values:
        token = canonical(value)
        counts[token] = (value, counts.get(token, (value, 0))[1] + 1)
    return counts


def canonical(value: Any) -> str:
    """A text equal for equal values whatever the key order; True and 1 differ."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def same(old: Any, new: Any) -> bool:
    return (type(old) is type(new) and old == new) or canonical(old) == canonical(new)


def _listed(old: Any, new: Any) -> bool:
    return isinstance(old, list) and isinstance(new, list)


def _union(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return [*old, *(key for key in new if key not in old)]


def _dotted(field: str, name: str) -> str:
    return f"{field}.{name}" if field else name
