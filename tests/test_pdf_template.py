"""A page from anyone's template, printed (issue 25, item 2): no local file read, no request,
no script, plan text escaped whatever the template's name, and the template's time budget
covering Chromium. Each layer of `chromium.Browser.show` is also checked on its own.
"""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from conftest import EXAMPLES, ROOT
from smartplan.cli import app
from smartplan.reporters.chromium import Browser, executable
from smartplan.reporters.documents import render_document

pytestmark = pytest.mark.browser
BATAM = EXAMPLES / "kota-batam" / "masterplan.yaml"
HOSTILE = ROOT / "tests" / "golden" / "render" / "hostile.yaml"
SECRET = "RAHASIA-7f3a9c"
# 200 blurred shadows on 100 paragraphs: a few kilobytes that Chromium lays out for minutes
HEAVY = (
    "<style>p{box-shadow:"
    + ",".join(f"{i}px {i}px {i}px red" for i in range(200))
    + "}</style>"
    + "<p>x</p>" * 100
)
SCRIPTED = "<p id=x>static</p><script>document.getElementById('x').textContent='SCRIPT-RAN'</script>"


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def printed(folder: Path, name: str, text: str, plan: Path = BATAM) -> str:
    """The PDF's text of `plan` through the user template `name` holding `text`."""
    template = folder / name
    template.write_text(text, encoding="utf-8")
    return pdf_text(render_document(plan, fmt="pdf", template=template).data)


class Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 in a thread: its address and the paths asked of it."""
    seen: list[str] = []
    handler = type("Handler", (Recorder,), {"seen": seen})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


def requesting(where: str) -> str:
    """Every way a page may ask for something: markup, CSS, fonts, refresh, script."""
    port = where.split(":")[1]
    return f"""<!doctype html><html><head>
<link rel="stylesheet" href="http://{where}/css"><link rel="prefetch" href="http://{where}/prefetch">
<meta http-equiv="refresh" content="0;url=http://{where}/refresh">
<style>@import url("http://{where}/import"); body {{ background: url("http://{where}/bg"); }}
@font-face {{ font-family: x; src: url("http://{where}/font"); }} p {{ font-family: x; }}</style>
</head><body><p>page</p>
<img src="http://{where}/img"><img src="http://localhost:{port}/by-name">
<iframe src="http://{where}/frame"></iframe><object data="http://{where}/object"></object>
<video poster="http://{where}/poster"></video>
<script>fetch("http://{where}/fetch"); new Image().src = "http://{where}/script";</script>
</body></html>"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert executable(), "Chromium is required: apt-get install chromium (as .ci/run does)"
    with Browser() as running:
        yield running


# --- through `render --format pdf --template` -----------------------------------------------


def test_a_template_cannot_print_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET, encoding="utf-8")
    (tmp_path / "templates").mkdir()
    url = secret.as_uri()
    page = (
        f'<p>{{{{ plan.region.name }}}}</p><iframe src="{url}"></iframe>'
        f'<object data="{url}"></object><embed src="{url}"><iframe src="secret.txt"></iframe>'
    )
    (tmp_path / "templates" / "secret.txt").write_text(SECRET, encoding="utf-8")  # a neighbour
    text = printed(tmp_path / "templates", "page.html", page)
    assert "Kota Batam" in text and SECRET not in text


def test_a_template_reaches_no_server(tmp_path: Path, server: tuple[str, list[str]]) -> None:
    where, seen = server
    text = printed(tmp_path, "page.html", requesting(where))
    time.sleep(0.3)  # a request sent late would still be seen
    assert "page" in text and seen == []


def test_a_template_runs_no_script(tmp_path: Path) -> None:
    text = printed(tmp_path, "page.html", SCRIPTED)
    assert "static" in text and "SCRIPT-RAN" not in text


def test_an_endless_script_is_not_run(tmp_path: Path) -> None:
    """Run, the loop would hold the page until the template's budget ends the print (exit 2):
    a printed page proves it never ran (no wall-clock bound: the machine may be busy)."""
    text = printed(tmp_path, "page.html", "<p>done</p><script>while(true){}</script>")
    assert "done" in text


@pytest.mark.parametrize("name", ["laporan.html.j2", "laporan.j2", "laporan.txt", "laporan"])
def test_plan_text_is_escaped_whatever_the_template_name(tmp_path: Path, name: str) -> None:
    page = "<p>{{ plan.region.name }}</p><p>{{ plan.bimtek[0].agenda[0] }}</p>"
    text = printed(tmp_path, name, page, plan=HOSTILE)
    assert "Kota <script>alert(1)</script> | Contoh" in text
    assert "<b>bold</b> | pipe" in text  # the markup shown as text, not read


def test_a_markdown_template_printed_is_escaped_as_html(tmp_path: Path) -> None:
    """Markdown's backslash escapes leave `<b>` a tag to a browser: a printed page is HTML."""
    text = printed(tmp_path, "notes.md", "{{ plan.bimtek[0].agenda[0] }}", plan=HOSTILE)
    assert "<b>bold</b>" in text


