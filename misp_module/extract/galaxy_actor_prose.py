"""Actors named in a report's prose (issue 8: keep the actor clusters a report is about, actor recall in prose).

Vendor posts and case studies name their actor in sentences the precision rules were built against: the writer's
attribution carries its evidence in the same sentence ("We attribute the activity to Luna Moth: the lure ... match
earlier cases of this group"), so a word of the past there is no past of the attribution; a translated report calls
its actor "the Confucius organisation" beside words of its malware ("its loader decrypts ..."), and a title puts a
payload and a campaign on either side of a colon ("Questionnaires with a payload: Kimsuky's spring campaign"). The
actor rules of galaxy_roles ask this module; its patterns are data (actor_prose.yaml), compiled on first use.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_places import Found
from .regex_literals import GatedPattern

# The words either side of a name that say what it is (as `galaxy_places.Found.before` and `after`).
_NEIGHBOUR_WORDS = 3
_WORD = compiled(r"\w+")


# The patterns searched (from every position) before each actor name found, in text that mostly lacks their words:
# behind a literal gate (the anchored ones fail at once without it).
_GATED = frozenset({"writers_attribution", "naming_phrase", "attributed_before"})


@cache
def _patterns() -> dict[str, re.Pattern[str] | GatedPattern]:
    """actor_prose.yaml's patterns, compiled once per process."""
    return {
        key: GatedPattern(source, re.IGNORECASE) if key in _GATED else compiled(source, re.IGNORECASE)
        for key, source in load_data("actor_prose.yaml").items()
    }


def attribution_before(found: Found) -> str | None:
    """The sentence's words before the name when the writer attributes in the present before it ("We attribute the
    activity, with high confidence, to"; "the lures all match", `present_match_before`): only these can set the
    attribution in the past. None otherwise. (The attribution is looked for in the 300 characters before the name: a
    sentence can be as long as its input.)"""
    before = found.text_before
    patterns = _patterns()
    if patterns["writers_attribution"].search(before[-300:]) or patterns["present_match_before"].search(before[-60:]):
        return before
    return None


def actor_word_after(found: Found, cues: Cues) -> bool:
    """A word right after the name makes it the actor ("the Confucius organisation", "the Kimsuky group's"), or an
    apposition or predicate naming a kind of actor ("OceanLotus is a group that ...", "Konni, a North Korean espionage
    group"), with no word of software or linking word among its qualifiers; or the name does the using of the software
    a relative clause is about ("a strain dubbed CSPY Downloader that Kimsuky is using.")."""
    patterns = _patterns()
    following = found.following(100)
    if patterns["actor_after"].match(following) or patterns["user_after"].match(following):
        return True
    apposition = patterns["actor_apposition"].match(following)
    if not apposition:
        return False
    qualifiers = apposition.group(1)
    software = cues.context.get("malware", frozenset()) | cues.context.get("tool", frozenset())
    return not patterns["apposition_stops"].search(qualifiers) and not (set(qualifiers.lower().split()) & software)


def software_near_in_clause(found: Found, cues: Cues) -> bool:
    """A word of malware next to the name (the three words either side, as `galaxy_evidence.near`) within the name's
    clause: a colon, semicolon or dash between the word and the name puts the word in another clause ("Questionnaires
    with a payload: Kimsuky's spring campaign")."""
    breaks = _patterns()["clause_break"]
    start = found.offset_in_part
    end = start + len(found.match.surface)
    before = breaks.split(found.part.text[max(0, start - 60) : start].rsplit("\n\n", 1)[-1])[-1]
    after = breaks.split(found.part.text[end : end + 60].split("\n\n", 1)[0])[0]
    words = {w.lower() for w in _WORD.findall(before)[-_NEIGHBOUR_WORDS:] + _WORD.findall(after)[:_NEIGHBOUR_WORDS]}
    words -= set(found.match.surface.lower().split())
    return bool(words & cues.context.get("malware", frozenset()))


def named_as_actor(found: Found) -> bool:
    """The name is what actors are called, right after a naming phrase that follows a noun of actors in its sentence
    ("The operators behind them, known as Tick", "a cluster that vendors track as Earth Lusca"): a word of its kind,
    however far the noun stands."""
    patterns = _patterns()
    before = found.text_before[-200:]
    phrase = patterns["naming_phrase"].search(before)
    noun = phrase and patterns["actor_noun"].search(before[: phrase.start()])
    return bool(noun and not patterns["thing_between"].search(before, noun.end(1), phrase.start()))


def ransom_mark_after(found: Found) -> bool:
    """A thing only ransomware has follows the name ("the Akira ransom note", "the Akira leak site"): the family."""
    return bool(_patterns()["ransom_mark_after"].match(found.following(40)))


def attributed_before(found: Found) -> bool:
    """An attribution ends right before the name ("bear the hallmarks of Sandworm", "ties the activity to Tick"), and
    the name qualifies no thing of ransomware after it ("linked to the Akira leak site")."""
    return bool(_patterns()["attributed_before"].search(found.text_before[-120:])) and not ransom_mark_after(found)
