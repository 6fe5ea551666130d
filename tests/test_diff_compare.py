"""The semantic comparison (SPEC §3.2): table-like cases, then hypothesis properties: a plan
against itself and against a shuffled copy is no change; between two generated plans every
reported change is a real difference and every difference is reported (applying the changes
to the old plan gives the new one)."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smartplan.diff import Change, compare, diff_data
from smartplan.diff.compare import canonical


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(c.op, c.section, c.id, c.field, c.old, c.new) for c in compare(old, new)]


PROGRAM = {
    "id": "GOV-01",
    "name": "Mal Pelayanan Publik",
    "dimension": "governance",
    "horizon": "medium",
    "partners": ["diskominfo", "bappeda"],
    "budget": [
        {"year": 2023, "amount": 1_000_000_000, "source": "apbd"},
        {"year": 2023, "amount": 200_000_000, "source": "csr"},
        {"year": 2024, "amount": 500_000_000},
    ],
    "indicators": [
        {"name": "Layanan di MPP", "targets": [{"year": 2027, "value": 150}], "refs": [{"id": "a"}]}
    ],
}


def plan(**changes_: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "smartplan": 1,
        "stage": 2,
        "vision": "Kota cerdas",
        "period": {"start": 2023, "end": 2032},
        "swot": {"threats": ["banjir", "siber"]},
        "dimensions": {"governance": {"goal": "melayani", "issues": ["a"]}},
        "programs": [copy.deepcopy(PROGRAM)],
    }
    base.update(changes_)
    return base


def edited(path: list[Any], value: Any) -> dict[str, Any]:
    data = plan()
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (["stage"], 3, ("changed", "stage", None, None, 2, 3)),
        (["period", "end"], 2033, ("changed", "period", None, "end", 2032, 2033)),
        (
            ["programs", 0, "horizon"],
            "short",
            ("changed", "programs", "GOV-01", "horizon", "medium", "short"),
        ),
        (
            ["programs", 0, "budget", 0, "amount"],
            9,
            ("changed", "programs", "GOV-01", "budget.2023.apbd.amount", 1_000_000_000, 9),
        ),
        (
            ["programs", 0, "budget", 2, "amount"],
            9,
            ("changed", "programs", "GOV-01", "budget.2024.amount", 500_000_000, 9),
        ),
        (
            ["programs", 0, "indicators", 0, "targets", 0, "value"],
            200,
            (
                "changed",
                "programs",
                "GOV-01",
                "indicators.Layanan di MPP.targets.2027.value",
                150,
                200,
            ),
        ),
        (
            ["dimensions", "governance", "goal"],
            "cepat",
            ("changed", "dimensions", None, "governance.goal", "melayani", "cepat"),
        ),
        (
            ["programs", 0, "quick_win"],
            True,
            ("added", "programs", "GOV-01", "quick_win", None, True),
        ),
        (
            ["vision"],
            "Kota cerdas ",
            ("changed", "vision", None, None, "Kota cerdas", "Kota cerdas "),
        ),
    ],
)
def test_one_edit_is_one_change(path: list[Any], value: Any, expected: tuple[Any, ...]) -> None:
    assert changes(plan(), edited(path, value)) == [expected]


def test_string_lists_are_sets_one_change_per_string() -> None:
    new = plan(swot={"threats": ["siber", "kekeringan"]})
    assert changes(plan(), new) == [
        ("removed", "swot", None, "threats", "banjir", None),
        ("added", "swot", None, "threats", None, "kekeringan"),
    ]


def test_budget_lines_match_by_year_and_source() -> None:
    new = copy.deepcopy(plan())
    new["programs"][0]["budget"][1]["source"] = "apbn"
    line = {"year": 2023, "amount": 200_000_000}
    assert changes(plan(), new) == [
        ("removed", "programs", "GOV-01", "budget.2023.csr", {**line, "source": "csr"}, None),
        ("added", "programs", "GOV-01", "budget.2023.apbn", None, {**line, "source": "apbn"}),
    ]


def test_renamed_id_is_removal_plus_addition() -> None:
    new = plan()
    new["programs"][0]["id"] = "GOV-02"
    ops = [(op, pid) for op, _, pid, *_ in changes(plan(), new)]
    assert ops == [("removed", "GOV-01"), ("added", "GOV-02")]


def test_reordering_and_key_order_are_no_change() -> None:
    new = plan()
    program = new["programs"][0]
    program["budget"].reverse()
    program["partners"].reverse()
    new["programs"] = [dict(reversed(list(program.items())))]
    new["swot"]["threats"].reverse()
    assert compare(plan(), new) == []


def test_types_are_not_confused() -> None:
    assert changes(plan(stage=2), plan(stage=2.0))[0][4:] == (2, 2.0)
    assert changes(
        edited(["programs", 0, "quick_win"], 1), edited(["programs", 0, "quick_win"], True)
    )


def test_a_field_on_one_side_only_is_not_defaulted() -> None:
    old = edited(["programs", 0, "quick_win"], False)
    assert changes(old, plan()) == [("removed", "programs", "GOV-01", "quick_win", False, None)]


def test_items_without_ids_are_matched_by_position() -> None:
    old = plan(programs=[{"name": "a"}, {"name": "b"}])
    new = plan(programs=[{"name": "a"}, {"name": "c"}])
    assert changes(old, new) == [("changed", "programs", "[2]", "name", "b", "c")]


def test_review_counts_quick_wins_horizons_budget_and_dimensions() -> None:
    new = plan()
    new["stage"] = 3
    new["programs"][0].update(horizon="short", quick_win=True)
    new["programs"][0]["budget"][0]["amount"] = 1_500_000_000
    new["programs"].append({"id": "ECO-01", "name": "Pasar", "dimension": "economy"})
    review = diff_data(plan(), new).review
    assert review.stage == (2, 3) and review.programs == (1, 2) and review.quick_wins == (0, 1)
    assert review.quick_wins_gained == ["GOV-01"] and review.quick_wins_lost == []
    assert [(s.id, s.old, s.new) for s in review.horizon_shifts] == [("GOV-01", "medium", "short")]
    assert {name: d.as_json() for name, d in review.dimensions.items()} == {
        "economy": {"added": ["ECO-01"], "removed": [], "changed": []},
        "governance": {"added": [], "removed": [], "changed": ["GOV-01"]},
    }
    lines = {(b.year, b.source): (b.old, b.new, b.difference) for b in review.budget}
    assert lines[(2023, "apbd")] == (1_000_000_000, 1_500_000_000, 500_000_000)
    assert lines[(2024, "-")] == (500_000_000, 500_000_000, 0)


# --- properties -------------------------------------------------------------------------------

IDS = st.sampled_from(["GOV-01", "GOV-02", "ECO-01", "LIV-03"])
WORDS = st.sampled_from(["banjir", "siber", "sampah", "macet", "Rp", "ünïcode", ""])
YEARS = st.integers(2022, 2026)
SCALARS = st.one_of(st.integers(-3, 3), st.booleans(), WORDS, st.none(), st.floats(0, 2))


def _point(year: int) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"year": st.just(year), "value": st.integers(0, 3)})


def _keyed(make: Any, keys: st.SearchStrategy[Any]) -> st.SearchStrategy[list[Any]]:
    return st.lists(keys, unique=True, max_size=3).flatmap(
        lambda ks: st.tuples(*(make(k) for k in ks)).map(list)
    )


def _line(key: tuple[int, str]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"year": st.just(key[0]), "source": st.just(key[1]), "amount": st.integers(0, 3)}
    )


def _indicator(name: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"name": st.just(name), "targets": _keyed(_point, YEARS)},
        optional={"unit": WORDS, "actuals": _keyed(_point, YEARS)},
    )


def _program(pid: str) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"id": st.just(pid), "name": WORDS},
        optional={
            "horizon": st.sampled_from(["short", "medium", "long"]),
            "quick_win": st.booleans(),
            "start": YEARS,
            "partners": st.lists(WORDS, unique=True, max_size=3),
            "budget": _keyed(_line, st.tuples(YEARS, st.sampled_from(["apbd", "csr"]))),
            "indicators": _keyed(_indicator, st.sampled_from(["KPI a", "KPI b"])),
            "x-note": SCALARS,
        },
    )


PLANS = st.fixed_dictionaries(
    {"smartplan": st.just(1), "stage": st.integers(1, 4)},
    optional={
        "vision": WORDS,
        "period": st.fixed_dictionaries({"start": YEARS}, optional={"end": YEARS}),
        "missions": st.lists(WORDS, unique=True, max_size=3),
        "swot": st.fixed_dictionaries(
            {}, optional={"threats": st.lists(WORDS, unique=True, max_size=3)}
        ),
        "programs": _keyed(_program, IDS),
    },
)


def shuffled(value: Any, rng: random.Random) -> Any:
    """The same plan written in another order: every list and every mapping reordered."""
    if isinstance(value, dict):
        items = [(k, shuffled(v, rng)) for k, v in value.items()]
        rng.shuffle(items)
        return dict(items)
    if isinstance(value, list):
        items = [shuffled(v, rng) for v in value]
        rng.shuffle(items)
        return items
    return value


@given(PLANS)
def test_a_plan_against_itself_is_no_change(data: dict[str, Any]) -> None:
    assert compare(data, copy.deepcopy(data)) == []


@given(PLANS, st.randoms(use_true_random=False))
def test_reordering_is_no_change(data: dict[str, Any], rng: random.Random) -> None:
    assert compare(data, shuffled(data, rng)) == []


# Normal form: keyed lists become mappings by the same keys a reader would use (budget by year,
# then source), string lists become sorted lists. Applying the reported changes to the normal
# form of OLD must give the normal form of NEW.
KEYED = {"programs": "id", "indicators": "name", "targets": "year", "actuals": "year"}


def normal(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: normal(v, k) for k, v in value.items()}
    if isinstance(value, list) and key == "budget":
        by_year: dict[str, dict[str, Any]] = {}
        for line in value:
            by_year.setdefault(str(line["year"]), {})[line["source"]] = normal(line)
        return by_year
    if isinstance(value, list) and key in KEYED:
        return {str(item[KEYED[key]]): normal(item) for item in value}
    if isinstance(value, list):
        return sorted(value)
    return value


def apply(state: dict[str, Any], change: Change) -> None:
    path = [change.section] + ([change.id] if change.id is not None else [])
    path += change.field.split(".") if change.field else []
    parent = state
    for step in path[:-1]:
        parent = parent.setdefault(step, {})
    last = path[-1]
    current = parent.get(last)
    if change.op == "changed":
        assert current == normal(change.old, last) and canonical(change.old) != canonical(
            change.new
        )
        parent[last] = normal(change.new, last)
    elif isinstance(current, list) and not isinstance(
        change.new if change.op == "added" else change.old, list
    ):
        # one string of a string set
        if change.op == "added":
            assert change.new not in current
            parent[last] = sorted([*current, change.new])
        else:
            current.remove(change.old)
    elif change.op == "added":
        assert last not in parent, f"{change} adds what is there"
        parent[last] = normal(change.new, last)
    else:
        assert current == normal(change.old, last), f"{change} removes what is not there"
        del parent[last]


def pruned(value: Any) -> Any:
    """Empty budget years are an artefact of the normal form (the year of a removed line)."""
    if isinstance(value, dict):
        return {
            k: pruned(v)
            for k, v in value.items()
            if not (isinstance(v, dict) and not v and k.isdigit())
        }
    return value


@given(PLANS, PLANS)
def test_changes_are_exactly_the_differences(old: dict[str, Any], new: dict[str, Any]) -> None:
    state = normal(copy.deepcopy(old))
    for change in compare(old, new):
        apply(state, change)
    assert canonical(pruned(state)) == canonical(pruned(normal(new)))


def test_evaluations_match_by_year_and_round() -> None:
    old = plan(evaluations=[{"year": 2024, "round": 1, "note": "a"}, {"year": 2024, "round": 2}])
    new = plan(evaluations=[{"year": 2024, "round": 2, "note": "b"}, {"year": 2024, "round": 1, "note": "a"}])
    assert changes(old, new) == [("added", "evaluations", "2024.2", "note", None, "b")]


def test_secondary_dimensions_missions_and_funding_are_sets() -> None:
    program = {**copy.deepcopy(PROGRAM), "also_dimensions": ["society"], "missions": [1], "funding": ["apbd"]}
    moved = {**copy.deepcopy(program), "also_dimensions": ["living", "society"], "missions": [1, 3], "funding": ["csr"]}
    assert changes(plan(programs=[program]), plan(programs=[moved])) == [
        ("added", "programs", "GOV-01", "also_dimensions", None, "living"),
        ("added", "programs", "GOV-01", "missions", None, 3),
        ("removed", "programs", "GOV-01", "funding", "apbd", None),
        ("added", "programs", "GOV-01", "funding", None, "csr"),
    ]
    reordered = {**copy.deepcopy(moved), "also_dimensions": ["society", "living"], "missions": [3, 1]}
    assert changes(plan(programs=[moved]), plan(programs=[reordered])) == []


def test_a_post_without_a_person_is_matched_by_organization() -> None:
    old = plan(commitment={"signatories": [{"organization": "pemkot", "role": "head"}]})
    new = plan(commitment={"signatories": [{"organization": "pemkot", "role": "head", "title": "T"}]})
    assert changes(old, new) == [
        ("added", "commitment", None, "signatories.pemkot.title", None, "T")
    ]


def test_review_lists_quick_wins_by_year() -> None:
    first = {**copy.deepcopy(PROGRAM), "quick_win": True, "start": 2023}
    later = {**copy.deepcopy(PROGRAM), "id": "SOC-01", "quick_win": 2026}
    moved = {**copy.deepcopy(first), "quick_win": 2025}
    review = diff_data(plan(programs=[first]), plan(programs=[moved, later])).review
    assert [(y.year, y.old, y.new) for y in review.quick_win_years] == [
        (2023, ["GOV-01"], []),
        (2025, [], ["GOV-01"]),
        (2026, [], ["SOC-01"]),
    ]
    assert review.quick_wins == (1, 2) and review.quick_wins_gained == ["SOC-01"]
    assert review.as_json()["quick_win_years"][0] == {"year": 2023, "old": ["GOV-01"], "new": []}
