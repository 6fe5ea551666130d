"""`smartplan export`: flat rows of one plan for spreadsheets (CSV or JSON)."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import guarded, write
from smartplan.escape import terminal_text


class Table(str, enum.Enum):
    programs = "programs"
    budget = "budget"
    indicators = "indicators"


class Format(str, enum.Enum):
    csv = "csv"
    json = "json"


@guarded
def export(
    path: Path = typer.Argument(..., help="The plan file."),
    table: Table = typer.Option(Table.programs, help="programs, budget or indicators."),
    output_format: Format = typer.Option(Format.csv, "--format", "-f", help="csv or json."),
    excel: bool = typer.Option(False, help="CSV with a UTF-8 BOM (Excel, LibreOffice)."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to FILE."),
) -> None:
    """Export one plan's programmes, budget lines or indicator values as rows."""
    from smartplan.export import export_table
    from smartplan.loader import load_plan_or_fail
    from smartplan.reporters.tables import TABLE_FORMATS

    document = load_plan_or_fail(path)
    text = TABLE_FORMATS[output_format.value](export_table(document.data, table.value), excel=excel)
    if output is None:  # a terminal must not run escape sequences from the plan
        write(terminal_text(text))
        return
    from smartplan.output import write_atomic

    write_atomic(output, text.encode("utf-8"), inputs=[path, *document.files])


def register(app: typer.Typer) -> None:
    app.command(
        epilog="Example: smartplan export examples/kota-jambi/masterplan.yaml --table budget "
        "--excel -o anggaran.csv"
    )(export)
