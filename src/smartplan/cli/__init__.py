"""The typer application: one module per command, each a few lines over the core.

Start-up is the cost of every pre-commit run (SPEC §7), so this package imports nothing at
first: `--version` answers without typer, a command named on the command line is the only
one registered, and `app` (every command, for `--help` and the tests) is built when asked.
The root command chooses the language (SPEC §9) from the arguments before any help is built.
"""

from __future__ import annotations

import functools
import gc
import sys
from collections.abc import Sequence
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


@functools.cache
def _application() -> type:
    """The root command's class (typer's group, which needs typer: built on first use)."""
    from typer.core import TyperGroup

    class Application(TyperGroup):
        """The root command: chooses the language from the arguments before any help is built."""

        def main(self, args: Sequence[str] | None = None, *rest: Any, **options: Any) -> Any:
            from smartplan import i18n
            from smartplan.cli import words

            args = list(sys.argv[1:] if args is None else args)
            before = i18n.chosen()
            i18n.use(words.choose(args))
            words.localize(self)
            try:
                return super().main(args, *rest, **options)
            finally:  # a library caller in the same process keeps its own choice
                i18n.use(before)

        def make_context(self, *args: Any, **options: Any) -> Any:
            return _preparing_errors(super().make_context, *args, **options)

        def invoke(self, ctx: Any) -> Any:
            return _preparing_errors(super().invoke, ctx)

    return Application


def _preparing_errors(call: Any, *args: Any, **options: Any) -> Any:
    """A usage error will be printed by click: in our words."""
    from smartplan.cli import words

    try:
        return call(*args, **options)
    except words.click_module().exceptions.ClickException as error:
        words.show_error(error)
        raise


def _version(value: bool) -> None:
    if value:
        import typer

        typer.echo(f"smartplan {__version__}")
        raise typer.Exit()


def make_app(commands: list[str] | None = None) -> typer.Typer:
    """The application with these commands (all by default)."""
    import importlib

    import typer

    from smartplan.cli.common import root_callback
    from smartplan.i18n import N_

    app = typer.Typer(
        name="smartplan",
        cls=_application(),
        help=N_("Lint, diff and render Indonesian smart-city masterplans kept as YAML."),
        epilog=N_("Example: smartplan validate examples/"),
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    app.callback()(root_callback(_version))

    for name in commands or COMMANDS:
        importlib.import_module(f"smartplan.cli.{COMMANDS[name]}").register(app)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":  # every command: `from smartplan.cli import app`
        app = make_app()
        globals()["app"] = app
        return app
    if name == "Application":  # the root command's class, for apps built like ours
        return _application()
    raise AttributeError(name)


def main() -> None:
    arguments = sys.argv[1:]
    if arguments in (["--version"], ["-V"]):
        sys.stdout.write(f"smartplan {__version__}\n")
        return
    named = [arguments[0]] if arguments and arguments[0] in COMMANDS else None
    try:
        if named == ["validate"]:  # without options: checked before typer loads (cli/fast.py)
            from smartplan.cli import fast

            code = fast.validate(arguments[1:])
            if code is not None:
                sys.exit(code)
        make_app(named)()
    finally:
        # the process ends here: the operating system frees its memory at once, while the
        # interpreter's collections at exit would walk every object (10-15 ms of a pre-commit
        # run of 130 ms); frozen objects are left out of them
        gc.freeze()
