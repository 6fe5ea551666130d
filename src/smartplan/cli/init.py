"""`smartplan init`: scaffold a stage-1 plan for a region."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import Lang, guarded, lang_option
from smartplan.i18n import N_, _


class Kind(str, enum.Enum):
    kota = "kota"
    kabupaten = "kabupaten"
    provinsi = "provinsi"


@guarded
def init(
    folder: Path = typer.Argument(
        Path("."), help=N_("Folder for masterplan.yaml (created if needed).")
    ),
    region: str = typer.Option(..., help=N_('Region name, e.g. "Kota Batam".')),
    kind: Kind = typer.Option(..., help=N_("kota, kabupaten or provinsi.")),
    province: str = typer.Option(None, help=N_("Province (required unless --kind provinsi).")),
    start: int = typer.Option(
        ..., min=1945, max=2100, help=N_("First year of the ten-year period.")
    ),
    framework: str = typer.Option(
        "kominfo-2017", help=N_("Framework id or path to a framework file.")
    ),
    lang: Lang | None = lang_option(),
) -> None:
    """Create a stage-1 masterplan.yaml with the framework's dimensions pre-filled."""
    from smartplan.workspace.scaffold import Region, scaffold

    target = scaffold(folder, Region(region, kind.value, province, start, framework))
    typer.echo(_("created {file}; next: smartplan validate {file}", file=target))


def register(app: typer.Typer) -> None:
    app.command(
        help=N_("Create a stage-1 masterplan.yaml with the framework's dimensions pre-filled."),
        epilog=N_(
            'Example: smartplan init kota-batam --region "Kota Batam" --kind kota '
            '--province "Kepulauan Riau" --start 2023'
        ),
    )(init)
