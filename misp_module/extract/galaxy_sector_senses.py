"""A sector word in a sense other than the victims' sector (issue 8, precision of sectors on real vendor pages), read
from sector_senses.yaml for the sector rules (galaxy_sector_rules).

News and vendor posts write sector words as the topic of information or a message ("information related to military
issues", "an SMS about an unauthorised payment"), for the authorities told ("The NCSC informed police"), in
another field's sense ("chip designers, foundries and equipment makers"; "diplomatic communications"), for a war's
arms ("helped ship soldiers to aid the war effort") and for another campaign a clause compares ("Unlike the attacks
on British retailers"). The sector rules read these words as victims first; these readings set them aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_place_senses import compared_before, war_sentence
from .galaxy_places import Found
from .regex_literals import GatedPattern


@dataclass(frozen=True)
class _OtherField:
    words: frozenset[str]
    sentence: re.Pattern[str] | None
    before: re.Pattern[str] | None


@cache
def _data() -> tuple[GatedPattern, GatedPattern, frozenset[str], tuple[_OtherField, ...]]:
    """sector_senses.yaml's expressions, compiled on first use."""
    data = load_data("sector_senses.yaml")
    fields = tuple(
        _OtherField(
            frozenset(w.lower() for w in entry["words"]),
            compiled(entry["sentence"]) if "sentence" in entry else None,
            compiled(entry["before"]) if "before" in entry else None,
        )
        for entry in data["other_field"]
    )
    told_parties = frozenset(w.lower() for w in data["told_parties"])
    return GatedPattern(data["topic_before"]), GatedPattern(data["told_before"]), told_parties, fields


def not_victims_sector(found: Found, list_start: int) -> bool:
    """The sector word (whose list of sector words starts at `list_start` in the report's text) is no victim's sector
    here: a topic, a party told, a word of another field, a war's, or a compared campaign's."""
    topic, told, told_parties, fields = _data()
    at = found.in_sentence
    before = found.sentence[:at]
    list_before = found.sentence[: max(at - (found.match.start - list_start), 0)]
    surface = found.match.surface.lower()
    if topic.search(before[-120:]) or (surface in told_parties and told.search(list_before[-60:])):
        return True
    for field in fields:
        if surface in field.words and (
            (field.sentence is not None and field.sentence.search(found.sentence))
            or (field.before is not None and field.before.search(before[-40:]))
        ):
            return True
    return war_sentence(found.sentence) or compared_before(before)
