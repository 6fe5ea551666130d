"""Reports (SPEC §5): a plan's view model rendered through Jinja templates to Markdown or HTML.

Only `render_file` pulls in Jinja, so commands that do not render (validate) never import it.
Word and PDF documents are written from the same view model by smartplan.reporters.documents.
"""

from __future__ import annotations

from pathlib import Path

REPORTS = ("masterplan", "summary", "quickwins", "evaluation")
FORMATS = ("md", "html")
LANGS = ("id", "en")

__all__ = ["FORMATS", "LANGS", "REPORTS", "render_file"]


def render_file(
    path: str | Path,
    *,
    report: str = "masterplan",
    fmt: str = "md",
    lang: str = "id",
    template: str | Path | None = None,
) -> str:
    """Render one plan's report; UsageError (exit 2) for an unreadable plan or template."""
    from smartplan.report.render import render_file as render

    return render(path, report=report, fmt=fmt, lang=lang, template=template).text
