"""A count of victims right before a place says where the victims are (issue 8, kept clusters): "more than 30
organisations in Germany", "two victims in Japan", and a count that leaves its noun to the one before ("12 companies
in Brazil and at least five in Mexico"). A report counts the victims it knows of. The vetoes of the location rules
still apply (a leak site's list is the group's record, history.yaml; a place of infrastructure stays one). The
words are data (counted_victims.yaml); the location rules (galaxy_location_rules) ask `counted_victims`."""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .phrases import phrase_alternation

# How far before the place a count and its noun may start.
_REACH = 120


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The count and its noun right before a place, and a count alone after "and" or a comma ("and at least five
    in"), which counts the noun of a count before it."""
    data = load_data("counted_victims.yaml")
    count, nouns, prepositions = (
        data["count"],
        phrase_alternation(data["nouns"]),
        phrase_alternation(data["prepositions"]),
    )
    counted = rf"\b{count}\s+(?:[\w-]+\s+){{0,2}}?(?:{nouns})\s+(?:{prepositions})\s+(?:the\s+)?"
    return (
        compiled(rf"{counted}$", re.IGNORECASE),
        compiled(
            rf"{counted}[^.;:]*?(?:,|\band)\s+{count}\s+(?:more\s+)?(?:{prepositions})\s+(?:the\s+)?$", re.IGNORECASE
        ),
    )


def counted_victims(text_before: str) -> bool:
    """The text right before a place ends with a count of victims and where they are (`_patterns`)."""
    before = text_before[-_REACH:]
    counted, elliptic = _patterns()
    return bool(counted.search(before) or elliptic.search(before))
