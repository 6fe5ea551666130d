"""The language of the command line, chosen before any help or error is built (SPEC §9).

`--lang` on the command line wins over `lang:` in the nearest .smartplan.yaml, which wins over
SMARTPLAN_LANG; Bahasa Indonesia otherwise. Typer builds its help from English msgids declared
with `N_()`; `localize()` translates them in the command tree it is about to run, and puts
typer's and click's own words (Usage, Options, "No such option") through the same catalogue:
typer vendors click without gettext, so its messages are matched against their English
templates below and translated whole.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from smartplan import i18n
from smartplan.i18n import N_, _

CONFIG_NAMES = (".smartplan.yaml", ".smartplan.yml")
_LANG_LINE = re.compile(r"^lang:\s*[\"']?(id|en)[\"']?\s*(#.*)?$", re.MULTILINE)


def choose(args: Sequence[str], cwd: Path | None = None) -> str:
    """The language for this run: --lang, else the settings file's lang:, else the variable."""
    given = _option(args, "--lang")
    if given in i18n.LANGS:
        return given
    return _from_config(args, cwd or Path.cwd()) or i18n.from_environment() or i18n.DEFAULT


def _option(args: Sequence[str], name: str) -> str | None:
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.partition("=")[2]
    return None


def _from_config(args: Sequence[str], cwd: Path) -> str | None:
    """`lang:` of --config FILE, else of the nearest settings file above the first path named."""
    explicit = _option(args, "--config")
    if explicit:
        return _lang_of(Path(explicit))
    start = cwd
    for arg in args:
        if not arg.startswith("-") and ":" not in arg and os.path.exists(arg):
            start = Path(arg) if os.path.isdir(arg) else Path(arg).parent
            break
    try:
        folder = (cwd / start).resolve()
    except (OSError, RuntimeError):
        return None
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return _lang_of(candidate / name)
    return None


def _lang_of(path: Path) -> str | None:
    # a line match, not a YAML parse: the command reads (and checks) the file properly later
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            head = handle.read(65536)
    except OSError:
        return None
    found = _LANG_LINE.search(head)
    return found.group(1) if found else None


# -- typer's and click's own words -------------------------------------------------------------

# English templates of the vendored click and typer (and of click 8.5, which typer before the
# vendored click runs on); `{name}` matches any text
CLICK_MESSAGES = (
    N_("No such option '{name}'. (Did you mean one of: {possibilities}?)"),
    N_("No such option '{name}'. (Did you mean {possibilities}?)"),
    N_("No such option '{name}'."),
    N_("No such option: {name} (Possible options: {possibilities})"),
    N_("No such option: {name}"),
    N_("No such command '{name}'. Did you mean {suggestions}?"),
    N_("No such command '{name}'."),
    N_("Missing command."),
    N_("Missing argument {name}."),
    N_("Missing option {name}."),
    N_("Missing parameter: {name}"),
    N_("Invalid value for {name}: {message}"),
    N_("Invalid value: {message}"),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid integer."),
    N_("{value} is not a valid float."),
    N_("{value} is not a valid boolean. Recognized values: {values}"),
    N_("{value} is not a valid {kind}."),
    N_("{value} is not in the range {range}."),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("Got unexpected extra argument(s) ({args})"),
    N_("File {name} does not exist."),
    N_("Directory {name} does not exist."),
    N_("Path {name} does not exist."),
    N_("File {name} is a directory."),
    N_("Path {name} is a directory."),
    N_("File {name} is not readable."),
    N_("Path {name} is not readable."),
)
_NESTED = ("message",)  # placeholders that hold another click message


@functools.cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    compiled = []
    for template in CLICK_MESSAGES:
        parts = re.split(r"\{(\w+)\}", template)
        regex = "".join(
            re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts)
        )
        compiled.append((template, re.compile(f"^{regex}$", re.DOTALL)))
    return compiled


def click_message(text: str) -> str:
    """A click/typer usage message in the current language (as written when unknown)."""
    for template, pattern in _patterns():
        found = pattern.match(text)
        if found:
            params = found.groupdict()
            for key in _NESTED:
                if key in params:
                    params[key] = click_message(params[key])
            return _(template, **params)
    return text


def localize(command: Any) -> None:
    """Translate the help of `command` and its subcommands in place, and click's own words."""
    _patch_click()
    for cmd in _walk(command):
        _ensure_lang_option(cmd)
        for attribute in ("help", "epilog", "short_help", "options_metavar", "subcommand_metavar"):
            _translate_attribute(cmd, attribute)
        for param in cmd.params:
            _translate_attribute(param, "help")


