"""Where a galaxy name sits in a report: its section, sentence and clause, and whether the place is the report's
own prose, page furniture (navigation, related posts, reference lists, captions, author bios) or a cell of a
victim table.

A vendor blog saved as a page carries much that is not the report: link titles of other posts, the titles of
cited articles, captions, the authors' former employers. A name there does not say what the report is about,
so those places are found once per report (rules in `page_furniture` of galaxies.yaml) and their names skipped.
A victim table (a table with a Country or Sector column under a heading about victims, or with a Victim
column) says who was hit: its cells are targets, and a country there may be a two-letter code ("DE").

This module joins the places found by its neighbours, one concern each: `galaxy_furniture` (page furniture),
`galaxy_victim_tables` (victim tables and their country codes), `galaxy_compass_regions` ("South and Southeast
Asia"), `galaxy_sentences` (sentence and clause bounds) and `galaxy_page` (headings and labelled spans).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from ..budget import count_name
from ..knowledge.galaxies import GalaxyIndex, Match
from ..knowledge.regex_cache import compiled
from ..read.report import Report, Section
from .galaxy_compass_regions import coordinated_regions
from .galaxy_cues import Cues
from .galaxy_furniture import FURNITURE, page_furniture
from .galaxy_page import Spans, markdown_headings
from .galaxy_sentences import CLAUSE_END, Sentences, span_around
from .galaxy_victim_tables import (
    VICTIM_DESCRIPTION,
    VICTIM_LOCATION,
    VICTIM_SECTOR,
    country_codes,
    text_tables,
    victim_tables,
)

# The kinds of cluster a report's subject is told by: its actors and its software (a roundup's paragraph leads,
# the subject that other incidents told as context are set against).
SUBJECT_KINDS = frozenset({"actor", "malware", "tool"})

# Imported from here by the rules that read a match's place.
__all__ = [
    "FURNITURE",
    "PROSE",
    "SUBJECT_KINDS",
    "VICTIM_DESCRIPTION",
    "VICTIM_LOCATION",
    "VICTIM_SECTOR",
    "Found",
    "Part",
    "found_names",
]

# Indent within the line only ([^\S\n]): `^\s*` would rescan a run of blank lines from each of them.
_CODE_BLOCK = compiled(r"^[^\S\n]*(```|~~~).*?^[^\S\n]*\1", re.MULTILINE | re.DOTALL)
# A match's sentence is read at most this far on either side: a text without punctuation is not one sentence
# (the cues searched in it would make every match cost the whole text). The cut falls on a grid of _WINDOW_STEP,
# so that neighbouring matches share one window.
_SENTENCE_WINDOW = 1000
_WINDOW_STEP = 250
# Words around a name that may say what it is ("the Silence malware", "Mega ransomware").
_NEIGHBOUR_WORDS = 3
_WORD = compiled(r"\w+")
PROSE = "prose"
# An abbreviation written with full stops, as the index finds it (without its last stop): "U.S", "U.K", "U.A.E".
_DOTTED = compiled(r"(?:[A-Z]\.)+[A-Z]")


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

    # Its positions, worked out once: the rules ask them of one place tens of times (a hundred thousand times in a
    # 2 MB report), and a new string of the text before at every asking.
    @cached_property
    def offset_in_part(self) -> int:
        """Where the match starts in its part's text."""
        return self.match.start - self.part.offset

    @cached_property
    def in_sentence(self) -> int:
        """Where the match starts in its sentence (0 where the sentence's window starts after it)."""
        return max(self.offset_in_part - self.sentence_start, 0)

    @cached_property
    def text_before(self) -> str:
        """The sentence's text before the match: where the rules read what leads up to a name."""
        return self.sentence[: self.in_sentence]

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
        parts += [Part("body", h.title, h.title_start) for h in markdown_headings(report.text)]
    return sorted(parts, key=lambda p: p.offset)


def _field_span(section: Section, field: str) -> tuple[int, int] | None:
    value = section.fields.get(field)
    if not value:
        return None
    index = section.text.find(value)
    return (index, index + len(value)) if index >= 0 else None


def _found(match: Match, part: Part, sentences: Sentences, place: str = PROSE) -> Found:
    start, end = match.start - part.offset, match.end - part.offset
    left, right = sentences.around(start)
    right = max(right, end)
    if start - left > _SENTENCE_WINDOW:
        left = max(left, (start - _SENTENCE_WINDOW) // _WINDOW_STEP * _WINDOW_STEP)
    if right - end > _SENTENCE_WINDOW:
        right = min(right, (end + _SENTENCE_WINDOW) // _WINDOW_STEP * _WINDOW_STEP + _WINDOW_STEP)
    sentence = sentences.piece(left, right)
    clause_left, clause_right = span_around(sentence, start - left, end - left, CLAUSE_END)
    clause = sentences.piece(left + clause_left, left + clause_right)
    return Found(match, part, sentence, left, clause, place)


def _with_full_stop(match: Match, text: str) -> Match:
    """A place abbreviated with full stops ("U.S.", "U.K.") with its last full stop, which the index leaves out: the
    rules read the words after the name, and a list after it ("in the U.S., United Kingdom and Chile") or the noun it
    qualifies ("the U.S. healthcare industry") starts after that stop."""
    if (
        _DOTTED.fullmatch(match.surface)
        and text[match.end : match.end + 1] == "."
        and any(n.cluster.kind == "location" for n in match.names)
    ):
        return Match(match.start, match.end + 1, f"{match.surface}.", match.names)
    return match


def found_names(report: Report, index: GalaxyIndex, cues: Cues) -> list[Found]:
    """Every match of the report text and of the actor heading, with its section and place; names in code blocks
    and page furniture are left out."""
    parts = _parts(report)
    starts = [p.offset for p in parts]
    skipped = Spans(
        [(m.start(), m.end(), "code") for m in _CODE_BLOCK.finditer(report.text)] + list(page_furniture(report.text))
    )
    cells = Spans(victim_tables(report, cues) + text_tables(report, cues))
    sentences: dict[int, Sentences] = {}
    results = []
    matches = index.find(report.text)
    matches = sorted(
        matches + country_codes(report, index, cells) + coordinated_regions(report.text, index, matches),
        key=lambda m: m.start,
    )
    matches = [_with_full_stop(m, report.text) for m in matches]
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
                sentences[part.offset] = Sentences(part.text)
            results.append(_found(match, part, sentences[part.offset], cells.label(match.start) or PROSE))
    if report.actor:
        heading = Part("heading", report.actor, 0)
        heading_sentences = Sentences(heading.text)
        results.extend(_found(m, heading, heading_sentences) for m in index.find(report.actor))
    return results
