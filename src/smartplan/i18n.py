"""Words a person reads: the one place that turns a message id into the chosen language (SPEC §9).

Every user-facing sentence in the code goes through `_()` (or `N_()` where the text is declared
before the language is known, then `_()` at the point of use); msgids are whole English sentences
with named `{placeholders}` filled by `_()` itself, never concatenated fragments.

The words live in gettext catalogues (src/smartplan/locale/<lang>/LC_MESSAGES/smartplan.mo,
compiled from the .po files beside them with Babel; docs/catalogues.md says how to add one). A
catalogue is read on the first message of its language, not at import: `smartplan validate` on a
clean plan reads one small file and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gettext import GNUTranslations

LANGS = ("id", "en")
DEFAULT = "id"
DOMAIN = "smartplan"
LOCALE_DIR = Path(__file__).parent / "locale"
ENV = "SMARTPLAN_LANG"

_chosen: str | None = None  # None: SMARTPLAN_LANG, else Bahasa Indonesia
_catalogues: dict[str, GNUTranslations | None] = {}


def use(lang: str | None) -> None:
    """Choose the language of every later message in this process (None: back to the default)."""
    global _chosen
    _chosen = lang if lang in LANGS else None


def chosen() -> str | None:
    """The language `use` set (None: none was chosen)."""
    return _chosen


def current() -> str:
    """The language in force: the one chosen by `use`, else SMARTPLAN_LANG, else Indonesian."""
    return _chosen or from_environment() or DEFAULT


def from_environment() -> str | None:
    value = os.environ.get(ENV, "").strip().lower()
    return value if value in LANGS else None


class Message(str):
    """A sentence in the chosen language that remembers its English `source`: what a baseline
    fingerprints, so that a baseline written in one language matches in the other."""

    source: str


def source(text: str) -> str:
    """The English of a message made by `_()` / `_n()` (any other text is its own source)."""
    return getattr(text, "source", text)


def message(text: str, english: str) -> str:
    """A message in the chosen language remembering its English source (read back from a
    cache, where only plain text is kept)."""
    result = Message(text)
    result.source = english
    return result


def _(message: str, /, **params: object) -> str:
    """The translation of `message`, its `{name}` placeholders filled from `params`."""
    return _fill(message, _lookup(current(), message), params)


def _n(singular: str, plural: str, count: int, /, **params: object) -> str:
    """The singular or plural form for `count` (available to the message as `{count}`)."""
    catalogue = _catalogue(current())
    text = (
        catalogue.ngettext(singular, plural, count)
        if catalogue
        else (singular if count == 1 else plural)
    )
    return _fill(singular if count == 1 else plural, text, {"count": count, **params})


def N_(message: str) -> str:
    """Mark a message for extraction without translating it yet."""
    return message


def NC_(context: str, message: str) -> str:
    """Mark a message with a context (msgctxt) for extraction; `pgettext` translates it."""
    return message


def gettext(message: str, lang: str | None = None) -> str:
    """`message` in `lang` (default: the current language), placeholders left as they are."""
    return _lookup(lang or current(), message)


def pgettext(context: str, message: str, lang: str | None = None) -> str:
    """`message` in its `context` (msgctxt: a label key of the reports) in `lang`."""
    catalogue = _catalogue(lang or current())
    return catalogue.pgettext(context, message) if catalogue else message


def translated(lang: str) -> Mapping[str, str]:
    """Every msgid → translation of a language (for the catalogue tests and docs)."""
    catalogue = _catalogue(lang)
    return dict(getattr(catalogue, "_catalog", {})) if catalogue else {}


def _english(value: object) -> object:
    return source(value) if isinstance(value, str) else value


def _lookup(lang: str, message: str) -> str:
    catalogue = _catalogue(lang)
    return catalogue.gettext(message) if catalogue else message


def _fill(msgid: str, text: str, params: Mapping[str, object]) -> str:
    english = msgid
    if params:
        english = msgid.format(
            **{k: source(v) if isinstance(v, str) else v for k, v in params.items()}
        )
        try:
            text = text.format(**params)
        except (KeyError, IndexError, ValueError):
            # a translation whose placeholders drifted (the catalogue tests catch it): the msgid
            text = msgid.format(**params)
    result = Message(text)
    result.source = english
    return result


def _catalogue(lang: str) -> GNUTranslations | None:
    if lang not in _catalogues:
        _catalogues[lang] = _load(lang)
    return _catalogues[lang]


def _load(lang: str) -> GNUTranslations | None:
    path = LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        data = path.read_bytes()
    except OSError:
        return None  # a checkout before the first compile: the English msgids
    import io
    from gettext import GNUTranslations

    return GNUTranslations(io.BytesIO(data))
