"""Where a galaxy name sits in a report: its section, sentence and clause, and whether the place is the report's
own prose, page furniture (navigation, related posts, reference lists, captions, author bios) or a cell of a
victim table.

A vendor blog saved as a page carries much that is not the report: link titles of other posts, the titles of
cited articles, captions, the authors' former employers. A name there does not say what the report is about,
so those places are found once per report (rules in `page_furniture` of galaxies.yaml) and their names skipped.
A victim table (a table with a Country or Sector column under a heading about victims, or with a Victim
column) says who was hit: its cells are targets, and a country there may be a two-letter code ("DE").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..budget import count_name
from ..knowledge.galaxies import GalaxyIndex, Match, Name
from ..read.report import Report, Section
from .galaxy_cues import Cues

# Indent within the line only ([^\S\n]): `^\s*` would rescan a run of blank lines from each of them.
_CODE_BLOCK = re.compile(r"^[^\S\n]*(```|~~~).*?^[^\S\n]*\1", re.MULTILINE | re.DOTALL)
# A match's sentence is read at most this far on either side: a text without punctuation is not one sentence
# (the cues searched in it would make every match cost the whole text). The cut falls on a grid of _WINDOW_STEP,
# so that neighbouring matches share one window.
_SENTENCE_WINDOW = 1000
_WINDOW_STEP = 250
# "a.k.a. APT43" goes on with the sentence; a hard-wrapped line goes on with it too, but a blank line, a list
# item, a table row, a heading or a quote starts a new one. Every end opens with white space, matched first (the
# search skips to it; the look-behinds then look past it): the same matches as
# (?<=[.!?])(?<!\b[aA]\.[kK]\.[aA]\.)\s+(?=[^a-z])|\n[ \t]*(?:\n\s*|(?=[-*+|#>]|\d+[.)]\s)), in half the time.
_SENTENCE_END = re.compile(
    r"\s(?:(?<=[.!?]\s)(?<!\b[aA]\.[kK]\.[aA]\.\s)\s*(?=[^a-z])|(?<=\n)[ \t]*(?:\n\s*|(?=[-*+|#>]|\d+[.)]\s)))"
)
_CLAUSE_END = re.compile(r"[;:,()\u2014\u2013]|\s-\s")
# Words around a name that may say what it is ("the Silence malware", "Mega ransomware").
_NEIGHBOUR_WORDS = 3
# A run of spaces or hashes followed by more of the line is taken whole ('++'), and the closing hashes stay
# within the line: the same headings, without retrying every split of a long run (cubic on a line of spaces).
_HEADING = re.compile(r"^(#{1,6})\s+((?:(?:[^\S\n]|#)++(?=[^\s#])|.)+?)[^\S\n]*+#*+[^\S\n]*+$", re.MULTILINE)
_WORD = re.compile(r"\w+")
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d\n]{8,160})[\"\u201d]")
# The last characters of a line that ends what it says (a sentence, an emphasised caption, an image link).
_LINE_DONE = (".", "!", "?", "*", "_", ")", "]")
# Between two titles of one list of cited titles: a comma or semicolon, perhaps "and".
_TITLE_LIST_GAP = re.compile(r"\s*[,;]?\s*(?:and\s+|or\s+)?")
_TABLE_ROW = re.compile(r"^[ \t]*+\|((?:[ \t]++(?=[^ \t\n])|.)+?)\|?[ \t]*+$", re.MULTILINE)
# A short line alone (no sentence), and the list block after it: items ("- ", "1.", "[1]", or a quoted title),
# and blank lines.
# A heading's section number ("5. Notes", "3.2 Related research").
_SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
_PLAIN_TITLE = re.compile(r"^[ \t]*([*_]{0,2}[A-Za-z][\w ,&'-]{0,38}?[*_]{0,2}:?[*_]{0,2})[ \t]*\n", re.MULTILINE)
_LIST_BLOCK = re.compile(
    r"(?:[ \t]*\n)*(?:[ \t]*(?:[-*+]|\d+[.)]|\[\d+\]|(?=[\"\u201c]))[ \t]?[^\n]*(?:\n|$)(?:[ \t]*\n)*)+"
)
# A block of two or more indented lines whose words fall in columns apart by two spaces or more (a plain-text table),
# and one cell of such a line (words joined by single spaces).
_TEXT_TABLE = re.compile(r"(?:^[ \t]*+\S+(?: \S+)*+(?: {2,}\S+(?: \S+)*+)++[ \t]*+(?:\n|$)){2,}", re.MULTILINE)
_TEXT_CELL = re.compile(r"\S+(?: \S+)*")
PROSE, FURNITURE, VICTIM_LOCATION, VICTIM_SECTOR = "prose", "furniture", "victim-location", "victim-sector"
# A cell of a victim column that describes the victim ("a regional hospital network", "engineering students").
VICTIM_DESCRIPTION = "victim-description"


@dataclass(frozen=True)
class Part:
    """A stretch of the report text with the role of its section ('heading' for the actor heading)."""

    role: str
    text: str
    offset: int
    sectors_span: tuple[int, int] | None = None
    malware_span: tuple[int, int] | None = None
    heading: str = ""  # the section's heading ("Recommendations" says its sentences are advice)


@dataclass(frozen=True)
class Found:
    """One match with the text around it: its part, sentence, clause, the words either side, and its place."""

    match: Match
    part: Part
    sentence: str
    sentence_start: int
    clause: str
    place: str = PROSE

    # The (up to three) words either side of the match in its part, lower-cased and within its paragraph ("the
    # Kazuar backdoor.\n\nTurla and APT28" is no backdoor Turla): read on first use, as most places are judged
    # without them (both follow from the match and its part).
    @cached_property
    def before(self) -> str:
        """The words right before the match."""
        start = self.match.start - self.part.offset
        text = self.part.text[max(0, start - 60) : start].rsplit("\n\n", 1)[-1]
        return " ".join(_WORD.findall(text)[-_NEIGHBOUR_WORDS:]).lower()

    @cached_property
    def after(self) -> str:
        """The words right after the match."""
        end = self.match.end - self.part.offset
        return " ".join(_WORD.findall(self.part.text[end : end + 60].split("\n\n", 1)[0])[:_NEIGHBOUR_WORDS]).lower()

    @property
    def offset_in_part(self) -> int:
        """Where the match starts in its part's text."""
        return self.match.start - self.part.offset

    def following(self, length: int = 40) -> str:
        """The text right after the match, within its part."""
        end = self.match.end - self.part.offset
        return self.part.text[end : end + length]


