"""What every command shares: the error handler (exit code 2), output and colour."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from smartplan.cli.terminal import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    ending,
    wants_color,
    write,
    write_binary,
)

F = TypeVar("F", bound=Callable[..., Any])

# output (cli/terminal.py, usable before typer is imported), for the commands
__all__ = ["EXIT_CLEAN", "EXIT_FINDINGS", "EXIT_USAGE", "wants_color", "write", "write_binary"]
__all__ += ["Lang", "ending", "fail", "guarded", "lang_option", "language", "root_callback"]


class Lang(str, enum.Enum):
    """The languages of messages and reports (--lang): Bahasa Indonesia by default, or English."""

    id = "id"
    en = "en"


def lang_option() -> Any:
    """`--lang id|en` of every command; cli/words.py reads it before typer builds the help."""
    from smartplan.cli.words import LANG_HELP

    return typer.Option(None, "--lang", show_default=False, help=LANG_HELP)


def language(lang: Lang | None) -> str:
    """The language of this run (--lang was already applied by cli/words.py: it agrees)."""
    from smartplan import i18n

    return lang.value if lang is not None else i18n.current()


def guarded(command: F) -> F:
    """Map SmartplanError (and anything unexpected) to a one-line message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except (Exception, KeyboardInterrupt) as error:
            fail(ending(error))

    return wrapper  # type: ignore[return-value]


def fail(message: str) -> None:
    """The one-line error (cli/terminal.error_line) on stderr, and exit code 2."""
    from smartplan.cli.terminal import error_line

    typer.echo(error_line(message), err=True)
    raise typer.Exit(EXIT_USAGE)


def root_callback(version: Callable[[bool], None]) -> Callable[..., None]:
    """The root command's options (--version, --lang), declared here where their types are
    module names: typer reads the annotations against this module's globals."""
    from smartplan.i18n import N_

    def _root(
        version: bool = typer.Option(
            False,
            "--version",
            "-V",
            callback=version,
            is_eager=True,
            help=N_("Show the version and exit."),
        ),
        lang: Lang | None = lang_option(),
    ) -> None:
        """Lint, diff and render Indonesian smart-city masterplans (Masterplan Smart City)."""

    return _root