def test_the_template_budget_covers_printing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The page takes minutes to lay out: Chromium is stopped when the budget runs out, and
    the run ends with one line in the user's language."""
    monkeypatch.setattr("smartplan.report.environment.TEMPLATE_SECONDS", 3)
    monkeypatch.delenv("SMARTPLAN_LANG")
    template = tmp_path / "heavy.html"
    template.write_text(HEAVY, encoding="utf-8")
    done = CliRunner().invoke(
        app, ["render", str(BATAM), "-f", "pdf", "--template", str(template), "-o", "x.pdf"]
    )
    # the message is the deadline's own (the budget names its seconds); without the deadline the
    # page printed after a minute and the run succeeded
    assert done.exit_code == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "3 detik" in done.stderr, done.stderr
    assert not Path("x.pdf").exists()


def test_a_shipped_report_prints_within_its_own_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("smartplan.reporters.pdf.PRINT_SECONDS", 0)
    done = CliRunner().invoke(app, ["render", str(BATAM), "-f", "pdf", "-o", "x.pdf"])
    assert done.exit_code == 2 and not Path("x.pdf").exists()
    assert "did not print the report within 0 seconds and was stopped" in done.stderr


# --- each lock of the browser on its own ----------------------------------------------------


def bare(browser: Browser, html: str) -> None:
    """The page loaded as `show` loads it, but without the CSP: the browser's own locks only."""
    browser._tab(1000, 1400)
    frame = browser.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
    browser.call("Page.setDocumentContent", {"frameId": frame, "html": html})
    browser._loaded()


def test_the_browser_fails_requests_without_the_csp(
    browser: Browser, server: tuple[str, list[str]]
) -> None:
    where, seen = server
    bare(browser, requesting(where))
    time.sleep(0.3)
    assert seen == []


def test_the_browser_runs_no_script_without_the_csp(browser: Browser) -> None:
    bare(browser, SCRIPTED)
    assert browser.evaluate("document.getElementById('x').textContent") == "static"


def test_about_blank_alone_frames_no_local_file(browser: Browser, tmp_path: Path) -> None:
    """Without the CSP, a page on about:blank may not load a file:// address (Chromium's own
    rule, before any request is made)."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    bare(browser, f'<p>page</p><iframe src="{secret.as_uri()}"></iframe>')
    assert SECRET not in pdf_text(browser.print_pdf())
    assert any("Not allowed to load local resource" in line for line in browser._page().console)


def test_the_flags_alone_reach_nothing_and_run_no_script(
    browser: Browser, server: tuple[str, list[str]]
) -> None:
    """A tab opened without DevTools' locks or the CSP: the command line's flags still stop
    an address by number (the proxy, a closed port) and by name (no name resolves), and
    script (the tab's title stays the page's own)."""
    where, seen = server
    port = where.split(":")[1]
    page = "data:text/html,<title>static</title><script>document.title='SCRIPT-RAN'</script>"
    opened = [
        browser.call("Target.createTarget", {"url": url}, session=False)["targetId"]
        for url in (f"http://{where}/by-number", f"http://localhost:{port}/by-name", page)
    ]
    time.sleep(1)
    titles = {
        info["url"]: info["title"]
        for info in browser.call("Target.getTargets", session=False)["targetInfos"]
    }
    for target in opened:
        browser.call("Target.closeTarget", {"targetId": target}, session=False)
    assert seen == [] and titles[page] == "static", titles


def test_the_csp_alone_refuses_the_requests(
    browser: Browser, server: tuple[str, list[str]]
) -> None:
    """The policy refuses every request for the page's content before the browser's block
    sees it (a `data:` one is Chromium's own: the video player's pictures; a refresh is the page
    leaving itself, which no policy governs: the browser's block aborts it)."""
    where, seen = server
    page = browser.show(requesting(where))
    tried = [u for u in page.requests if not u.startswith("data:") and not u.endswith("/refresh")]
    assert len(tried) >= 8 and all((url, "csp") in page.failed for url in tried), page.failed
    assert any("Content Security Policy" in line for line in page.console), page.console
    assert seen == []


@pytest.mark.parametrize(
    ("html", "standards"),
    [
        ("<!doctype html><html lang=id><head><meta charset=utf-8><title>t</title>", True),
        ("  \n<!DOCTYPE html>\n<img src=x><head></head>", True),
        ('<!doctype html "><img src=x>', False),
        ("<!--><img src=x>--><p>", False),
        ("\ufeff<p>text</p>", False),
        ("<img src=x>", False),
    ],
)
def test_the_csp_is_the_first_element_whatever_comes_first(
    browser: Browser, html: str, standards: bool
) -> None:
    browser.show(html)
    first = browser.evaluate(
        "(e => [e.tagName, e.parentElement.tagName, e.httpEquiv])"
        "(document.querySelector('html *:not(head)'))"
    )
    assert first == ["META", "HEAD", "Content-Security-Policy"]
    assert (browser.evaluate("document.compatMode") == "CSS1Compat") is standards


def test_the_deadline_kills_a_page_that_never_finishes() -> None:
    with pytest.raises(TimeoutError), Browser(seconds=2) as running:
        group = running._process.pid
        running.show(HEAVY)
        running.print_pdf()
    assert running_in(group) == []  # Chromium and every child of it are gone


def running_in(group: int) -> list[str]:
    """The processes of a process group still running (a zombie has stopped: reaping it is
    its new parent's business)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(stat.parent.name)
    return found
