"""YAML scalars → Python values, the way PyYAML's safe loader types them, dates kept as text."""

from __future__ import annotations

import datetime
import math
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from smartplan.files.limits import clip
from smartplan.i18n import _

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
_NUMBERS = {TAG + "int", TAG + "float"}
MAX_NUMBER_LENGTH = 100  # characters as written; a float beyond 1e308 needs 309 digits


class ScalarError(ValueError):
    """A scalar that cannot be typed: a tag outside the core schema, or a value its tag refuses
    (`recoverable`: the loader keeps the text as written and goes on, so that one impossible
    date does not hide the rest of the file)."""

    def __init__(self, message: str, *, recoverable: bool = False) -> None:
        super().__init__(message)
        self.recoverable = recoverable


def resolve_tag(tag: str | None, value: str, implicit: tuple[bool, bool]) -> str:
    if tag is None or tag == "!":
        return str(_resolver.resolve(ScalarNode, value, implicit))  # type: ignore[no-untyped-call]
    return tag


def construct(tag: str, value: str) -> Any:
    """The value of a scalar with a resolved tag; ScalarError for what the core schema refuses."""
    build = _CONSTRUCT.get(tag)
    if build is None:
        raise ScalarError(
            _("tag {tag} is outside the YAML core schema and is refused", tag=shorten(tag))
        )
    if tag in _NUMBERS and len(value) > MAX_NUMBER_LENGTH:
        # before conversion: a sexagesimal `1:1:1:…` costs quadratic time, a 5,000-digit hex
        # integer or a 400-digit amount cannot be shown or summed; no year, amount or score
        # of a plan needs more than a few digits
        raise ScalarError(
            _(
                "{value!r} is a number of {length:,} characters: numbers longer than {limit} "
                "characters are refused",
                value=clip(value),
                length=len(value),
                limit=MAX_NUMBER_LENGTH,
            )
        )
    try:
        result = build(ScalarNode(tag, value))
    except (ValueError, TypeError, KeyError, OverflowError) as error:
        message = (
            _(
                "{value} is not a valid date ({reason})",
                value=repr(clip(value)),
                reason=clip(str(error)),
            )
            if tag == TAG + "timestamp"
            else _(
                "{value} is not a valid {tag} value ({reason})",
                value=repr(clip(value)),
                tag=shorten(tag),
                reason=clip(str(error)),
            )
        )
        raise ScalarError(message, recoverable=True) from error
    if isinstance(result, float) and not math.isfinite(result):
        # .inf, .nan and overflowing literals (1.0e+400): JSON has no such numbers and no
        # amount, score or year of a plan is one; NaN would pass every bound unnoticed
        raise ScalarError(
            _(
                "{value} is not a finite number: a plan holds finite ones only",
                value=repr(clip(value)),
            ),
            recoverable=True,
        )
    if isinstance(result, (datetime.date, datetime.datetime)):
        return result.isoformat()
    return result


def shorten(tag: str) -> str:
    """`!!int` for core tags, local tags as written, others in verbatim form `!<...>`."""
    if tag.startswith(TAG):
        return "!!" + tag[len(TAG) :]
    return clip(tag if tag.startswith("!") else f"!<{tag}>")
