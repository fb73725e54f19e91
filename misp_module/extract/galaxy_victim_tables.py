"""Victim tables: a table with a Country or Sector column under a heading about victims, or with a Victim column,
says who was hit, so its cells are read as targets (markdown rows, HTML rows, or columns of aligned plain text),
and a country there may be written as a two-letter code ("DE")."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..knowledge.galaxies import GalaxyIndex, Match, Name
from ..knowledge.regex_cache import compiled
from ..read.report import Report
from .galaxy_cues import Cues
from .galaxy_page import Spans, markdown_headings, plain

VICTIM_LOCATION, VICTIM_SECTOR = "victim-location", "victim-sector"
# A cell of a victim column that describes the victim ("a regional hospital network", "engineering students").
VICTIM_DESCRIPTION = "victim-description"
_TABLE_ROW = compiled(r"^[ \t]*+\|((?:[ \t]++(?=[^ \t\n])|.)+?)\|?[ \t]*+$", re.MULTILINE)
# A block of two or more indented lines whose words fall in columns apart by two spaces or more (a plain-text table),
# and one cell of such a line (words joined by single spaces).
_TEXT_TABLE = compiled(r"(?:^[ \t]*+\S+(?: \S+)*+(?: {2,}\S+(?: \S+)*+)++[ \t]*+(?:\n|$)){2,}", re.MULTILINE)
_TEXT_CELL = compiled(r"\S+(?: \S+)*")


def victim_tables(report: Report, cues: Cues) -> list[tuple[int, int, str]]:
    """Spans of the Country and Sector cells of victim tables (markdown rows, or HTML rows read as ' | a | b')."""
    text = report.text
    headings = markdown_headings(text)
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
            heading = plain(headings[above].title) if above >= 0 else ""
            columns = _victim_columns([c[2] for c in cells], heading, cues)
            continue
        for index, (start, end, _value) in enumerate(cells):
            if index in columns:
                spans.append((start, end, columns[index]))
    return spans


def text_tables(report: Report, cues: Cues) -> list[tuple[int, int, str]]:
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
    # (a remark in brackets is no part of the column's name: "Organisation (anonymised)")
    names = [re.sub(r"\s*\([^)]*\)", "", plain(h)).strip().lower() for h in header]
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
        # Without a Sector column, the victim column describes the victims ("a regional hospital network"), and so
        # does a column of their kind ("Type").
        for index, name in enumerate(names):
            if (
                name
                and name[0].isalpha()
                and (cues.victim_column.fullmatch(name.rsplit(" ", 1)[-1]) or cues.description_column.fullmatch(name))
            ):
                columns.setdefault(index, VICTIM_DESCRIPTION)
    return columns


def country_codes(report: Report, index: GalaxyIndex, cells: Spans) -> list[Match]:
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
