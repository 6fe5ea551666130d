"""JSON Schema → findings at exact locations, one readable message per problem.

jsonschema is imported here only, lazily: it costs a noticeable share of start-up.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from smartplan.findings import Finding, Severity
from smartplan.i18n import _
from smartplan.loader.document import Document, join
from smartplan.schema.compiled import Check, compile_schema
from smartplan.schema.messages import explain

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator


@functools.cache
def validator(name: str = "masterplan") -> Validator:
    """A draft 2020-12 validator whose `integer` refuses floats (`2023.0` is not a year)."""
    from jsonschema import Draft202012Validator, validators

    from smartplan.files.resources import load_schema

    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool)
    )
    cls: Any = validators.extend(Draft202012Validator, type_checker=checker)  # type: ignore[no-untyped-call]
    built: Validator = cls(load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return built


@functools.cache
def fast_check(name: str = "masterplan") -> Check | None:
    """The compiled yes/no validator of a bundled schema (None: not compilable)."""
    from smartplan.files.resources import load_schema

    return compile_schema(load_schema(name))


def check_schema(document: Document, name: str = "masterplan") -> list[Finding]:
    """Every schema problem of the document, sorted by place, duplicates dropped.

    A document the compiled validator accepts has none: jsonschema is only imported to
    explain a document that has problems."""
    fast = fast_check(name)
    if fast is not None and fast(document.data):
        return []
    findings = {
        finding: None
        for error in validator(name).iter_errors(document.data)
        for finding in _findings(error, document)
    }
    return sorted(findings)


def _findings(error: ValidationError, document: Document) -> Iterator[Finding]:
    error = _best(error)
    pointer = "".join(f"/{_token(part)}" for part in error.absolute_path)
    for problem in explain(error, document.data, pointer):
        target = problem.pointer if problem.pointer is not None else pointer
        where = document.locate(target, at_key=problem.at_key)
        line = document.lines.get(where.path, [])
        message = problem.message
        if problem.quote_hint and 0 < where.line <= len(line):
            written = _quote_hint(line[where.line - 1], where.column)
            if written:
                message = _(
                    '{message}: quote it ("{written}"), unquoted it is read as {read_as}',
                    message=message,
                    written=written,
                    read_as=problem.quote_hint,
                )
        yield Finding(
            where.path,
            where.line,
            where.column,
            "schema",
            Severity.ERROR,
            message,
            target,
            suggestion=problem.suggestion,
            missing=problem.missing,
        )


def _best(error: ValidationError) -> ValidationError:
    """Replace oneOf/anyOf noise by the sub-error that explains the most."""
    from jsonschema.exceptions import best_match

    while error.validator in ("oneOf", "anyOf") and error.context:
        error = best_match(error.context)
    return error


def _token(part: str | int) -> str:
    return join("", part)[1:]


def _quote_hint(source_line: str, column: int) -> str:
    written = source_line[column - 1 :].split("#")[0].strip().rstrip(",}]")
    return written