# typer's and click's words in help (through gettext without a catalogue: English)
TYPER_WORDS = frozenset(
    (
        N_("Arguments"),
        N_("Options"),
        N_("Commands"),
        N_("default: {default}"),
        N_("required"),
        N_("env var: {var}"),
        N_("(dynamic)"),
        N_("Aborted!"),
    )
)
# the usage line's placeholders (attributes of click's commands, translated by localize)
METAVARS = (N_("[OPTIONS]"), N_("COMMAND [ARGS]..."))

LANG_HELP = N_(
    "Language of messages, help and reports: id (Bahasa Indonesia) or en. "
    "Default: lang: of .smartplan.yaml, else SMARTPLAN_LANG, else id."
)


def _ensure_lang_option(command: Any) -> None:
    """Every command takes --lang (choose() has already read it), even one declared without
    (the commands of this package declare it with `lang_option()`)."""
    if any(param.name == "lang" for param in command.params):
        return
    from typer.core import TyperOption

    try:
        option = TyperOption(
            param_decls=["--lang"], callback=_check_lang, expose_value=False, help=LANG_HELP
        )
    except TypeError:  # a typer whose option takes other arguments: the command goes without
        return
    command.params.append(option)


def _check_lang(ctx: Any, param: Any, value: Any) -> Any:
    import typer

    if value is not None and value not in i18n.LANGS:
        raise typer.BadParameter(
            _("{value} is not one of {choices}.", value=repr(value), choices="'id', 'en'")
        )
    return value


def _walk(command: Any) -> Iterator[Any]:
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from _walk(sub)


def _translate_attribute(owner: Any, attribute: str) -> None:
    key = f"_smartplan_msgid_{attribute}"
    if key not in owner.__dict__:
        owner.__dict__[key] = getattr(owner, attribute, None)
    msgid = owner.__dict__[key]
    if isinstance(msgid, str) and msgid:
        setattr(owner, attribute, _(msgid))


def click_module() -> Any:
    """The click that typer runs on: vendored as `typer._click` in recent typer, the click
    package before (typer 0.16, the lowest version pyproject.toml admits)."""
    import importlib

    try:
        return importlib.import_module("typer._click")
    except ImportError:
        return importlib.import_module("click")


@functools.cache
def _patch_click() -> None:
    """Once per process: click's usage prefix, help option and the words typer and click
    put in help (gettext without a catalogue) speak our language."""
    import gettext

    import typer.core

    _click = click_module()

    def usage(original: Callable[..., None]) -> Callable[..., None]:
        def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
            original(self, prog, args, _("Usage: ") if prefix is None else prefix)

        return write_usage

    def help_option(original: Callable[..., Any]) -> Callable[..., Any]:
        def get_help_option(self: Any, ctx: Any) -> Any:
            option = original(self, ctx)
            if option is not None:
                option.help = _("Show this message and exit.")
            return option

        return get_help_option

    def words(text: str) -> str:
        return i18n.gettext(text) if text in TYPER_WORDS else gettext.gettext(text)

    formatter = _click.formatting.HelpFormatter
    formatter.write_usage = usage(formatter.write_usage)
    command = _click.core.Command
    command.get_help_option = help_option(command.get_help_option)
    for module in (typer.core, _click.core):
        if getattr(module, "_", None) is gettext.gettext:
            setattr(module, "_", words)  # noqa: B010 - the module's gettext alias


def show_error(error: Any) -> None:
    """Make a click usage error print itself in our words (typer shows it as click does)."""
    exceptions = click_module().exceptions
    if getattr(error, "_smartplan_words", False) or type(error).show not in (
        exceptions.UsageError.show,
        exceptions.ClickException.show,
    ):
        return  # already in our words, or not an error message (help when no arguments)
    error._smartplan_words = True
    text = click_message(error.format_message())
    error.format_message = lambda: text
    error.show = functools.partial(_show, error)


def _show(error: Any, file: Any = None) -> None:
    """click's UsageError.show and ClickException.show, in the current language."""
    import typer

    ctx = getattr(error, "ctx", None)
    lines = []
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            hint = _(
                "Try '{command} {option}' for help.",
                command=ctx.command_path,
                option=ctx.help_option_names[0],
            )
            lines.append(hint)
        lines.append("")
    lines.append(_("Error: {message}", message=error.format_message()))
    typer.echo("\n".join(lines), err=True, color=ctx.color if ctx is not None else None)
