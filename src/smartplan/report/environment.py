"""The one Jinja set-up: sandboxed, StrictUndefined, escaping chosen by the template's name.

Every template escapes HTML in each `{{ … }}` — `.html`, `.html.j2`, `.txt`, no suffix at all —
except a Markdown one (`.md`/`.markdown`, alone or before `.j2`/`.jinja`/`.jinja2`) rendering
Markdown: that passes every `{{ … }}` through the Markdown escape (so a `|` or a newline from the
plan cannot break a table). A browser still reads a backslash-escaped `<tag` as a tag, so a
page that is HTML (`--format html` or `pdf`) is HTML-escaped whatever the template's name. Plan
text never reaches a template unescaped: only values marked safe (the SVG charts) pass.
"""

from __future__ import annotations

import contextlib
import functools
import re
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal

from jinja2 import BaseLoader, StrictUndefined, Template, TemplateError, TemplateNotFound
from jinja2.loaders import split_template_path
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from smartplan.escape import markdown, printable
from smartplan.files.limits import MB
from smartplan.i18n import _
from smartplan.report import formatting

Syntax = Literal["html", "markdown"]
_JINJA_SUFFIXES = (".j2", ".jinja", ".jinja2")


def syntax_of(name: str, fmt: str) -> Syntax:
    """`markdown` for a Markdown template making Markdown (`fmt` md); `html` for all else."""
    path = Path(name.lower())
    if path.suffix in _JINJA_SUFFIXES:
        path = path.with_suffix("")
    markdown_name = path.suffix in (".md", ".markdown")
    return "markdown" if markdown_name and fmt == "md" else "html"


def markdown_escape(value: Any) -> Any:
    """Plan text as literal GitHub-flavoured Markdown, on one line (newlines become `<br>`)."""
    if isinstance(value, Markup) or value is None:
        return value
    return markdown(str(value))


