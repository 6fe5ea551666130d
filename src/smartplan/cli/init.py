"""`smartplan init`: scaffold a stage-1 plan for a region."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import guarded


class Kind(str, enum.Enum):
    kota = "kota"
    kabupaten = "kabupaten"
    provinsi = "provinsi"


@guarded
def init(
    folder: Path = typer.Argument(
        Path("."), help="Folder for masterplan.yaml (created if needed)."
    ),
    region: str = typer.Option(..., help='Region name, e.g. "Kota Batam".'),
    kind: Kind = typer.Option(..., help="kota, kabupaten or provinsi."),
    province: str = typer.Option(None, help="Province (required unless --kind provinsi)."),
    start: int = typer.Option(..., min=1945, max=2100, help="First year of the ten-year period."),
    framework: str = typer.Option("kominfo-2017", help="Framework id or path to a framework file."),
) -> None:
    """Create a stage-1 masterplan.yaml with the framework's dimensions pre-filled."""
    from smartplan.scaffold import Region, scaffold

    target = scaffold(folder, Region(region, kind.value, province, start, framework))
    typer.echo(f"created {target}; next: smartplan validate {target}")


def register(app: typer.Typer) -> None:
    app.command(
        epilog='Example: smartplan init kota-batam --region "Kota Batam" --kind kota '
        '--province "Kepulauan Riau" --start 2023'
    )(init)
