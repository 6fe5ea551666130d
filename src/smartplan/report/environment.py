"""The one Jinja set-up: sandboxed, StrictUndefined, escaping chosen by the template's name.

`.html`/`.htm` templates autoescape HTML (as `select_autoescape` would); `.md`/`.markdown` templates
pass every `{{ … }}` through a Markdown escape (so a `|` or a newline from the plan cannot break a
table, nor a `<script>` become HTML); any other name is written as is. Plan text never reaches a
template unescaped by accident: only values marked safe (the SVG charts, built escaped) pass.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from smartplan.escape import markdown
from smartplan.report import formatting

Syntax = Literal["html", "markdown", "text"]



def syntax_of(name: str) -> Syntax:
    suffix = Path(name).suffix.lower()
    if suffix in (".html", ".htm"):
        return "html"
    return "markdown" if suffix in (".md", ".markdown") else "text"


def markdown_escape(value: Any) -> Any:
    """Plan text as literal GitHub-flavoured Markdown, on one line (newlines become `<br>`)."""
    if isinstance(value, Markup) or value is None:
        return value
    return markdown(str(value))


@functools.cache
def environment(syntax: Syntax, search: tuple[Path, ...]) -> ImmutableSandboxedEnvironment:
    """Cached per syntax and search path: templates compile once per process."""
    # Immutable: a template cannot change the view model that the next template reads
    env = ImmutableSandboxedEnvironment(
        loader=FileSystemLoader([str(folder) for folder in search]),
        undefined=StrictUndefined,
        autoescape=syntax == "html",
        finalize=markdown_escape if syntax == "markdown" else None,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        rupiah=formatting.rupiah,
        rupiah_short=formatting.rupiah_short,
        date=formatting.date,
        number=formatting.number,
    )
    return env
