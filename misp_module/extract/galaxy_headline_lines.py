"""A headline glued to the first sentence (issue 8, recall): a page saved as text often loses the line break after
its headline ("Lazarus targets defense firms in PolandThe group sent ..."). The last word of the headline is then
glued to the first word of the sentence, so no name there is found ("PolandThe" is no word), and the headline's
names are read as one long sentence's, where a title's would have said what the report is about.

Galaxy reading reads a copy of the report with the headline split off and written as a markdown heading, as a
saved page's title would be ("# Lazarus targets defense firms in Poland", a blank line, then "The group sent
..."): the first line of a free-form report only, where the glue is a lower-case letter or a digit right before a
word that opens sentences (headline_lines.yaml), the headline before it a few words without a sentence end, and
a sentence after it. The copy feeds only the clusters (as galaxy_invisible's does): the event report keeps the
text as written."""

from __future__ import annotations

import dataclasses
import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from ..read.report import Report

_HEADING_MARK = "# "
_BREAK = "\n\n"
# The first line of the text, after blank lines.
_FIRST_LINE = compiled(r"\A\s*(?=\S)([^\n]*)")
# A sentence end inside the headline: then it is no headline but a sentence.
_SENTENCE_END = compiled(r"[.!?:;]\s")
_WORD = compiled(r"[^\W_][\w'-]*")


@cache
def _glue() -> tuple[re.Pattern[str], int, int, int]:
    rules = load_data("headline_lines.yaml")
    openers = "|".join(sorted(map(re.escape, rules["openers"]), key=len, reverse=True))
    # The lower-case letter or digit that ends the headline, then the opener, a space and a lower-case word.
    pattern = compiled(rf"(?<=[a-z0-9])(?:{openers})(?=[ \t]+[a-z])")
    return pattern, rules["min_words"], rules["max_words"], rules["min_sentence_words"]


def glued_headline(text: str) -> tuple[int, int] | None:
    """Where the glued headline of the text starts and ends (the end is where its first sentence starts), or None
    when the first line is no headline glued to a sentence."""
    first = _FIRST_LINE.match(text)
    if not first or first.group(1).lstrip().startswith(("#", "|", "-", "*", ">")):
        return None
    start, line = first.start(1), first.group(1)
    pattern, min_words, max_words, min_sentence_words = _glue()
    for glue in pattern.finditer(line):
        headline, sentence = line[: glue.start()], line[glue.start() :]
        if _SENTENCE_END.search(headline):
            return None
        if (
            min_words <= len(_WORD.findall(headline)) <= max_words
            and len(_WORD.findall(sentence)) >= min_sentence_words
        ):
            return start, start + glue.start()
    return None


def split_headline(report: Report) -> Report:
    """The report galaxy reading reads: `report` itself, or, in a free-form report whose first line is a headline
    glued to its first sentence (`glued_headline`), a copy with the headline written as a heading and a blank line
    after it, its sections' offsets moved to match."""
    if report.template != "generic":
        return report
    glued = glued_headline(report.text)
    if glued is None:
        return report
    start, end = glued
    text = report.text[:start] + _HEADING_MARK + report.text[start:end] + _BREAK + report.text[end:]

    def moved(offset: int, closing: bool = False) -> int:
        """An offset of the text as written, in the copy (a section starting at the glue starts past the break;
        one ending there takes the break in)."""
        shift = len(_HEADING_MARK) if offset > start or (closing and offset == start) else 0
        return offset + shift + (len(_BREAK) if offset > end or (offset == end and closing) else 0)

    sections = []
    for section in report.sections:
        begin, finish = moved(section.offset), moved(section.offset + len(section.text), closing=True)
        if section.offset == end:
            begin += len(_BREAK)
        sections.append(dataclasses.replace(section, text=text[begin:finish], offset=begin))
    return dataclasses.replace(report, text=text, sections=tuple(sections))
