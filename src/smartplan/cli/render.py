"""`smartplan render`: a plan's report (masterplan, summary, quick wins, evaluation) as md, html,
docx (Word) or pdf."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from smartplan.cli.common import Lang, guarded, lang_option, language, write, write_binary
from smartplan.escape import terminal_text
from smartplan.i18n import N_


class Report(str, enum.Enum):
    masterplan = "masterplan"
    summary = "summary"
    quickwins = "quickwins"
    evaluation = "evaluation"


class Format(str, enum.Enum):
    md = "md"
    html = "html"
    docx = "docx"
    pdf = "pdf"


@guarded
def render(
    path: Path = typer.Argument(..., help=N_("The plan file.")),
    output_format: Format = typer.Option(
        Format.md,
        "--format",
        "-f",
        help=N_("md, html, docx (Word) or pdf (the html printed by headless Chromium)."),
    ),
    report: Report = typer.Option(
        Report.masterplan, help=N_("masterplan, summary, quickwins or evaluation.")
    ),
    template: Path | None = typer.Option(
        None,
        metavar="FILE",
        help=N_(
            "Your own Jinja template (sandboxed; plan text is escaped as HTML, or as Markdown "
            "in a .md template making md)."
        ),
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help=N_("Write to FILE.")),
    lang: Lang | None = lang_option(),
) -> None:
    """Render a plan's report from Jinja templates, in Bahasa Indonesia by default."""
    from smartplan.files.output import write_atomic
    from smartplan.report.render import render_file
    from smartplan.reporters.documents import render_document

    if output_format in (Format.docx, Format.pdf):
        built = render_document(
            path,
            report=report.value,
            fmt=output_format.value,
            lang=language(lang),
            template=template,
        )
        if output is None:
            write_binary(built.data, output_format.value)
        else:
            write_atomic(output, built.data, inputs=built.inputs)
        return

    rendered = render_file(
        path, report=report.value, fmt=output_format.value, lang=language(lang), template=template
    )
    if output is None:  # a terminal must not run escape sequences from the plan
        write(terminal_text(rendered.text))
        return
    write_atomic(output, rendered.text.encode("utf-8"), inputs=rendered.inputs)


def register(app: typer.Typer) -> None:
    app.command(
        help=N_("Render a plan's report from Jinja templates, in Bahasa Indonesia by default."),
        epilog=N_(
            "Example: smartplan render examples/kota-batam/masterplan.yaml --format html "
            "-o masterplan-batam.html"
        ),
    )(render)
