"""The typer application: one module per command, each a few lines over the core.

Start-up is the cost of every pre-commit run (SPEC §7), so this package imports nothing at
first: `--version` answers without typer, a command named on the command line is the only
one registered, and `app` (every command, for `--help` and the tests) is built when asked.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from smartplan import __version__

if TYPE_CHECKING:
    import typer

# command name → module of smartplan.cli, in the order `--help` lists them
COMMANDS = {
    "validate": "validate",
    "diff": "diff",
    "render": "render",
    "rules": "rules",
    "schema": "schema",
    "init": "init",
    "portfolio": "portfolio",
    "export": "export",
    "import": "importing",
    "lsp": "lsp",
}


def _version(value: bool) -> None:
    if value:
        import typer

        typer.echo(f"smartplan {__version__}")
        raise typer.Exit()


def make_app(commands: list[str] | None = None) -> typer.Typer:
    """The application with these commands (all by default)."""
    import importlib

    import typer

    app = typer.Typer(
        name="smartplan",
        help="Lint, diff and render Indonesian smart-city masterplans kept as YAML.",
        epilog="Example: smartplan validate examples/",
        add_completion=False,
        pretty_exceptions_enable=False,
        no_args_is_help=True,
        # plain help: rich's help imports Markdown and traceback rendering (~100 ms) to draw
        # boxes around the same text
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

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

    for name in commands or COMMANDS:
        importlib.import_module(f"smartplan.cli.{COMMANDS[name]}").register(app)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":  # every command: `from smartplan.cli import app`
        app = make_app()
        globals()["app"] = app
        return app
    raise AttributeError(name)


def main() -> None:
    arguments = sys.argv[1:]
    if arguments in (["--version"], ["-V"]):
        sys.stdout.write(f"smartplan {__version__}\n")
        return
    named = [arguments[0]] if arguments and arguments[0] in COMMANDS else None
    make_app(named)()
