"""Reports as documents (bytes): Word written from the report's view model, PDF printed from
the HTML report (a user template too). Each writer is imported only when its format runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import smartplan.report.environment as budgets
from smartplan.errors import UsageError
from smartplan.i18n import _
from smartplan.report import LANGS, REPORTS
from smartplan.report.render import check, context, render_file

# the module that writes each document format (issue 19)
DOCUMENTS = {"docx": "smartplan.reporters.word", "pdf": "smartplan.reporters.pdf"}


@dataclass(frozen=True)
class Built:
    data: bytes
    inputs: list[Path]


def render_document(
    path: str | Path,
    *,
    report: str = "masterplan",
    fmt: str = "docx",
    lang: str = "id",
    template: str | Path | None = None,
) -> Built:
    """A report as bytes: docx from the view model, pdf printed from the HTML report (a user
    template too: `template` is the HTML one to print)."""
    import importlib

    check(fmt, tuple(DOCUMENTS), "format")
    writer = importlib.import_module(DOCUMENTS[fmt])
    if fmt == "pdf":
        html = render_file(path, report=report, fmt="html", lang=lang, template=template)
        if template is None:
            return Built(writer.render(html.text), html.inputs)
        # the template's time budget covers its printing: what the render left of it
        late = _(
            "{template}: the template ran longer than {seconds} seconds (printing included); "
            "Chromium was stopped",
            template=template,
            seconds=budgets.TEMPLATE_SECONDS,
        )
        left = budgets.TEMPLATE_SECONDS - html.spent
        return Built(writer.render(html.text, seconds=left, late=late), html.inputs)
    if template is not None:
        raise UsageError(_("--template makes md, html or pdf reports, not docx"))
    from smartplan.loader import load_plan_or_fail

    check(report, REPORTS, "report")
    check(lang, LANGS, "language")
    path = Path(path)
    document = load_plan_or_fail(path)
    values = context(path, document.data, report=report, fmt=fmt, lang=lang)
    return Built(writer.render(values), document.files)
