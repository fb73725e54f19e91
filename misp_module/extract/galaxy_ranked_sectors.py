"""Sectors a landscape report ranks by their victims (issue 8, recall of sectors on real vendor pages), read from
sector_rankings.yaml for the sector rules (galaxy_sector_rules).

Landscape pages and leak-site tallies give the victims' sectors as a ranking, with no word of targeting before them:
"the construction sector tops the list with 93 attacks, followed by manufacturing on 86, finance on 69", "Financial
services remained second", "Retail, manufacturing and healthcare completed the top five", "the healthcare sector has
emerged as a primary target". The places of such rankings are read by
galaxy_ranked_places.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

_KEYS = ("rank_after", "ranking_head", "followed_by_before", "count_after")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_data("sector_rankings.yaml")
    return {key: compiled(data[key]) for key in _KEYS}


def ranked_sector(found: Found, list_start: int, after_list: str) -> bool:
    """The sector word (whose list starts at `list_start` in the report's text; `after_list` is the text after the
    list) is ranked by its victims: a verb of ranking after its list, "followed by" before it or its own figure after
    it in a sentence that ranks."""
    patterns = _patterns()
    clause_after = after_list.split("\n\n", 1)[0]
    if patterns["rank_after"].match(clause_after):
        return True
    at = found.in_sentence
    list_at = max(at - (found.match.start - list_start), 0)
    return bool(patterns["ranking_head"].search(found.sentence)) and bool(
        patterns["followed_by_before"].search(found.sentence[:list_at][-40:])
        or patterns["count_after"].match(found.following(30))
    )
