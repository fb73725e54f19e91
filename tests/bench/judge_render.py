"""Render the binary reports of a judge set (tests/data/realstyle-holdout*/) with real writers, so that the
files can be rebuilt from their sources: `NAME.pdf.source` (HTML) laid out by PyMuPDF's Story API into
`NAME.pdf`, `NAME.docx.source` (a light markdown: '# ', '## ', '- ', '|' tables) written with python-docx into
`NAME.docx`. The sources carry a `.source` extension so that a converter pointed at the folder does not take
them for reports. Each set's `render.py` calls `render_set` on its own folder; the author written into the
files' metadata is the folder's name, and dates and identifiers are fixed, so a rebuild gives the same bytes.

Check that every set's files read as what their sources render:

    .venv/bin/python tests/bench/judge_render.py --check tests/data/realstyle-holdout*
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

# The date of every member of a rendered .docx (the dates written into its properties are fixed likewise).
_ZIP_DATE = (2025, 10, 1, 0, 0, 0)


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
    # (no new trailer /ID: MuPDF draws a random one on each save, and a rebuild must give the same bytes)
    doc.save(str(target), incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP, no_new_id=True)
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
    buffer = io.BytesIO()
    document.save(buffer)
    _zip_with_fixed_dates(buffer, target)


def _zip_with_fixed_dates(docx: io.BytesIO, target: Path) -> None:
    """The .docx (a zip) written to `target` with each member's date fixed: python-docx stamps them with the time of
    the save, and a rebuild must give the same bytes."""
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as written:
        for member in source.infolist():
            fixed = zipfile.ZipInfo(member.filename, date_time=_ZIP_DATE)
            fixed.compress_type = member.compress_type
            written.writestr(fixed, source.read(member.filename))


def render_set(folder: Path, out: Path | None = None) -> None:
    """Every `.pdf.source` and `.docx.source` of the set's folder, written next to it (or into `out`)."""
    out = out or folder
    for pdf_source in sorted(folder.glob("*.pdf.source")):
        render_pdf(pdf_source, out / pdf_source.with_suffix("").name, folder.name)
    for docx_source in sorted(folder.glob("*.docx.source")):
        render_docx(docx_source, out / docx_source.with_suffix("").name, folder.name)


def read_unlike(folder: Path) -> list[str]:
    """The set's binary reports whose text, as the converter reads it, is not the text a fresh render of their
    sources gives (none: the files are what their sources say). Text, not bytes: the files of sets 2-13 were written
    before the renders were reproducible, and writing them again would move the date of the undated PDFs' events
    (the last commit that changed the file)."""
    from misp_module.read.reader import read_report

    def text(path: Path) -> str:
        return read_report(path.read_bytes(), identity=path.name, name=path.name, max_bytes=1 << 26).text

    with tempfile.TemporaryDirectory() as tmp:
        render_set(folder, Path(tmp))
        return [f.name for f in sorted(Path(tmp).iterdir()) if text(f) != text(folder / f.name)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folders", nargs="+", type=Path, help="judge set folders")
    ap.add_argument("--check", action="store_true", help="compare the text of fresh renders with the files' text")
    args = ap.parse_args(argv)
    if not args.check:
        for folder in args.folders:
            render_set(folder)
        return 0
    differing = [f"{folder.name}/{name}" for folder in args.folders for name in read_unlike(folder)]
    for name in differing:
        print(f"its text differs from its source's render: {name}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
