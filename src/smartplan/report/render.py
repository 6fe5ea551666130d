"""Plan → view model → template → text. Template problems become UsageError with file:line."""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from smartplan.errors import UsageError
from smartplan.i18n import _
from smartplan.report import FORMATS, LANGS, REPORTS
from smartplan.report.environment import environment, render_budgeted, syntax_of


def context(
    path: Path, data: dict[str, Any], *, report: str, fmt: str, lang: str
) -> dict[str, Any]:
    """What every template receives (documented in docs/templates.md)."""
    from smartplan.report.charts import charts
    from smartplan.report.labels import catalogue
    from smartplan.report.model import build

    labels = catalogue(lang)
    plan = build(data, _framework(path, data), lang)
    return {
        "lang": lang,
        "t": labels,
        "report": report,
        "format": fmt,
        "plan": plan,
        "charts": charts(plan, labels),
        "source": path.name,
    }


def _framework(path: Path, data: dict[str, Any]) -> Any:
    """The plan's taxonomy; a plan whose framework cannot be used (a lint finding) still renders
    against the default one, its unknown dimensions shown by their ids."""
    from smartplan.domain.framework import DEFAULT, FrameworkError, load_framework
    from smartplan.workspace.config import find_config

    reference = data.get("framework", find_config(path.parent).framework)
    try:
        return load_framework(reference if isinstance(reference, str) else None, path.parent)
    except FrameworkError:
        return load_framework(DEFAULT, path.parent)


@dataclass(frozen=True)
class Rendered:
    text: str
    inputs: list[Path]  # the plan, its include fragments and the template: never to be overwritten
    spent: float = 0.0  # seconds a user template took, of its budget (a PDF prints in the rest)


def render_file(
    path: str | Path,
    *,
    report: str = "masterplan",
    fmt: str = "md",
    lang: str = "id",
    template: str | Path | None = None,
) -> Rendered:
    """The report of one plan; UsageError (exit 2) for an unreadable plan or template."""
    from smartplan.files.resources import data_dir
    from smartplan.loader import load_plan_or_fail

    check(report, REPORTS, "report")
    check(fmt, FORMATS, "format")
    check(lang, LANGS, "language")
    path = Path(path)
    document = load_plan_or_fail(path)
    values = context(path, document.data, report=report, fmt=fmt, lang=lang)
    shipped = data_dir("templates")
    if template is None:
        name = f"{report}.{fmt}"
        text = _render(name, (shipped,), values, fmt=fmt, display={}, budget=False)
        return Rendered(text, document.files)
    chosen = Path(template)
    if not chosen.is_file():
        raise UsageError(_("no such template file: {file}", file=chosen))
    search = (chosen.resolve().parent, shipped)
    shown = {str(chosen.resolve()): str(chosen)}
    started = time.monotonic()
    text = _render(chosen.name, search, values, fmt=fmt, display=shown, budget=True)
    return Rendered(text, [*document.files, chosen], time.monotonic() - started)


def check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise UsageError(
            _(
                "unknown {what} '{value}' (choose from {allowed})",
                what=what,
                value=value,
                allowed=", ".join(allowed),
            )
        )


def _render(
    name: str,
    search: tuple[Path, ...],
    values: dict[str, Any],
    *,
    fmt: str,
    display: dict[str, str],
    budget: bool,
) -> str:
    """The rendered text; a user template (`budget`) within the time, memory and output
    budget of report/environment.py (the bundled ones are ours: a large plan may take long)."""
    from jinja2 import TemplateError, TemplateSyntaxError

    env = environment(syntax_of(name, fmt), search)
    try:
        template = env.get_template(name)
        return render_budgeted(template, values) if budget else template.render(values)
    except TemplateSyntaxError as error:
        where = display.get(str(error.filename), error.filename or name)
        raise UsageError(
            _(
                "{where}:{line}: template syntax error: {message}",
                where=where,
                line=error.lineno,
                message=error.message,
            )
        ) from None
    except (TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as error:
        # SecurityError (a sandbox escape), UndefinedError and the like: say where, show nothing
        where = _where(error, display) or name
        message = (
            _("{where}: unsafe template: {error}", where=where, error=error)
            if type(error).__name__ == "SecurityError"
            else _("{where}: template error: {error}", where=where, error=error)
        )
        raise UsageError(message) from None


def _where(error: BaseException, display: dict[str, str]) -> str:
    """file:line of the innermost template frame (Jinja rewrites tracebacks to template lines)."""
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if not f.filename.endswith(".py")
    ]
    if not frames:
        return ""
    frame = frames[-1]
    return f"{display.get(frame.filename, frame.filename)}:{frame.lineno}"