def html_text(value: Any) -> Any:
    """Text an HTML5 page can hold (a file name may carry a control character; a plan cannot)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


FINALIZE = {"markdown": markdown_escape, "html": html_text}


@functools.cache
def environment(syntax: Syntax, search: tuple[Path, ...]) -> ImmutableSandboxedEnvironment:
    """Cached per syntax and search path: templates compile once per process."""
    # Immutable: a template cannot change the view model that the next template reads
    env = BudgetedEnvironment(
        loader=FolderLoader(search),
        undefined=StrictUndefined,
        autoescape=syntax == "html",  # never off: a template of no known kind escapes HTML
        finalize=FINALIZE.get(syntax),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    env.filters.update(
        rupiah=formatting.rupiah,
        rupiah_short=formatting.rupiah_short,
        date=formatting.date,
        number=formatting.number,
        format=_bounded_format,
    )
    return env


# --- budgets: a template from anyone (render --template) runs in bounded time, memory and
# output. The sandbox already stops escapes to Python; these stop a template from exhausting
# the machine: `('ab'*(10**9))|length`, `'%1000000000d'|format(1)`, nested range(100000) loops.
TEMPLATE_SIZE = 1 * MB  # a template file
MAX_ITEMS = 1_000_000  # characters or items one operator may build
MAX_WIDTH = 10_000  # a field width or precision in a format string
TEMPLATE_SECONDS = 10
TEMPLATE_MEMORY = 512 * MB  # address space a render may add
TEMPLATE_OUTPUT = 64 * MB  # characters a render may write

_FORMAT_NUMBERS = re.compile(r"%[-#0 +]*(\*|\d*)(?:\.(\*|\d*))?|\{[^{}]*?:[^{}]*?\}")


class TemplateBudgetError(TemplateError):
    """A template went over its time, memory or output budget."""


class BudgetedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with `*`, `**` and `%` checked before they build anything."""

    intercepted_binops = frozenset({"*", "**", "%"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**":
            _check_power(left, right)
        elif isinstance(left, str):
            _check_format(left)
        return super().call_binop(context, operator, left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """`'{:1000000000}'.format(1)`: the format string is checked before it runs."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        _check_format(value.__self__)
        return wrapped


def _check_repeat(sequence: Any, times: Any) -> None:
    repeated = isinstance(sequence, (str, list, tuple)) and isinstance(times, int)
    if repeated and len(sequence) * max(times, 0) > MAX_ITEMS:
        raise TemplateBudgetError(
            _("a repetition would build more than {limit:,} characters or items", limit=MAX_ITEMS)
        )


def _check_power(base: Any, exponent: Any) -> None:
    numbers = isinstance(base, int) and isinstance(exponent, int) and exponent > 0
    if numbers and abs(base) > 1 and base.bit_length() * exponent > 64 * 1024:
        raise TemplateBudgetError(_("a power would build a number too large to show"))


def _check_format(text: str) -> None:
    for found in _FORMAT_NUMBERS.finditer(text):
        numbers = re.findall(r"\d+|\*", found.group())
        if any(n == "*" or int(n) > MAX_WIDTH for n in numbers if len(n) < 20) or any(
            len(n) >= 20 for n in numbers
        ):
            raise TemplateBudgetError(
                _(
                    "a format field wider than {limit:,} characters is refused",
                    limit=MAX_WIDTH,
                )
            )


def _bounded_format(value: Any, *args: Any, **kwargs: Any) -> str:
    from jinja2.filters import do_format

    _check_format(str(value))
    return do_format(value, *args, **kwargs)


def render_budgeted(template: Template, values: dict[str, Any]) -> str:
    """The template's text, rendered within TEMPLATE_SECONDS, TEMPLATE_MEMORY and
    TEMPLATE_OUTPUT; TemplateBudgetError when it goes over one."""
    pieces: list[str] = []
    size = 0
    # the alarm is disarmed first: it must not interrupt restoring the memory limit
    with _memory_limit(TEMPLATE_MEMORY), _time_limit(TEMPLATE_SECONDS):
        try:
            for piece in template.generate(values):
                size += len(piece)
                if size > TEMPLATE_OUTPUT:
                    raise TemplateBudgetError(
                        _(
                            "the template writes more than {limit:,} characters",
                            limit=TEMPLATE_OUTPUT,
                        )
                    )
                pieces.append(piece)
        except MemoryError:
            pieces.clear()
            raise TemplateBudgetError(
                _("the template needs more than {limit} MB of memory", limit=TEMPLATE_MEMORY // MB)
            ) from None
        except RecursionError:
            raise TemplateBudgetError(_("the template calls itself too deeply")) from None
    return "".join(pieces)


@contextlib.contextmanager
def _time_limit(seconds: int) -> Iterator[None]:
    """An alarm that stops the render (POSIX, main thread: elsewhere the output budget and
    the sandbox's range limit still hold)."""
    main = threading.current_thread() is threading.main_thread()
    if not hasattr(signal, "setitimer") or not main:
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise TemplateBudgetError(
            _("the template ran longer than {seconds} seconds", seconds=seconds)
        )

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _memory_limit(budget: int) -> Iterator[None]:
    """Cap the address space at what the process uses now plus `budget` (Linux): a template
    that builds a gigabyte string gets MemoryError instead of the machine's memory."""
    previous = _lower_address_space(budget)
    try:
        yield
    finally:
        if previous is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, previous)


def _lower_address_space(budget: int) -> tuple[int, int] | None:
    """The limits as they were, once lowered; None where they cannot be (or already are)."""
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as handle:
            used = int(handle.read().split()[0]) * resource.getpagesize()
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        cap = used + budget
        if soft != resource.RLIM_INFINITY and soft <= cap:
            return None
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ImportError, OSError, ValueError):
        return None
    return soft, hard


class FolderLoader(BaseLoader):
    """Templates from the search folders, each only a regular file inside its folder (symlinks
    resolved, read with a bound): a template cannot `{% include %}` /etc/passwd through a
    symlink beside it."""

    def __init__(self, folders: tuple[Path, ...]) -> None:
        self.folders = tuple(folder.resolve() for folder in folders)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        from smartplan.files.reading import UnsafeFile, read_file

        pieces = split_template_path(template)  # refuses `..`
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            try:
                data = read_file(path, TEMPLATE_SIZE, root=folder)
            except UnsafeFile as error:
                raise TemplateNotFound(template, f"{template}: {error.strerror}") from None
            except OSError:
                continue
            if len(data) > TEMPLATE_SIZE:
                raise TemplateNotFound(template, _("{name} is larger than 1 MB", name=template))
            try:
                return data.decode("utf-8"), str(path), lambda: True
            except UnicodeDecodeError:
                message = _("{name} is not UTF-8 text", name=template)
                raise TemplateNotFound(template, message) from None
        raise TemplateNotFound(template)
