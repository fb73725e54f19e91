"""PDF reports → markdown text that the templates read: headings, paragraphs, bullets, tables and code kept.

PyMuPDF (AGPL, like this project) reads the text with its fonts and positions; it was measured against pypdf,
pdfminer.six and pdfplumber (see tests/bench/bench_formats.py) and is the fastest by far while giving the font
size, weight and position of every span, which is what undoing the layout needs:
- repeated page headers and footers and page numbers are dropped (lines and tables come from `page_layout.py`),
  and so are a table of contents, sideways margin notes and watermarks; footnotes go from the page's foot to the
  end of the text (`pdf_furniture.py`); a TLP marking written only in the furniture is kept (`markings.py`);
- a heading is a line in a larger type than the body, or a short line all in bold;
- paragraphs are joined back from their lines: hyphenation and words broken inside (hashes, URLs) undone;
- ruled tables (IOC tables) are rebuilt from their rules, one markdown row per table row.
"""

from __future__ import annotations

import itertools
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass

from ...errors import ReportError
from ...knowledge.regex_cache import compiled
from .markings import with_furniture_markings
from .page_layout import Line, Page, Table, read_page
from .pdf_furniture import drop_contents, drop_furniture, take_footnotes
from .properties import Document, pdf_date
from .text_joins import join_lines

MAX_PAGES = 500
MAX_SECONDS = 60.0
# PyMuPDF does not support threads ("may cause incorrect behaviour or even crash Python"), and the
# misp-modules server runs its handlers on a thread pool: one PDF is read at a time per process.
_MUPDF = threading.Lock()
# MuPDF's words when an allocation fails (under the memory cap of the CLI and of the modules server's workers).
_ALLOCATION_FAILED = compiled(r"\b(?:m|c|re)alloc\b.*\bfailed\b")
_BROKEN_WORD = compiled(r"[^\W\d_]-$")
_BULLET = compiled(r"^\s*([•●▪◦○■□‣⁃·\uf0b7\uf0a7*–-])\s+")
_NUMBERED = compiled(r"^\s*(\d{1,2}[.)])\s+")
HEADING_RATIO = 1.12
BOLD_HEADING_MAX = 120


def pdf_to_text(data: bytes, name: str, *, max_pages: int = MAX_PAGES, max_seconds: float = MAX_SECONDS) -> str:
    """The PDF's text as markdown; `ReportError` for an encrypted, broken, over-long or text-less PDF."""
    return pdf_document(data, name, max_pages=max_pages, max_seconds=max_seconds).text


def pdf_document(data: bytes, name: str, *, max_pages: int = MAX_PAGES, max_seconds: float = MAX_SECONDS) -> Document:
    """The PDF's text as markdown, with the date of its metadata (`pdf_to_text`). Threads take turns (`_MUPDF`);
    the time limit counts from this PDF's turn."""
    with _MUPDF:
        return _pdf_document(data, name, max_pages, max_seconds)