def _parts(report: Report) -> list[Part]:
    """The sections, and in a free-form report (template `generic`) its headings too: a vendor post's title and
    headings say what it is about ("... targets Ukrainian ministries"); in a structured report they are its
    structure."""
    if not report.sections:
        return [Part("body", report.text, 0)]
    parts = [
        Part(s.role, s.text, s.offset, _field_span(s, "sectors"), _field_span(s, "malware"), s.heading)
        for s in report.sections
    ]
    if report.template == "generic":
        parts += [Part("body", h.title, h.title_start) for h in _headings(report.text)]
    return sorted(parts, key=lambda p: p.offset)


@dataclass(frozen=True)
class _Heading:
    start: int
    level: int
    title: str
    title_start: int


@lru_cache(maxsize=4)
def _headings(text: str) -> tuple[_Heading, ...]:
    """The markdown headings of a report text, found once: the parts, the furniture and the victim tables all
    read them (one pass of `_HEADING` is ~9 ms on a 2 MB report)."""
    return tuple(_Heading(m.start(), len(m.group(1)), m.group(2), m.start(2)) for m in _HEADING.finditer(text))


def _field_span(section: Section, field: str) -> tuple[int, int] | None:
    value = section.fields.get(field)
    if not value:
        return None
    index = section.text.find(value)
    return (index, index + len(value)) if index >= 0 else None


def span_around(text: str, start: int, end: int, pattern: re.Pattern[str]) -> tuple[int, int]:
    """The stretch of `text` around [start, end) between two matches of `pattern` (the boundaries of a text
    are found once for all the matches in it)."""
    starts, ends = _boundaries(text, pattern)
    before = bisect.bisect_right(ends, start) - 1
    after = bisect.bisect_left(starts, end)
    return ends[before] if before >= 0 else 0, starts[after] if after < len(starts) else len(text)


@lru_cache(maxsize=256)
def _boundaries(text: str, pattern: re.Pattern[str]) -> tuple[list[int], list[int]]:
    found = [(boundary.start(), boundary.end()) for boundary in pattern.finditer(text)]
    return [start for start, _ in found], [end for _, end in found]


