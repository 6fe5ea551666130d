"""The answer for an unchanged repository, before typer is imported.

`smartplan validate [PATH ...]` without options is what the pre-commit hook and most people
run, most often on plans that have not changed since the last run. When the results cache
(smartplan.cache) holds the result of every plan, the report is written from it here, without
importing typer, PyYAML or any rule: the same report and exit code as the command gives (the
same ValidateOptions, the same reporter; tests/test_cache.py compares them). Anything else,
including any problem at all, is left to the command, which reports it in its usual words.
"""

from __future__ import annotations

from collections.abc import Sequence


def validate(arguments: Sequence[str]) -> int | None:
    """The exit code after writing the report of `validate` with these plain paths, or None
    when the command must run (an option, a plan not cached, an unreadable setting…)."""
    if any(argument.startswith("-") for argument in arguments):
        return None  # options are typer's to read
    from smartplan import i18n
    from smartplan.cli import words
    from smartplan.errors import SmartplanError

    before = i18n.chosen()
    i18n.use(words.choose(["validate", *arguments]))
    try:
        from smartplan.lint import ValidateOptions, cached_result

        try:
            # the options of the command when none is given (cli/validate.py)
            result = cached_result(list(arguments), ValidateOptions(cache=True))
        except (SmartplanError, OSError, ValueError):
            return None  # the command says what is wrong, in its usual words
        if result is None:
            return None
        from smartplan.cli import terminal

        try:
            return terminal.report_validation(result, "text", show_all=False)
        except SmartplanError as error:  # stdout closed or full: one line, as the command
            return terminal.fail(str(error))
    finally:
        i18n.use(before)
