"""Regenerate the screenshots in docs/img/ from the Batam example (never edited by hand).

    python scripts/screenshot.py

Renders the HTML masterplan report of examples/kota-batam, opens it in headless Chromium and
saves the top of the report and its roadmap (Gantt chart) as PNG files.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

PLAN = ROOT / "examples" / "kota-batam" / "masterplan.yaml"
OUT = ROOT / "docs" / "img"


def main() -> int:
    from smartplan.chromium import Browser
    from smartplan.report import render_file

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, Browser() as browser:
        page = Path(folder) / "masterplan.html"
        page.write_text(render_file(PLAN, report="masterplan", fmt="html"), encoding="utf-8")
        loaded = browser.open(page, width=1000, height=1300)
        if loaded.console or loaded.errors:
            print("the page logged problems:", *loaded.console, *loaded.errors, sep="\n")
            return 1
        browser.screenshot(OUT / "masterplan-kota-batam.png", height=1300)
        browser.screenshot(OUT / "roadmap-kota-batam.png", selector="#roadmap")
    for name in ("masterplan-kota-batam.png", "roadmap-kota-batam.png"):
        print(OUT / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
