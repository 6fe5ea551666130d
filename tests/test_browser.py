"""Seen in a real browser (issue: reports): each shipped example's HTML report loads in headless
Chromium without a console message or a network request, prints to PDF and gives a screenshot.

Never skipped: CI installs Chromium in .ci/run; a machine without it fails here with a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from smartplan.chromium import Browser, executable
from smartplan.report import REPORTS, render_file

pytestmark = pytest.mark.browser
PLANS = sorted(EXAMPLES.glob("*/masterplan.yaml"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert executable(), "Chromium is required: apt-get install chromium (as .ci/run does)"
    with Browser() as running:
        yield running


def check(browser: Browser, folder: Path, html: str) -> None:
    page_file = folder / "report.html"
    page_file.write_text(html, encoding="utf-8")
    page = browser.open(page_file)
    assert page.console == [] and page.errors == [], page
    assert page.requests == [page_file.resolve().as_uri()], page.requests  # nothing else fetched
    pdf = browser.pdf(folder / "report.pdf")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 1
    png = browser.screenshot(folder / "report.png")
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_masterplan_report_in_chromium(browser: Browser, plan: Path, tmp_path: Path) -> None:
    check(browser, tmp_path, render_file(plan, report="masterplan", fmt="html"))


@pytest.mark.parametrize("report", [r for r in REPORTS if r != "masterplan"])
def test_other_reports_in_chromium(browser: Browser, report: str, tmp_path: Path) -> None:
    plan = EXAMPLES / "kota-jambi" / "masterplan.yaml"
    check(browser, tmp_path, render_file(plan, report=report, fmt="html", lang="en"))


def test_hostile_plan_in_chromium(browser: Browser, tmp_path: Path) -> None:
    """Were any text of the plan markup, the page would run a script or fetch `x`: it does not."""
    check(browser, tmp_path, render_file(ROOT / "tests/golden/render/hostile.yaml", fmt="html"))


def test_portfolio_page_in_chromium(browser: Browser, tmp_path: Path) -> None:
    from smartplan.portfolio import collect
    from smartplan.report.portfolio import render_portfolio

    check(browser, tmp_path, render_portfolio(collect([str(EXAMPLES)], parallel=False)))
