"""Sentence and clause boundaries of a report's text: a match's sentence and clause are what the cues around a
name are searched in, so the boundaries are found once per text and each lookup is a bisection."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from ..knowledge.regex_cache import compiled

# "a.k.a. APT43" goes on with the sentence; a hard-wrapped line goes on with it too, but a blank line, a list
# item, a table row, a heading or a quote starts a new one. A mark may be followed by a closing quote or bracket
# ('... she said, "the crew is back." The advisory then lists ...': news posts quote researchers sentence by
# sentence).
# Every end opens with white space, matched first (the search skips to it; the look-behinds then look past it):
# the same matches as (?<=[.!?]["'”’)]?)(?<!\b[aA]\.[kK]\.[aA]\.)\s+(?=[^a-z])|\n[ \t]*(?:\n\s*|(?=[-*+|#>]
# |\d+[.)]\s)), in half the time.
_SENTENCE_END = compiled(
    r"\s(?:(?:(?<=[.!?]\s)(?<!\b[aA]\.[kK]\.[aA]\.\s)|(?<=[.!?][\"'\u201d\u2019)]\s))\s*(?=[^a-z])"
    r"|(?<=\n)[ \t]*(?:\n\s*|(?=[-*+|#>]|\d+[.)]\s)))"
)
CLAUSE_END = compiled(r"[;:,()\u2014\u2013]|\s-\s")


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


class Sentences:
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
