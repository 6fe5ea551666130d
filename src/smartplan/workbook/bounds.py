"""A workbook bounded before openpyxl parses it.

The unpacked size alone does not bound openpyxl: one row of 6,000,000 empty cells zips to
183 KB and made it build 2.7 GB of cells; 5,500,000 shared strings cost 59 s. So every XML
part of the archive is streamed once through expat, counting what openpyxl would build from
it (rows and cells of every sheet, shared strings, style entries, elements of any part), and
the workbook is refused at the first bound it passes, without reading further. No document
type declaration is accepted (an Office file never has one), so no entity is ever defined or
expanded and nothing outside the archive is read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any
from xml.parsers import expat

from smartplan.errors import UsageError
from smartplan.i18n import N_, _

MAX_ROWS = 20_000  # rows of one sheet
MAX_COLUMNS = 200  # cells of one row
MAX_CELLS = 500_000  # cells of all sheets together (a 20,000-programme plan has fewer)
MAX_STRINGS = MAX_CELLS  # shared strings: at most one per text cell
MAX_STYLES = 64_000  # style entries: Excel's own limit on cell formats
MAX_ELEMENTS = 4 * MAX_CELLS  # XML elements of all parts (a cell is at most four)
MAX_TAG = 1024 * 1024  # bytes of one tag: expat builds its attributes at once
_CHUNK = 1 << 16
_STYLE_ENTRIES = frozenset(
    {"xf", "numFmt", "font", "fill", "border", "dxf", "cellStyle", "tableStyle", "rgbColor"}
)
_SHEETS = frozenset({"worksheet", "chartsheet", "dialogsheet"})


class _Stop(Exception):
    """A bound passed: the refusal, raised from inside an expat handler."""


class Tally:
    """What openpyxl would build from the parts seen so far; `_Stop` at the first bound."""

    def __init__(self, workbook: Path) -> None:
        self.workbook = workbook
        self.elements = self.cells = self.strings = self.styles = 0
        self.root: str | None = None
        self.rows = self.row_cells = 0

    def part(self) -> None:
        self.root, self.rows, self.row_cells = None, 0, 0

    def start(self, name: str, attributes: Any) -> None:
        name = name.rpartition(":")[2]
        self.elements += 1
        if self.elements > MAX_ELEMENTS:
            self.refuse(N_("{path} holds more than {n:,} XML elements: refused"), n=MAX_ELEMENTS)
        if self.root is None:
            self.root = name
        elif self.root in _SHEETS:
            self._sheet(name)
        elif self.root == "sst" and name == "si":
            self.strings += 1
            if self.strings > MAX_STRINGS:
                self.refuse(N_("{path} holds more than {n:,} texts: refused"), n=MAX_STRINGS)
        elif self.root == "styleSheet" and name in _STYLE_ENTRIES:
            self.styles += 1
            if self.styles > MAX_STYLES:
                self.refuse(N_("{path} holds more than {n:,} cell styles: refused"), n=MAX_STYLES)

    def _sheet(self, name: str) -> None:
        if name == "row":
            self.rows, self.row_cells = self.rows + 1, 0
            if self.rows > MAX_ROWS:
                self.refuse(N_("a sheet of {path} has more than {n:,} rows: refused"), n=MAX_ROWS)
        elif name == "c":
            self.row_cells += 1
            self.cells += 1
            if self.row_cells > MAX_COLUMNS:
                self.refuse(N_("a row of {path} has more than {n:,} cells: refused"), n=MAX_COLUMNS)
            if self.cells > MAX_CELLS:
                self.refuse(N_("{path} has more than {n:,} cells: refused"), n=MAX_CELLS)

    def refuse(self, message: str, **params: object) -> None:
        raise _Stop(_(message, path=self.workbook, **params))

    def doctype(self, *_: Any) -> None:
        self.refuse(N_("{path} is not an Excel workbook (.xlsx): a part declares a document type"))


def check_parts(archive: zipfile.ZipFile, workbook: Path) -> None:
    """UsageError at the first bound a part passes, or for a part that is not XML."""
    tally = Tally(workbook)
    for info in archive.infolist():
        tally.part()
        try:
            _scan(archive, info, tally)
        except _Stop as stop:
            raise UsageError(str(stop)) from None
        except expat.ExpatError as error:
            raise UsageError(
                _(
                    "{path} is not an Excel workbook (.xlsx): part {part} is damaged ({error})",
                    path=workbook,
                    part=info.filename,
                    error=expat.ErrorString(error.code),
                )
            ) from None


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, tally: Tally) -> None:
    """Stream one part through expat; a part that does not start as XML is left alone
    (an image: openpyxl never parses it as XML)."""
    with archive.open(info) as stream:
        chunk = stream.read(_CHUNK)
        if not _looks_like_xml(chunk):
            return
        parser = expat.ParserCreate()
        parser.StartElementHandler = tally.start
        parser.StartDoctypeDeclHandler = tally.doctype
        parser.EntityDeclHandler = tally.doctype
        since_tag_end = 0
        while chunk:
            end = chunk.rfind(b">")
            since_tag_end = len(chunk) - end - 1 if end >= 0 else since_tag_end + len(chunk)
            if since_tag_end > MAX_TAG:  # one tag of a megabyte: attributes without end
                tally.refuse(
                    N_("{path} is not an Excel workbook (.xlsx): a part has a tag of over 1 MB")
                )
            parser.Parse(chunk, False)
            chunk = stream.read(_CHUNK)
        parser.Parse(b"", True)


def _looks_like_xml(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return text.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff"))
