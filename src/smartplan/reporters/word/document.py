"""Word primitives on python-docx: an A4 document in Indonesian, real headings (the navigation
pane), an updatable table of contents field, tables whose header row repeats on every page, and
page numbers as PAGE / NUMPAGES fields in the footer.

Only what python-docx has no API for is written as WordprocessingML: fields, repeated header
rows, cell shading and the document language.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from smartplan.escape import printable

INK = RGBColor(0x1F, 0x29, 0x33)
MUTED = RGBColor(0x52, 0x60, 0x6D)
HEAD_FILL = "E4E9EF"
LANGUAGE = {"id": "id-ID", "en": "en-GB"}


class Word:
    """One document being written: headings, paragraphs, tables, fields."""

    def __init__(self, lang: str, title: str) -> None:
        self.doc = new_document()
        self.lang = lang
        self.doc.core_properties.title = printable(title)
        self.doc.core_properties.language = LANGUAGE.get(lang, "id-ID")
        self.doc.core_properties.author = "smartplan"
        self._page()
        self._styles()

    def _page(self) -> None:
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin, section.right_margin = Mm(25), Mm(20)
        section.footer_distance = Mm(12)

    def _styles(self) -> None:
        normal = self.doc.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(10.5)
        language = OxmlElement("w:lang")
        language.set(qn("w:val"), LANGUAGE.get(self.lang, "id-ID"))
        normal.element.get_or_add_rPr().append(language)
        normal.paragraph_format.space_after = Pt(4)
        footer = self.doc.styles["Footer"]
        footer.font.size = Pt(8)
        footer.font.color.rgb = MUTED
        for level, size in ((1, 16), (2, 13), (3, 11.5), (4, 10.5)):
            style = self.doc.styles[f"Heading {level}"]
            style.font.size = Pt(size)
            style.font.color.rgb = INK

    # --- text --------------------------------------------------------------------------

    def heading(self, text: str, level: int) -> None:
        """A Word heading (Heading 1–4): in the navigation pane and the table of contents."""
        self.doc.add_heading(printable(text), level)

    def paragraph(
        self,
        text: str = "",
        *,
        bold: str = "",
        muted: bool = False,
        style: str | None = None,
        size: float | None = None,
    ) -> Any:
        """A paragraph; `bold` is a lead-in (`Tujuan: `) before the text."""
        paragraph = self.doc.add_paragraph(style=style)
        if bold:
            add_run(paragraph, bold).bold = True
        if text:
            run = add_run(paragraph, text)
            if muted:
                run.font.color.rgb = MUTED
            if size:
                run.font.size = Pt(size)
        return paragraph

    def items(self, items: list[str], none: str, numbered: bool = False) -> None:
        if not items:
            self.paragraph(none, muted=True)
            return
        style = "List Number" if numbered else "List Bullet"
        for item in items:
            add_run(self.doc.add_paragraph(style=style), item)

    def page_break(self) -> None:
        from docx.enum.text import WD_BREAK

        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- tables ------------------------------------------------------------------------

    def table(
        self,
        head: list[str] | None,
        rows: list[list[str]],
        *,
        numeric: Collection[int] = (),
        widths: Sequence[float] | None = None,
        size: float = 9,
    ) -> Any:
        """A grid table; the header row (if any) repeats at the top of every page."""
        count = len(head) if head else max((len(r) for r in rows), default=1)
        table = self.doc.add_table(rows=0, cols=count)
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        cell_margins(table, 1.2)
        if head:
            cells = table.add_row().cells
            for index, text in enumerate(head):
                self._cell(cells[index], text, bold=True, right=index in numeric, size=size)
                shade(cells[index], HEAD_FILL)
            repeat_header(table.rows[0])
        for row in rows:
            cells = table.add_row().cells
            for index, text in enumerate(row):
                self._cell(cells[index], text, right=index in numeric, size=size)
        if widths:  # fixed columns (Word and LibreOffice read the grid and each cell's width)
            table.autofit = False
            for column, width in zip(table.columns, widths, strict=False):
                column.width = Mm(width)
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=False):
                    cell.width = Mm(width)
        self.doc.add_paragraph()
        return table

    def _cell(
        self, cell: Any, text: str, *, bold: bool = False, right: bool = False, size: float = 9
    ) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        run = add_run(paragraph, text)
        run.bold = bold
        run.font.size = Pt(size)
        if right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT

    # --- fields ------------------------------------------------------------------------

    def contents(self, title: str, entries: list[tuple[int, str]], hint: str) -> None:
        """A TOC field over Heading 1–3, its shown result the headings themselves, so the list
        is there before Word updates it (F9, or the prompt on opening) with page numbers."""
        self.paragraph(title, style="TOC Heading")
        first = self.doc.add_paragraph()
        field_start(first, 'TOC \\o "1-3" \\h \\z \\u')
        paragraphs = [first]
        for index, (level, text) in enumerate(entries):
            paragraph = first if index == 0 else self.doc.add_paragraph()
            paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
            add_run(paragraph, text)
            paragraphs.append(paragraph)
        last = self.doc.add_paragraph()
        add_run(last, hint).font.color.rgb = MUTED
        field_end(last)
        settings = self.doc.settings.element
        update = OxmlElement("w:updateFields")
        update.set(qn("w:val"), "true")
        settings.append(update)

    def footer(self, text: str, page_words: tuple[str, str]) -> None:
        """`Title · Halaman 3 dari 12` in every page's footer, the numbers as fields."""
        paragraph = self.doc.sections[0].footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        before, between = page_words
        for piece, field in ((f"{text} · {before} ", "PAGE"), (f" {between} ", "NUMPAGES")):
            run = add_run(paragraph, piece)
            run.font.size = Pt(8)
            run.font.color.rgb = MUTED
            simple_field(paragraph, field, "1")

    def save(self) -> bytes:
        import io

        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def add_run(paragraph: Any, text: str) -> Any:
    """A run of text: python-docx refuses (ValueError) what XML cannot hold, and a file name
    may hold it; every text of a Word document enters through here."""
    return paragraph.add_run(printable(text))


def repeat_header(row: Any) -> None:
    """Mark a table row as the header that Word repeats at the top of each page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)
    cant_split = OxmlElement("w:cantSplit")
    properties.append(cant_split)


def cell_margins(table: Any, mm: float) -> None:
    """Left and right padding of every cell (Word's default, 1.9 mm, wraps narrow columns)."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(mm * 56.7)))  # twentieths of a point
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblCellMar")):
        properties.remove(old)
    properties.append(margins)


def shade(cell: Any, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _char(paragraph: Any, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def field_start(paragraph: Any, instruction: str) -> None:
    _char(paragraph, "begin")
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    _char(paragraph, "separate")


def field_end(paragraph: Any) -> None:
    _char(paragraph, "end")


def simple_field(paragraph: Any, instruction: str, shown: str) -> None:
    """A field in one paragraph (PAGE, NUMPAGES) with the value shown until it is updated."""
    field_start(paragraph, instruction)
    run = add_run(paragraph, shown)
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    field_end(paragraph)
