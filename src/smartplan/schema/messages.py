"""Wording for schema errors: what was expected and where, in words, not schema keywords."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from smartplan.files.limits import clip as _clip
from smartplan.hints import closest, did_you_mean
from smartplan.i18n import N_, _
from smartplan.loader.document import join

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

_PATTERNS = {
    r"^[A-Za-z0-9][A-Za-z0-9._-]*$": N_(
        "an id: start with a letter or digit, then letters, digits, '.', '_' or '-'"
    ),
    r"^[0-9]{2}(\.[0-9]{2})?$": N_('a Kemendagri code "NN" or "NN.NN" written as text'),
}
_TYPES = {
    "string": N_("text"),
    "integer": N_("a whole number"),
    "number": N_("a number"),
    "boolean": N_("true or false"),
    "array": N_("a list"),
    "object": N_("a mapping"),
    "null": N_("empty"),
}
_BOUNDS = {
    "minimum": N_("{field} must be at least {bound}, not {value}"),
    "maximum": N_("{field} must be at most {bound}, not {value}"),
    "exclusiveMinimum": N_("{field} must be more than {bound}, not {value}"),
    "exclusiveMaximum": N_("{field} must be less than {bound}, not {value}"),
}
_SECTIONS = {
    "programs": (N_("program {id}"), N_("program #{number}")),
    "organizations": (N_("organization {id}"), N_("organization #{number}")),
    "regulations": (N_("regulation {id}"), N_("regulation #{number}")),
}
# 2.500.000.000 or 2,500,000,000: an amount written with thousands separators is text in YAML
_SEPARATED = re.compile(r"^\d{1,3}([.,]\d{3})+$")


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
    item = _item(error, data)
    if kind == "required":
        required: Any = error.validator_value
        instance: Any = error.instance
        missing = [key for key in required if key not in instance]
        owner = _path_text(error, item)
        if missing == ["name"] and "else" in error.relative_schema_path:
            # team members and signatories (§8): a post may be listed without a person
            words = _("needs a name or an organization (a post without a person)")
            return [Problem(_within(item, owner, words))]
        return [
            Problem(
                _within(item, owner, _("missing required field '{key}'", key=key)), missing=key
            )
            for key in missing
        ]
    if kind in ("additionalProperties", "unevaluatedProperties"):
        return [
            Problem(
                _within(item, "", _unknown(key, _schema(error))),
                join(pointer, key),
                True,
                suggestion=closest(key, list(_schema(error).get("properties", {}))) or "",
            )
            for key in _extra_keys(error)
        ]
    if "propertyNames" in error.relative_schema_path:
        key = str(error.instance)
        message = _("key '{key}' is not {pattern}", key=key, pattern=_pattern(error))
        return [Problem(_within(item, "", message), join(pointer, key), True)]
    return [_value_problem(kind, error, _field(error, item))]


def _value_problem(kind: str, error: ValidationError, field: str) -> Problem:
    value: Any = error.instance
    expected: Any = error.validator_value
    if kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        separated = isinstance(value, str) and _SEPARATED.match(value.strip())
        if {"integer", "number"} & set(types) and separated:
            digits = re.sub(r"[.,]", "", value.strip())
            return Problem(
                _(
                    "{field} must be a number, not the text '{value}': write the digits "
                    "without dots or commas ({digits})",
                    field=field,
                    value=value.strip(),
                    digits=digits,
                )
            )
        wanted = _either([_(_TYPES.get(str(t), str(t))) for t in types])
        if sorted(map(str, types)) == ["array", "boolean", "integer"]:
            # quick_win: true, the year it was designated, or its years (SPEC §10)
            wanted = _("true, false, a year or a list of years")
        quote = ""
        if "string" in types and isinstance(value, (bool, int, float)):
            # YAML 1.1 reads 15.10 as 15.1, 0123 as 83 and no/off as false (the Norway problem)
            quote = _describe(value) if isinstance(value, bool) else _("a number")
        return Problem(
            _("{field} must be {wanted}, not {value}", field=field, wanted=wanted,
              value=_describe(value)),
            quote_hint=quote,
        )  # fmt: skip
    if kind == "enum":
        message = _(
            "{field} must be one of {choices}, not {value}",
            field=field,
            choices=", ".join(map(str, expected)),
            value=_describe(value),
        )
        close = closest(value, expected)
        return Problem(did_you_mean(message, close), suggestion=close or "")
    if kind == "const":
        return Problem(
            _("{field} must be {expected}, not {value}", field=field, expected=repr(expected),
              value=_describe(value))
        )  # fmt: skip
    if kind == "pattern":
        return Problem(
            _("{field} {value} is not {pattern}", field=field, value=_describe(value),
              pattern=_pattern(error))
        )  # fmt: skip
    if kind in _BOUNDS:
        return Problem(_(_BOUNDS[kind], field=field, bound=expected, value=_clip(str(value))))
    if kind in ("minLength", "minItems", "minProperties"):
        return Problem(
            _("{field} must not be empty", field=field)
            if expected == 1
            else _("{field} needs at least {count} items", field=field, count=expected)
        )
    if kind == "format":
        if expected == "date":
            return Problem(
                _("{field} {value} is not a valid date (YYYY-MM-DD)", field=field,
                  value=_describe(value))
            )  # fmt: skip
        return Problem(
            _("{field} {value} is not a valid {format}", field=field, value=_describe(value),
              format=expected)
        )  # fmt: skip
    if kind == "uniqueItems":
        return Problem(_("{field} lists the same item more than once", field=field))
    return Problem(_("{field}: {message}", field=field, message=error.message))


def _item(error: ValidationError, data: Any) -> str:
    """`program GOV-03` when the error lies inside an identified item, else ''."""
    path = list(error.absolute_path)
    if len(path) >= 2 and path[0] in _SECTIONS and isinstance(path[1], int):
        try:
            item_id = data[path[0]][path[1]].get("id")
        except (AttributeError, IndexError, KeyError, TypeError):
            item_id = None
        named, numbered = _SECTIONS[path[0]]
        if isinstance(item_id, str) and item_id:
            return _(named, id=item_id)
        return _(numbered, number=path[1] + 1)
    return ""


def _within(item: str, path: str, message: str) -> str:
    """`program GOV-03: budget[0]: message`: where in the plan, then what."""
    for place in (path, item):
        if place:
            message = _("{place}: {message}", place=place, message=message)
    return message


def _path_text(error: ValidationError, item: str) -> str:
    """`budget[0].year`: the path below the identified item (or from the top)."""
    text = ""
    for part in list(error.absolute_path)[2 if item else 0 :]:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _field(error: ValidationError, item: str) -> str:
    path = _path_text(error, item)
    if not item:
        return path or _("the document")
    return _("{item}: {path}", item=item, path=path) if path else _("{item}: the item", item=item)


def _either(words: list[str]) -> str:
    if len(words) == 1:
        return words[0]
    return _("{first} or {second}", first=", ".join(words[:-1]), second=words[-1])


def _schema(error: ValidationError) -> dict[str, Any]:
    return dict(error.schema) if isinstance(error.schema, dict) else {}


def _extra_keys(error: ValidationError) -> list[str]:
    known = _schema(error).get("properties", {})
    patterns = [re.compile(p) for p in _schema(error).get("patternProperties", {})]
    instance = error.instance if isinstance(error.instance, dict) else {}
    return [
        key for key in instance if key not in known and not any(p.search(key) for p in patterns)
    ]


COMPONENT_PATTERN = "^[a-z][a-z0-9_]*$"  # an evaluation's component keys (SPEC §10)


def _unknown(key: str, schema: dict[str, Any]) -> str:
    if COMPONENT_PATTERN in schema.get("patternProperties", {}):
        return _(
            "'{key}' is not a component key: write it as one lowercase word (letters a–z, "
            "digits and _, starting with a letter), such as kolaborasi",
            key=key,
        )
    allowed = list(schema.get("properties", {}))
    suggestion = closest(key, allowed)
    if not allowed:
        return did_you_mean(_("unknown field '{key}'", key=key), suggestion)
    if suggestion:
        return _(
            "unknown field '{key}' (did you mean '{suggestion}'?); "
            "allowed here: {allowed} (or an x- extension key)",
            key=key,
            suggestion=suggestion,
            allowed=", ".join(allowed),
        )
    return _(
        "unknown field '{key}'; allowed here: {allowed} (or an x- extension key)",
        key=key,
        allowed=", ".join(allowed),
    )


def _pattern(error: ValidationError) -> str:
    pattern = str(_schema(error).get("pattern", error.validator_value))
    known = _PATTERNS.get(pattern)
    return _(known) if known else _("matching the pattern {pattern}", pattern=pattern)


def _describe(value: Any) -> str:
    if value is None:
        return _("empty")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{_clip(value)}'"
    if isinstance(value, (int, float)):
        return _("the number {value}", value=_clip(str(value)))
    return _("a list") if isinstance(value, list) else _("a mapping")
