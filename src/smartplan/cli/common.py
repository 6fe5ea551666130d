"""What every command shares: the error handler (exit code 2), output and colour."""

from __future__ import annotations

import enum
import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TextIO, TypeVar

import typer

from smartplan.errors import SmartplanError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class Lang(str, enum.Enum):
    """The languages of reports (--lang): Bahasa Indonesia by default, or English."""

    id = "id"
    en = "en"


def guarded(command: F) -> F:
    """Map SmartplanError (and anything unexpected) to a one-line message and exit code 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except SmartplanError as error:
            fail(str(error))
        except KeyboardInterrupt:
            fail("interrupted")
        except Exception as error:  # a bug of ours: still no traceback for the user
            fail(f"internal error ({type(error).__name__}: {error}); please report it")

    return wrapper  # type: ignore[return-value]


def fail(message: str) -> None:
    """The one-line error: plan text in it (a value, a file name) cannot break the line or
    send escape sequences to the terminal."""
    from smartplan.escape import terminal

    typer.echo(f"smartplan: error: {terminal(message)}", err=True)
    raise typer.Exit(EXIT_USAGE)


def wants_color(stream: TextIO | None = None) -> bool:
    """Colour on a terminal only; NO_COLOR (any value) turns it off, FORCE_COLOR on."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    stream = stream or sys.stdout
    return hasattr(stream, "isatty") and stream.isatty()


def write_binary(data: bytes, what: str) -> None:
    """A Word, Excel or PDF file to stdout: only into a pipe or a file, never onto a terminal."""
    from smartplan.errors import UsageError
    from smartplan.i18n import _

    if sys.stdout.isatty():
        raise UsageError(_("{what} is a binary file: give -o FILE", what=what))
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def write(text: str) -> None:
    """Write a report to stdout; a closed pipe (`| head`) ends output, not the run; a closed
    or full stdout is a one-line error (exit 2)."""
    from smartplan.errors import UsageError
    from smartplan.i18n import _

    if sys.stdout is None:  # started with stdout closed (`>&-`)
        raise UsageError(_("cannot write the report: standard output is closed"))
    try:
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except UnicodeEncodeError:  # a terminal that cannot show Indonesian text as written
            encoded = text.encode(sys.stdout.encoding or "ascii", "backslashreplace")
            sys.stdout.buffer.write(encoded)
            sys.stdout.flush()
    except BrokenPipeError:
        # the reader went away: silence further writes, keep the exit code of the findings
        _silence_stdout()
    except (OSError, ValueError) as error:  # a full disk (`> /dev/full`), a closed stream
        _silence_stdout()
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageError(
            _("cannot write the report to standard output: {reason}", reason=reason)
        ) from None


def _silence_stdout() -> None:
    """Point stdout at the null device: what is still buffered is dropped at exit, quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
