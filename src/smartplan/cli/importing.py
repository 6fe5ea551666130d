"""`smartplan import`: an edited Excel workbook (from `export --format xlsx`) back into the plan's
YAML, its comments and layout kept; shows what changed, writes nothing that would not load."""

from __future__ import annotations

from pathlib import Path

import typer

from smartplan.cli.common import Lang, guarded, lang_option, language, wants_color, write
from smartplan.i18n import N_


@guarded
def import_workbook(
    workbook: Path = typer.Argument(
        ..., help=N_("The workbook (.xlsx) made by export --format xlsx.")
    ),
    into: Path = typer.Option(
        ...,
        "--into",
        metavar="FILE",
        help=N_(
            "The plan, or one of its include fragments: where new programmes go. Edits of "
            "existing programmes land in the file that holds each."
        ),
    ),
    plan: Path | None = typer.Option(
        None,
        metavar="PLAN",
        help=N_("The plan that includes FILE (found by itself when above it)."),
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help=N_("Show the changes; write nothing.")),
    lang: Lang | None = lang_option(),
) -> None:
    """Import the programmes, budget lines and indicator values of an edited workbook."""
    from smartplan.files.output import write_atomic
    from smartplan.i18n import _
    from smartplan.reporters.diff import DIFF_REPORTERS, DiffOptions
    from smartplan.workbook import import_workbook as run

    imported = run(workbook, into, plan)
    for note in imported.notes:
        typer.echo(f"smartplan: warning: {note}", err=True)
    if not imported.diff.changes:
        typer.echo(
            _("{workbook}: nothing to import, the plan already says the same", workbook=workbook),
            err=True,
        )
        return
    write(
        DIFF_REPORTERS["text"](imported.diff, DiffOptions(color=wants_color(), lang=language(lang)))
    )
    if dry_run:
        return
    for path, text in imported.texts.items():
        write_atomic(path, text.encode("utf-8"), inputs=[workbook])
        typer.echo(_("written: {path}", path=path), err=True)


def register(app: typer.Typer) -> None:
    app.command(
        name="import",
        help=N_("Import the programmes, budget lines and indicator values of an edited workbook."),
        epilog=N_(
            "Example: smartplan import program.xlsx --into examples/kota-jambi/masterplan.yaml"
        ),
    )(import_workbook)
