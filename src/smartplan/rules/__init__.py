"""The rule registry: every lint rule smartplan knows, in one place, in reporting order.

A rule declares its id, default severity, one-line summary and explanation (with a bad and a
good example). Rules with a `check` run over a loaded plan; the loader and the schema checker
raise the others (`yaml-syntax`, `duplicate-key`, `include`, `schema`, `framework`) themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartplan.findings import Finding, Severity
from smartplan.i18n import _
from smartplan.rules.base import Rule
from smartplan.rules.dependencies import DEPENDENCY_CYCLE, DEPENDENCY_ORDER
from smartplan.rules.evaluations import EVALUATION
from smartplan.rules.loading import (
    DUPLICATE_KEY,
    FRAMEWORK,
    INCLUDE,
    SCHEMA,
    SCHEMA_LINK,
    YAML_SYNTAX,
)
from smartplan.rules.quickwins import QUICK_WIN
from smartplan.rules.references import UNIQUE_ID, UNKNOWN_REFERENCE
from smartplan.rules.stages import STAGE_REQUIREMENTS
from smartplan.rules.suppression import UNKNOWN_RULE
from smartplan.rules.taxonomy import (
    DIMENSION_COVERAGE,
    ELEMENT_COVERAGE,
    UNKNOWN_DIMENSION,
    UNKNOWN_ELEMENT,
)
from smartplan.rules.timeline import BUDGET, HORIZON_WINDOW, PERIOD

if TYPE_CHECKING:
    from smartplan.workspace.config import Config

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        YAML_SYNTAX,
        DUPLICATE_KEY,
        SCHEMA,
        INCLUDE,
        FRAMEWORK,
        SCHEMA_LINK,
        UNIQUE_ID,
        UNKNOWN_REFERENCE,
        UNKNOWN_DIMENSION,
        UNKNOWN_ELEMENT,
        PERIOD,
        HORIZON_WINDOW,
        QUICK_WIN,
        DEPENDENCY_CYCLE,
        DEPENDENCY_ORDER,
        BUDGET,
        EVALUATION,
        DIMENSION_COVERAGE,
        ELEMENT_COVERAGE,
        STAGE_REQUIREMENTS,
        UNKNOWN_RULE,
    )
}

__all__ = ["RULES", "Rule"]


def settings_findings(config: Config) -> tuple[Finding, ...]:
    """The settings file's own problems: a rule id under `rules:` that no rule has, at that
    key, with a did-you-mean."""
    import difflib

    found = []
    for rule, path, line, column in config.rule_keys:
        if rule in RULES or rule.startswith("x-"):
            continue
        close = difflib.get_close_matches(rule, sorted(RULES), n=1)
        message = (
            _(
                "unknown rule '{rule}' under rules: (did you mean '{close}'?)",
                rule=rule,
                close=close[0],
            )
            if close
            else _("unknown rule '{rule}' under rules:; `smartplan rules` lists them", rule=rule)
        )
        found.append(Finding(path, line, column, "unknown-rule", Severity.ERROR, message))
    return tuple(found)
