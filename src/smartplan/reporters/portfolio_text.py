"""The portfolio as a rich table for the terminal (plain characters when not colouring), and
as a Markdown table; the headers and cells are the view's (smartplan.report.cohort_table)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from smartplan.escape import markdown as markdown_text
from smartplan.escape import terminal
from smartplan.report.cohort_table import cells, headers, problems, repeated

if TYPE_CHECKING:
    from smartplan.report.cohort import Row


def report(rows: list[Row], *, color: bool, lang: str = "id") -> str:
    """A rich table: box lines on a terminal, ASCII when piped."""
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from smartplan.report.labels import catalogue

    names = headers(lang)
    table = Table(
        box=box.SIMPLE_HEAD if color else box.ASCII2,
        title=catalogue(lang)["pf_count"].format(n=len(rows)),
        title_justify="left",
    )
    for position, name in enumerate(names):
        # a region's name wraps, never ends in "…": nothing in the table is cut
        table.add_column(
            name,
            justify="left" if position < 2 else "right",
            no_wrap=position > 0,
            overflow="fold",
        )
    repeats = repeated(rows)
    for row in rows:
        table.add_row(*(escape(terminal(cell)) for cell in cells(row, lang, repeats)))
    table.caption = "\n".join(escape(terminal(line)) for line in problems(rows)) or None
    table.caption_justify = "left"
    buffer = io.StringIO()
    Console(
        file=buffer,
        width=240,  # room for the figures, their "partly recorded" marks and a long name
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
    ).print(table)
    return buffer.getvalue()


def markdown(rows: list[Row], lang: str = "id") -> str:
    """The same table in GitHub-flavoured Markdown, to paste into a report."""
    from smartplan.report.export import Table
    from smartplan.reporters.tables import to_markdown

    names = repeated(rows)
    table = Table(tuple(headers(lang)), tuple(tuple(cells(row, lang, names)) for row in rows))
    body = to_markdown(table)
    notes = problems(rows)
    listed = "\n".join(f"- {markdown_text(note)}" for note in notes)
    return body + ("\n" + listed + "\n" if notes else "")
