"""A compiled yes/no validator for the common case: a valid plan never imports jsonschema.

The schema is turned once into nested closures for the keywords our schemas use; a plan they
accept has no schema findings. Anything else goes to jsonschema, which explains the errors.
`integer` refuses floats (`2023.0` is not a year), as the exact path does.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "default", "examples", "$comment"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


class Unsupported(Exception):
    """The schema uses a keyword this compiler does not know: use jsonschema alone."""


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": _is_number,
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _equal(a: Any, b: Any) -> bool:
    """JSON equality at any depth: true is not 1, 1 is 1.0, key order does not count."""
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_equal(a[k], b[k]) for k in a)
    if isinstance(a, (list, dict)) or isinstance(b, (list, dict)):
        return False
    return _same(a, b)


def _unique(value: Any) -> bool:
    """uniqueItems: no two items of a list are equal (a few years, so pairs are cheap)."""
    if not isinstance(value, list):
        return True
    return not any(_equal(x, y) for i, x in enumerate(value) for y in value[i + 1 :])


def _date(value: Any) -> bool:
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _all(checks: list[Check]) -> Check:
    """One check that passes when every check passes (no generator for the usual one or two)."""
    if not checks:
        return lambda _: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)
    if len(checks) == 3:
        first, second, third = checks
        return lambda v: first(v) and second(v) and third(v)
    every = tuple(checks)

    def check(v: Any) -> bool:
        for test in every:  # noqa: SIM110 (a loop: no generator per value)
            if not test(v):
                return False
        return True

    return check


def compile_schema(schema: dict[str, Any]) -> Check | None:
    """A predicate equivalent to the schema's validity, or None when it cannot be compiled."""
    try:
        return _Compiler(schema).build(schema)
    except Unsupported:
        return None


class _Compiler:
    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root
        self.base = str(root.get("$id", ""))
        self.refs: dict[str, Check] = {}

    def build(self, node: Any) -> Check:
        if node is True or node == {}:
            return lambda _: True
        if node is False:
            return lambda _: False
        checks = [self._keyword(key, value, node) for key, value in node.items()]
        return _all([check for check in checks if check is not None])

    def _keyword(self, key: str, value: Any, node: dict[str, Any]) -> Check | None:
        if key in ANNOTATIONS or key in ("then", "else", "patternProperties"):
            return None  # handled by `if` / `additionalProperties`-`properties`, or annotation
        maker = getattr(self, "_" + key.lstrip("$"), None)
        if maker is None:
            raise Unsupported(key)
        check: Check = maker(value, node)
        return check

    def _type(self, value: Any, node: dict[str, Any]) -> Check:
        tests = [TYPES[t] for t in (value if isinstance(value, list) else [value])]
        if len(tests) == 1:
            return tests[0]
        return lambda v: any(test(v) for test in tests)

    def _enum(self, value: Any, node: dict[str, Any]) -> Check:
        if all(isinstance(option, str) for option in value):
            options = frozenset(value)
            return lambda v: isinstance(v, str) and v in options
        return lambda v: any(_same(v, option) for option in value)

    def _const(self, value: Any, node: dict[str, Any]) -> Check:
        return lambda v: _same(v, value)

    def _minLength(self, value: Any, node: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, str) or len(v) >= value

    def _pattern(self, value: Any, node: dict[str, Any]) -> Check:
        search = re.compile(value).search
        return lambda v: not isinstance(v, str) or search(v) is not None

    def _format(self, value: Any, node: dict[str, Any]) -> Check:
        if value != "date":
            raise Unsupported(f"format {value}")
        return _date

    def _minimum(self, value: Any, node: dict[str, Any]) -> Check:
        return lambda v: not _is_number(v) or v >= value

    def _maximum(self, value: Any, node: dict[str, Any]) -> Check:
        return lambda v: not _is_number(v) or v <= value

    def _minItems(self, value: Any, node: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) >= value

    def _maxItems(self, value: Any, node: dict[str, Any]) -> Check:
        return lambda v: not isinstance(v, list) or len(v) <= value

    def _uniqueItems(self, value: Any, node: dict[str, Any]) -> Check:
        return _unique if value is True else (lambda _: True)

    def _items(self, value: Any, node: dict[str, Any]) -> Check:
        item = self.build(value)

        def check(v: Any) -> bool:
            if isinstance(v, list):
                for x in v:
                    if not item(x):
                        return False
            return True

        return check

    def _contains(self, value: Any, node: dict[str, Any]) -> Check:
        item = self.build(value)
        return lambda v: not isinstance(v, list) or any(item(x) for x in v)

    def _required(self, value: Any, node: dict[str, Any]) -> Check:
        keys = frozenset(value)
        return lambda v: not isinstance(v, dict) or keys <= v.keys()

    def _propertyNames(self, value: Any, node: dict[str, Any]) -> Check:
        name = self.build(value)
        return lambda v: not isinstance(v, dict) or all(name(key) for key in v)

    def _properties(self, value: Any, node: dict[str, Any]) -> Check:
        known = {key: self.build(sub) for key, sub in value.items()}
        if "additionalProperties" in node:
            return lambda _: True  # checked together with the additional ones
        pairs = tuple(known.items())

        def check(v: Any) -> bool:
            if isinstance(v, dict):
                for key, test in pairs:
                    if key in v and not test(v[key]):
                        return False
            return True

        return check

    def _additionalProperties(self, value: Any, node: dict[str, Any]) -> Check:
        known = {key: self.build(sub) for key, sub in node.get("properties", {}).items()}
        patterns = [
            (re.compile(p).search, self.build(s))
            for p, s in node.get("patternProperties", {}).items()
        ]
        other = self.build(value)
        plans: dict[str, Check] = {}  # key -> the check its value must pass (keys repeat)

        def plan(key: str) -> Check:
            own = known.get(key)
            matched = [test for search, test in patterns if search(key)]
            tests = ([] if own is None else [own]) + matched
            return _all(tests if own is not None or matched else [other])

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return True
            for key, item in v.items():
                test = plans.get(key)
                if test is None:
                    test = plan(key)
                    if len(plans) < 4096:
                        plans[key] = test
                if not test(item):
                    return False
            return True

        return check

    def _if(self, value: Any, node: dict[str, Any]) -> Check:
        condition = self.build(value)
        then, otherwise = self.build(node.get("then", True)), self.build(node.get("else", True))
        return lambda v: then(v) if condition(v) else otherwise(v)

    def _ref(self, value: Any, node: dict[str, Any]) -> Check:
        if value not in self.refs:
            self.refs[value] = lambda v: False  # placeholder while building (recursion)
            target = self._resolve(value)
            built = self.build(target)
            self.refs[value] = built
        return lambda v: self.refs[value](v)

    def _resolve(self, ref: str) -> Any:
        base, _, fragment = ref.partition("#")
        if base and base != self.base:
            raise Unsupported(f"remote $ref {ref}")
        node: Any = self.root
        for token in filter(None, fragment.split("/")):
            node = node[token.replace("~1", "/").replace("~0", "~")]
        return node
