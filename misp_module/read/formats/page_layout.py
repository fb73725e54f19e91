"""One PDF page as lines and tables in reading order, with what the layout tells of each line: its type size,
weight, position and whether it fills its column. Tables are rebuilt from the page's rules (the lines and boxes
drawn around cells): PyMuPDF's own table finder reads each character into Python objects and ran at about
6 pages a second on IOC tables, this at hundreds."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from ...knowledge.regex_cache import compiled
from .page_apparatus import NOTE_MARK
from .pdf_bounds import checked_textpage

BOLD_FLAG = 16
MONO_FLAG = 8
SUPERSCRIPT_FLAG = 1
# Rules closer than this (points) are one rule: boxes drawn cell by cell share their edges.
SNAP = 2.5
# A line fills its column when less than this many characters' width is left on its right.
FILL_CHARS = 1.6
_MONO_FONTS = ("courier", "mono", "consolas", "menlo", "monaco", "lucida console", "code")
_FIRST_WORD = compiled(r"^\s*\S+")
_BULLET_GLYPH = compiled(r"^\s*[•●▪◦○■□‣⁃·\uf0b7\uf0a7*–-]\s+")
# A line whose direction's sine is above this is not upright (about 3 degrees).
UPRIGHT_SINE = 0.05
# Smaller than this share of the line's type and raised by this share of it: superscript, whatever the flags say.
MARK_SIZE = 0.85
MARK_RISE = 0.15


@dataclass
class Line:
    """A line of text: `markdown` keeps bold spans as **bold**."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    markdown: str
    size: float
    bold: bool
    mono: bool
    first_word_width: float
    text_x0: float
    fills: bool = False
    right: float = 0.0
    # The footnote marks dropped from the line ("198.51.100.7" + a raised "4" is not "198.51.100.74").
    marks: list[str] = field(default_factory=list)

    @property
    def one_word(self) -> bool:
        """The line's text is one word (after a bullet): a word too long for a line starts a line of its own."""
        return len(_BULLET_GLYPH.sub("", self.text).split()) == 1


@dataclass
class Table:
    """A ruled table: rows of cells, each cell the lines inside it."""

    y0: float
    rows: list[list[list[Line]]]


@dataclass
class Page:
    """A page's lines and tables in reading order; `right` is the right edge of its text column."""

    number: int
    height: float
    right: float
    order: list[Line | Table] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [item for item in self.order if isinstance(item, Line)]

    @lines.setter
    def lines(self, kept: list[Line]) -> None:
        keep = {id(line) for line in kept}
        self.order = [item for item in self.order if isinstance(item, Table) or id(item) in keep]

    @property
    def tables(self) -> list[Table]:
        return [item for item in self.order if isinstance(item, Table)]

    def items(self) -> list[Line | Table]:
        return list(self.order)


def _is_mono(span: dict[str, Any]) -> bool:
    font = span["font"].lower()
    return bool(span["flags"] & MONO_FLAG) or any(name in font for name in _MONO_FONTS)


