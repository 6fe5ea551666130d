"""Language server latency: a warm `smartplan lsp` over stdio, from a change to its diagnostics.

A plain JSON-RPC client (no pygls in the benchmark itself): open the plan, wait for its
diagnostics, then edit at a typist's pace (one change per 0.1 s) and time each round trip.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

PAUSE = 0.1  # between edits: a typist's pace, longer than the server's gap between checks


class Client:
    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0

    def send(self, method: str, params: Any, *, request: bool = False) -> int:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self.next_id += 1
            message["id"] = self.next_id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return self.next_id

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while (line := self.process.stdout.readline().strip()) != b"":
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def wait(self, uri: str) -> list[Any]:
        """The next diagnostics published for `uri` (answering the server's own requests)."""
        while True:
            message = self.receive()
            if message.get("method") == "textDocument/publishDiagnostics":
                if message["params"]["uri"] == uri:
                    return list(message["params"]["diagnostics"])
            elif "method" in message and "id" in message:
                reply = {"jsonrpc": "2.0", "id": message["id"], "result": None}
                body = json.dumps(reply).encode("utf-8")
                assert self.process.stdin is not None
                self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.process.stdin.flush()

    def start(self, root: Path) -> None:
        self.send("initialize", {"processId": None, "rootUri": root.as_uri(),
                                 "capabilities": {}}, request=True)
        while "result" not in self.receive():
            pass
        self.send("initialized", {})

    def stop(self) -> None:
        self.send("shutdown", None, request=True)
        self.send("exit", None)
        self.process.wait(timeout=30)


def latency(plan: Path, edits: int) -> tuple[float, float, int]:
    """(first check, median change → diagnostics) in seconds, and the findings at the end."""
    server = shutil.which("smartplan") or str(Path(sys.executable).parent / "smartplan")
    client = Client([server, "lsp"])
    client.start(plan.parent)
    uri = plan.resolve().as_uri()
    text = plan.read_text(encoding="utf-8")
    start = time.perf_counter()
    client.send("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "yaml", "version": 1, "text": text}})
    client.wait(uri)
    first = time.perf_counter() - start
    samples = []
    found: list[Any] = []
    for version in range(2, edits + 2):
        time.sleep(PAUSE)
        edited = text.replace("name:", "name: ", 1) if version % 2 else text  # a real edit
        start = time.perf_counter()
        client.send("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"text": edited}]})
        found = client.wait(uri)
        samples.append(time.perf_counter() - start)
    client.stop()
    return first, statistics.median(samples), len(found)


def lsp_section(work: Path, runs: int) -> list[str]:
    from benchsections import big_plan, write

    root = Path(__file__).resolve().parent.parent
    jambi = work / "lsp-jambi" / "masterplan.yaml"
    jambi.parent.mkdir()
    shutil.copyfile(root / "examples" / "kota-jambi" / "masterplan.yaml", jambi)
    big = work / "lsp-2000" / "masterplan.yaml"
    big.parent.mkdir()
    write(big, big_plan(2000))
    edits = max(10, runs * 3)
    load = os.getloadavg()[0]
    rows = []
    for label, plan, target in (
        ("kota-jambi (one file)", jambi, "≤ 50 ms"),
        ("2,000 programmes", big, "≤ 1 s"),
    ):
        lines = len(plan.read_text(encoding="utf-8").splitlines())
        first, median, _ = latency(plan, edits)
        alone = check_only(plan, edits)
        rows.append(
            f"| {label} | {lines:,} | {first * 1000:.0f} ms | {median * 1000:.0f} ms "
            f"| {alone * 1000:.0f} ms | {target} |"
        )
    return [
        "## lsp",
        "",
        f"`smartplan lsp` over stdio: open, then {edits} edits at a typist's pace ({PAUSE} s "
        "apart); the time from sending `didChange` to receiving `publishDiagnostics` (the whole "
        "check: parse, schema, rules, suppression, as `validate`).",
        "",
        "| plan | lines | first check (cold) | change → diagnostics (warm, median) "
        "| the check alone, in process | target |",
        "|---|---|---|---|---|---|",
        *rows,
        "",
        f"Load average during the run: {load:.1f} on {os.cpu_count()} cores (the figures scale "
        "with it: the server adds little to the check itself, the last column).",
        "",
    ]


def check_only(plan: Path, edits: int) -> float:
    """The median of the same check called in this process (no JSON-RPC, no pipes)."""
    from smartplan.lsp.session import Session

    session = Session()
    path = plan.resolve()
    text = plan.read_text(encoding="utf-8")
    session.set_text(path, text)
    session.check(path)
    samples = []
    for version in range(edits):
        session.set_text(path, text.replace("name:", "name: ", 1) if version % 2 else text)
        start = time.perf_counter()
        session.check(path)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        print("\n".join(lsp_section(Path(folder), 5)))