def _pdf_document(data: bytes, name: str, max_pages: int, max_seconds: float) -> Document:
    import pymupdf

    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises several types (FileDataError, RuntimeError, ValueError)
        reason = f"not a readable PDF: damaged, cut short or not a PDF (PyMuPDF: {_reason(exc)})"
        raise ReportError(name, reason) from exc
    with document:
        if document.needs_pass and not document.authenticate(""):
            raise ReportError(name, "the PDF is encrypted with a password; save a copy without one")
        count = document.page_count
        if count == 0:
            raise ReportError(name, "the PDF has no page: it is damaged or empty")
        if count > max_pages:
            raise ReportError(
                name, f"the PDF has {count} pages, over the limit of {max_pages}; split it or give its text"
            )
        repaired = bool(getattr(document, "is_repaired", False))
        date = pdf_date(document.metadata)
        started = time.monotonic()
        pages: list[Page] = []
        images = 0
        for number in range(count):
            if time.monotonic() - started > max_seconds:
                raise ReportError(
                    name, f"reading stopped after {number} of {count} pages, over the time limit of {max_seconds:.0f} s"
                )
            try:
                page = document[number]
                pages.append(read_page(page, number, name))
                images += len(page.get_images())
            except ReportError:
                raise
            except Exception as exc:  # a damaged page: say which, never a traceback
                if isinstance(exc, MemoryError) or _ALLOCATION_FAILED.search(_reason(exc)):
                    raise ReportError(
                        name,
                        f"page {number + 1} of the PDF needs more memory than a report may take ({_reason(exc)}): "
                        "a file made to exhaust memory; give the report as text",
                    ) from None
                raise ReportError(name, f"page {number + 1} of the PDF cannot be read ({_reason(exc)})") from exc
    if not any(page.lines or page.tables for page in pages):
        detail = "it holds only images (a scan?)" if images else "it holds no text"
        raise ReportError(name, f"the PDF has no text layer; {detail}. OCR is not done: give the report as text")
    every_line = [line for page in pages for line in page.lines]
    body = _styles(pages).body
    drop_furniture(pages, body)
    drop_contents(pages)
    kept = {id(line) for page in pages for line in page.lines}
    footnotes = take_footnotes(pages, body)
    dropped = [line.text for line in every_line if id(line) not in kept]
    text = with_furniture_markings(render_markdown(pages, footnotes), dropped)
    return Document(_checked(text, name, repaired), date)


def _checked(text: str, name: str, repaired: bool) -> str:
    """The text without stray control characters; refused when they are much of it (glyph numbers instead of
    letters: a damaged file, or fonts without a map back to characters)."""
    garbage = sum(1 for ch in text if (ord(ch) < 32 and ch not in "\n\t") or ch == "\ufffd")
    if garbage > max(len(text) // 20, 3):
        state = "a damaged file, repaired on opening" if repaired else "fonts without a map back to characters"
        raise ReportError(name, f"the PDF's text does not decode to characters ({state}); give the report as text")
    return re.sub(r"[\x00-\x08\x0b-\x1f\ufffd]", "", text)


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]


@dataclass
class _Styles:
    """The document's body size and the sizes of its headings, largest first."""

    body: float
    headings: list[float]

    def heading_level(self, line: Line) -> int:
        """0 for body text; 1.. for a heading by its size (a bold body-size heading ranks below them all)."""
        if line.size >= self.body * HEADING_RATIO and len(line.text) <= 200:
            return next((i for i, size in enumerate(self.headings, 1) if line.size >= size - 0.5), len(self.headings))
        return 0


def _styles(pages: list[Page]) -> _Styles:
    weights: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            weights[round(line.size, 1)] += len(line.text)
    body = weights.most_common(1)[0][0] if weights else 10.0
    larger = sorted({s for s in weights if s >= body * HEADING_RATIO}, reverse=True)
    headings: list[float] = []
    for size in larger:  # sizes within half a point are one level
        if not headings or headings[-1] - size > 0.5:
            headings.append(size)
    return _Styles(body, headings[:5])


def _bullet_levels(pages: list[Page]) -> list[float]:
    """The distinct left positions of bullets: a list's nesting level is the rank of its bullet's position."""
    positions = sorted({round(line.x0) for page in pages for line in page.lines if _BULLET.match(line.text)})
    levels: list[float] = []
    for x in positions:
        if not levels or x - levels[-1] > 4:
            levels.append(x)
    return levels


