"""Drive headless Chromium through the DevTools protocol over a pipe (no websockets, no network).

Used by `render --format pdf` (print a local HTML report to PDF), the browser test and
`scripts/screenshot.py`: open a local HTML file, collect what the page logged (console messages,
errors, requests), print it to PDF and take a screenshot.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
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
]
TIMEOUT = 60.0


def executable() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class Page:
    """What a loaded page did: console and log entries, uncaught errors, requests made."""

    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Browser:
    """One headless Chromium; the protocol's JSON messages end with a NUL byte on fds 3 and 4."""

    def __init__(self, binary: str | None = None) -> None:
        binary = binary or executable()
        if binary is None:
            raise FileNotFoundError("chromium is not installed (apt-get install chromium)")
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
        with contextlib.suppress(OSError, TimeoutError, RuntimeError):
            self.call("Browser.close", session=False, timeout=5)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        for fd in (self._send_fd, self._recv_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        self._profile.cleanup()

    # --- the protocol ---------------------------------------------------------------------

    def _message(self, deadline: float) -> dict[str, Any]:
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

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        *,
        session: bool = True,
        timeout: float = TIMEOUT,
    ) -> dict[str, Any]:
        self._next += 1
        request: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session and self._session:
            request["sessionId"] = self._session
        os.write(self._send_fd, json.dumps(request).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            message = self._message(deadline)
            if message.get("id") == self._next:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                result: dict[str, Any] = message.get("result", {})
                return result
            self._events.append(message)

    def wait_for(self, event: str, timeout: float = TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self._events):
            self._events.append(self._message(deadline))

    # --- what the tests and the screenshot script use --------------------------------------

    def open(self, path: Path, width: int = 1000, height: int = 1400) -> Page:
        """Load a local file in a fresh tab and report what it logged and requested."""
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
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self._events.clear()
        self.call("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_for("Page.loadEventFired")
        self.call("Runtime.evaluate", {"expression": "1", "awaitPromise": True})  # settle events
        return self._page()

    def _page(self) -> Page:
        page = Page()
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
                page.requests.append(params.get("request", {}).get("url", ""))
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

    def pdf(self, target: Path) -> bytes:
        data = self.print_pdf()
        target.write_bytes(data)
        return data

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
        target: Path,
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
        data = base64.b64decode(self.call("Page.captureScreenshot", params)["data"])
        target.write_bytes(data)
        return data
