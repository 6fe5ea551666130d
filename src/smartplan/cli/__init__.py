"""The typer application: one module per command, each a few lines over the core."""

from __future__ import annotations

import typer

from smartplan import __version__

app = typer.Typer(
    name="smartplan",
    help="Lint, diff and render Indonesian smart-city masterplans kept as YAML.",
    epilog="Example: smartplan validate examples/",
    add_completion=False,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"smartplan {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False,
        "--version",
        "-V",
        callback=_version,
        is_eager=True,
        help="Show the version and exit.",
    ),
) -> None:
    """Lint, diff and render Indonesian smart-city masterplans (Masterplan Smart City)."""


def _register() -> None:
    from smartplan.cli import (
        diff,
        export,
        importing,
        init,
        portfolio,
        render,
        rules,
        schema,
        validate,
    )

    for module in (validate, diff, render, rules, schema, init, portfolio, export, importing):
        module.register(app)


_register()


def main() -> None:
    app()
