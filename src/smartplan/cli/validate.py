"""`smartplan validate`: schema and lint rules over plans; exit 0 clean, 1 findings, 2 usage."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import EXIT_CLEAN, EXIT_FINDINGS, guarded, wants_color, write
from smartplan.escape import terminal_text
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
        help="Plan files or folders (default: plans: of .smartplan.yaml, else masterplan.yaml).",
    ),
    output_format: Format = typer.Option("text", "--format", "-f", help="Output format."),
    stage: int | None = typer.Option(
        None, min=1, max=4, help="Check as if the plan were at Bimtek stage N."
    ),
    fail_on: FailOn | None = typer.Option(
        None, help="Lowest severity that fails (exit 1). [default: error]"
    ),
    select: list[str] = typer.Option([], help="Report only this rule (repeatable)."),
    ignore: list[str] = typer.Option([], help="Do not report this rule (repeatable)."),
    config: Path | None = typer.Option(
        None, help="Settings file instead of the nearest .smartplan.yaml."
    ),
    baseline: Path | None = typer.Option(
        None, help="Hide the findings recorded in this baseline file."
    ),
    write_baseline: Path | None = typer.Option(
        None, help="Record today's findings in this baseline file (exit 0) and report nothing."
    ),
    show_all: bool = typer.Option(
        False, "--all", help="Text: show every finding (repeats of a rule are grouped after 3)."
    ),
    no_cache: bool = typer.Option(
        False, "--no-cache", help="Check every plan again; do not read or write .smartplan_cache."
    ),
) -> None:
    """Check plans against the schema and every lint rule."""
    from smartplan.findings import Severity
    from smartplan.lint import ValidateOptions, validate_paths
    from smartplan.reporters import ReportOptions

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
        from smartplan.suppress import write_baseline as record

        inputs = [Path(name) for file in result.files for name in (file.path, *file.inputs)]
        count = record(result.findings, write_baseline, inputs)
        write(f"recorded {count} findings in {write_baseline}\n")
        raise typer.Exit(EXIT_CLEAN)
    report_options = ReportOptions(color=wants_color(), group=not show_all)
    text = REPORTERS[output_format.value](result, report_options)
    # text escapes per finding (it has colours); json, sarif, github… as a whole: \uXXXX keeps
    # JSON the same data, and a terminal shows a bidi override or a C1 control as text
    write(text if output_format.value == "text" else terminal_text(text))
    raise typer.Exit(EXIT_CLEAN if result.ok else EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    app.command(
        epilog="Example: smartplan validate examples/kota-jambi/masterplan.yaml --format json"
    )(validate)
