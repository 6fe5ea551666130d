"""`smartplan export`: flat rows of one plan for spreadsheets (CSV, JSON, or an Excel workbook)."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import Lang, guarded, write, write_binary
from smartplan.escape import terminal_text


class Table(str, enum.Enum):
    programs = "programs"
    budget = "budget"
    indicators = "indicators"


class Format(str, enum.Enum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@guarded
def export(
    path: Path = typer.Argument(..., help="The plan file."),
    table: Table = typer.Option(Table.programs, help="programs, budget or indicators."),
    output_format: Format = typer.Option(
        Format.csv,
        "--format",
        "-f",
        help="csv, json, or xlsx (one Excel workbook: every table and a summary sheet).",
    ),
    excel: bool = typer.Option(False, help="CSV with a UTF-8 BOM (Excel, LibreOffice)."),
    lang: Lang = typer.Option(Lang.id, help="Language of the xlsx summary sheet: id or en."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE."),
) -> None:
    """Export one plan's programmes, budget lines or indicator values as rows."""
    from smartplan.loader import load_plan_or_fail

    document = load_plan_or_fail(path)
    if output_format is Format.xlsx:
        from smartplan.reporters.xlsx import plan_workbook

        data = plan_workbook(document.data, path.name, lang.value)
    else:
        from smartplan.export import export_table
        from smartplan.reporters.tables import TABLE_FORMATS

        rows = export_table(document.data, table.value)
        data = TABLE_FORMATS[output_format.value](rows, excel=excel).encode("utf-8")
    if output is None:
        if output_format is Format.xlsx:
            write_binary(data, "xlsx")
        else:  # a terminal must not run escape sequences from the plan
            write(terminal_text(data.decode("utf-8")))
        return
    from smartplan.output import write_atomic

    write_atomic(output, data, inputs=[path, *document.files])


def register(app: typer.Typer) -> None:
    app.command(
        epilog="Example: smartplan export examples/kota-jambi/masterplan.yaml --format xlsx "
        "-o program.xlsx"
    )(export)
