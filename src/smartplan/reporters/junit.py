"""JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure): one test suite per
plan, one test case per rule, failing when the rule found something at or above `--fail-on`.

The XML is built with ElementTree, which escapes text and attributes; characters that XML 1.0
cannot carry at all (control characters, lone surrogates) are written as visible escapes first.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from smartplan.i18n import _, _n
from smartplan.rules import RULES

if TYPE_CHECKING:
    from smartplan.findings import FileResult, Finding, ValidationResult
    from smartplan.reporters import ReportOptions

NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
COUNTS = ("tests", "failures", "errors", "skipped")


def report(result: ValidationResult, options: ReportOptions) -> str:
    root = ET.Element("testsuites", name="smartplan validate")
    for file in result.files:
        root.append(_suite(file))
    _count(root, list(root))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _suite(file: FileResult) -> ET.Element:
    suite = ET.Element("testsuite", name=clean(file.path))
    by_rule: dict[str, list[Finding]] = {rule: [] for rule in RULES}
    for finding in sorted(file.findings):
        by_rule.setdefault(finding.rule, []).append(finding)
    for rule, findings in by_rule.items():
        suite.append(_case(file, rule, findings))
    _count(suite, list(suite))
    return suite


def _case(file: FileResult, rule: str, findings: list[Finding]) -> ET.Element:
    case = ET.Element("testcase", classname=clean(file.path), name=rule, file=clean(file.path))
    failing = [f for f in findings if f.severity >= file.fail_on]
    if failing:
        first = failing[0]
        summary = f"{first.path}:{first.line}: {first.message}"
        if len(findings) > 1:
            summary = _n(
                "{summary} (and {count} more problem)",
                "{summary} (and {count} more problems)",
                len(findings) - 1,
                summary=summary,
            )
        failure = ET.SubElement(case, "failure", message=clean(summary), type=rule)
        failure.text = clean(_listing(findings))
    elif findings:  # below --fail-on: the test passes, and still says what it saw
        ET.SubElement(case, "system-out").text = clean(_listing(findings))
    elif not file.checked:
        ET.SubElement(
            case,
            "skipped",
            message=_("not checked: the plan could not be read ({path})", path=clean(file.path)),
        )
    return case


def _listing(findings: list[Finding]) -> str:
    return "".join(
        f"{f.path}:{f.line}:{f.column}: {f.severity.label}: {f.message} [{f.rule}]\n"
        for f in findings
    )


def _count(element: ET.Element, children: list[ET.Element]) -> None:
    """Totals of the test cases below: a suite counts its cases, the root its suites."""
    if element.tag == "testsuite":
        totals = {
            "tests": len(children),
            "failures": sum(1 for c in children if c.find("failure") is not None),
            "errors": 0,
            "skipped": sum(1 for c in children if c.find("skipped") is not None),
        }
    else:
        totals = {key: sum(int(c.get(key, "0")) for c in children) for key in COUNTS}
    for key in COUNTS:
        element.set(key, str(totals[key]))


def clean(text: str) -> str:
    """Text XML 1.0 can carry: a character it cannot becomes a visible `\\x01` / `\\ud800`."""
    return NOT_XML.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
