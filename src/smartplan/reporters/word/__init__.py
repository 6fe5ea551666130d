"""`render --format docx`: a report as a Word document (python-docx), from the same context as
the HTML templates (report/render.py `context`): the view model, the labels, the charts' data."""

from __future__ import annotations

from typing import Any

from smartplan.extras import require


def render(values: dict[str, Any]) -> bytes:
    """The .docx bytes of `values["report"]` for `values["plan"]` in `values["lang"]`."""
    require("docx", "a Word document (docx)")
    from smartplan.reporters.word.document import Word
    from smartplan.reporters.word.reports import REPORTS

    plan, t, report = values["plan"], values["t"], values["report"]
    titles = {"masterplan": plan.title, "summary": f"{t['title_summary']} · {plan.title}",
              "quickwins": f"{t['title_quickwins']} · {plan.title}",
              "evaluation": f"{t['title_evaluation']} · {plan.title}"}
    word = Word(values["lang"], titles[report])
    word.footer(plan.title, (t["page"], t["page_of"]))
    REPORTS[report](word, plan, t)
    word.paragraph(f"{t['generated_by']} {values['source']}", muted=True, size=8)
    return word.save()
