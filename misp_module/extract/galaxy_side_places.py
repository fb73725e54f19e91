"""Places a report names beside its victims (issue 8, cause 9): the countries a sample spares and the police of a
country named after the act it took part in.

Crimeware reports say where a sample will not run ("the DLL checks the keyboard layout and exits on Russian and
Ukrainian systems") and who took the botnet down ("taken down by police in the United States and Europe"). Read as
victims, such places put a country tag on an event that is not about it; MISP users filter events by these tags, and
MISP's search ignores a tag's relationship_type. The place and sector vetoes (galaxy_target_vetoes) ask `side_place`
once a targeting rule has read the name as a victim's; the patterns are data (side_places.yaml).
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.regex_cache import compiled
from .regex_literals import GatedPattern, gated_patterns

# A preposition right before a place: the place is where something is, no qualifier ("PCs in Brazil").
_PREPOSITION_END = compiled(
    r"\b(?:in|from|of|across|to|at|into|throughout|within|inside)\s+(?:the\s+)?$", re.IGNORECASE
)
# "by" or "with" right before the agent of a passive act, a few words between ("by the national police").
_AGENT_END = compiled(r"\b(?:by|with|alongside|involving)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# A joint operation of the police ("an operation with partners in France").
_OPERATION = compiled(r"\boperations?\b", re.IGNORECASE)
# A joiner that starts another verb phrase after a verb of sparing ("skips sandboxes and then goes after ...").
_JOINER = compiled(r",|\b(?:and|then|before|after|but|while|so|until|once)\b", re.IGNORECASE)
# The clause a place stands in, in the words before it.
_CLAUSE_MARK = compiled(r"[;:()\u2014\u2013]|,\s+(?:but|while|whereas|yet)\s")


@cache
def _patterns() -> dict[str, GatedPattern]:
    """side_places.yaml's patterns, compiled on first use, each behind its literal gate."""
    return gated_patterns("side_places.yaml")


def spared(before: str, following: str, targeting: re.Pattern[str]) -> bool:
    """The words before the place (or before the list it ends), in its clause, end with a verb of sparing or leaving
    ("exits on", "spares systems in", "will not run on machines in", "forbid attacks on") and no joiner that starts
    another verb phrase stands between that verb and the place ("skips sandboxes and then goes after firms in"), or its
    clause goes on to say it is left alone ("... users are left alone", no targeting word there): the place is
    spared."""
    clause = _CLAUSE_MARK.split(before)[-1]
    patterns = _patterns()
    verb = patterns["spared_before"].search(clause[-140:])
    if verb and not _JOINER.search(verb.group("gap")):
        return True
    after = patterns["spared_after"].match(following)
    return bool(after) and not targeting.search(after.group())


def locale(before: str, following: str) -> bool:
    """The place names a machine's language or keyboard ("with a Ukrainian keyboard", "Russian or Belarusian keyboard
    layouts", "the system language is set to Russian")."""
    patterns = _patterns()
    # After a preposition the place is where something is ("PCs in Brazil and Belarusian keyboard layouts"): only a
    # name used as a qualifier names a keyboard's or a system's language.
    qualifier = not _PREPOSITION_END.search(before)
    return bool(
        (qualifier and patterns["locale_after"].match(following)) or patterns["locale_before"].search(before[-100:])
    )


def enforcers_by(before: str, acts: GatedPattern) -> bool:
    """The place is the police's or a government body's, named after the act as its agent or partner ("taken down by
    police in the United States and", "an operation with partners in France and"), in a sentence of enforcement."""
    agent = _patterns()["enforcers_by"].search(before[-140:])
    return bool(agent) and bool(acts.search(before) or _OPERATION.search(before))


def enforcer_agent(before: str, surface: str, acts: GatedPattern, enforcers: GatedPattern) -> bool:
    """The name is the police themselves, the agent of an act of enforcement before it ("The network was dismantled
    by police in ...": no victim sector "Police")."""
    return bool(enforcers.search(surface) and _AGENT_END.search(before[-40:]) and acts.search(before))


def side_place(before: str, following: str, targeting: re.Pattern[str], acts: GatedPattern) -> bool:
    """The place, with `before` the words before it or the list it ends and `following` the text after it, is one the
    report names beside its victims: spared by the sample, its language, or its police's (`acts`: mentions.yaml's
    acts of enforcement)."""
    return spared(before, following, targeting) or locale(before, following) or enforcers_by(before, acts)
