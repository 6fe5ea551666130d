"""Drive headless Chromium through the DevTools protocol over a pipe (no websockets, no network).

Used by `render --format pdf` (print an HTML report to PDF), the browser test and
`scripts/screenshot.py`: show an HTML page, collect what the page logged (console messages,
errors, requests), print it to PDF and take a screenshot.

A page may come from anyone's template, so every page is shown locked down, in layers: a
Content-Security-Policy that allows no request is put first in its `<head>`; it is loaded onto
`about:blank` (not a file:// address, so it cannot frame its neighbours); script is off for the
page and the whole browser; every request but `data:` is failed by the DevTools `Fetch` domain;
names resolve nowhere and the proxy leads nowhere. A deadline (`seconds`) bounds the whole run:
past it Chromium and its children are killed.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Flags per the machine notes: without the background-networking ones, Chromium tries to reach
# Google's services on start (and is refused); --no-sandbox because CI runs as root.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--no-first-run",
    "--no-default-browser-check",
    "--hide-scrollbars",
    "--remote-debugging-pipe",
    # defence in depth behind the per-page locks of `show`: no script anywhere, no name
    # resolves, and the proxy (loopback included) is a closed port
    "--blink-settings=scriptEnabled=false",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:0",
    "--proxy-bypass-list=<-loopback>",
]
TIMEOUT = 60.0

# The one policy of every page shown or printed, whatever template made it: no request at all;
# pictures, fonts and stylesheets only inline or as data: (all the shipped reports need)
CSP = (
    "default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline' data:; "
    "base-uri 'none'; form-action 'none'"
)
# HTML's own whitespace and one doctype (which ends at the first `>`, quoted or not): what
# the parser may read before an element without leaving the document's prologue
_PROLOGUE = re.compile(r"\A[ \t\n\f\r]*(?:<!doctype[^>]*>)?", re.IGNORECASE)


def with_csp(html: str) -> str:
    """The page with CSP as the first element of its document (after only whitespace and a
    doctype, which keeps the page out of quirks mode): the parser puts it first in `<head>`,
    before anything that could fetch, and a policy of the page's own can only narrow it."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
    found = _PROLOGUE.match(html)
    at = found.end() if found else 0
    return html[:at] + meta + html[at:]


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Page:
    """What a loaded page did: console and log entries, uncaught errors, requests it tried
    and, for each that failed, why (`csp`: refused by the page's policy; `inspector`: failed
    by the browser's block)."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


class Browser:
    """One headless Chromium; the protocol's JSON messages end with a NUL byte on fds 3 and 4.

    `seconds` bounds everything from the start to the close: a call still waiting then raises
    TimeoutError, and closing kills the browser's process group at once."""

    def __init__(self, binary: str | None = None, *, seconds: float | None = None) -> None:
        binary = binary or executable()
        if binary is None:
            raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self._profile = tempfile.TemporaryDirectory(prefix="smartplan-chromium-")
        to_browser, self._send_fd = os.pipe()
        self._recv_fd, from_browser = os.pipe()
        command = [binary, *FLAGS, f"--user-data-dir={self._profile.name}", "about:blank"]
        # bash (dash takes one-digit fds only) puts our pipe ends on the fds 3 and 4 that
        # --remote-debugging-pipe expects
        script = f'exec "$@" 3<&{to_browser} 4>&{from_browser}'
        log = os.environ.get("SMARTPLAN_CHROMIUM_LOG")  # where to keep Chromium's own messages
        self._process = subprocess.Popen(
            ["bash", "-c", script, "chromium", *command],
            pass_fds=(to_browser, from_browser),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(log, "ab") if log else subprocess.DEVNULL,  # noqa: SIM115
            start_new_session=True,  # its own process group: renderers are killed with it
        )
        os.close(to_browser)
        os.close(from_browser)
        self._buffer = b""
        self._next = 0
        self._events: list[dict[str, Any]] = []
        self._session = ""
        self._target = ""

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Ask Chromium to quit while time is left, then kill whatever of it remains."""
        if self._left(5) > 0:
            with contextlib.suppress(OSError, TimeoutError, RuntimeError):
                self.call("Browser.close", session=False, timeout=5)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=max(self._left(10), 0))
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        for fd in (self._send_fd, self._recv_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    def _left(self, timeout: float) -> float:
        """Seconds a wait of `timeout` may take within the deadline."""
        if self._deadline is None:
            return timeout
        return min(timeout, self._deadline - time.monotonic())

    # --- the protocol ---------------------------------------------------------------------

    def _message(self, deadline: float) -> dict[str, Any]:
        """The next message that is not a request held by the Fetch domain (those are answered
        here, whatever call is waiting)."""
        while True:
            message = self._read(deadline)
            if message.get("method") != "Fetch.requestPaused":
                return message
            self._answer(message["params"])

    def _read(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._recv_fd], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._recv_fd, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the DevTools pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def _answer(self, paused: dict[str, Any]) -> None:
        """Fail every request but `data:` (a page needs nothing else); the answer's own reply is
        kept with the events and never read. A navigation (a refresh, a frame) is aborted, which
        leaves the page as it was, where a failure would replace it with an error page."""
        url = str(paused.get("request", {}).get("url", ""))
        if url.startswith("data:"):
            self._send("Fetch.continueRequest", {"requestId": paused["requestId"]})
            return
        aborted = paused.get("resourceType") == "Document"
        reason = "Aborted" if aborted else "BlockedByClient"
        self._send("Fetch.failRequest", {"requestId": paused["requestId"], "errorReason": reason})

    def _send(self, method: str, params: dict[str, Any], *, session: bool = True) -> int:
        self._next += 1
        request: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session and self._session:
            request["sessionId"] = self._session
        self._write(json.dumps(request).encode() + b"\0")
        return self._next

    def _write(self, data: bytes) -> None:
        """All of `data` down the pipe, a pipe's atomic size at a time and only while time is
        left: a browser that stops reading (a page of 64 MB) cannot hold us past the deadline."""
        deadline = time.monotonic() + self._left(TIMEOUT)
        view = memoryview(data)
        while view:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([], [self._send_fd], [], left)[1]:
                raise TimeoutError("chromium did not read in time")
            view = view[os.write(self._send_fd, view[: select.PIPE_BUF]) :]

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: bool = True,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        sent = self._send(method, params or {}, session=session)
        deadline = time.monotonic() + self._left(timeout)
        while True:
            message = self._message(deadline)
            if message.get("id") == sent:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def wait_for(self, event: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + self._left(timeout)
        while not any(e.get("method") == event for e in self._events):
            self._events.append(self._message(deadline))

    # --- what the PDF writer, the tests and the screenshot script use -----------------------

    def open(self, path: Path, width: int = 1000, height: int = 1400) -> Page:
        """Show a local HTML file (its text: the page gets no file:// address)."""
        return self.show(path.read_text(encoding="utf-8"), width, height)

    def show(self, html: str, width: int = 1000, height: int = 1400) -> Page:
        """Show a page locked down (see the module's docstring) in a fresh tab and report what
        it logged and tried to request."""
        self._tab(width, height)
        frame = self.call("Page.getFrameTree")["frameTree"]["frame"]["id"]
        self._events.clear()
        self.call("Page.setDocumentContent", {"frameId": frame, "html": with_csp(html)})
        self._loaded()
        return self._page()

    def _tab(self, width: int, height: int) -> None:
        """A fresh about:blank tab: script off, every request held for `_answer`."""
        if self._target:  # one tab at a time: the previous page's events stay out of this one's
            self.call("Target.closeTarget", {"targetId": self._target}, session=False)
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        self._target = target["targetId"]
        attached = self.call(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self._session = attached["sessionId"]
        self.call("Emulation.setScriptExecutionDisabled", {"value": True})
        self.call("Fetch.enable", {"patterns": [{"urlPattern": "*"}]})
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def _loaded(self) -> None:
        """Wait until the document and everything it holds has loaded (DevTools asks: the page
        runs no script), then let the last events arrive."""
        deadline = time.monotonic() + self._left(TIMEOUT)
        while self.evaluate("document.readyState") != "complete":
            if time.monotonic() > deadline:
                raise TimeoutError("the page did not finish loading in time")
            time.sleep(0.02)
        self.call("Runtime.evaluate", {"expression": "1", "awaitPromise": True})

    def _page(self) -> Page:
        page = Page()
        urls: dict[str, str] = {}
        for event in self._events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled":
                texts = [
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
                ]
                page.console.append(f"{params.get('type')}: {' '.join(texts)}")
            elif method == "Log.entryAdded":
                entry = params.get("entry", {})
                page.console.append(
                    f"{entry.get('level')}: {entry.get('text')} {entry.get('url', '')}"
                )
            elif method == "Runtime.exceptionThrown":
                page.errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Network.requestWillBeSent":
                urls[params.get("requestId")] = params.get("request", {}).get("url", "")
                page.requests.append(urls[params.get("requestId")])
            elif method == "Network.loadingFailed":
                why = params.get("blockedReason") or params.get("errorText", "")
                page.failed.append((urls.get(params.get("requestId"), ""), why))
        return page

    def print_pdf(self) -> bytes:
        """Print as a browser would on A4 (the page's own @page size and margin boxes win)."""
        result = self.call(
            "Page.printToPDF",
            {
                "printBackground": True,
                "preferCSSPageSize": True,
                "paperWidth": 8.27,
                "paperHeight": 11.69,
            },
        )
        return base64.b64decode(result["data"])

    def evaluate(self, expression: str) -> Any:
        """The JSON value of a JavaScript expression in the open page (DevTools, not the page's
        own script: the reports carry none and forbid it)."""
        found = self.call(
            "Runtime.evaluate",
            {"expression": f"JSON.stringify({expression})", "returnByValue": True},
        )
        if "exceptionDetails" in found:
            raise RuntimeError(json.dumps(found["exceptionDetails"])[:500])
        return json.loads(found["result"].get("value", "null"))

    def media(self, kind: str) -> None:
        """Lay the page out for `print` (as the PDF is) or back for `screen`."""
        self.call("Emulation.setEmulatedMedia", {"media": "" if kind == "screen" else kind})

    def screenshot(
        self,
        *,
        selector: str | None = None,
        height: int | None = None,
        full_page: bool = False,
    ) -> bytes:
        """A PNG of the viewport, of one element (`selector`), of the page's top `height` px, or
        of the whole page (`full_page`)."""
        params: dict[str, Any] = {"format": "png", "captureBeyondViewport": True}
        if full_page:
            height = int(self.evaluate("document.documentElement.scrollHeight"))
        if selector is not None:
            found = self.call(
                "Runtime.evaluate",
                {
                    "expression": f"JSON.stringify(document.querySelector({json.dumps(selector)})"
                    ".getBoundingClientRect())",
                    "returnByValue": True,
                },
            )
            box = json.loads(found["result"]["value"])
            params["clip"] = {
                "x": 0,
                "y": box["y"] + 0,
                "width": 1000,
                "height": box["height"],
                "scale": 1,
            }
        elif height is not None:
            params["clip"] = {"x": 0, "y": 0, "width": 1000, "height": height, "scale": 1}
        return base64.b64decode(self.call("Page.captureScreenshot", params)["data"])
