"""Places listed with a place whose role their sentence gives (issue 8: countries the original code found and we
lost).

The place rules (galaxy_location_rules) read a word of targeting, a noun of victims or a word of origin beside a place;
a list spreads that word over its places, and the rules read it for most of them ("government agencies in Indonesia,
Thailand and Brunei"). Real pages stretch their lists further than those readings reach: a last place set off by
"and even in" ("..., and even in Australia"), a list after a noun the origin rules read only for its first place
("The gang's members came from Russia, China, Ukraine and other parts of Europe"). A place listed right after a place
of its sentence that the rules read as the victims' or the actor's plays the same role, where the place's own vetoes
(infrastructure, the writer's side, the past, a denial) let it. The joiners are data (place_lists.yaml
`sibling_joiner`).

A list of victims written as items, one per line ("The affected organisations were:" then "- a web-hosting company in
Ljubljana, Slovenia", "- a managed-hosting reseller in Split, Croatia"), is one list too: a place of an item is the
victims' where the item right before it has a place the rules read as the victims', and the place's vetoes let it.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# The most characters between two places of one list (an aside in brackets included).
_GAP = 100
# A line that opens an item of a list: a bullet or a number, then the item's text.
_ITEM = compiled(r"[ \t]*(?:[-*+\u2022\u25aa\u25e6\u2013]|\d{1,2}[.)])[ \t]+")


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("place_lists.yaml")
    return compiled(data["sibling_joiner"], re.IGNORECASE), compiled(data["sibling_list_goes_on"], re.IGNORECASE)


def previous_listed(text: str, places: list[tuple[int, int]], found: Found) -> int | None:
    """Where the place listed right before this one starts (`places`: the report's places as (start, end), sorted),
    when only a joiner of a list stands between them; a bare comma joins only where the list goes on after this place
    ("Russia, China, Ukraine and", not "After the attacks in Germany, France raised")."""
    index = bisect.bisect_left(places, (found.match.start, 0)) - 1
    if index < 0:
        return None
    start, end = places[index]
    if end > found.match.start or start < found.match.start - found.in_sentence or found.match.start - end > _GAP:
        return None
    joiner, goes_on = _patterns()
    joined = joiner.fullmatch(text, end, found.match.start)
    if not joined:
        return None
    if not (joined["joined"] or joined["word"]) and not goes_on.match(found.following(_GAP)):
        return None
    return start


def previous_item(text: str, position: int) -> tuple[int, int] | None:
    """The span of the list item right before the one `position` stands in, when both are items of one list: lines
    that open with a bullet or a number, one right after the other."""
    line_start = text.rfind("\n", 0, position) + 1
    if line_start == 0 or not _ITEM.match(text, line_start):
        return None
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    if not _ITEM.match(text, previous_start):
        return None
    return previous_start, line_start - 1
