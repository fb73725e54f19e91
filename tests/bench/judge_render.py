"""Render the binary reports of a judge set (tests/data/realstyle-holdout*/) with real writers, so that the
files can be rebuilt from their sources: `NAME.pdf.source` (HTML) laid out by PyMuPDF's Story API into
`NAME.pdf`, `NAME.docx.source` (a light markdown: '# ', '## ', '- ', '|' tables) written with python-docx into
`NAME.docx`. The sources carry a `.source` extension so that a converter pointed at the folder does not take
them for reports. Each set's `render.py` calls `render_set` on its own folder; the author written into the
files' metadata is the folder's name, and dates are fixed, so a rebuild gives the same files."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path


def render_pdf(source: Path, target: Path, author: str) -> None:
    import pymupdf

    story = pymupdf.Story(html=source.read_text(encoding="utf-8"), user_css="body {font-family: sans-serif;}")
    writer = pymupdf.DocumentWriter(str(target))
    mediabox = pymupdf.paper_rect("a4")
    where = pymupdf.Rect(mediabox.x0 + 50, mediabox.y0 + 60, mediabox.x1 - 50, mediabox.y1 - 60)
    more = True
    while more:
        device = writer.begin_page(mediabox)
        more, _ = story.place(where)
        story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open(str(target))
    doc.set_metadata({"title": target.stem, "author": author, "creationDate": "", "modDate": ""})
    doc.saveIncr()
    doc.close()


def render_docx(source: Path, target: Path, author: str) -> None:
    import docx

    document = docx.Document()
    document.core_properties.author = author
    document.core_properties.created = document.core_properties.modified = datetime(2025, 10, 1)
    table_rows: list[list[str]] = []

    def flush_table() -> None:
        if not table_rows:
            return
        table = document.add_table(rows=0, cols=len(table_rows[0]))
        table.style = "Table Grid"
        for row in table_rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=False):
                cell.text = text
        table_rows.clear()

    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= {"-", ":"} for c in cells):
                table_rows.append(cells)
            continue
        flush_table()
        if line.startswith("# "):
            document.add_heading(line[2:], level=1)
        elif line.startswith("## "):
            document.add_heading(line[3:], level=2)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        elif line.strip():
            document.add_paragraph(line)
    flush_table()
    document.save(str(target))


def render_set(folder: Path, out: Path | None = None) -> None:
    """Every `.pdf.source` and `.docx.source` of the set's folder, written next to it (or into `out`)."""
    out = out or folder
    for pdf_source in sorted(folder.glob("*.pdf.source")):
        render_pdf(pdf_source, out / pdf_source.with_suffix("").name, folder.name)
    for docx_source in sorted(folder.glob("*.docx.source")):
        render_docx(docx_source, out / docx_source.with_suffix("").name, folder.name)
