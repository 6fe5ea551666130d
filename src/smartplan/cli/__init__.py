"""The typer application: one module per command, each a few lines over the core."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from smartplan import __version__
from smartplan.cli.common import Lang, lang_option
from smartplan.i18n import N_


class Application(TyperGroup):
    """The root command: chooses the language from the arguments before any help is built."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
        from smartplan import i18n
        from smartplan.cli import words

        args = list(sys.argv[1:] if args is None else args)
        before = i18n.chosen()
        i18n.use(words.choose(args))
        words.localize(self)
        if not args:  # no_args_is_help: the help is built while parsing
            words.prepare_rich()
        try:
            return super().main(args, *rest, **options)
        finally:  # a library caller in the same process keeps its own choice
            i18n.use(before)

    def make_context(self, *args: Any, **options: Any) -> Any:
        return _preparing_errors(super().make_context, *args, **options)

    def invoke(self, ctx: Any) -> Any:
        return _preparing_errors(super().invoke, ctx)


def _preparing_errors(call: Any, *args: Any, **options: Any) -> Any:
    """A usage error or an abort will be printed by typer's rich panels: in our words."""
    from typer import _click

    try:
        return call(*args, **options)
    except (_click.exceptions.ClickException, typer.Abort):
        from smartplan.cli import words

        words.prepare_rich()
        raise


app = typer.Typer(
    name="smartplan",
    cls=Application,
    help=N_("Lint, diff and render Indonesian smart-city masterplans kept as YAML."),
    epilog=N_("Example: smartplan validate examples/"),
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
        help=N_("Show the version and exit."),
    ),
    lang: Lang | None = lang_option(),
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
