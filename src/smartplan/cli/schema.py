"""`smartplan schema`: print the bundled JSON Schema, or where it is installed."""

from __future__ import annotations

from pathlib import Path

import typer

from smartplan.cli.common import Lang, guarded, lang_option, write
from smartplan.i18n import N_, _


@guarded
def schema(
    path: bool = typer.Option(False, "--path", help=N_("Print the schema file's path instead.")),
    config: bool = typer.Option(False, "--config", help=N_("The .smartplan.yaml schema instead.")),
    markdown: bool = typer.Option(
        False, "--markdown", help=N_("Print the field reference as Markdown (docs/format.md).")
    ),
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help=N_(
            "Write the schema to this file (the repository's copy for editors, "
            ".smartplan/masterplan.schema.json) instead of printing it."
        ),
    ),
    lang: Lang | None = lang_option(),
) -> None:
    """Print the masterplan JSON Schema (draft 2020-12)."""
    from smartplan.files.resources import load_schema, schema_path

    name = "config" if config else "masterplan"
    if markdown:
        from smartplan.rules.reference import schema_markdown

        write(schema_markdown(load_schema(name)))
        return
    file = schema_path(name)
    if output is not None:
        from smartplan.files.output import make_folder, write_atomic

        if output.parent != Path():
            make_folder(output.parent)
        write_atomic(output, file.read_bytes())
        typer.echo(_("wrote {file}", file=output), err=True)
        return
    write(f"{file}\n" if path else file.read_text(encoding="utf-8"))


def register(app: typer.Typer) -> None:
    app.command(
        help=N_("Print the masterplan JSON Schema (draft 2020-12)."),
        epilog=N_("Example: smartplan schema -o .smartplan/masterplan.schema.json"),
    )(schema)
