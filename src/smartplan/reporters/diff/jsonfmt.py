"""`diff --format json`: the stable shape of SPEC §3.2 (`version`, `changes`, `summary`), plus
the review figures and the warnings."""

from __future__ import annotations

import json

from smartplan.diff import DiffResult
from smartplan.reporters.diff import DiffOptions


def report(result: DiffResult, options: DiffOptions) -> str:
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
