"""HTML reports read as text: markdown-like headings and bullets kept, scripts and styles dropped."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from ..knowledge.regex_cache import compiled
from .formats.page_apparatus import NOTE_MARK

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "blockquote",
    "figure",
}
# A caption is a line of its own that says it is one ("Figure: Infections by country"), as captions in markdown
# posts do ("*Figure 2: ...*"): the page's furniture rules (galaxies.yaml) then know it for a caption.
_CAPTION_LABEL = compiled(r"\s*[*_]*(?:figure|fig\.|image|photo|screenshot|exhibit|table)\b", re.IGNORECASE)
_SKIPPED_TAGS = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}


class _Table:
    """The rows of one table being read; a cell's text is collected apart from the page's, then joined."""

    def __init__(self, outer: list[str]) -> None:
        self.outer = outer
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None

    def markdown(self) -> str:
        """The rows as a markdown table, as the PDF and DOCX readers write theirs: one line per row, a rule under
        the first, no blank line between rows (a table's readers — victim tables, version columns — read it so)."""
        rows = [r for r in self.rows if any(c for c in r)]
        if not rows:
            return "\n"
        lines = ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        rule = "|" + "---|" * len(rows[0])
        return "\n\n" + "\n".join([lines[0], rule, *lines[1:]]) + "\n\n"


class _TextCollector(HTMLParser):
    """Collects text; never follows or executes anything the page references."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0
        self.caption_start: int | None = None
        self.tables: list[_Table] = []
        self.inner_depth = 0
        self.sup_start: int | None = None

    # Tables: a cell's text goes to its own list (self.parts points there while the cell is open); a table
    # inside a cell is read as that cell's text. Omitted end tags (<td>a<td>b) close the open cell or row.
    def _close_cell(self) -> None:
        table = self.tables[-1]
        if table.cell is not None:
            text = " ".join("".join(table.cell).split())
            table.cell = None
            self.parts = table.outer
            if table.row is None:
                table.row = []
            table.row.append(text)

    def _close_row(self) -> None:
        self._close_cell()
        table = self.tables[-1]
        if table.row is not None:
            table.rows.append(table.row)
            table.row = None

    def _table_tag(self, tag: str, start: bool) -> bool:
        """Handles the tags of a table; False for any other tag."""
        if tag not in ("table", "tr", "td", "th", "thead", "tbody", "tfoot"):
            return False
        if not self.tables:
            return True  # a row or cell outside any table: no structure to keep
        table = self.tables[-1]
        if tag == "table" and start and table.cell is None:
            self.tables.append(_Table(self.parts))  # only reached at the first table (see below)
        elif self.inner_depth or (tag == "table" and start):
            # A table inside a cell is read as that cell's text.
            if tag == "table":
                self.inner_depth += 1 if start else -1
            self.parts.append(" ")
        elif tag == "table":
            self._close_row()
            self.tables.pop()
            self.parts = table.outer
            self.parts.append(table.markdown())
        elif tag == "tr":
            self._close_row()
        elif tag in ("td", "th"):
            self._close_cell()
            if start:
                table.cell = []
                self.parts = table.cell
        return True

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth += 1
        elif tag == "table" and not self.tables:
            self.tables.append(_Table(self.parts))
        elif self._table_tag(tag, start=True):
            pass
        elif re.fullmatch(r"h[1-6]", tag):
            self.parts.append("\n\n" + "#" * int(tag[1]) + " ")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag in ("code", "kbd", "samp") and not self.pre_depth:
            self.parts.append("`")
        elif tag == "pre":
            self.pre_depth += 1
            self.parts.append("\n```\n")
        elif tag == "figcaption":
            self.parts.append("\n")
            self.caption_start = len(self.parts)
        elif tag == "sup":
            self.sup_start = len(self.parts)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skip_depth = max(0, self.skip_depth - 1)
        elif self._table_tag(tag, start=False):
            pass
        elif tag == "pre" and self.pre_depth:
            self.pre_depth -= 1
            self.parts.append("\n```\n")
        elif tag == "sup" and self.sup_start is not None:
            if self.sup_start <= len(self.parts) and NOTE_MARK.fullmatch("".join(self.parts[self.sup_start :])):
                del self.parts[self.sup_start :]
            self.sup_start = None
        elif tag == "figcaption" and self.caption_start is not None:
            caption = "".join(self.parts[self.caption_start :])
            if caption.strip() and not _CAPTION_LABEL.match(caption):
                self.parts.insert(self.caption_start, "Figure: ")
            self.caption_start = None
            self.parts.append("\n")
        elif re.fullmatch(r"h[1-6]", tag) or tag in _BLOCK_TAGS:
            self.parts.append("\n")
        elif tag in ("strong", "b"):
            self.parts.append("**")
        elif tag in ("code", "kbd", "samp") and not self.pre_depth:
            self.parts.append("`")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # A code block keeps its lines (a mail header, a log): elsewhere white space is layout.
            self.parts.append(data.strip("\n") if self.pre_depth else re.sub(r"\s+", " ", data))


_META_DESCRIPTION = compiled(
    r"""<meta\s+(?=[^>]*\b(?:name|property)\s*=\s*["'](?:description|og:description)["'])[^>]*?"""
    r"""\bcontent\s*=\s*(?:"([^"]{0,1000})"|'([^']{0,1000})')""",
    re.IGNORECASE,
)
_FIRST_HEADING = compiled(r"^#{1,6} .*$", re.MULTILINE)


def with_page_description(html: str, text: str) -> str:
    """The page's text with its meta description (the vendor's own summary of the post: "... targets crypto
    exchange staff in Japan") as a paragraph under the first heading, when the text does not already hold it."""
    found = _META_DESCRIPTION.search(html[:20000])
    if not found:
        return text
    description = " ".join(unescape(found.group(1) or found.group(2) or "").split())
    if len(description) < 20 or description in " ".join(text.split()):
        return text
    heading = _FIRST_HEADING.search(text)
    at = heading.end() if heading else 0
    return f"{text[:at]}\n\n{description}\n\n{text[at:].lstrip(chr(10))}" if heading else f"{description}\n\n{text}"


def looks_like_html(name: str, text: str) -> bool:
    """An .html/.htm file, or text that starts as an HTML document."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(re.match(r"\s*(<!doctype\s+html|<html[\s>])", text[:512], re.IGNORECASE))


def html_to_text(html: str) -> str:
    """The page's text as markdown-ish lines (headings as '#', list items as '-')."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    collector.inner_depth = 0
    while collector.tables:  # a table never closed: what it held is kept
        collector.handle_endtag("table")
    text = "".join(collector.parts)
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