class _Sentences:
    """Sentence boundaries of one part, found once, so that finding a match's sentence is a bisection."""

    def __init__(self, text: str) -> None:
        self.text = text
        bounds = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
        self.starts = [0] + [b[1] for b in bounds]
        self.ends = [b[0] for b in bounds] + [len(text)]
        self.pieces: dict[tuple[int, int], str] = {}

    def piece(self, left: int, right: int) -> str:
        """text[left:right], one string shared by every match whose sentence or clause it is (a hundred
        thousand names in one long line would otherwise each hold a copy of their window)."""
        key = (left, right)
        if key not in self.pieces:
            self.pieces[key] = self.text[left:right]
        return self.pieces[key]

    def around(self, start: int) -> tuple[int, int]:
        position = bisect.bisect_right(self.starts, start) - 1
        return self.starts[position], max(self.ends[position], start)


def _found(match: Match, part: Part, sentences: _Sentences, place: str = PROSE) -> Found:
    start, end = match.start - part.offset, match.end - part.offset
    left, right = sentences.around(start)
    right = max(right, end)
    if start - left > _SENTENCE_WINDOW:
        left = max(left, (start - _SENTENCE_WINDOW) // _WINDOW_STEP * _WINDOW_STEP)
    if right - end > _SENTENCE_WINDOW:
        right = min(right, (end + _SENTENCE_WINDOW) // _WINDOW_STEP * _WINDOW_STEP + _WINDOW_STEP)
    sentence = sentences.piece(left, right)
    clause_left, clause_right = span_around(sentence, start - left, end - left, _CLAUSE_END)
    clause = sentences.piece(left + clause_left, left + clause_right)
    return Found(match, part, sentence, left, clause, place)


class _Spans:
    """Character spans of the report text, with a label each, merged where they overlap (the first label
    stays); lookup by bisection."""

    def __init__(self, spans: list[tuple[int, int, str]]) -> None:
        merged: list[tuple[int, int, str]] = []
        for start, end, label in sorted(spans):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end), merged[-1][2])
            else:
                merged.append((start, end, label))
        self.spans = merged
        self.starts = [s[0] for s in merged]

    def label(self, position: int) -> str | None:
        index = bisect.bisect_right(self.starts, position) - 1
        if index >= 0 and position < self.spans[index][1]:
            return self.spans[index][2]
        return None