def _note_marks(spans: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The spans without their footnote marks, and the marks: a raised number after text (flagged superscript,
    or set smaller on a higher baseline). Glued to the word before it, it would make "Kimsuky12" of a name and a
    wrong address of "198.51.100.7" followed by mark 4."""
    sizes = sorted(span["size"] for span in spans if span["text"].strip())
    if len(spans) < 2 or not sizes:
        return spans, []
    size = sizes[len(sizes) // 2]
    baseline = max(span["origin"][1] for span in spans) if all("origin" in s for s in spans) else None
    kept: list[dict[str, Any]] = []
    marks: list[str] = []
    for span in spans:
        raised = bool(span["flags"] & SUPERSCRIPT_FLAG) or (
            baseline is not None and span["size"] < size * MARK_SIZE and baseline - span["origin"][1] > size * MARK_RISE
        )
        after_text = any(k["text"].strip() for k in kept)
        if raised and after_text and NOTE_MARK.fullmatch(span["text"]):
            marks.append(span["text"].strip().strip("[]"))
            continue
        kept.append(span)
    return kept, marks


def _line(number: int, spans: list[dict[str, Any]]) -> Line | None:
    spans, marks = _note_marks(spans)
    text = "".join(span["text"] for span in spans)
    if not text.strip():
        return None
    visible = [span for span in spans if span["text"].strip()]
    mono = all(_is_mono(span) for span in visible)
    markdown = []
    for span in spans:
        piece = span["text"]
        if piece.strip() and (span["flags"] & BOLD_FLAG or (_is_mono(span) and not mono)):
            mark = "`" if _is_mono(span) and not mono else "**"
            lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()) :]
            piece = f"{lead}{mark}{piece.strip()}{mark}{trail}"
        markdown.append(piece)
    merged = re.sub(r"\*\*(\s*)\*\*|`(\s*)`", lambda m: m.group(1) or m.group(2) or "", "".join(markdown))
    bold = all(span["flags"] & BOLD_FLAG or "bold" in span["font"].lower() for span in visible)
    sizes = sorted(span["size"] for span in visible)
    x0 = min(span["bbox"][0] for span in spans)
    x1 = max(span["bbox"][2] for span in spans)
    width = max(x1 - x0, 1.0)
    first = _FIRST_WORD.match(_BULLET_GLYPH.sub("", text))
    first_width = width * len(first.group(0).strip()) / max(len(text.strip()), 1) if first else 0.0
    glyph = _BULLET_GLYPH.match(text)
    text_x0 = x0 + width * len(glyph.group(0)) / max(len(text), 1) if glyph else x0
    return Line(
        page=number,
        x0=x0,
        y0=min(span["bbox"][1] for span in spans),
        x1=x1,
        y1=max(span["bbox"][3] for span in spans),
        text=text.strip(),
        markdown=merged.strip(),
        size=sizes[len(sizes) // 2],
        bold=bold,
        mono=mono,
        first_word_width=first_width,
        text_x0=text_x0,
        marks=marks,
    )


def _rules(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, y0, y1) drawn on the page."""
    horizontal, vertical = [], []
    for drawing in page.get_drawings():
        for item in drawing["items"]:
            if item[0] == "l":
                a, b = item[1], item[2]
                if abs(a.y - b.y) <= 1:
                    horizontal.append((a.y, min(a.x, b.x), max(a.x, b.x)))
                elif abs(a.x - b.x) <= 1:
                    vertical.append((a.x, min(a.y, b.y), max(a.y, b.y)))
            elif item[0] == "re":
                r = item[1]
                if r.height <= SNAP and r.width > SNAP:
                    horizontal.append(((r.y0 + r.y1) / 2, r.x0, r.x1))
                elif r.width <= SNAP and r.height > SNAP:
                    vertical.append(((r.x0 + r.x1) / 2, r.y0, r.y1))
                elif r.width > SNAP and r.height > SNAP:
                    horizontal += [(r.y0, r.x0, r.x1), (r.y1, r.x0, r.x1)]
                    vertical += [(r.x0, r.y0, r.y1), (r.x1, r.y0, r.y1)]
    return horizontal, vertical


def _snap(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > SNAP:
            result.append(value)
    return result


def _grids(page: Any) -> list[tuple[list[float], list[float]]]:
    """Each table's column edges and row edges: rules that touch each other form one table."""
    horizontal, vertical = _rules(page)
    if not horizontal or not vertical:
        return []
    boxes = [(x0, y - SNAP, x1, y + SNAP, "h", y) for y, x0, x1 in horizontal]
    boxes += [(x - SNAP, y0, x + SNAP, y1, "v", x) for x, y0, y1 in vertical]
    parent = list(range(len(boxes)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    for position, i in enumerate(order):  # sweep down the page: only boxes overlapping vertically can touch
        a = boxes[i]
        for j in order[position + 1 :]:
            b = boxes[j]
            if b[1] > a[3] + SNAP:
                break
            if b[0] <= a[2] + SNAP and a[0] <= b[2] + SNAP:
                parent[find(i)] = find(j)
    groups: dict[int, list[tuple[float, ...]]] = {}
    for i, box in enumerate(boxes):
        groups.setdefault(find(i), []).append(box)
    grids = []
    for members in groups.values():
        columns = _snap([m[5] for m in members if m[4] == "v"])
        rows = _snap([m[5] for m in members if m[4] == "h"])
        if len(columns) >= 2 and len(rows) >= 2 and (len(columns) - 1) * (len(rows) - 1) >= 2:
            grids.append((columns, rows))
    return grids


def _cell_of(grid: tuple[list[float], list[float]], x: float, y: float) -> tuple[int, int] | None:
    columns, rows = grid
    if not (columns[0] <= x <= columns[-1] and rows[0] <= y <= rows[-1]):
        return None
    column = next(i for i in range(len(columns) - 1) if x <= columns[i + 1])
    row = next(i for i in range(len(rows) - 1) if y <= rows[i + 1])
    return row, column


_LONE_GLYPH = compiled(r"^(?:[•●▪◦○■□‣⁃·\uf0b7\uf0a7*–-]|\d{1,2}[.)])$")


def _baseline_joined(items: list[Line]) -> list[Line]:
    """Pieces of one line joined: justified text and list bullets are often drawn word by word or apart from
    their text, and come out as several lines on one baseline."""
    result: list[Line] = []
    for item in items:
        previous = result[-1] if result else None
        if (
            previous is not None
            and abs(previous.y1 - item.y1) <= 2
            and item.x0 >= previous.x1 - 1
            and item.x0 - previous.x1 <= 4 * max(previous.size, item.size)
        ):
            glyph = bool(_LONE_GLYPH.match(previous.text))
            gap = "" if item.text.startswith(" ") else " "
            previous.text = f"{previous.text}{gap}{item.text.strip()}"
            previous.markdown = f"{previous.markdown}{gap}{item.markdown.strip()}"
            if glyph:
                previous.text_x0, previous.bold = item.x0, item.bold
                previous.first_word_width = item.first_word_width
            else:
                previous.bold = previous.bold and item.bold
            previous.mono = previous.mono and item.mono
            previous.x1, previous.y0 = item.x1, min(previous.y0, item.y0)
            previous.size = max(previous.size, item.size)
        else:
            result.append(item)
    return result


def _joined_in_order(order: list[Line | Table]) -> list[Line | Table]:
    """Body lines joined on their baselines, tables in place; the lines of each table cell likewise."""
    result: list[Line | Table] = []
    run: list[Line] = []
    for item in order:
        if isinstance(item, Line):
            run.append(item)
            continue
        result += _baseline_joined(run)
        run = []
        for row in item.rows:
            row[:] = [_baseline_joined(cell) for cell in row]
        result.append(item)
    return result + _baseline_joined(run)


# A column starts where at least this many lines start, at least this share of the text's width right of another.
COLUMN_LINES = 3
COLUMN_MIN_WIDTH = 0.25


def _column_edges(lines: list[Line], page_right: float) -> None:
    """Each line's `right`: the right edge of its column. On a page set in columns, a line of the first
    column ends well before the page's text edge; measured against the page it would look like the end of a
    paragraph. Columns start where several lines start, a fair share of the text's width apart (list indents
    are not columns); a title running across the columns is not measured."""
    if not lines:
        return
    left = min(line.x0 for line in lines)
    minimum = COLUMN_MIN_WIDTH * (page_right - left)
    counts: dict[int, int] = {}
    for line in lines:
        counts[round(line.x0)] = counts.get(round(line.x0), 0) + 1
    regions: list[float] = []
    for x in sorted(x for x, count in counts.items() if count >= COLUMN_LINES):
        if not regions or x - regions[-1] >= minimum:
            regions.append(x)
    if len(regions) < 2:
        for line in lines:
            line.right = page_right
        return
    bounds = [*regions, float("inf")]
    edges = []
    for start, end in itertools.pairwise(bounds):
        inside = [line.x1 for line in lines if start - 3 <= line.x0 < end and line.x1 < end]
        edges.append(max(inside, default=page_right))
    for line in lines:
        column = max((i for i, start in enumerate(regions) if start - 3 <= line.x0), default=0)
        line.right = edges[column]


# PyMuPDF's default keeps typographic ligatures as one character ("ﬁrmware", "exﬁltration"): every word
# list and cue would miss such words. Without the flag the ligature is written as its letters.
def _text_flags() -> int:
    import pymupdf

    return pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_LIGATURES


def read_page(page: Any, number: int, name: str = "") -> Page:
    """The page's lines (outside tables) and tables, in the order the page's content gives them; ReportError
    naming report `name` for a page past the bounds of `pdf_bounds.py`."""
    textpage = checked_textpage(page, number, name, _text_flags())
    grids = _grids(page)
    tables: dict[int, Table] = {}
    result = Page(number=number, height=page.rect.height, right=0.0)
    for block in page.get_text("dict", textpage=textpage)["blocks"]:
        if block.get("type") != 0:
            continue
        for raw in block["lines"]:
            spans = [s for s in raw["spans"] if s["text"]]
            # Text set sideways or slanted outside a table is a margin note or a watermark ("TLP:CLEAR" up the
            # page's edge, "DRAFT" across it): furniture. (A table's rotated column titles are kept.)
            cosine, sine = raw.get("dir", (1.0, 0.0))
            upright = cosine > 0 and abs(sine) < UPRIGHT_SINE
            cells: dict[tuple[int, int, int], list[dict[str, Any]]] = {}
            body = []
            for span in spans:
                x = (span["bbox"][0] + span["bbox"][2]) / 2
                y = (span["bbox"][1] + span["bbox"][3]) / 2
                place = next(
                    ((g, *cell) for g, grid in enumerate(grids) if (cell := _cell_of(grid, x, y))),
                    None,
                )
                if place is None:
                    if upright:
                        body.append(span)
                else:
                    cells.setdefault(place, []).append(span)
            if body and (line := _line(number, body)):
                result.order.append(line)
            for (g, row, column), cell_spans in cells.items():
                if g not in tables:
                    columns, rows = grids[g]
                    tables[g] = Table(rows[0], [[[] for _ in columns[1:]] for _ in rows[1:]])
                    result.order.append(tables[g])
                if line := _line(number, cell_spans):
                    tables[g].rows[row][column].append(line)
    result.order = _joined_in_order(result.order)
    body_lines = [item for item in result.order if isinstance(item, Line)]
    result.right = max((line.x1 for line in body_lines), default=page.rect.width)
    _column_edges(body_lines, result.right)
    for line in body_lines:
        line.fills = line.x1 >= line.right - FILL_CHARS * line.size * 0.55
    for g, table in tables.items():
        columns = grids[g][0]
        for row in table.rows:
            for column, cell in enumerate(row):
                if not cell:
                    continue
                padding = min(line.x0 for line in cell) - columns[column]
                right = columns[column + 1] - max(padding, 0)
                for line in cell:
                    line.fills = line.x1 >= right - FILL_CHARS * line.size * 0.55
    return result
