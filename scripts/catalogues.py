"""Keep smartplan's gettext catalogues in step with the code (Babel's pybabel, fixed arguments).

    python scripts/catalogues.py extract   # code and templates → src/smartplan/locale/smartplan.pot
    python scripts/catalogues.py update    # .pot → id and en .po (new msgids appear untranslated)
    python scripts/catalogues.py compile   # .po → .mo (committed; tests/test_catalogues.py checks)
    python scripts/catalogues.py all       # the three in order

Needs Babel (`pip install -e ".[test]"`). docs/catalogues.md is the whole workflow.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "src" / "smartplan" / "locale"
POT = LOCALE / "smartplan.pot"
KEYWORDS = ("_", "_n:1,2", "N_", "NC_:1c,2", "pgettext:1c,2", "declared")


def extract_args(output: Path) -> list[str]:
    keywords = [arg for keyword in KEYWORDS for arg in ("-k", keyword)]
    return [
        "extract", "-F", str(ROOT / "babel.cfg"), *keywords, "--add-location=file",
        "--sort-by-file", "--no-wrap", "--project=smartplan", "--copyright-holder=smartplan",
        "--msgid-bugs-address=https://github.com/smartplan/smartplan/issues",
        "-c", "TRANSLATORS:", "-o", str(output), ".",
    ]  # fmt: skip


def pybabel(args: list[str]) -> None:
    """Run pybabel in the repository root (locations in the .pot are relative to it)."""
    import os

    from babel.messages.frontend import CommandLineInterface

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        CommandLineInterface().run(["pybabel", "-q", *args])
    finally:
        os.chdir(here)


def main(command: str) -> None:
    if command in ("extract", "all"):
        pybabel(extract_args(POT))
    if command in ("update", "all"):
        for lang in ("id", "en"):
            pybabel([
                "update", "-i", str(POT), "-d", str(LOCALE), "-D", "smartplan", "-l", lang,
                "--no-wrap", "--ignore-obsolete", "--no-fuzzy-matching", "--init-missing",
            ])  # fmt: skip
    if command in ("compile", "all"):
        pybabel(["compile", "-d", str(LOCALE), "-D", "smartplan", "--statistics"])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "all")
