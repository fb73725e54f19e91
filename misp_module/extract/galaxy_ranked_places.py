"""Places a landscape report ranks by their victims (issue 8, recall): "Germany, Italy, France and Spain were, in that
order, the European countries with the most organisations named on leak sites". The places are the subject, and the
ranking after the copula says they are where the victims are; the place rules that look for a word of targeting
before the place or a noun of victims around it find neither. So does a share of the victims ("The United States
accounted for just over half of the victims we counted, with Canada and Germany well behind": galaxy_place_prose).

Real landscape pages and leak-site tallies rank in more ways (place_prose.yaml `ranking_head` and after): a list
with each place's count ("The top five countries where businesses get attacked most are the US (732 cases), UK
(74), Canada (62)"), counts of victims from each place ("350 US organisations were affected, compared with 46 from
France, 39 from the UK"), the places after the first ("followed by Canada"; "Germany and the UK followed in second
and third place"), and a table's rows of rank, place and share under a heading of victims ("5 Argentina 7%"). A
ranking by a count of infections gives every place of its list ("Iran had the highest number of infections, followed
by Russia, Pakistan, Mali and Yemen": `count_ranking_head`, `subject_count_ranked`, `followed_by_list_before`).
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_place_prose import victims_share
from .galaxy_places import Found

# After the place: more places of its list, a copula, maybe an aside between commas ("in that order"), then a
# ranking of countries by their victims.
_RANKED = compiled(
    r"(?:\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*"
    r"\s+(?:were|was|are|is|remained|remain|remains)"
    r"(?:\s*,[^,.;:]{1,40},)?"
    r"\s+(?:again\s+|once\s+again\s+|also\s+)?(?:the|among\s+the)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:countries|nations|states|markets|regions)\s+with\s+the\s+(?:most|highest\s+number\s+of|largest\s+number\s+of)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:victims|attacks|incidents|breaches|intrusions|infections|organi[sz]ations|companies)\b"
)
_KEYS = (
    "ranking_head",
    "victim_count",
    "count_after",
    "count_from_before",
    "followed_by_before",
    "followed_by_list_before",
    "count_ranking_head",
    "placed_after",
    "subject_ranked",
    "subject_count_ranked",
    "ranked_row",
    "ranked_row_after",
    "table_victims",
    "table_infrastructure",
)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    data = load_data("place_prose.yaml")
    return {key: compiled(data[key]) for key in _KEYS}


def ranked_by_victims(found: Found) -> bool:
    """The place, alone or in a list, is the subject of a ranking of countries by their victims, given a share of
    the victims, or given its own figure in a ranking or a count of victims (`ranked_in_list`)."""
    following = found.following(300).split("\n\n", 1)[0]
    before = found.text_before
    return bool(_RANKED.match(following)) or victims_share(following, before) or ranked_in_list(found, before)


def ranked_in_list(found: Found, before: str) -> bool:
    """The place heads a ranking of victims ("Brazil was again the most attacked country"), or has its own figure in
    a sentence that ranks places by victims or counts victims: a count in brackets after it, a count of victims from
    it, "followed by" before it, a rank after its list (the ranking may be the sentence before: "The US was the most
    targeted region. Germany and the UK followed in second and third place"), or a table row of rank, place and
    share under a heading of victims."""
    patterns = _patterns()
    if _table_row(found, before):
        return True
    sentence = found.sentence
    following = found.following(80)
    ranks = bool(patterns["ranking_head"].search(sentence) or patterns["count_ranking_head"].search(sentence))
    if ranks and (
        patterns["count_after"].match(following)
        or patterns["followed_by_before"].search(before[-40:])
        or patterns["followed_by_list_before"].search(before[-300:])
    ):
        return True
    if (ranks or patterns["victim_count"].search(sentence)) and patterns["count_from_before"].search(before[-40:]):
        return True
    paragraph = following.split("\n\n", 1)[0]
    if patterns["subject_ranked"].match(paragraph) or patterns["subject_count_ranked"].match(paragraph):
        return True
    if patterns["placed_after"].match(paragraph):
        earlier = found.part.text[max(0, found.sentence_start - 300) : found.sentence_start]
        return bool(patterns["ranking_head"].search(sentence) or patterns["ranking_head"].search(earlier))
    return False


def _table_row(found: Found, before: str) -> bool:
    """A row of a ranked table: its rank alone before the place on its line and a share after it ("5 Argentina 7%"),
    under a heading (or text just before) that counts victims and names no infrastructure."""
    patterns = _patterns()
    line_start = found.part.text.rfind("\n", 0, found.offset_in_part) + 1
    if not patterns["ranked_row"].fullmatch(found.part.text[line_start : found.offset_in_part]):
        return False
    if not patterns["ranked_row_after"].match(found.following(20)):
        return False
    del before
    context = found.part.heading + " " + found.part.text[max(0, line_start - 400) : line_start]
    return bool(patterns["table_victims"].search(context)) and not patterns["table_infrastructure"].search(context)
