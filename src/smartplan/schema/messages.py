"""Wording for schema errors: what was expected and where, in words, not schema keywords."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smartplan.i18n import _
from smartplan.loader.document import join
from smartplan.loader.scalars import clip as _clip

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": (
        "an id: start with a letter or digit, then letters, digits, '.', '_' or '-'"
    ),
    r"^[0-9]{2}(\.[0-9]{2})?$": 'a Kemendagri code "NN" or "NN.NN" written as text',
}
_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "empty",
}
_SECTIONS = {"programs": "program", "organizations": "organization", "regulations": "regulation"}


@dataclass(frozen=True)
class Problem:
    message: str
    pointer: str | None = None  # None: the error's own place
    at_key: bool = False
    quote_hint: str = ""  # what the unquoted value is read as, where text was wanted
    suggestion: str = ""  # the did-you-mean replacement, for editors' quick fixes
    missing: str = ""  # the required field this problem asks for


def explain(error: ValidationError, data: Any, pointer: str) -> list[Problem]:
    """One Problem per thing the user must change."""
    kind = str(error.validator)
    where = _where(error, data)
    if kind == "required":
        required: Any = error.validator_value
        instance: Any = error.instance
        missing = [key for key in required if key not in instance]
        owner = _path_text(error, where)
        prefix = where + (f"{owner}: " if owner else "")
        if missing == ["name"] and "else" in error.relative_schema_path:
            # team members and signatories (§8): a post may be listed without a person
            words = _("needs a name or an organization (a post without a person)")
            return [Problem(prefix + words)]
        return [Problem(f"{prefix}missing required field '{key}'", missing=key) for key in missing]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        return [
            Problem(
                _unknown(where, key, _schema(error)),
                join(pointer, key),
                at_key=True,
                suggestion=_close(key, list(_schema(error).get("properties", {}))),
            )
            for key in _extra_keys(error)
        ]
    if "propertyNames" in error.relative_schema_path:
        key = str(error.instance)
        return [Problem(f"{where}key '{key}' is not {_pattern(error)}", join(pointer, key), True)]
    return [_value_problem(kind, error, _field(error, where))]


def _value_problem(kind: str, error: ValidationError, field: str) -> Problem:
    value: Any = error.instance
    expected: Any = error.validator_value
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        wanted = " or ".join(_TYPES.get(str(t), str(t)) for t in types)
        if sorted(map(str, types)) == ["boolean", "integer"]:
            wanted = "true, false or a year"  # quick_win: true or the year it was designated
        quote = ""
        if "string" in types and isinstance(value, (bool, int, float)):
            # YAML 1.1 reads 15.10 as 15.1, 0123 as 83 and no/off as false (the Norway problem)
            quote = _describe(value) if isinstance(value, bool) else "a number"
        return Problem(f"{field} must be {wanted}, not {_describe(value)}", quote_hint=quote)
    if kind == "enum":
        return Problem(
            f"{field} must be one of {', '.join(map(str, expected))}, not "
            f"{_describe(value)}{_suggest(value, expected)}",
            suggestion=_close(value, expected),
        )
    if kind == "const":
        return Problem(f"{field} must be {expected!r}, not {_describe(value)}")
    if kind == "pattern":
        return Problem(f"{field} {_describe(value)} is not {_pattern(error)}")
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = {
            "minimum": "at least",
            "maximum": "at most",
            "exclusiveMinimum": "more than",
            "exclusiveMaximum": "less than",
        }[kind]
        return Problem(f"{field} must be {bound} {expected}, not {_clip(str(value))}")
    if kind in ("minLength", "minItems", "minProperties"):
        return Problem(
            f"{field} must not be empty"
            if expected == 1
            else f"{field} needs at least {expected} items"
        )
    if kind == "format":
        hint = " (YYYY-MM-DD)" if expected == "date" else ""
        return Problem(f"{field} {_describe(value)} is not a valid {expected}{hint}")
    if kind == "uniqueItems":
        return Problem(f"{field} lists the same item more than once")
    return Problem(f"{field}: {error.message}")


def _where(error: ValidationError, data: Any) -> str:
    """`program GOV-03: ` when the error lies inside an identified item, else ''."""
    path = list(error.absolute_path)
    if len(path) >= 2 and path[0] in _SECTIONS and isinstance(path[1], int):
        try:
            item_id = data[path[0]][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            item_id = None
        label = (
            f"{_SECTIONS[path[0]]} {item_id}"
            if isinstance(item_id, str) and item_id
            else (f"{_SECTIONS[path[0]]} #{path[1] + 1}")
        )
        return f"{label}: "
    return ""


def _path_text(error: ValidationError, where: str) -> str:
    """`budget[0].year`: the path below the identified item (or from the top)."""
    text = ""
    for part in list(error.absolute_path)[2 if where else 0 :]:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _field(error: ValidationError, where: str) -> str:
    return where + (_path_text(error, where) or ("the item" if where else "the document"))


def _schema(error: ValidationError) -> dict[str, Any]:
    return dict(error.schema) if isinstance(error.schema, dict) else {}


def _extra_keys(error: ValidationError) -> list[str]:
    known = _schema(error).get("properties", {})
    patterns = [re.compile(p) for p in _schema(error).get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        key for key in instance if key not in known and not any(p.search(key) for p in patterns)
    ]


def _unknown(where: str, key: str, schema: dict[str, Any]) -> str:
    allowed = list(schema.get("properties", {}))
    text = f"{where}unknown field '{key}'{_suggest(key, allowed)}"
    if allowed:
        text += f"; allowed here: {', '.join(allowed)} (or an x- extension key)"
    return text


def _suggest(value: Any, choices: list[Any]) -> str:
    close = _close(value, choices)
    return f" (did you mean '{close}'?)" if close else ""


def _close(value: Any, choices: list[Any]) -> str:
    """The closest choice to a mistyped text value, or ''."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, [str(c) for c in choices], n=1, cutoff=0.6)
    return close[0] if close else ""


def _pattern(error: ValidationError) -> str:
    pattern = str(_schema(error).get("pattern", error.validator_value))
    return _PATTERNS.get(pattern, f"matching the pattern {pattern}")


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{_clip(value)}'"
    if isinstance(value, (int, float)):
        return f"the number {_clip(str(value))}"
    return "a list" if isinstance(value, list) else "a mapping"
