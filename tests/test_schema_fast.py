"""The compiled validator and jsonschema agree on every plan: valid ones and broken ones."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import EXAMPLES
from smartplan.loader import load_plan
from smartplan.schema import fast_check, validator
from smartplan.schema.compiled import compile_schema

PLANS = [load_plan(p).document for p in sorted(EXAMPLES.glob("*/masterplan.yaml"))]
DATA = [document.data for document in PLANS if document is not None]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 3000),
    st.floats(allow_nan=False),
    st.sampled_from(["", "x", "2022-02-30", "2022-06-13", "short", "GOV 01", "15.10", "x-note"]),
    st.sampled_from([2023.0, 1944, 2101, 0, 5, 6, -1, 100.5]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=2)
        | st.dictionaries(st.sampled_from(["id", "name", "x-a", "zz"]), inner, max_size=2)
    ),
    max_leaves=4,
)


def paths(node: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [here]
    if isinstance(node, dict):
        for key, child in node.items():
            found += paths(child, (*here, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += paths(child, (*here, index))
    return found


def mutate(data: dict[str, Any], choice: int, how: int, value: Any) -> dict[str, Any]:
    data = copy.deepcopy(data)
    where = paths(data)[choice % len(paths(data))]
    if not where:
        return data
    parent = data
    for step in where[:-1]:
        parent = parent[step]
    last = where[-1]
    if how == 0:
        parent[last] = value  # change a value or a type
    elif how == 1 and isinstance(parent, dict):
        del parent[last]  # drop a (maybe required) key
    elif how == 2 and isinstance(parent, dict):
        parent[f"{last}_extra"] = value  # an unknown key
    elif isinstance(parent[last], dict):
        parent[last]["x-ext"] = value  # extension keys are always fine
    return data


@pytest.mark.parametrize("data", DATA)
def test_examples_valid_on_both_paths(data: dict[str, Any]) -> None:
    check = fast_check()
    assert check is not None and check(data)
    assert validator().is_valid(data)


@given(st.integers(0, len(DATA) - 1), st.integers(0, 10_000), st.integers(0, 3), values)
def test_fast_and_exact_agree_on_mutated_plans(
    plan: int, choice: int, how: int, value: Any
) -> None:
    data = mutate(DATA[plan], choice, how, value)
    check = fast_check()
    assert check is not None
    assert check(data) == validator().is_valid(data)


@pytest.mark.parametrize("name", ["config", "framework"])
def test_other_schemas_compile(name: str) -> None:
    assert fast_check(name) is not None


def test_unknown_keyword_falls_back_to_jsonschema() -> None:
    assert compile_schema({"type": "object", "dependentRequired": {"a": ["b"]}}) is None


CORPUS = sorted((EXAMPLES.parent / "tests" / "corpus").rglob("*.yaml"))


def test_fast_and_exact_agree_on_the_hostile_corpus() -> None:
    """Every plan of tests/corpus that loads: the compiled validator and jsonschema agree."""
    check = fast_check()
    assert check is not None
    compared = 0
    for path in CORPUS:
        try:
            document = load_plan(path).document
        except OSError:
            continue
        if document is not None:
            assert check(document.data) == validator().is_valid(document.data), path
            compared += 1
    assert compared >= 60
