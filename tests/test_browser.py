"""Seen in a real browser (issue: reports): each shipped example's HTML report loads in headless
Chromium without a console message or a network request, prints to PDF and gives a screenshot.

Never skipped: CI installs Chromium in .ci/run; a machine without it fails here with a message.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from smartplan.report import REPORTS, render_file
from smartplan.reporters.chromium import Browser, executable

pytestmark = pytest.mark.browser
PLANS = sorted(EXAMPLES.glob("*/masterplan.yaml"))
MISSING = ROOT / "tests" / "data" / "missing" / "masterplan.yaml"
A4_TEXT_WIDTH = 688  # CSS px between the @page margins of an A4 sheet (210 − 2 × 14 mm)
SMALLEST = 9.3  # CSS px: 7 pt, the smallest chart lettering still read on paper

# Run in the page through DevTools (the reports carry no script and forbid one): what a reader
# would see wrong. Text wider than its box or the page; chart lettering outside its chart, on
# top of other lettering, or smaller than 7 pt; a bar, segment or point that cannot be seen or
# does not name (data-label) a visible label with its value.
LOOK = """(() => {
  const problems = [];
  const say = (what, el) => problems.push(
    `${what}: ${el.id ? '#' + el.id + ' ' : ''}${(el.textContent || '').trim().slice(0, 60)}`);
  const width = document.documentElement.clientWidth;
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('svg') || !el.textContent.trim()) continue;
    const style = getComputedStyle(el);
    if (['none', 'inline', 'contents'].includes(style.display)) continue;
    if (el.scrollWidth > el.clientWidth + 1) say('overflows its box', el);
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 || box.left < -1) say('sticks out of the page', el);
  }
  for (const svg of document.querySelectorAll('svg.chart')) {
    const view = svg.viewBox.baseVal;
    const scale = svg.getBoundingClientRect().width / view.width;
    const seen = [];
    for (const text of svg.querySelectorAll('text')) {
      const b = text.getBBox();
      if (b.x < -1 || b.y < -1 || b.x + b.width > view.width + 1 || b.y + b.height > view.height + 1)
        say(`outside its chart ${svg.id}`, text);
      const size = parseFloat(text.getAttribute('font-size')) * scale;
      if (size < SMALLEST) say(`too small to read (${size.toFixed(1)} px) in ${svg.id}`, text);
      for (const o of seen)
        if (b.x < o.x + o.width - 1 && o.x < b.x + b.width - 1 &&
            b.y < o.y + o.height - 1 && o.y < b.y + b.height - 1)
          say(`lettering on top of "${o.text}" in ${svg.id}`, text);
      seen.push({x: b.x, y: b.y, width: b.width, height: b.height, text: text.textContent});
    }
    for (const mark of svg.querySelectorAll('rect, circle')) {
      if (!mark.querySelector('title')) continue;
      const box = mark.getBoundingClientRect();
      if (box.width < 1.5 || box.height < 1.5) say(`a mark too small to see in ${svg.id}`, mark);
      const label = document.getElementById(mark.dataset.label || '');
      if (!label || !label.textContent.trim()) {
        say(`a mark without a label in ${svg.id}`, mark);
        continue;
      }
      const where = label.getBoundingClientRect(), style = getComputedStyle(label);
      if (where.width < 1 || where.height < 1 || style.visibility !== 'visible')
        say('a label that cannot be seen', label);
    }
  }
  return problems;
})()""".replace("SMALLEST", str(SMALLEST))


def looked_at(browser: Browser) -> list[str]:
    """What is wrong on screen, then on an A4 page as printed (print CSS, the sheet's width)."""
    problems = [f"screen: {p}" for p in browser.evaluate(LOOK)]
    browser.media("print")
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        {"width": A4_TEXT_WIDTH, "height": 1100, "deviceScaleFactor": 1, "mobile": False},
    )
    problems += [f"print: {p}" for p in browser.evaluate(LOOK)]
    browser.media("screen")
    return problems


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
    assert page.requests == [], page.requests  # nothing fetched, not even the page itself
    pdf = browser.print_pdf()
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 1
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.parent.name)
def test_every_report_in_chromium(browser: Browser, plan: Path, report: str, tmp_path: Path) -> None:
    check(browser, tmp_path, render_file(plan, report=report, fmt="html"))
    assert looked_at(browser) == []


@pytest.mark.parametrize("report", REPORTS)
def test_english_reports_in_chromium(browser: Browser, report: str, tmp_path: Path) -> None:
    plan = EXAMPLES / "kota-jambi" / "masterplan.yaml"
    check(browser, tmp_path, render_file(plan, report=report, fmt="html", lang="en"))
    assert looked_at(browser) == []


@pytest.mark.parametrize("report", REPORTS)
def test_a_plan_with_missing_data_in_chromium(
    browser: Browser, report: str, tmp_path: Path
) -> None:
    check(browser, tmp_path, render_file(MISSING, report=report, fmt="html"))
    assert looked_at(browser) == []


def test_the_checks_see_an_overflow_and_an_unlabelled_bar(browser: Browser, tmp_path: Path) -> None:
    """The look is not blind: a cell too narrow for its text and a bar naming no label fail."""
    html = render_file(EXAMPLES / "kota-batam" / "masterplan.yaml", fmt="html")
    html = html.replace("</style>", "td.num { max-width: 20px; overflow: hidden; }</style>", 1)
    html = html.replace('data-label="', 'data-label="nothing-', 1)
    page = tmp_path / "broken.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page)
    problems = "\n".join(looked_at(browser))
    assert "overflows its box" in problems and "a mark without a label" in problems


def test_hostile_plan_in_chromium(browser: Browser, tmp_path: Path) -> None:
    """Were any text of the plan markup, the page would run a script or fetch `x`: it does not."""
    check(browser, tmp_path, render_file(ROOT / "tests/golden/render/hostile.yaml", fmt="html"))


def test_portfolio_page_in_chromium(browser: Browser, tmp_path: Path) -> None:
    from smartplan.report.cohort import collect
    from smartplan.report.portfolio import render_portfolio

    rows = collect([str(EXAMPLES), str(MISSING.parent)], parallel=False)
    check(browser, tmp_path, render_portfolio(rows))
    assert looked_at(browser) == []


def test_the_portfolio_page_has_the_reports_margins(browser: Browser, tmp_path: Path) -> None:
    from smartplan.report.cohort import collect
    from smartplan.report.portfolio import render_portfolio

    boxes = []
    for name, html in (
        ("report", render_file(EXAMPLES / "kota-batam" / "masterplan.yaml", fmt="html")),
        ("portfolio", render_portfolio(collect([str(EXAMPLES)], parallel=False))),
    ):
        page = tmp_path / f"{name}.html"
        page.write_text(html, encoding="utf-8")
        browser.open(page, width=1400)
        box = "(({left, width}) => [left, width])(document.querySelector('main').getBoundingClientRect())"
        boxes.append(browser.evaluate(box))
    assert boxes[0] == boxes[1]
