"""`render --format pdf`: the HTML report printed by headless Chromium (A4, the cover and the
contents first, page numbers from the stylesheet's page margin boxes), the PDF the officials
would get from "print" in their browser, without the browser."""

from __future__ import annotations

import tempfile
from pathlib import Path

from smartplan.errors import UsageError
from smartplan.i18n import _


def render(html: str) -> bytes:
    from smartplan.reporters.chromium import Browser, executable

    if executable() is None:
        raise UsageError(
            _(
                "--format pdf prints the HTML report with Chromium, which is not installed "
                "(apt-get install chromium); or render --format html and print it from a browser"
            )
        )
    try:
        with tempfile.TemporaryDirectory(prefix="smartplan-pdf-") as folder, Browser() as browser:
            page = Path(folder) / "report.html"
            page.write_text(html, encoding="utf-8")
            browser.open(page)
            return browser.print_pdf()
    except (OSError, RuntimeError, TimeoutError) as error:
        raise UsageError(_("Chromium could not print the report: {error}", error=error)) from None