class _Writer:
    """Builds the markdown: one block (paragraph, bullet, heading, code, table) at a time."""

    def __init__(self, styles: _Styles, bullet_levels: list[float]) -> None:
        self.styles, self.bullet_levels = styles, bullet_levels
        self.out: list[str] = []
        self.block: list[Line] = []
        self.kind = ""
        self.level = 0

    def line(self, line: Line, page: Page) -> None:
        kind, level = self._classify(line)
        if self.block and not self._continues(line, kind, level, page):
            self.flush()
        if not self.block:
            self.kind, self.level = kind, level
        self.block.append(line)

    def _classify(self, line: Line) -> tuple[str, int]:
        if line.mono:
            return "code", 0
        heading = self.styles.heading_level(line)
        if heading:
            return "heading", heading
        if _BULLET.match(line.text) or _NUMBERED.match(line.text):
            x = round(line.x0)
            level = next((i for i, pos in enumerate(self.bullet_levels) if abs(x - pos) <= 4), 0)
            return "bullet", level
        if line.bold and len(line.text) <= BOLD_HEADING_MAX and not line.text.rstrip().endswith((".", ",", ";")):
            return "bold", len(self.styles.headings) + 1
        return "text", 0

    def _continues(self, line: Line, kind: str, level: int, page: Page) -> bool:
        previous = self.block[-1]
        if kind == "bullet" or (kind != self.kind and not (self.kind == "bullet" and kind in ("text", "bold"))):
            return False
        if kind == "code":
            return True
        if self.kind == "bullet" and line.x0 < self.block[0].text_x0 - 3:
            return False
        same_page = previous.page == line.page
        if same_page and line.y0 - previous.y1 > 0.3 * max(previous.y1 - previous.y0, 1):
            return False
        if same_page and line.y0 < previous.y0 - 1:  # a new column or a jump back up
            return previous.x1 >= previous.right - previous.size
        if _BROKEN_WORD.search(previous.text) and line.text[:1].islower():
            return True  # a word hyphenated at the line's end goes on in the next line, on the next page too
        # A word-wrapped line ends where its next word would not fit: a shorter line ended its paragraph.
        # (The word's width is estimated from its share of the line's characters: allow for wide letters.)
        room = previous.right - previous.x1
        return room <= line.first_word_width * 1.3 + previous.size * 0.5

    def flush(self) -> None:
        if not self.block:
            return
        lines, kind = self.block, self.kind
        self.block = []
        if kind == "code":
            left = min(line.x0 for line in lines)
            width = max(lines[0].size * 0.6, 1)
            code = [" " * round((line.x0 - left) / width) + line.text for line in lines]
            self._block(["```", *code, "```"])
            return
        text = lines[0].markdown
        for previous, line in itertools.pairwise(lines):
            text = join_lines(text, line.markdown, fills=previous.fills, starts_line=previous.one_word)
        if kind in ("heading", "bold"):
            self._block(["#" * min(self.level, 6) + " " + text.replace("**", "").strip()])
        elif kind == "bullet":
            item = _BULLET.sub("", text, count=1) if _BULLET.match(text) else text.strip()
            self.out.append("  " * self.level + ("- " + item if _BULLET.match(text) else item))
        else:
            self._block([text.strip()])

    def table(self, table: Table) -> None:
        self.flush()
        rows = []
        for row in table.rows:
            cells = []
            for cell in row:
                text = ""
                for previous, line in zip([None, *cell], cell, strict=False):
                    fills = bool(previous and previous.fills)
                    one_word = bool(previous and previous.one_word)
                    text = join_lines(text, line.markdown, fills=fills, starts_line=one_word)
                cells.append(text.replace("|", "\\|").strip())
            if any(cells):
                rows.append("| " + " | ".join(cells) + " |")
        if rows:
            columns = rows[0].count(" | ") + 1
            self._block([rows[0], "|" + "---|" * columns, *rows[1:]])

    def _block(self, lines: list[str]) -> None:
        if self.out and self.out[-1] != "":
            self.out.append("")
        self.out.extend(lines)
        self.out.append("")


def render_markdown(pages: list[Page], footnotes: list[str] | None = None) -> str:
    """The pages' lines and tables as markdown, in reading order; the footnotes at the end."""
    writer = _Writer(_styles(pages), _bullet_levels(pages))
    for page in pages:
        for item in page.items():
            if isinstance(item, Table):
                writer.table(item)
            else:
                writer.line(item, page)
    writer.flush()
    for note in footnotes or []:
        writer._block([note])
    text = "\n".join(writer.out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
