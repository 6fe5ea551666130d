"""Run the registered rules over a plan and turn their problems into located findings."""

from __future__ import annotations

from smartplan.findings import Finding
from smartplan.rules import RULES
from smartplan.rules.context import PlanContext


def run_rules(context: PlanContext) -> list[Finding]:
    findings: list[Finding] = []
    for rule in RULES.values():
        if rule.check is None:
            continue
        for problem in rule.check(context):
            where = context.document.locate(problem.pointer, at_key=problem.at_key)
            findings.append(
                Finding(
                    where.path,
                    where.line,
                    where.column,
                    rule.id,
                    problem.severity or rule.severity,
                    problem.message,
                    problem.pointer,
                    suggestion=problem.suggestion,
                )
            )
    return findings
