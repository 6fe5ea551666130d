"""`smartplan diff`: what changed between two versions of a plan (two Bimtek stages)."""

from __future__ import annotations

import enum
import sys
from pathlib import Path

import typer

from smartplan.cli.common import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    Lang,
    guarded,
    lang_option,
    language,
    wants_color,
    write,
)
from smartplan.escape import log_text, terminal, terminal_text
from smartplan.i18n import N_, _


class Format(str, enum.Enum):
    text = "text"
    md = "md"
    json = "json"


@guarded
def diff(
    old: str | None = typer.Argument(
        None,
        metavar="[OLD]",
        help=N_(
            "A plan file, REV:PATH, a git revision or a stage alias (stage2). "
            "Default: pre-commit's FROM ref when set, else the last stage tag."
        ),
    ),
    new: str | None = typer.Argument(
        None, metavar="[NEW]", help=N_("The same kinds of side; default: the working tree.")
    ),
    output_format: Format = typer.Option(
        Format.text, "--format", "-f", help=N_("text, md or json.")
    ),
    exit_code: bool = typer.Option(
        False, "--exit-code", help=N_("Exit with 1 when anything changed.")
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help=N_("Write to FILE (UTF-8).")),
    lang: Lang | None = lang_option(),
) -> None:
    """Show what changed between two versions of a masterplan, matched by meaning: programmes
    by id, budget lines by year and source, reordering alone is no change."""
    from smartplan.diff import diff as compare_sides
    from smartplan.diff import hook_sides
    from smartplan.reporters.diff import DIFF_REPORTERS, DiffOptions

    if old is None:
        old, new = hook_sides()
    if old is None:
        typer.echo(_("smartplan: no stage tag yet (git tag stage1): nothing to compare"), err=True)
        raise typer.Exit(EXIT_CLEAN)
    result = compare_sides(old, new)
    for warning in result.warnings:
        typer.echo(_("smartplan: warning: {message}", message=terminal(warning)), err=True)
    if output is None:
        options = DiffOptions(color=wants_color(sys.stdout), lang=language(lang))
        text = DIFF_REPORTERS[output_format.value](result, options)
        # text escapes per cell (it has colours); md and json as a whole
        write(log_text(text) if output_format.value == "text" else terminal_text(text))
    else:
        from smartplan.files.output import write_atomic

        text = DIFF_REPORTERS[output_format.value](result, DiffOptions(lang=language(lang)))
        write_atomic(output, text.encode("utf-8"), inputs=result.inputs)
    raise typer.Exit(EXIT_FINDINGS if exit_code and result.changed else EXIT_CLEAN)


def register(app: typer.Typer) -> None:
    app.command(
        help=N_(
            "Show what changed between two versions of a masterplan, matched by meaning: "
            "programmes by id, budget lines by year and source, reordering alone is no change."
        ),
        epilog=N_("Example: smartplan diff stage2 stage3 --format md > tinjauan-tahap-3.md"),
    )(diff)
