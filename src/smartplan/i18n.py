"""Words a person reads: the one place that turns a message id into the chosen language (SPEC §9).

Every user-facing sentence in the code goes through `_()` (or `N_()` where the text is declared
before the language is known, then `_()` at the point of use); msgids are whole English sentences
with named `{placeholders}` filled by `_()` itself, never concatenated fragments.

This first version only formats the English msgid; issue 17 backs it with gettext catalogues
(Indonesian by default) without changing the call sites.
"""

from __future__ import annotations

_LANG = "en"


def use(lang: str | None) -> None:
    """Choose the language of every later message in this process."""
    global _LANG
    _LANG = lang or "en"


def current() -> str:
    return _LANG


def _(message: str, /, **params: object) -> str:
    """The translation of `message`, its `{name}` placeholders filled from `params`."""
    return message.format(**params) if params else message


def _n(singular: str, plural: str, count: int, /, **params: object) -> str:
    """The singular or plural form for `count` (available to the message as `{count}`)."""
    return (singular if count == 1 else plural).format(count=count, **params)


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message
