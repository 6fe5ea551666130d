"""`smartplan export`: flat rows of one plan for spreadsheets (CSV, JSON, or an Excel workbook)."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import Lang, guarded, lang_option, language, write, write_binary
from smartplan.escape import terminal_text
from smartplan.i18n import N_


class Table(str, enum.Enum):
    programs = "programs"
    budget = "budget"
    indicators = "indicators"
    evaluations = "evaluations"


class Format(str, enum.Enum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


@guarded
def export(
    path: Path = typer.Argument(..., help=N_("The plan file.")),
    table: Table = typer.Option(
        Table.programs, help=N_("programs, budget, indicators or evaluations.")
    ),
    output_format: Format = typer.Option(
        Format.csv,
        "--format",
        "-f",
        help=N_("csv, json, or xlsx (one Excel workbook: every table and a summary sheet)."),
    ),
    excel: bool = typer.Option(False, help=N_("CSV with a UTF-8 BOM (Excel, LibreOffice).")),
    output: Path | None = typer.Option(None, "--output", "-o", help=N_("Write to FILE.")),
    lang: Lang | None = lang_option(),
) -> None:
    """Export one plan's programmes, budget lines or indicator values as rows."""
    from smartplan.loader import load_plan_or_fail

    document = load_plan_or_fail(path)
    if output_format is Format.xlsx:
        from smartplan.reporters.xlsx import plan_workbook

        data = plan_workbook(document.data, path.name, language(lang))
    else:
        from smartplan.report.export import export_table
        from smartplan.reporters.tables import TABLE_FORMATS

        rows = export_table(document.data, table.value)
        data = TABLE_FORMATS[output_format.value](rows, excel=excel).encode("utf-8")
    if output is None:
        if output_format is Format.xlsx:
            write_binary(data, "xlsx")
        else:  # a terminal must not run escape sequences from the plan
            write(terminal_text(data.decode("utf-8")))
        return
    from smartplan.files.output import write_atomic

    write_atomic(output, data, inputs=[path, *document.files])


def register(app: typer.Typer) -> None:
    app.command(
        help=N_("Export one plan's programmes, budget lines or indicator values as rows."),
        epilog=N_(
            "Example: smartplan export examples/kota-jambi/masterplan.yaml --format xlsx "
            "-o program.xlsx"
        ),
    )(export)
