"""Suppression: `# smartplan: disable=RULE` comments, and baselines of accepted findings.

A baseline records findings by fingerprint (file, rule, pointer with programme ids instead of
list positions, and the message without line numbers), so it survives unrelated edits.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Set
from dataclasses import replace
from pathlib import Path
from typing import Any

from smartplan.errors import UsageError
from smartplan.files.limits import MB
from smartplan.findings import Finding, Severity
from smartplan.i18n import _, source

# `# smartplan: disable=quick-win,budget -- ditetapkan 2020`: ids, then an optional reason
# (one greedy class, split in Python: linear time even on a hostile 10 MB line)
DIRECTIVE = re.compile(r"#\s*smartplan:\s*(disable|disable-file)\s*=([^#\n]*)", re.I)
MAX_REPORTED = 10  # unknown ids reported per comment
_IDENTIFIED = re.compile(r"^/(programs|organizations|regulations)/(\d+)")
_LINE_NUMBER = re.compile(r"\bline \d+")


def _ids(found: re.Match[str]) -> list[tuple[str, int]]:
    """(rule id, column offset in the line) of each id named by a directive."""
    ids, offset = [], found.start(2)
    named = found.group(2).split("--", 1)[0]  # after ` -- `: the reason, for people
    for part in re.finditer(r"[^,\s]+", named):
        ids.append((part.group().lower(), offset + part.start()))
    return ids


def _directive(line: str) -> re.Match[str] | None:
    return DIRECTIVE.search(line.rstrip("\r\n")) if "smartplan:" in line else None


def _rules(comment: str, kind: str) -> set[str]:
    found = _directive(comment)
    if found is None or found.group(1).lower() != kind:
        return set()
    return {rule for rule, _ in _ids(found)}


def unknown_suppressions(lines: dict[str, list[str]], known: Set[str]) -> list[Finding]:
    """A disable comment naming a rule that does not exist suppresses nothing: say so."""
    findings = []
    suggestions: dict[str, list[str]] = {}
    for path, text in lines.items():
        for number, line in enumerate(text, 1):
            found = _directive(line)
            unknown = [(r, c) for r, c in (_ids(found) if found else ()) if r not in known]
            # a real comment names a few rules: a hostile one is reported once, bounded
            for rule, column in unknown[:MAX_REPORTED]:
                if rule == "all":
                    continue
                if rule not in suggestions:
                    suggestions[rule] = difflib.get_close_matches(rule[:100], sorted(known), n=1)
                close = suggestions[rule]
                message = (
                    _(
                        "unknown rule '{rule}' in a suppression comment (did you mean '{close}'?)",
                        rule=rule,
                        close=close[0],
                    )
                    if close
                    else _(
                        "unknown rule '{rule}' in a suppression comment; "
                        "`smartplan rules` lists them",
                        rule=rule,
                    )
                )
                findings.append(
                    Finding(path, number, column + 1, "unknown-rule", Severity.ERROR, message)
                )
    return findings


def inline(findings: list[Finding], lines: dict[str, list[str]]) -> list[Finding]:
    """Drop findings disabled on their own line, or anywhere in their file by disable-file."""
    whole_file = {
        path: set().union(*(_rules(line, "disable-file") for line in text if "smartplan:" in line))
        for path, text in lines.items()
    }
    kept = []
    # each line is scanned once however many findings it holds: 200,000 repeated keys on one
    # long line must not cost findings × line length
    on_line: dict[tuple[str, int], set[str]] = {}
    for finding in findings:
        key = (finding.path, finding.line)
        if key not in on_line:
            text = lines.get(finding.path, [])
            here = text[finding.line - 1] if 0 < finding.line <= len(text) else ""
            on_line[key] = whole_file.get(finding.path, set()) | (
                _rules(here, "disable") if "smartplan:" in here else set()
            )
        if not ({finding.rule, "all"} & on_line[key]):
            kept.append(finding)
    return kept


def stable_pointer(pointer: str, data: dict[str, Any]) -> str:
    """`/programs/3/lead` → `/programs/GOV-04/lead`: list positions change, ids do not."""
    found = _IDENTIFIED.match(pointer)
    if not found:
        return pointer
    section, index = found.group(1), int(found.group(2))
    items = data.get(section)
    item = items[index] if isinstance(items, list) and index < len(items) else None
    ident = item.get("id") if isinstance(item, dict) else None
    return pointer if not isinstance(ident, str) else f"/{section}/{ident}{pointer[found.end() :]}"


def fingerprinted(finding: Finding, data: dict[str, Any]) -> Finding:
    # the English source of the message: a baseline written in id matches in en (SPEC §9)
    message = " ".join(_LINE_NUMBER.sub("line N", source(finding.message)).split())
    identity = f"{finding.rule}|{stable_pointer(finding.pointer, data)}"
    return replace(finding, fingerprint=f"{identity}|{message}", identity=identity)


def _digest(finding: Finding, base: Path) -> str:
    import hashlib  # only with a baseline: OpenSSL's import costs every run start-up time

    location = os.path.relpath(Path(finding.path).resolve(), base.resolve()).replace(os.sep, "/")
    return hashlib.sha256(f"{location}|{finding.fingerprint}".encode()).hexdigest()[:32]


def write_baseline(findings: list[Finding], path: Path, inputs: Iterable[Path] = ()) -> int:
    """Record the findings' fingerprints; atomically, and never over a plan (`inputs`)."""
    import json

    from smartplan.files.output import write_atomic

    entries = sorted(
        {
            _digest(f, path.parent): {"rule": f.rule, "path": f.path, "message": f.message}
            for f in findings
        }.items()
    )
    body = {"version": 1, "findings": [{"fingerprint": k, **v} for k, v in entries]}
    text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    write_atomic(path, text.encode("utf-8"), [*inputs, *(Path(f.path) for f in findings)])
    return len(entries)


def load_baseline(path: Path, root: Path | None = None, limit: int = 10 * MB) -> set[str]:
    """The fingerprints a baseline records: a regular file (inside `root` when given), read up
    to `limit` bytes; a bad one is a one-line error, never a crash."""
    import json

    from smartplan.files.reading import read_file

    try:
        data = read_file(path, limit, root=root)
        if len(data) > limit:
            raise ValueError(_("it is larger than {limit:,} bytes", limit=limit))
        body = json.loads(data.decode("utf-8"))
        return {entry["fingerprint"] for entry in body["findings"]}
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from error
    except RecursionError as error:  # 100,000 nested brackets
        raise _unreadable(path, _("it nests too deeply")) from error
    except (ValueError, KeyError, TypeError) as error:
        raise _unreadable(path, str(error)) from error


def _unreadable(path: Path, reason: str) -> UsageError:
    return UsageError(_("cannot read baseline {path}: {reason}", path=path, reason=reason))


def without_baseline(findings: list[Finding], known: Set[str], base: Path) -> list[Finding]:
    return [f for f in findings if _digest(f, base) not in known]
