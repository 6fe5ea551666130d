"""`smartplan validate`: schema and lint rules over plans; exit 0 clean, 1 findings, 2 usage."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import EXIT_CLEAN, Lang, guarded, lang_option, write
from smartplan.cli.terminal import report_validation
from smartplan.i18n import N_, _n
from smartplan.reporters import REPORTERS

Format = enum.Enum("Format", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


class FailOn(str, enum.Enum):
    error = "error"
    warning = "warning"
    info = "info"


@guarded
def validate(
    paths: list[str] = typer.Argument(
        None,
        help=N_(
            "Plan files or folders (default: plans: of .smartplan.yaml, else masterplan.yaml)."
        ),
    ),
    output_format: Format = typer.Option("text", "--format", "-f", help=N_("Output format.")),
    stage: int | None = typer.Option(
        None, min=1, max=4, help=N_("Check as if the plan were at Bimtek stage N.")
    ),
    fail_on: FailOn | None = typer.Option(
        None, help=N_("Lowest severity that fails (exit 1). [default: error]")
    ),
    select: list[str] = typer.Option([], help=N_("Report only this rule (repeatable).")),
    ignore: list[str] = typer.Option([], help=N_("Do not report this rule (repeatable).")),
    config: Path | None = typer.Option(
        None, help=N_("Settings file instead of the nearest .smartplan.yaml.")
    ),
    baseline: Path | None = typer.Option(
        None, help=N_("Hide the findings recorded in this baseline file.")
    ),
    write_baseline: Path | None = typer.Option(
        None, help=N_("Record today's findings in this baseline file (exit 0) and report nothing.")
    ),
    show_all: bool = typer.Option(
        False, "--all", help=N_("Text: show every finding (repeats of a rule are grouped after 3).")
    ),
    no_cache: bool = typer.Option(
        False,
        "--no-cache",
        help=N_("Check every plan again; do not read or write .smartplan_cache."),
    ),
    lang: Lang | None = lang_option(),
) -> None:
    """Check plans against the schema and every lint rule."""
    from smartplan.check.lint import ValidateOptions, validate_paths
    from smartplan.findings import Severity

    options = ValidateOptions(
        stage=stage,
        fail_on=Severity.parse(fail_on.value) if fail_on else None,
        select=tuple(select),
        ignore=tuple(ignore),
        config=config,
        baseline=baseline,
        use_baseline=write_baseline is None,
        cache=not no_cache,
    )
    result = validate_paths(paths or [], options)
    if write_baseline is not None:
        from smartplan.check.suppress import write_baseline as record

        inputs = [Path(name) for file in result.files for name in (file.path, *file.inputs)]
        count = record(result.findings, write_baseline, inputs)
        recorded = _n(
            "recorded {count} finding in {file}",
            "recorded {count} findings in {file}",
            count,
            file=write_baseline,
        )
        write(f"{recorded}\n")
        raise typer.Exit(EXIT_CLEAN)
    raise typer.Exit(report_validation(result, output_format.value, show_all))


def register(app: typer.Typer) -> None:
    app.command(
        help=N_("Check plans against the schema and every lint rule."),
        epilog=N_("Example: smartplan validate examples/kota-jambi/masterplan.yaml --format json"),
    )(validate)
