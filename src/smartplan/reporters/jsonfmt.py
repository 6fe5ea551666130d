"""The machine-readable report of SPEC §3.1: files with their findings, then the totals."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from smartplan.findings import Severity

if TYPE_CHECKING:
    from smartplan.findings import FileResult, ValidationResult
    from smartplan.reporters import ReportOptions

VERSION = 1


def report(result: ValidationResult, options: ReportOptions) -> str:
    document = {
        "version": VERSION,
        "files": [_file(file) for file in result.files],
        "summary": {
            "files": len(result.files),
            "errors": result.count(Severity.ERROR),
            "warnings": result.count(Severity.WARNING),
            "infos": result.count(Severity.INFO),
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _file(file: FileResult) -> dict[str, object]:
    return {
        "path": file.path,
        "ok": file.ok,
        "findings": [finding.to_dict() for finding in sorted(file.findings)],
    }
