"""`render --format pdf`: the HTML report printed by headless Chromium (A4, the cover and the
contents first, page numbers from the stylesheet's page margin boxes), the PDF the officials
would get from "print" in their browser, without the browser.

The page may come from a user template: `chromium.Browser.show` prints it locked down (a CSP
that allows no request, no script, every request but `data:` failed), and `seconds` bounds
the whole print, Chromium's start included."""

from __future__ import annotations

from smartplan.errors import UsageError
from smartplan.i18n import _

PRINT_SECONDS = 120  # a shipped report of the largest plan prints in a few seconds


def render(html: str, *, seconds: float | None = None, late: str | None = None) -> bytes:
    """The page as PDF within `seconds` (PRINT_SECONDS by default); past them Chromium is
    killed and UsageError says `late` (or names the seconds)."""
    from smartplan.reporters.chromium import Browser, executable

    seconds = PRINT_SECONDS if seconds is None else seconds
    if executable() is None:
        raise UsageError(
            _(
                "--format pdf prints the HTML report with Chromium, which is not installed "
                "(apt-get install chromium); or render --format html and print it from a browser"
            )
        )
    try:
        with Browser(seconds=seconds) as browser:
            browser.show(html)
            return browser.print_pdf()
    except TimeoutError:
        message = late or _(
            "Chromium did not print the report within {seconds} seconds and was stopped",
            seconds=round(seconds),
        )
        raise UsageError(message) from None
    except (OSError, RuntimeError) as error:
        raise UsageError(_("Chromium could not print the report: {error}", error=error)) from None
