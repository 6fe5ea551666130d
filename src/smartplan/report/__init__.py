"""Reports (SPEC §5): a plan's view model rendered through Jinja templates to Markdown or HTML.

Only `render_file` pulls in Jinja, so commands that do not render (validate) never import it.
"""

from __future__ import annotations

from pathlib import Path

REPORTS = ("masterplan", "summary", "quickwins", "evaluation")
FORMATS = ("md", "html")
# documents rendered from the same view model (docx) or printed from the HTML (pdf): bytes,
# by the module that writes them, imported only when used (issue 19)
DOCUMENTS = {"docx": "smartplan.reporters.word", "pdf": "smartplan.reporters.pdf"}
LANGS = ("id", "en")

__all__ = ["DOCUMENTS", "FORMATS", "LANGS", "REPORTS", "render_document", "render_file"]


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


def render_document(
    path: str | Path, *, report: str = "masterplan", fmt: str = "docx", lang: str = "id"
) -> bytes:
    """A report as a Word document or a PDF; UsageError (exit 2) as `render_file`."""
    from smartplan.report.render import render_document as render

    return render(path, report=report, fmt=fmt, lang=lang).data
