"""Fuzzing `smartplan import`: mutated workbooks never end in an internal error or a hang.

Each example takes the workbook `export --format xlsx` makes of an example plan and breaks it
the way damaged or hostile files are broken: bytes of an XML part changed, a part dropped, the
file cut at any byte, cell types and values swapped, hostile XML (a document type, an entity,
a huge row number) inserted. The invariants: exit 0, 1 or 2; on exit 2 one line in the user's
words; never "internal error" or a traceback; every import within 20 seconds. `--dry-run`:
nothing is written, so each example starts from the same plan.
"""

from __future__ import annotations

import io
import re
import shutil
import signal
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLES
from smartplan.cli import app

pytestmark = pytest.mark.fuzz

EXAMPLE = EXAMPLES / "kota-jambi"
TYPES = ["s", "n", "b", "e", "str", "inlineStr", "d", "x", ""]
VALUES = [
    "", "-1", "1e400", "nan", "inf", "99999999999999999999", "2023-02-30", "abc", "1.5", "TRUE",
    "#REF!", "0x10", "&amp;", "&#0;", "&#xFFFE;", "\u202e", "4294967296", "-0", "1E+2",
]  # fmt: skip
SNIPPETS = [
    '<!DOCTYPE x [<!ENTITY a "b">]>', "&a;", '<!ENTITY x SYSTEM "file:///etc/passwd">',
    '<row r="99999999">', "</row>", '<c r="A1" t="s"><v>99999</v></c>', '<c r="XFD1048576"/>',
    '<?xml version="1.0"?>', "\x00", "<x:y/>", "<c><v>1</v></c>" * 300, "<", "]]>", "&#1;",
    '<c r="B2" t="d"><v>2023-13-45</v></c>', '<sheetData/>', '<row r="-1"/>', '<c r="A0"/>',
]  # fmt: skip


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the example and the workbook exported from it."""
    root = tmp_path_factory.mktemp("workbook-fuzz")
    shutil.copytree(EXAMPLE, root / "plan")
    book = root / "program.xlsx"
    plan = root / "plan" / "masterplan.yaml"
    result = CliRunner().invoke(app, ["export", str(plan), "-f", "xlsx", "-o", str(book)])
    assert result.exit_code == 0, result.stderr
    return root


def _parts(book: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zipped(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class Mutant:
    """A mutated workbook; its repr names the change, not the bytes."""

    def __init__(self, change: str, data: bytes) -> None:
        self.change, self.data = change, data

    def __repr__(self) -> str:
        return f"Mutant({self.change})"


@st.composite
def mutants(draw: st.DrawFn, book: bytes) -> Mutant:
    """A mutated workbook and what was done to it (shown when an example fails)."""
    return Mutant(*_mutated(draw, book))


def _mutated(draw: st.DrawFn, book: bytes) -> tuple[str, bytes]:
    parts = _parts(book)
    names = sorted(parts)
    sheets = [name for name in names if name.startswith("xl/worksheets/")]
    kind = draw(st.sampled_from(["bytes", "drop", "truncate", "types", "values", "snippet"]))
    if kind == "truncate":
        at = draw(st.integers(0, len(book) - 1))
        return f"cut at byte {at}", book[:at]
    if kind == "drop":
        name = draw(st.sampled_from(names))
        del parts[name]
        return f"{name} dropped", _zipped(parts)
    name = draw(st.sampled_from(sheets if kind in ("types", "values") else names))
    data = parts[name]
    if kind == "bytes":
        at = draw(st.integers(0, len(data)))
        gone = draw(st.integers(0, 16))
        new = draw(st.binary(max_size=8))
        parts[name] = data[:at] + new + data[at + gone :]
        change = f"{name}: {gone} bytes at {at} replaced by {new!r}"
    elif kind == "snippet":
        at = draw(st.integers(0, len(data)))
        snippet = draw(st.sampled_from(SNIPPETS)).encode("utf-8")
        parts[name] = data[:at] + snippet + data[at:]
        change = f"{name}: {snippet[:40]!r} inserted at {at}"
    else:
        pattern = rb't="[^"]*"' if kind == "types" else rb"<v>[^<]*</v>|<t>[^<]*</t>"
        found = list(re.finditer(pattern, data))
        if not found:
            return f"{name} unchanged", _zipped(parts)
        hit = found[draw(st.integers(0, len(found) - 1))]
        if kind == "types":
            new = f't="{draw(st.sampled_from(TYPES))}"'.encode()
        else:
            tag = hit.group()[1:2].decode()
            value = draw(st.sampled_from(VALUES))  # as raw XML: "&#0;" is not well-formed
            new = f"<{tag}>{value}</{tag}>".encode()
        parts[name] = data[: hit.start()] + new + data[hit.end() :]
        change = f"{name}: {hit.group()[:40]!r} → {new!r}"
    return change, _zipped(parts)


@contextmanager
def _within(seconds: int) -> Iterator[None]:
    """Fail, rather than wait forever, when an import does not end (POSIX, main thread)."""

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"import still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _book(exported: Path) -> bytes:
    return (exported / "program.xlsx").read_bytes()


@settings(
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_mutated_workbooks_import_or_are_refused_in_one_line(
    exported: Path, data: st.DataObject
) -> None:
    mutant = data.draw(mutants(_book(exported)), label="mutant")
    change = mutant.change
    target = exported / "mutant.xlsx"
    target.write_bytes(mutant.data)
    plan = exported / "plan" / "masterplan.yaml"
    before = plan.read_bytes()
    with _within(20):
        result = CliRunner().invoke(
            app, ["import", str(target), "--into", str(plan), "--dry-run", "--lang", "en"]
        )
    output = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), (change, output)
    assert "internal error" not in output and "Traceback" not in output, (change, output)
    assert result.exit_code in (0, 1, 2), (change, output)
    if result.exit_code == 2:
        assert result.stdout == "", change
        assert result.stderr.startswith("smartplan: error: "), (change, output)
        assert result.stderr.count("\n") == 1, (change, output)
    assert plan.read_bytes() == before  # --dry-run writes nothing


def test_the_unmutated_workbook_imports_as_no_change(exported: Path) -> None:
    """The fuzz starts from a workbook that imports cleanly (else every refusal is trivial)."""
    plan = exported / "plan" / "masterplan.yaml"
    args = ["import", str(exported / "program.xlsx"), "--into", str(plan), "--lang", "en"]
    result = CliRunner().invoke(app, [*args, "--dry-run"])
    assert result.exit_code == 0, result.stderr
    assert "nothing to import" in result.stderr
