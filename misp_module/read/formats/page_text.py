"""Text a PDF was turned into page by page (pdftotext, "save as text", a print to text): pages separated by form
feeds, each opening and closing with the document's running header and footer. Those lines repeat on every page
("Example Labs | TLP:AMBER | Report title", "Page 3 of 12"): left in, a name in them would look named thirty times
(salience counts sentences) and another paper's title in a footer would look like the report's subject.

Only text with page breaks is touched, and only the first and last lines of its pages: a line there that repeats
at the edge of half the pages or more (its numbers aside) or is a page number alone is furniture; a heading, table
row or list item never is. A table of contents is left out too (`page_apparatus.py`). A TLP marking found only in
what is left out is kept (`markings.py`)."""

from __future__ import annotations

import re
from collections import Counter

from ...knowledge.regex_cache import compiled
from .markings import with_furniture_markings
from .page_apparatus import contents_lines, running_key

# Lines looked at, at each end of a page (a header or a footer is a line or two; a text copy may give both at the
# page's end, in the order they were drawn).
EDGE_LINES = 3
# A markdown heading, table row or list item is the report's, even at a page's edge (a table's header row
# repeated on each page of a long table).
_STRUCTURED = compiled(r"^\s*(?:#|\||[-*+]\s)")
_PAGE_NUMBER = compiled(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$", re.I
)


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first and last few lines with text of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def without_page_furniture(text: str) -> str:
    """The text without the running headers, footers and page numbers of its pages; text without two page
    breaks or more is returned as it is."""
    if text.count("\f") < 2:
        return text
    pages = [page.split("\n") for page in text.split("\f")]
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({running_key(lines[i]) for i in _edges(lines) if not _STRUCTURED.match(lines[i])})
    running = max(2, len(pages) // 2)
    dropped: list[str] = []
    for lines in pages:
        for i in _edges(lines):
            line = lines[i].strip()
            if _STRUCTURED.match(line):
                continue
            if _PAGE_NUMBER.match(line) or seen[running_key(line)] >= running:
                dropped.append(line)
                lines[i] = ""
    for lines, doomed in zip(pages, contents_lines(pages), strict=True):
        for index in doomed:
            lines[index] = ""
    joined = "\n".join("\n".join(lines) for lines in pages)
    return with_furniture_markings(re.sub(r"\n{3,}", "\n\n", joined), dropped)
