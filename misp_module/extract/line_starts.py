"""Where the line holding a position starts, by bisection over the text's line breaks found once per text: the
rules that read a name's or an indicator's line asked `text.rfind("\n", 0, position)`, a scan back to the line's
start for every name, which on a report of few, long lines made the work grow with the names times the line."""

from __future__ import annotations

import bisect
from functools import lru_cache


def line_start(text: str, position: int) -> int:
    """`text.rfind("\n", 0, position) + 1`: the start of the line holding `text[position]`."""
    breaks = _breaks(text)
    return breaks[bisect.bisect_left(breaks, position) - 1] + 1 if breaks and breaks[0] < position else 0


@lru_cache(maxsize=8)
def _breaks(text: str) -> list[int]:
    """The positions of the text's line breaks, in order."""
    breaks = []
    at = text.find("\n")
    while at >= 0:
        breaks.append(at)
        at = text.find("\n", at + 1)
    return breaks
