"""Invisible characters inside names ("APT<ZWSP>28", "Laza<SOFT HYPHEN>rus", a bidi mark inside "Cobalt<LRM>Strike"):
galaxy reading reads a copy of the report with them removed, as the indicator scan does (indicator_invisible), so
that a name a reader sees whole is found whole. The copy feeds only the clusters: the event report keeps the
text as written.

A run of invisible characters is removed between two printable, non-space ASCII characters (inside a Latin name
or word a reader sees no break there), and beside white space (where it adds nothing to the break the space
makes, and a name "Scattered<ZWSP> Spider" is two words with one space between them). Between a Latin letter and
another script (a zero-width space marking a word break in Thai or Khmer) the characters stay, so a name stays
apart from the word beside it. An invisible character written where a space belongs ("Volt<LRM>Typhoon") shows
the words glued and is read so. A report without such a run (every ASCII report) is read as it is, at the cost
of one test or search."""

from __future__ import annotations

import bisect
import dataclasses
from itertools import accumulate

from ..knowledge.regex_cache import compiled
from ..read.report import Report
from .indicator_invisible import INVISIBLE_CLASS

_ANY = compiled(f"[{INVISIBLE_CLASS}]")
# Inside a word of printable ASCII, or beside white space (where it only doubles the break the space makes:
# "Scattered<ZWSP> Spider" is read as two words with one space between them).
_INSIDE_WORD = compiled(
    rf"(?<=[!-~])[{INVISIBLE_CLASS}]+(?=[!-~])|(?<=\s)[{INVISIBLE_CLASS}]+|[{INVISIBLE_CLASS}]+(?=\s)"
)


def _hidden(text: str | None) -> bool:
    return bool(text) and not text.isascii() and _ANY.search(text) is not None


def _cleaned(text: str | None) -> str | None:
    return _INSIDE_WORD.sub("", text) if _hidden(text) else text


class _Moves:
    """Where runs were removed from a text: an offset in the text as written → the same place in the copy."""

    def __init__(self, text: str) -> None:
        runs = [match.span() for match in _INSIDE_WORD.finditer(text)]
        self.starts = [start for start, _ in runs]
        self.ends = [end for _, end in runs]
        self.removed = list(accumulate(end - start for start, end in runs))

    def __call__(self, offset: int) -> int:
        before = bisect.bisect_left(self.starts, offset)  # runs that start before the offset
        if before == 0:
            return offset
        removed = self.removed[before - 1] - max(self.ends[before - 1] - offset, 0)
        return offset - removed


def visible_names(report: Report) -> Report:
    """The report galaxy reading reads: `report` itself, or a copy without invisible characters inside words,
    its sections' offsets moved to match."""
    strings = (report.text, report.title, report.headline, report.actor, report.summary)
    fields = [
        value for section in report.sections for value in (section.heading, section.value, *section.fields.values())
    ]
    if not any(_hidden(text) for text in (*strings, *fields)):
        return report
    text = _INSIDE_WORD.sub("", report.text)
    moved = _Moves(report.text)
    sections = []
    for section in report.sections:
        start, end = moved(section.offset), moved(section.offset + len(section.text))
        sections.append(
            dataclasses.replace(
                section,
                heading=_cleaned(section.heading) or section.heading,
                value=_cleaned(section.value),
                text=text[start:end],
                offset=start,
                fields={key: _cleaned(value) or value for key, value in section.fields.items()},
            )
        )
    return dataclasses.replace(
        report,
        text=text,
        title=_cleaned(report.title) or report.title,
        headline=_cleaned(report.headline),
        actor=_cleaned(report.actor),
        summary=_cleaned(report.summary),
        sections=tuple(sections),
    )
