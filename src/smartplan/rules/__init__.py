"""The rule registry: every lint rule smartplan knows, in one place.

A rule declares its id, default severity, one-line summary and explanation (with a bad and a
good example). Rules with a `check` run over a loaded plan; the loader and the schema checker
raise the others (`yaml-syntax`, `duplicate-key`, `schema`) themselves.
"""

from __future__ import annotations

from smartplan.rules.base import Rule
from smartplan.rules.loading import DUPLICATE_KEY, FRAMEWORK, INCLUDE, SCHEMA, YAML_SYNTAX

RULES: dict[str, Rule] = {
    rule.id: rule for rule in (YAML_SYNTAX, DUPLICATE_KEY, SCHEMA, INCLUDE, FRAMEWORK)
}

__all__ = ["RULES", "Rule"]
