"""Places a landscape report ranks by their victims (issue 8, recall): "Germany, Italy, France and Spain were, in that
order, the European countries with the most organisations named on leak sites". The places are the subject, and the
ranking after the copula says they are where the victims are; the place rules that look for a word of targeting
before the place or a noun of victims around it find neither. So does a share of the victims ("The United States
accounted for just over half of the victims we counted, with Canada and Germany well behind": galaxy_place_prose).
"""

from __future__ import annotations

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


def ranked_by_victims(found: Found) -> bool:
    """The place, alone or in a list, is the subject of a ranking of countries by their victims, or given a share of
    the victims."""
    following = found.following(300).split("\n\n", 1)[0]
    before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)]
    return bool(_RANKED.match(following)) or victims_share(following, before)
