"""The portfolio as a rich table for the terminal (plain characters when not colouring)."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from smartplan.report.formatting import rupiah_short

if TYPE_CHECKING:
    from smartplan.portfolio import Row


HEADERS = (
    "Region",
    "Province",
    "Stage",
    "Cohort",
    "Programmes",
    "Quick wins",
    "Elements",
    "Budget",
    "Errors",
    "Warnings",
    "Index",
)


def report(rows: list[Row], *, color: bool) -> str:
    """A rich table: box lines on a terminal, ASCII when piped."""
    from rich import box
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD if color else box.ASCII2,
        title=f"{len(rows)} masterplans",
        title_justify="left",
    )
    for name in HEADERS:
        table.add_column(
            name, justify="left" if name in HEADERS[:2] else "right", no_wrap=name != "Region"
        )
    for row in rows:
        table.add_row(*(escape(cell) for cell in cells(row)))
    table.caption = "\n".join(escape(line) for line in problems(rows)) or None
    table.caption_justify = "left"
    buffer = io.StringIO()
    Console(
        file=buffer,
        width=160,
        force_terminal=color,
        no_color=not color,
        highlight=False,
        emoji=False,
    ).print(table)
    return buffer.getvalue()


def markdown(rows: list[Row]) -> str:
    """The same table in GitHub-flavoured Markdown, to paste into a report."""
    from smartplan.export import Table
    from smartplan.reporters.tables import to_markdown

    body = to_markdown(Table(HEADERS, tuple(tuple(cells(row)) for row in rows)))
    notes = problems(rows)
    return body + ("\n" + "\n".join(f"- {note}" for note in notes) + "\n" if notes else "")


def problems(rows: list[Row]) -> list[str]:
    """What made a plan unreadable, one line per plan, under the table."""
    return [row.problem for row in rows if row.problem]


def cells(row: Row) -> list[str]:
    """A row as a mentor reads it: short rupiah, decimal commas, coverage as n/18."""
    if row.problem:
        return [
            row.path,
            "(unreadable)",
            "–",
            "–",
            "–",
            "–",
            "–",
            "–",
            str(row.errors or 1),
            "–",
            "–",
        ]
    coverage = f"{row.elements_covered}/{row.elements_total}" if row.elements_total else "–"
    index = "–" if row.index is None else f"{row.index:.2f}".replace(".", ",")
    if row.index_change is not None:
        index += f" ({row.index_change:+.2f})".replace(".", ",")
    return [
        row.region,
        row.province,
        str(row.stage or "–"),
        str(row.cohort or "–"),
        str(row.programs),
        str(row.quick_wins),
        coverage,
        rupiah_short(row.budget),
        str(row.errors),
        str(row.warnings),
        index,
    ]
