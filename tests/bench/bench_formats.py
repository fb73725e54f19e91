"""Report formats benchmark: PDF pages read per second, and the conversion of a 50-page PDF, a Word document and a
saved page against the floor measured in the same run: the same report converted from its text.

Where the other candidate libraries are installed (pypdf, pdfminer.six, pdfplumber, trafilatura), their
figures on the same files are printed too: the measurement behind the choice of PyMuPDF and readability-lxml."""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from report_renderings import render_blog_page, render_docx, render_pdf

from misp_module.pipeline import convert_bytes
from misp_module.read.formats.pdf import pdf_to_text
from misp_module.settings import Settings

REPORT = Path(__file__).resolve().parents[1] / "data" / "documents" / "fin7-baltics.txt"
PAGES = 50
ROUNDS = 3


def best(action: Callable[[], object], rounds: int = ROUNDS) -> float:
    """The fastest of a few runs (seconds): the least disturbed by other work on the machine."""
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings)


def page_count(data: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=data, filetype="pdf") as document:
        return document.page_count


def fifty_pages() -> tuple[str, bytes, int]:
    """The report repeated until its PDF has at least 50 pages: (text, PDF, pages)."""
    text = REPORT.read_text(encoding="utf-8")
    per_copy = page_count(render_pdf(text, repeat=4)) / 4
    copies = math.ceil(PAGES / per_copy)
    pdf = render_pdf(text, repeat=copies)
    while page_count(pdf) < PAGES:
        copies += 1
        pdf = render_pdf(text, repeat=copies)
    return "\n".join([text] * copies), pdf, page_count(pdf)


def main() -> None:
    """Print the figures."""
    settings = Settings()
    text, pdf, pages = fifty_pages()
    docx = render_docx(text)
    page = render_blog_page(text)

    def convert(data: bytes, name: str) -> Callable[[], object]:
        return lambda: convert_bytes(data, identity=name, name=name, settings=settings)

    floor = best(convert(text.encode(), "report.txt"))
    reading = best(lambda: pdf_to_text(pdf, "report.pdf"))
    print(
        f"formats: PDF of {pages} pages ({len(pdf) // 1024} KB) read in {reading:.2f} s: {pages / reading:.0f} pages/s"
    )
    print(f"formats: floor, the same report as .txt ({len(text) // 1024} KB) converted in {floor:.2f} s")
    for label, data, name in (
        (f"{pages}-page PDF", pdf, "report.pdf"),
        ("the same as DOCX", docx, "report.docx"),
        ("the same as a saved blog page", page, "report.html"),
    ):
        seconds = best(convert(data, name))
        print(f"formats: {label} converted in {seconds:.2f} s = {seconds / floor:.2f} x the .txt floor")
    compare_libraries(pdf, pages, page)


def compare_libraries(pdf: bytes, pages: int, page: bytes) -> None:
    """The candidates' speed on the same PDF and page, where they are installed (not project dependencies)."""
    import io

    def pypdf_text() -> object:
        import pypdf

        return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]

    def pdfminer_text() -> object:
        from pdfminer.high_level import extract_text

        return extract_text(io.BytesIO(pdf))

    def pdfplumber_tables() -> object:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(pdf)) as document:
            return [(p.extract_text(), p.extract_tables()) for p in document.pages]

    def pymupdf_tables() -> object:
        import pymupdf

        with pymupdf.open(stream=pdf, filetype="pdf") as document:
            return [p.find_tables().tables for p in document]

    for label, action in (
        ("pypdf extract_text (no fonts, no tables)", pypdf_text),
        ("pdfminer.six extract_text (no tables)", pdfminer_text),
        ("pdfplumber text and tables", pdfplumber_tables),
        ("PyMuPDF find_tables alone", pymupdf_tables),
    ):
        try:
            seconds = best(action, rounds=1)
        except ImportError:
            print(f"formats: {label}: not installed")
            continue
        print(f"formats: {label}: {pages / seconds:.0f} pages/s")
    html = page.decode()
    try:
        import trafilatura
    except ImportError:
        print("formats: trafilatura: not installed")
        return
    from misp_module.read.formats.html_page import article_html

    ours = statistics.median(best(lambda: article_html(html), rounds=1) for _ in range(5))
    theirs = statistics.median(
        best(lambda: trafilatura.extract(html, output_format="html", include_tables=True), rounds=1) for _ in range(5)
    )
    print(f"formats: blog page article: readability-lxml {ours * 1000:.0f} ms, trafilatura {theirs * 1000:.0f} ms")


if __name__ == "__main__":
    main()
