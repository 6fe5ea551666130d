"""Output to the terminal without typer: colour, writing a report, validate's exit code.

The commands use these through cli/common.py; the quick answer of an unchanged repository
(cli/fast.py) uses them directly, before typer is imported.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from smartplan.findings import ValidationResult

EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


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


def error_line(message: str) -> str:
    """The one-line error: plan text in it (a value, a file name) cannot break the line or
    send escape sequences to the terminal."""
    from smartplan.escape import terminal
    from smartplan.i18n import _

    return _("smartplan: error: {message}", message=terminal(message))


def ending(error: BaseException) -> str:
    """What a command that ends with `error` says: a SmartplanError's own message, or that it
    was interrupted, or an internal error to report (a bug of ours: still no traceback)."""
    from smartplan.errors import SmartplanError
    from smartplan.i18n import _

    if isinstance(error, SmartplanError):
        return str(error)
    if isinstance(error, KeyboardInterrupt):
        return _("interrupted")
    return _(
        "internal error ({kind}: {error}); please report it",
        kind=type(error).__name__,
        error=error,
    )


def fail(message: str) -> int:
    """Write the one-line error to stderr; the exit code of a usage error."""
    sys.stderr.write(error_line(message) + "\n")
    sys.stderr.flush()
    return EXIT_USAGE


def report_validation(result: ValidationResult, output_format: str, show_all: bool) -> int:
    """Write `validate`'s report of `result` to stdout; its exit code (0 clean, 1 findings)."""
    from smartplan.escape import log_text, terminal_text
    from smartplan.reporters import REPORTERS, ReportOptions

    options = ReportOptions(color=wants_color(), group=not show_all)
    text = REPORTERS[output_format](result, options)
    # text escapes per finding (it has colours); json, sarif, github… as a whole: \uXXXX keeps
    # JSON the same data, and a terminal shows a bidi override or a C1 control as text. Only
    # the github format's lines are workflow commands: in any other, none is.
    if output_format == "text":
        write(log_text(text))
    else:
        write(terminal_text(text, commands=output_format == "github"))
    return EXIT_CLEAN if result.ok else EXIT_FINDINGS
