"""Markdown carries the same facts as HTML (issue 16): for every report kind of every example,
in both languages, the words and figures a reader finds are the same in the two outputs.

A fact is a word or figure of the visible text that is not a word of the label catalogue (the
headings, column names and notes that frame the facts). Charts restate facts that their tables
carry: the SVG of the HTML and the roadmap's year table of the Markdown are left out (that every
chart mark has its label is checked in test_report_truth and test_browser).
"""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

from conftest import EXAMPLES, ROOT
from smartplan.report import LANGS, REPORTS, render_file
from smartplan.report.labels import catalogue

PLANS = [
    *sorted(EXAMPLES.glob("*/masterplan.yaml")),
    ROOT / "tests/data/missing/masterplan.yaml",
    ROOT / "tests/data/partial/masterplan.yaml",  # partly recorded, period unknown (§10)
]
SVG = "{http://www.w3.org/2000/svg}svg"


def tokens(text: str) -> set[str]:
    return set(re.findall(r"\w[\w.,/%+–-]*\w|\w", text))


LABEL_WORDS = {
    word for lang in ("id", "en") for label in catalogue(lang).values() for word in tokens(label)
}


def visible_text(html: str) -> str:
    """The text of the page's body, without the inline SVG charts."""
    body = html5lib.parse(html, namespaceHTMLElements=False).find("body")
    parts: list[str] = []

    def walk(element: object) -> None:
        if getattr(element, "tag", None) != SVG:
            parts.append(getattr(element, "text", None) or "")
            for child in element:  # type: ignore[attr-defined]
                walk(child)
        parts.append(getattr(element, "tail", None) or "")

    walk(body)
    return " ".join(parts)


def markdown_text(markdown: str, lang: str) -> str:
    """The Markdown as GitHub shows it, without the rows of the roadmap's year table."""
    heading = f"## 5. {catalogue(lang)['roadmap']}"
    if heading in markdown:
        head, rest = markdown.split(heading, 1)
        body, sep, tail = rest.partition("\n## ")
        body = "\n".join(line for line in body.splitlines() if not line.startswith("|"))
        markdown = head + heading + body + sep + tail
    return visible_text(MarkdownIt("commonmark").enable("table").render(markdown))


def facts(text: str) -> set[str]:
    return tokens(text) - LABEL_WORDS


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_markdown_and_html_carry_the_same_facts(plan: Path, report: str, lang: str) -> None:
    html = facts(visible_text(render_file(plan, report=report, fmt="html", lang=lang)))
    markdown = facts(markdown_text(render_file(plan, report=report, fmt="md", lang=lang), lang))
    assert html - markdown == set(), "only in HTML"
    assert markdown - html == set(), "only in Markdown"
    assert len(html) > 5  # the region, the period, the source file at least


def test_the_fact_sets_see_what_a_reader_sees() -> None:
    """The comparison is not blind: a programme's partner is a fact of both outputs."""
    plan = EXAMPLES / "kota-batam" / "masterplan.yaml"
    html = facts(visible_text(render_file(plan, fmt="html")))
    markdown = facts(markdown_text(render_file(plan, fmt="md"), "id"))
    assert {"Politeknik", "Hang", "Nadim", "1.473.000.000.000"} <= html & markdown
    assert "Hang" not in facts(markdown_text("# x\n\n## 5. Peta jalan\n\n| Hang |\n", "id"))