def _furniture(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """Spans of page furniture: sections under a furniture heading (to the next heading of the same or a higher
    level), navigation before the page's first title (list items, bars of links or breadcrumbs separated by "|",
    "·", "/", ">" or "»"),
    titles cited in running text, and furniture lines (images, captions, link-only
    list items, author bios, footers)."""
    spans = []
    headings = _headings(text)
    for index, heading in enumerate(headings):
        title = _SECTION_NUMBER.sub("", _plain(heading.title))
        stop = next((h.start for h in headings[index + 1 :] if h.level <= heading.level), len(text))
        if _furniture_title(title, text, heading.start, stop, cues):
            spans.append((heading.start, stop, FURNITURE))
    first_title = next((h.start for h in headings if h.level == 1), None)
    if first_title is not None:
        for line in re.finditer(
            r"^(?:[ \t]*[-*+][ \t].*|.*\S[ \t]+[|\u00b7/>\u203a\u00bb][ \t]+\S.*)$",
            text[:first_title],
            re.MULTILINE,
        ):
            spans.append((line.start(), line.end(), FURNITURE))
    cited_end = -1
    for quoted in _QUOTED.finditer(text):
        # A title cited after a word of citing, and the titles listed right after it ('our posts "A", "B" and "C"').
        listed = cited_end >= 0 and _TITLE_LIST_GAP.fullmatch(text, cited_end, quoted.start())
        if listed or cues.citing.search(text, max(0, quoted.start() - 60), quoted.start()):
            spans.append((quoted.start(1), quoted.end(1), FURNITURE))
            cited_end = quoted.end()
        else:
            cited_end = -1
    spans += _plain_furniture_lists(text, cues)
    position = 0
    phrases = _phrase_starts(text, cues)
    next_phrase = 0
    paragraph_start = True
    for line in text.split("\n"):
        furniture_line = cues.furniture_line.match(line)  # (asked once per line: a report has tens of thousands)
        if phrases is not None:
            while next_phrase < len(phrases) and phrases[next_phrase] < position:
                next_phrase += 1
            phrase_in_line = next_phrase < len(phrases) and phrases[next_phrase] < position + len(line)
        else:
            phrase_in_line = cues.furniture_phrase is not None and bool(cues.furniture_phrase.search(line.lower()))
        if furniture_line and paragraph_start and not line.rstrip().endswith(_LINE_DONE):
            # A furniture line opening a paragraph and breaking off mid-sentence ("Related reading: <titles>", a
            # bio) goes on to the paragraph's end: a hard-wrapped list of titles. (A caption or an image line that
            # ends as a sentence ends there.)
            end = text.find("\n\n", position)
            spans.append((position, len(text) if end < 0 else end, FURNITURE))
        elif furniture_line or phrase_in_line:
            spans.append((position, position + len(line), FURNITURE))
        paragraph_start = not line.strip()
        position += len(line) + 1
    return spans


def _phrase_starts(text: str, cues: Cues) -> list[int] | None:
    """Where the furniture phrases start in the lowered text, each phrase looked for with `str.find` over the whole
    text (a third of the time of one search per line: the alternation's first letters are common ones, so the
    pattern is tried at nearly every position). A line holds a phrase exactly when one starts in it: the phrases
    are literals without a line break, so none crosses a line. None where lower-casing changes the text's length
    (offsets would not carry over) or a phrase is empty or holds a line break: then each line is searched on its
    own."""
    if cues.furniture_phrase is None:
        return []
    lowered = text.lower()
    if len(lowered) != len(text) or any(not p or "\n" in p for p in cues.furniture_phrases):
        return None
    starts = []
    for phrase in cues.furniture_phrases:
        at = lowered.find(phrase)
        while at >= 0:
            starts.append(at)
            at = lowered.find(phrase, at + 1)
    return sorted(starts)


def _plain_furniture_lists(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """A furniture title written as a plain line ("References", "**Further reading:**", an HTML paragraph)
    followed by a list: the title and its list, to the first line after it that is neither an item nor blank."""
    spans = []
    for title in _PLAIN_TITLE.finditer(text):
        name = _plain(title.group(1)).rstrip(":").strip()
        if not (cues.furniture_heading.search(name) or any(kind.search(name) for kind, _ in cues.conditional_sections)):
            continue
        items = _LIST_BLOCK.match(text, title.end())
        if items and items.group(0).strip() and _furniture_title(name, text, title.start(), items.end(), cues):
            spans.append((title.start(), items.end(), FURNITURE))
    return spans


def _furniture_title(title: str, text: str, start: int, stop: int, cues: Cues) -> bool:
    """Whether a section titled `title` (text[start:stop]) is furniture: its title says so, or says so when the
    section's text holds the words of its kind (a vendor's About page, endnotes that cite)."""
    return bool(cues.furniture_heading.search(title)) or any(
        kind.search(title) and words.search(text, start, stop) for kind, words in cues.conditional_sections
    )


def _plain(text: str) -> str:
    return re.sub(r"[*_`#\[\]]", "", text).strip()


def _victim_tables(report: Report, cues: Cues) -> list[tuple[int, int, str]]:
    """Spans of the Country and Sector cells of victim tables (markdown rows, or HTML rows read as ' | a | b')."""
    text = report.text
    headings = _headings(text)
    heading_starts = [h.start for h in headings]
    spans: list[tuple[int, int, str]] = []
    columns: dict[int, str] | None = None
    previous_end = -1
    previous: list[tuple[int, int, str]] = []
    blank_before = False
    for row in _TABLE_ROW.finditer(text):
        cells = _cells(row)
        # An HTML table is read as rows apart by blank lines, so only other text between two rows ends a table;
        # a markdown separator row ("|---|---|") makes the row above it the header of a new one.
        gap = text[previous_end : row.start()] if previous_end >= 0 else "new"
        if gap.strip():
            columns = None
        elif blank_before and all(re.fullmatch(r"[-: ]*", c[2]) for c in cells):
            columns = None
            cells = previous
            spans = [span for span in spans if span[0] < cells[0][0]]
        blank_before = "\n\n" in gap
        previous_end = row.end()
        previous = cells
        if columns is None:
            # The last heading before the row (a bisection: a long report has hundreds of tables and headings).
            above = bisect.bisect_left(heading_starts, cells[0][0]) - 1
            heading = _plain(headings[above].title) if above >= 0 else ""
            columns = _victim_columns([c[2] for c in cells], heading, cues)
            continue
        for index, (start, end, _value) in enumerate(cells):
            if index in columns:
                spans.append((start, end, columns[index]))
    return spans


def _text_tables(report: Report, cues: Cues) -> list[tuple[int, int, str]]:
    """Spans of the Country and Sector cells of victim tables written as aligned plain text (a plain-text advisory's
    "  Country   Organisations   Sector" over rows "  ES   14   Manufacturing"): a header of short cells apart by two
    spaces or more, rows cut the same way; the line above the block (a title, "Victims in our telemetry, by
    country:") is its heading."""
    spans: list[tuple[int, int, str]] = []
    text = report.text
    for block in _text_table_blocks(text):
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", block.group())]
        header = _text_cells(lines[0][1], block.start() + lines[0][0])
        if len(header) < 2 or any(len(c[2]) > 25 or re.search(r"[.:;!?]", c[2]) for c in header):
            continue
        # The line above the block, over a line that only underlines it ("VICTIMS" over "-------").
        above = re.sub(r"\n[ \t]*[-=~_*]{3,}[ \t]*$", "", text[max(0, block.start() - 300) : block.start()].rstrip())
        above = above.rstrip().rsplit("\n", 1)[-1]
        columns = _victim_columns([c[2] for c in header], above, cues)
        for offset, line in lines[1:]:
            for index, (start, end, _value) in enumerate(_text_cells(line, block.start() + offset)):
                if index in columns:
                    spans.append((start, end, columns[index]))
    return spans


def _text_table_blocks(text: str) -> Iterator[re.Match[str]]:
    """`_TEXT_TABLE.finditer(text)`, tried only at the start of a line that holds two spaces in a row (every row of
    such a table does; most lines of a report do not): the same matches, without trying every position."""
    end = 0
    at = text.find("  ")
    while at >= 0:
        start = text.rfind("\n", 0, at) + 1
        if start >= end and (block := _TEXT_TABLE.match(text, start)):
            end = block.end()
            yield block
        line_end = text.find("\n", at)
        if line_end < 0:
            break
        at = text.find("  ", line_end)


def _text_cells(line: str, offset: int) -> list[tuple[int, int, str]]:
    return [(offset + m.start(), offset + m.end(), m.group()) for m in _TEXT_CELL.finditer(line)]


def _cells(row: re.Match[str]) -> list[tuple[int, int, str]]:
    cells = []
    position = row.start(1)
    for raw in row.group(1).split("|"):
        stripped = raw.strip()
        start = position + (len(raw) - len(raw.lstrip()))
        cells.append((start, start + len(stripped), stripped))
        position += len(raw) + 1
    return cells


def _victim_columns(header: list[str], heading: str, cues: Cues) -> dict[int, str]:
    """The Country and Sector columns of a table header, when the table lists victims (a victim column, or a heading
    about victims over a table that is no list of the attacker's servers); else none."""
    names = [_plain(h).lower() for h in header]
    if all(re.fullmatch(r"[-: ]*", n) for n in names):
        return {}
    # "Victims", or a column named by its last word ("Notable victims", "Affected companies").
    victim_column = any(
        cues.victim_column.fullmatch(n) or cues.victim_column.fullmatch(n.rsplit(" ", 1)[-1]) for n in names
    )
    if not victim_column and (
        not cues.victim_heading.search(heading) or any(cues.infrastructure_column.fullmatch(n) for n in names)
    ):
        return {}
    columns = {}
    for index, name in enumerate(names):
        if cues.location_column.fullmatch(name):
            columns[index] = VICTIM_LOCATION
        elif cues.sector_column.fullmatch(name):
            columns[index] = VICTIM_SECTOR
    if not any(label == VICTIM_SECTOR for label in columns.values()):
        # Without a Sector column, the victim column describes the victims ("a regional hospital network").
        for index, name in enumerate(names):
            if name and name[0].isalpha() and cues.victim_column.fullmatch(name.rsplit(" ", 1)[-1]):
                columns.setdefault(index, VICTIM_DESCRIPTION)
    return columns


def country_codes(report: Report, index: GalaxyIndex, cells: _Spans) -> list[Match]:
    """Two-letter country codes written alone in the Country cells of victim tables ("DE"), as matches."""
    matches = []
    for start, end, label in cells.spans:
        value = report.text[start:end]
        # The code alone, or after a comma at the end of the cell ("Yorkshire, UK").
        code = re.search(r"(?:^|,[ \t]*)([A-Z]{2})$", value)
        if label == VICTIM_LOCATION and code and (cluster := index.country_code(code.group(1))):
            at = start + code.start(1)
            matches.append(Match(at, end, code.group(1), (Name(cluster, code.group(1), "exact", own=True),)))
    return matches


# A compass word that may share a region's head noun with the region after it ("South and Southeast Asia", "North,
# West and East Africa", "Central and Eastern Europe"), and the joiner of such a list before the named region.
_COMPASS = (
    r"(?:North|South|East|West|Central|Northern|Southern|Eastern|Western|(?:North|South)-?(?:[Ee]ast|[Ww]est)(?:ern)?)"
)
_COMPASS_BEFORE = re.compile(rf"\b({_COMPASS})(?:\s*,\s*(?:and|or|&)|\s*,|\s+(?:and|or|&)|\s*/)\s*$")


def coordinated_regions(text: str, index: GalaxyIndex, matches: list[Match]) -> list[Match]:
    """The regions whose compass word shares its head noun with a region named right after it ("South and Southeast
    Asia" names South Asia too; "North, West and East Africa" Northern and Western Africa): each compass word as a
    match of the region it makes with the head noun ("South Asia"), or of the head noun's own region where that is
    all the index knows ("Central Europe": Europe), as if written out."""
    found = []
    # A compass word inside another name ("Middle East and North Africa", "the South China Sea") is no region's.
    spans = sorted((m.start, m.end) for m in matches)
    starts = [start for start, _ in spans]
    for match in matches:
        head = match.surface.rsplit(None, 1)[-1].rsplit("-", 1)[-1]
        if (
            head == match.surface
            or not head[:1].isupper()
            or not any(n.cluster.kind == "location" for n in match.names)
        ):
            continue
        end = match.start
        while compass := _COMPASS_BEFORE.search(text, max(0, end - 40), end):
            inside = bisect.bisect_right(starts, compass.start(1)) - 1
            if inside >= 0 and spans[inside][1] > compass.start(1):
                break
            written = f"{compass.group(1)} {head}"
            names = [
                m.names
                for m in index.find(written)
                if m.end == len(written) and any(n.cluster.kind == "location" for n in m.names)
            ]
            if not names:
                break
            found.append(Match(compass.start(1), compass.end(1), compass.group(1), names[-1]))
            end = compass.start(1)
    return found


def found_names(report: Report, index: GalaxyIndex, cues: Cues) -> list[Found]:
    """Every match of the report text and of the actor heading, with its section and place; names in code blocks
    and page furniture are left out."""
    parts = _parts(report)
    starts = [p.offset for p in parts]
    skipped = _Spans(
        [(m.start(), m.end(), "code") for m in _CODE_BLOCK.finditer(report.text)] + _furniture(report.text, cues)
    )
    cells = _Spans(_victim_tables(report, cues) + _text_tables(report, cues))
    sentences: dict[int, _Sentences] = {}
    results = []
    matches = index.find(report.text)
    matches = sorted(
        matches + country_codes(report, index, cells) + coordinated_regions(report.text, index, matches),
        key=lambda m: m.start,
    )
    for match in matches:
        count_name()
        if skipped.label(match.start):
            continue
        position = bisect.bisect_right(starts, match.start) - 1
        if position < 0:
            continue
        part = parts[position]
        if match.end <= part.offset + len(part.text):
            if part.offset not in sentences:
                sentences[part.offset] = _Sentences(part.text)
            results.append(_found(match, part, sentences[part.offset], cells.label(match.start) or PROSE))
    if report.actor:
        heading = Part("heading", report.actor, 0)
        heading_sentences = _Sentences(heading.text)
        results.extend(_found(m, heading, heading_sentences) for m in index.find(report.actor))
    return results
