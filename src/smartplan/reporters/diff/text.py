"""`diff --format text`: the review for a terminal (rich tables; colour only on a TTY), then
every change grouped by section and dimension, then the totals."""

from __future__ import annotations

import io

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from smartplan.diff import DiffResult
from smartplan.escape import terminal
from smartplan.reporters.diff import DiffOptions
from smartplan.reporters.diff.view import SYMBOLS, Line, View, rupiah

STYLES = {"added": "green", "removed": "red", "changed": "yellow"}


def report(result: DiffResult, options: DiffOptions) -> str:
    view = View(result, options.lang)
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=110,
        force_terminal=options.color,
        no_color=not options.color,
        highlight=False,
        emoji=False,
    )
    old, new = (terminal(view.side(label)) for label in (result.old, result.new))
    title = f"{view['title']}: {old} → {new}"
    console.print(Text(title, style="bold"))
    if view.successor():  # said first: the two files are two plans, not two versions (§10)
        console.print(Text(terminal(view.successor()), style="bold"))
    if not result.changes:
        console.print(view["no_changes"])
        return _trimmed(buffer.getvalue())
    for table in (_overview(view), _dimensions(view), _horizons(view), _budget(view)):
        if table.row_count:
            console.print(table)
            console.print()
    _quick_wins(console, view)
    _quick_win_years(console, view)
    console.print(Text(view["details"], style="bold underline"))
    for section, groups in view.groups():
        console.print(Text(terminal(section), style="bold"))
        for group, lines in groups:
            indent = "  "
            if group is not None:
                console.print(Text(f"  {terminal(group)}", style="italic"))
                indent = "    "
            for line in lines:
                # a long line wraps under itself (a hanging indent), never cut
                console.print(Padding(_line(line, ""), (0, 0, 0, len(indent))))
                for depth, text in line.children:  # nested values, whole
                    left = len(indent) + 4 + 2 * depth
                    console.print(Padding(Text(f"- {terminal(text)}"), (0, 0, 0, left)))
    console.print(Text(view.totals(), style="bold"))
    return _trimmed(buffer.getvalue())


def _trimmed(text: str) -> str:
    """Without the spaces rich pads table cells with at the end of a line."""
    return "".join(line.rstrip(" ") + "\n" for line in text.splitlines())


def _overview(view: View) -> Table:
    table = Table("", view["old"], view["new"], box=None, pad_edge=False)
    for label, old, new in view.overview():
        cells = (Text(terminal(str(cell))) for cell in (label, old, new))
        table.add_row(*cells, style="bold" if old != new else None)
    return table


def _dimensions(view: View) -> Table:
    table = Table(
        view["dimension"],
        view["added"],
        view["removed"],
        view["changed"],
        title=view["per_dimension"],
        title_justify="left",
    )
    dimensions = view.result.review.dimensions
    for name in view.ordered(list(dimensions)):
        entry = dimensions[name]
        cells = [
            Text(terminal(", ".join(getattr(entry, op)) or view["none"]))
            for op in ("added", "removed", "changed")
        ]
        table.add_row(Text(terminal(view.dimension(name))), *cells)
    return table


def _horizons(view: View) -> Table:
    table = Table(
        view["program"],
        view["old"],
        view["new"],
        title=view["horizon_shifts"],
        title_justify="left",
    )
    for shift in view.result.review.horizon_shifts:
        table.add_row(
            Text(terminal(f"{shift.id} {shift.name}")),
            Text(terminal(view.horizon(shift.old))),
            Text(terminal(view.horizon(shift.new))),
        )
    return table


def _budget(view: View) -> Table:
    table = Table(
        view["year"],
        view["source"],
        view["old"],
        view["new"],
        view["difference"],
        title=view["budget"],
        title_justify="left",
    )
    for line in (b for b in view.result.review.budget if b.difference):
        style = "green" if line.difference > 0 else "red"
        table.add_row(
            str(line.year),
            Text(terminal(view.source(line.source))),
            view.money(line.old),
            view.money(line.new),
            Text(rupiah(line.difference, sign=True), style=style),
        )
    if table.row_count:
        old, new = view.result.review.budget_total
        table.add_row(
            view["total"],
            "",
            view.money(old),
            view.money(new),
            rupiah((new or 0) - (old or 0), sign=True),
            style="bold",
            end_section=True,
        )
    return table


def _quick_wins(console: Console, view: View) -> None:
    review = view.result.review
    if review.quick_wins_gained or review.quick_wins_lost:
        for key, ids in (
            ("quick_wins_gained", review.quick_wins_gained),
            ("quick_wins_lost", review.quick_wins_lost),
        ):
            console.print(Text(f"{view[key]}: {terminal(', '.join(ids)) or view['none']}"))
        console.print()


def _quick_win_years(console: Console, view: View) -> None:
    """Quick wins are designated every year (§8): the years whose quick wins changed."""
    years = view.result.review.quick_win_years
    if not years:
        return
    console.print(Text(view["quick_win_years"], style="bold"))
    for year in years:
        old, new = ", ".join(year.old) or view["none"], ", ".join(year.new) or view["none"]
        console.print(Text(f"  {year.year}: {old} → {new}"))
    console.print()


def _line(line: Line, indent: str) -> Text:
    text = Text(indent)
    text.append(SYMBOLS[line.op] + " ", style=STYLES[line.op])
    if line.item:
        text.append(terminal(line.item), style="bold")
        text.append(" · " if line.field else ": ")
    if line.field:
        text.append(terminal(line.field), style="cyan")
        text.append(": ")
    text.append(terminal(line.text))
    return text
