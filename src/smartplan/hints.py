"""Did-you-mean: the closest known word to a misspelling, added to a message as a whole sentence."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from smartplan.i18n import _


def closest(value: object, choices: Iterable[object], cutoff: float = 0.6) -> str | None:
    if not isinstance(value, str):
        return None
    found = difflib.get_close_matches(value, sorted(map(str, choices)), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(message: str, suggestion: str | None) -> str:
    """`message (did you mean 'x'?)` in the current language, or `message` with no suggestion."""
    if suggestion is None:
        return message
    return _("{message} (did you mean '{suggestion}'?)", message=message, suggestion=suggestion)
