"""YAML scalars → Python values, the way PyYAML's safe loader types them, dates kept as text."""

from __future__ import annotations

import datetime
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

TAG = "tag:yaml.org,2002:"
_resolver = yaml.resolver.Resolver()
_constructor = SafeConstructor()

_CONSTRUCT = {
    TAG + "str": _constructor.construct_yaml_str,
    TAG + "null": _constructor.construct_yaml_null,
    TAG + "bool": _constructor.construct_yaml_bool,
    TAG + "int": _constructor.construct_yaml_int,
    TAG + "float": _constructor.construct_yaml_float,
    TAG + "timestamp": _constructor.construct_yaml_timestamp,
}
COLLECTION_TAGS = {TAG + "map", TAG + "seq"}


class ScalarError(ValueError):
    """A scalar that cannot be typed: a tag outside the core schema, or a value its tag refuses."""


def resolve_tag(tag: str | None, value: str, implicit: tuple[bool, bool]) -> str:
    if tag is None or tag == "!":
        return str(_resolver.resolve(ScalarNode, value, implicit))  # type: ignore[no-untyped-call]
    return tag


def construct(tag: str, value: str) -> Any:
    """The value of a scalar with a resolved tag; ScalarError for what the core schema refuses."""
    build = _CONSTRUCT.get(tag)
    if build is None:
        raise ScalarError(f"tag {shorten(tag)} is outside the YAML core schema and is refused")
    try:
        result = build(ScalarNode(tag, value))
    except (ValueError, TypeError, KeyError, OverflowError) as error:
        kind = "date" if tag == TAG + "timestamp" else shorten(tag) + " value"
        raise ScalarError(f"{value!r} is not a valid {kind} ({error})") from error
    if isinstance(result, (datetime.date, datetime.datetime)):
        return result.isoformat()
    return result


def shorten(tag: str) -> str:
    return "!!" + tag[len(TAG) :] if tag.startswith(TAG) else tag
