"""A PDF's page furniture and apparatus, taken off its pages before the text is rebuilt (`pdf.py`): running headers
and footers and page numbers, a table of contents, and footnotes (moved to the end of the text).

`body` is the document's body type size: a header or a footnote is set smaller."""

from __future__ import annotations

import re
from collections import Counter

from .page_layout import Line, Page

# The top and bottom of a page where headers, footers and page numbers live (fraction of the page height).
MARGIN_BAND = 0.09
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[0-9ivxlc]+(?:\s*(?:of|/|\|)\s*\d+)?$|^[-–—]\s*\d+\s*[-–—]$", re.IGNORECASE)
_PAGE_REFERENCE = re.compile(r"\bpage\s*\d+(?:\s*(?:of|/)\s*\d+)?|\b\d+\s*(?:of|/)\s*\d+\s*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A line on most pages at the same height is running furniture wherever it is (at least this many pages).
RUNNING_PAGES = 3
# Tables of contents: the title, entries with dot leaders, a title ending in its page number, a page number alone.
_CONTENTS_TITLE = re.compile(r"^(?:table of )?contents:?$|^in this (?:report|paper):?$", re.IGNORECASE)
_LEADER_ENTRY = re.compile(r"^\S.*?(?:\s*(?:\.\s?){4,}|\s*\u2026+|\t)\s*(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
_TRAILING_PAGE = re.compile(r"^\S.{0,120}?\s+\d{1,3}$")
_BARE_PAGE = re.compile(r"^(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
CONTENTS_RUN = 3
# Footnotes: in smaller type than the body, in the lower part of the page, opening with their number.
FOOTNOTE_SIZE = 0.92
FOOTNOTE_AREA = 0.6
_FOOTNOTE_START = re.compile(r"^\[?(\d{1,3}|[*\u2020\u2021])\]?[.)]?\s+(?=\S)")


def _furniture_key(line: Line) -> str:
    """A running header or footer repeats word for word but for its numbers (page, date): a line with more
    numbers than that is content, compared as it is. The page number ("Page 3 of 12", "3 / 12") and a year
    are counted out first: "(c) 2024 Vendor · Page 3 of 12" is a footer."""
    text = line.text.strip().lower()
    counted = _PAGE_REFERENCE.sub("#", _YEAR.sub("#", text))
    return re.sub(r"\d+", "#", text) if len(re.findall(r"\d+", counted)) <= 2 else text


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
        placed.update({(_furniture_key(line), round(line.y0 / 3)) for line in page.lines})
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
        furniture |= {id(line) for line in page.lines if placed[(_furniture_key(line), round(line.y0 / 3))] >= running}
        page.lines = [line for line in page.lines if id(line) not in furniture]


def drop_contents(pages: list[Page]) -> None:
    """Remove a table of contents: its title ("Contents", "Table of contents") and the entries after it (on to
    the next page when it runs to its page's end), and any run of entries with dot leaders ("Victims ..... 6").
    Its lines repeat the headings as text, and an entry set in bold would read as a second heading."""
    running_on = False  # the contents ran to the previous page's last line
    for page in pages:
        lines = page.lines
        doomed: set[int] = set()
        index = 0
        if running_on:
            while index < len(lines) and _contents_entry(lines, index):
                doomed.add(id(lines[index]))
                index += 1
        running_on = False
        while index < len(lines):
            line = lines[index]
            if _CONTENTS_TITLE.match(line.text.strip()):
                doomed.add(id(line))
                index += 1
                while index < len(lines) and _contents_entry(lines, index):
                    doomed.add(id(lines[index]))
                    index += 1
                running_on = index == len(lines)
                continue
            run = index
            while run < len(lines) and _LEADER_ENTRY.match(lines[run].text.strip()):
                run += 1
            if run - index >= CONTENTS_RUN:
                doomed |= {id(entry) for entry in lines[index:run]}
                running_on = run == len(lines)
            index = max(run, index + 1)
        if doomed:
            page.lines = [line for line in lines if id(line) not in doomed]


def _contents_entry(lines: list[Line], index: int) -> bool:
    """An entry of a table of contents: a title with its page number at the end, dot leaders or not, or a page
    number alone on the baseline of the line before it (right-aligned, read apart from its title)."""
    text = lines[index].text.strip()
    if _LEADER_ENTRY.match(text) or _TRAILING_PAGE.match(text):
        return True
    if _BARE_PAGE.match(text):
        return True
    following = lines[index + 1] if index + 1 < len(lines) else None
    return bool(following and _BARE_PAGE.match(following.text.strip()) and abs(following.y1 - lines[index].y1) <= 2)


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
