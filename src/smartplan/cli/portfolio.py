"""`smartplan portfolio`: one row per plan across many regions (the mentor's view)."""

from __future__ import annotations

import contextlib
import enum
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from smartplan.cli.common import (
    Lang,
    guarded,
    lang_option,
    language,
    wants_color,
    write,
    write_binary,
)
from smartplan.escape import log_text, terminal_text
from smartplan.i18n import N_, _

if TYPE_CHECKING:
    from smartplan.report.cohort import Progress, Row


class Format(str, enum.Enum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class Sort(str, enum.Enum):
    region = "region"
    province = "province"
    stage = "stage"
    cohort = "cohort"
    eval_index = "index"
    path = "path"


@guarded
def portfolio(
    dirs: list[str] = typer.Argument(..., help=N_("Folders holding plans (searched recursively).")),
    output_format: Format = typer.Option(
        Format.text,
        "--format",
        "-f",
        help=N_("text, md, html (a page with charts), json, csv or xlsx (Excel)."),
    ),
    stage: int | None = typer.Option(None, min=1, max=4, help=N_("Only plans at this stage.")),
    province: str | None = typer.Option(None, help=N_("Only plans of this province.")),
    cohort: int | None = typer.Option(None, help=N_("Only plans of this cohort (year joined).")),
    sort: Sort = typer.Option(Sort.region, help=N_("Order of the rows.")),
    output: Path | None = typer.Option(None, "--output", "-o", help=N_("Write to FILE.")),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help=N_("Read every plan again; do not read or write .smartplan_cache."),
    ),
    lang: Lang | None = lang_option(),
) -> None:
    """Summarise every plan below the folders: stage, programmes, quick wins, budget, findings."""
    from smartplan.report import cohort as core
    from smartplan.report import cohort_table

    with _progress_bar() as progress:
        every = core.collect(dirs, progress=progress, cache=not no_cache)
    rows = core.select(every, stage=stage, province=province, cohort=cohort, sort=sort.value)
    if output_format is Format.xlsx:
        from smartplan.reporters.xlsx import portfolio_workbook

        data = portfolio_workbook(cohort_table.table(rows), language(lang))
        if output is None:
            write_binary(data, "xlsx")
            return
    else:
        text = _format(rows, output_format.value, language(lang))
        if output is None:  # text escapes per cell (it has colours); the others as a whole
            write(log_text(text) if output_format.value == "text" else terminal_text(text))
            return
        data = text.encode("utf-8")
    from smartplan.files.output import write_atomic

    inputs = [Path(name) for row in every for name in (row.path, *row.files)]
    write_atomic(output, data, inputs=inputs)


def _format(rows: list[Row], fmt: str, lang: str) -> str:
    from smartplan.report import cohort_table

    if fmt in ("text", "md"):
        from smartplan.reporters.portfolio_text import markdown, report

        return (
            report(rows, color=wants_color(), lang=lang) if fmt == "text" else markdown(rows, lang)
        )
    if fmt == "html":
        from smartplan.report.portfolio import render_portfolio

        return render_portfolio(rows, lang=lang)
    from smartplan.reporters.tables import TABLE_FORMATS

    return TABLE_FORMATS[fmt](cohort_table.table(rows))


@contextlib.contextmanager
def _progress_bar() -> Iterator[Progress | None]:
    """On a terminal, a rich progress bar (plans done, the current plan) on stderr."""
    if not (sys.stderr.isatty() and wants_color(sys.stderr)):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    task = bar.add_task(_("plans"), total=None)

    def tick(done: int, total: int, current: str) -> None:
        bar.update(task, completed=done, total=total, description=current)

    with bar:
        yield tick


def register(app: typer.Typer) -> None:
    app.command(
        help=N_(
            "Summarise every plan below the folders: "
            "stage, programmes, quick wins, budget, findings."
        ),
        epilog=N_("Example: smartplan portfolio examples/ --format md --sort stage"),
    )(portfolio)
