"""The markdown headings of a report text, found once, and labelled spans of it looked up by position: what the
parts of a report, its page furniture and its victim tables all read (a heading ends a furniture section and names
the table under it)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from ..knowledge.regex_cache import compiled

# A run of spaces or hashes followed by more of the line is taken whole ('++'), and the closing hashes stay
# within the line: the same headings, without retrying every split of a long run (cubic on a line of spaces).
_HEADING = compiled(r"^(#{1,6})\s+((?:(?:[^\S\n]|#)++(?=[^\s#])|.)+?)[^\S\n]*+#*+[^\S\n]*+$", re.MULTILINE)


@dataclass(frozen=True)
class Heading:
    """A markdown heading: where its line starts, its level (the number of hashes), and its title."""

    start: int
    level: int
    title: str
    title_start: int


@lru_cache(maxsize=4)
def markdown_headings(text: str) -> tuple[Heading, ...]:
    """The markdown headings of a report text, found once: the parts, the furniture and the victim tables all
    read them (one pass of `_HEADING` is ~9 ms on a 2 MB report)."""
    return tuple(Heading(m.start(), len(m.group(1)), m.group(2), m.start(2)) for m in _HEADING.finditer(text))


def plain(text: str) -> str:
    """The text without markdown emphasis, code, heading or link marks ("**Further reading:**")."""
    return re.sub(r"[*_`#\[\]]", "", text).strip()


class Spans:
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
