"""Countries listed three or more at a time in a sentence about the threat (issue 8: countries on real pages).

The place rules read a word of targeting or a noun of victims beside a place; a list spreads that word over its
places (galaxy_place_siblings). Real pages name the geography of the reported activity in wordings nobody listed:
"The loader has been seen in a number of countries including the U.S., Canada, Brazil, Poland and India", "the crew
registered lookalike portals for colleges in: Australia (11 sites), the UK (4), Singapore (2)". No verb carries these
lists; their shape does: a co-ordinated list of three or more places in the report's own prose, in a sentence (or
under a heading) about the threat (its malware, actor, campaign, victims, infections, detections, phishing sites), is
where the reported activity was. Not where a word of another role holds the list (the threat's servers or hosting,
a vendor's offices, the nationals or the law enforcement of those countries, sanctions, languages, the countries
the malware spares). Two places are no such list: the existing frames read them. Words as data in
place_lists.yaml (`threat_list_threat`, `threat_list_not`, `sibling_joiner`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# The fewest places of a list read so: two are written in too many other senses ("between the US and China").
_FEWEST = 3
# The most places walked either side of the place (a list of a hundred places read from each would grow with its
# square); the most characters between two places of one list (an aside in brackets included).
_MOST = 12
_GAP = 100
# The words before a list that may hold it: up to this many characters of its clause.
_HOLDER = 90
# An aside in brackets after a listed place ("Canada (Western, Toronto)"): its details, up to this long.
_ASIDE = compiled(r"[ \t]*\([^()\n]{1,200}\)")
# The end of a clause or sentence before the list: its holder is read after the last one.
_CLAUSE_CUT = compiled(r"[;.!?]\s")


class _Patterns(NamedTuple):
    """The patterns of place_lists.yaml this module reads."""

    joiner: re.Pattern[str]  # `sibling_joiner`: what joins two places of one list
    threat: re.Pattern[str]  # `threat_list_threat`: a word of the threat in the sentence or its heading
    other_role: re.Pattern[str]  # `threat_list_not`: a word of another role holding the list


@cache
def _patterns() -> _Patterns:
    """place_lists.yaml's patterns, compiled once."""
    data = load_data("place_lists.yaml")
    return _Patterns(
        joiner=compiled(data["sibling_joiner"], re.IGNORECASE),
        threat=compiled(data["threat_list_threat"], re.IGNORECASE),
        other_role=compiled(data["threat_list_not"], re.IGNORECASE),
    )


def _joined(text: str, end: int, start: int) -> bool:
    """Only a joiner of a list, maybe after an aside in brackets, stands between a place ending at `end` and one
    starting at `start`."""
    aside = _ASIDE.match(text, end, start)
    after = aside.end() if aside else end
    return 0 <= start - after <= _GAP and bool(_patterns().joiner.fullmatch(text, after, start))


def list_opening(text: str, places: list[tuple[int, int]], start: int) -> int:
    """Where the co-ordinated list of places that the place starting at `start` stands in opens (`start` itself where
    no place is joined before it; at most `_MOST` places back)."""
    index = bisect.bisect_left(places, (start, 0))
    for _ in range(_MOST):
        if index == 0 or not _joined(text, places[index - 1][1], start):
            break
        index -= 1
        start = places[index][0]
    return start


def _outside_brackets(text: str, places: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The places between `start` and `end` of the text that stand outside brackets: the places of an aside after a
    listed country are its details ("Australia (Victoria, Adelaide), the UK (Glasgow, Bristol)"), not items."""
    kept, depth, position = [], 0, start
    for place in places[bisect.bisect_left(places, (start, 0)) : bisect.bisect_left(places, (end, 0))]:
        depth = max(0, depth + text.count("(", position, place[0]) - text.count(")", position, place[0]))
        position = place[0]
        if not depth:
            kept.append(place)
    return kept


def list_span(text: str, places: list[tuple[int, int]], found: Found) -> tuple[int, int] | None:
    """The span (start, end) of the co-ordinated list of `_FEWEST` or more places the place stands in, within its
    sentence and outside brackets (`places`: the report's places as (start, end), sorted); None when the place stands
    in no such list."""
    sentence_start = found.match.start - found.in_sentence
    listed = _outside_brackets(text, places, sentence_start, sentence_start + len(found.sentence))
    index = bisect.bisect_left(listed, (found.match.start, 0))
    if index >= len(listed) or listed[index][0] != found.match.start:
        return None
    first = last = index
    while first > 0 and index - first < _MOST and _joined(text, listed[first - 1][1], listed[first][0]):
        first -= 1
    while last + 1 < len(listed) and last - index < _MOST and _joined(text, listed[last][1], listed[last + 1][0]):
        last += 1
    if last - first + 1 < _FEWEST:
        return None
    return listed[first][0], listed[last][1]


def threat_list(
    text: str,
    places: list[tuple[int, int]],
    found: Found,
    names_threat: Callable[[], bool],
    other: tuple[re.Pattern[str], Callable[[int, int], bool]],
) -> bool:
    """The place stands in a list of three or more places of a sentence about the threat (`names_threat()`: the
    sentence names the report's software or actor; or it, or its section's heading, has a word of the threat), and no
    word of another role holds the list: `threat_list_not` before it or after it in its sentence, or `other[0]` (the
    caller's words of infrastructure) before it, unless a noun of victims follows them ("phishing sites for colleges
    in": `other[1](start, end)` says whether a sector is named between those offsets of the text)."""
    span = list_span(text, places, found)
    if span is None:
        return False
    patterns = _patterns()
    sentence_start = found.match.start - found.in_sentence
    before = found.sentence[: span[0] - sentence_start]
    holder = _CLAUSE_CUT.split(before[-_HOLDER:])[-1]
    after = found.sentence[span[1] - sentence_start :][:_HOLDER]
    if patterns.other_role.search(holder) or patterns.other_role.search(after):
        return False
    infrastructure, victims = other
    held = list(infrastructure.finditer(holder))
    if held and not victims(span[0] - len(holder) + held[-1].end(), span[0]):
        return False
    return names_threat() or bool(patterns.threat.search(found.sentence) or patterns.threat.search(found.part.heading))
