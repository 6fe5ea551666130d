"""Golden files: compare output with a committed file, or rewrite it when asked
(`SMARTPLAN_UPDATE_GOLDEN=1 pytest ...`); never edited by hand."""

from __future__ import annotations

import os
from pathlib import Path

UPDATE = os.environ.get("SMARTPLAN_UPDATE_GOLDEN") == "1"


def check_golden(expected: Path, actual: str) -> None:
    if UPDATE:
        expected.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert expected.is_file(), f"{expected} is missing: run with SMARTPLAN_UPDATE_GOLDEN=1"
    assert actual == expected.read_text(encoding="utf-8"), (
        f"output differs from {expected.relative_to(Path(__file__).parent)}; if the change is "
        "intended, regenerate with SMARTPLAN_UPDATE_GOLDEN=1 and review the diff"
    )
