"""The victim's site as the scene of an attack (issue 8, recall of sectors on real pages): a sentence that opens on
the organisation where the attack happened and then says what the attacker did there ("At a Saudi petrochemical plant
in 2017, an attacker targeted the safety controllers", "Inside a regional hospital, the crew encrypted the imaging
servers"). Apart from galaxy_sector_rules, which asks it among the victim readings (all its vetoes still apply).
The opening and its words are data/sector_victims.yaml `scene_opening`, `scene_gap`, `scene_attackers`.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# The most characters an opening runs before the sector's list, and its place or year after it, up to the comma.
_OPENING_AT_MOST = 80
_GAP_AT_MOST = 60


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load_data("sector_victims.yaml")
    return tuple(compiled(data[k], re.IGNORECASE) for k in ("scene_opening", "scene_gap", "scene_attackers"))


def scene_of_attack(
    found: Found, list_at: int, list_end_at: int, done: re.Pattern[str], verbs: re.Pattern[str]
) -> bool:
    """The sector's list (from `list_at` to `list_end_at` in its sentence) ends the opening of its sentence ("At a",
    "Inside the", "In two", a few words), a place or a year and a comma close that opening, and the rest of the
    sentence holds a targeting word (`done`) or a verb of what was done to an organisation (`verbs`), or opens on the
    attackers doing something there (`scene_attackers`: "In a Polish defence contractor they also added a forwarding
    rule"): the attack happened at the sector's organisation. Not an opening of advice or of anyone's site ("At a
    bank, staff should check..."): no such word follows."""
    opening, gap, attackers = _patterns()
    sentence = found.sentence
    # (an opening is a few words: the patterns only ever read the sentence's first characters and a short gap)
    if list_at > _OPENING_AT_MOST or not opening.fullmatch(sentence, 0, list_at):
        return False
    closing = gap.match(sentence[list_end_at : list_end_at + _GAP_AT_MOST])
    if not closing:
        return False
    rest = sentence[list_end_at + closing.end() :]
    return bool(attackers.match(rest) or done.search(rest) or verbs.search(rest))
