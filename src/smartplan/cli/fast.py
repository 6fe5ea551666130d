"""`smartplan validate [PATH ...]` without options, before typer is imported.

That is how the pre-commit hook and most people run it, so its start-up is what they wait
for. With no option there is nothing to parse: the command's defaults (cli/validate.py), the
same check (`lint.validate_paths`, the results cache included), the same report and exit code
(`terminal.report_validation`) and the same one-line errors (`terminal.ending`) are applied
here without typer; tests/test_cli.py compares the two paths. Anything with an option goes to
the typer command.
"""

from __future__ import annotations

from collections.abc import Sequence


def validate(arguments: Sequence[str]) -> int | None:
    """Check the plans at these plain paths and write the report: the exit code; None when
    an option is given (the typer command reads it)."""
    if any(argument.startswith("-") for argument in arguments):
        return None
    from smartplan import i18n
    from smartplan.cli import terminal, words

    before = i18n.chosen()
    i18n.use(words.choose(["validate", *arguments]))
    try:
        from smartplan.check.lint import ValidateOptions, validate_paths

        # the command's options when none is given
        result = validate_paths(list(arguments), ValidateOptions(cache=True))
        return terminal.report_validation(result, "text", show_all=False)
    except (Exception, KeyboardInterrupt) as error:
        return terminal.fail(terminal.ending(error))
    finally:
        i18n.use(before)
