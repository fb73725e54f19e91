"""A PDF's page furniture and apparatus, taken off its pages before the text is rebuilt (`pdf.py`): running headers
and footers and page numbers, a table of contents, and footnotes (moved to the end of the text).

`body` is the document's body type size: a header or a footnote is set smaller."""

from __future__ import annotations

import re
from collections import Counter

from ...knowledge.regex_cache import compiled
from .page_apparatus import contents_lines, running_key
from .page_layout import Line, Page

# The top and bottom of a page where headers, footers and page numbers live (fraction of the page height).
MARGIN_BAND = 0.09
_PAGE_NUMBER = compiled(r"^(?:page\s*)?[0-9ivxlc]+(?:\s*(?:of|/|\|)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.IGNORECASE)
# A line on most pages at the same height is running furniture wherever it is (at least this many pages).
RUNNING_PAGES = 3
# Footnotes: in smaller type than the body, in the lower part of the page, opening with their number.
FOOTNOTE_SIZE = 0.92
FOOTNOTE_AREA = 0.6
_FOOTNOTE_START = compiled(r"^\[?(\d{1,3}|[*\u2020\u2021])\]?[.)]?\s+(?=\S)")


def _furniture_key(line: Line) -> str:
    return running_key(line.text)


def drop_furniture(pages: list[Page], body: float) -> None:
    """Remove page numbers, lines in the top or bottom band that repeat on other pages (running headers
    and footers) or sit in small type where such lines sit on other pages (a header naming each chapter), and
    lines anywhere that repeat at the same height on most pages (a running header set lower than the band)."""
    in_band: list[list[Line]] = []
    seen: Counter[str] = Counter()
    placed: Counter[tuple[str, int]] = Counter()
    for page in pages:
        band = [
            line
            for line in page.lines
            if line.y1 <= page.height * MARGIN_BAND or line.y0 >= page.height * (1 - MARGIN_BAND)
        ]
        in_band.append(band)
        seen.update({_furniture_key(line) for line in band})
        placed.update({(running_key(line.text, strict=True), round(line.y0 / 3)) for line in page.lines})
    running = max(RUNNING_PAGES, (len(pages) + 1) // 2)
    repeated = [
        {
            id(line)
            for line in band
            if _PAGE_NUMBER.match(line.text.strip()) or (len(pages) > 1 and seen[_furniture_key(line)] > 1)
        }
        for band in in_band
    ]
    # The heights where running lines sit on two pages or more: a header's slot. A line there in small type is
    # that header too, though its words change from page to page ("Example Labs | 4. Infrastructure").
    slots: Counter[int] = Counter()
    for band, furniture in zip(in_band, repeated, strict=True):
        slots.update({round(line.y0 / 3) for line in band if id(line) in furniture})
    small = body * FOOTNOTE_SIZE
    for page, band, furniture in zip(pages, in_band, repeated, strict=True):
        furniture |= {id(line) for line in band if slots[round(line.y0 / 3)] >= 2 and line.size <= small}
        furniture |= {
            id(line)
            for line in page.lines
            if placed[(running_key(line.text, strict=True), round(line.y0 / 3))] >= running
        }
        page.lines = [line for line in page.lines if id(line) not in furniture]


def drop_contents(pages: list[Page]) -> None:
    """Remove a table of contents (`contents_lines`): its lines repeat the headings as text, and an entry set in
    bold would read as a second heading."""
    lines_of = [page.lines for page in pages]

    def same_baseline(number: int, i: int, j: int) -> bool:
        return abs(lines_of[number][i].y1 - lines_of[number][j].y1) <= 2

    texts = [[line.text for line in lines] for lines in lines_of]
    for page, lines, doomed in zip(pages, lines_of, contents_lines(texts, same_baseline), strict=True):
        if doomed:
            page.lines = [line for index, line in enumerate(lines) if index not in doomed]


def take_footnotes(pages: list[Page], body: float) -> list[str]:
    """Take the footnotes off the foot of their pages, as markdown footnotes ("[^3]: ...") for the end of the
    text: a line in smaller type in the page's lower part opening with the number of a mark seen in the text so
    far, and the small lines that go on from it. Left in place they would cut a paragraph running on to the next
    page, and read as the report's own prose (they cite other work)."""
    marks: set[str] = set()
    notes: list[str] = []
    for page in pages:
        for line in page.lines:
            marks.update(part for mark in line.marks for part in re.split(r"[,\u2013-]", mark))
        doomed: set[int] = set()
        current: list[str] | None = None
        for line in page.lines:
            small = line.size <= body * FOOTNOTE_SIZE and line.y0 >= page.height * FOOTNOTE_AREA
            opening = _FOOTNOTE_START.match(line.text.strip()) if small else None
            if opening and opening.group(1) in marks:
                current = [f"[^{opening.group(1)}]: {line.text.strip()[opening.end() :]}"]
                notes.append("")
                doomed.add(id(line))
            elif small and current is not None:
                current.append(line.text.strip())
                doomed.add(id(line))
            else:
                current = None
                continue
            notes[-1] = " ".join(current)
        if doomed:
            page.lines = [line for line in page.lines if id(line) not in doomed]
    return notes
