"""`unknown-rule`: a suppression comment or a setting names a rule that does not exist.

Raised by the suppression parser (smartplan.check.suppress) and for the settings' `rules:`
(smartplan.rules.settings_findings), not by a check over the plan: a typo there silently
suppresses or re-levels nothing.
"""

from __future__ import annotations

from smartplan.findings import Severity
from smartplan.i18n import N_
from smartplan.rules.base import Rule, declared

UNKNOWN_RULE = Rule(
    id="unknown-rule",
    severity=Severity.ERROR,
    summary=N_("a suppression comment or .smartplan.yaml names only rules that exist"),
    explanation=declared("""
        `# smartplan: disable=RULE` on a line (or `disable-file=RULE` anywhere in the file)
        hides that rule's findings; `rules:` in `.smartplan.yaml` re-levels or switches rules
        off. A misspelt id does neither, silently: it is a finding of its own, with the
        closest rule id as a suggestion. A comment may give its reason after ` -- `; the
        reason is for the people who read the plan, smartplan only checks the ids.

        Bad:

            quick_win: 2020  # smartplan: disable=quickwin -- ditetapkan 2020

        Good:

            quick_win: 2020  # smartplan: disable=quick-win -- ditetapkan 2020
        """),
)
