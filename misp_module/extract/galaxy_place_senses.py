"""A place word in a sense other than the victims' place or the actor's origin (issue 8, precision of countries on
real vendor pages), read from place_senses.yaml for the location rules (galaxy_location_rules).

Real vendor posts and security news name countries for many things besides victims: the language of a lure ("e-mails
written in Spanish"), where a threat comes from after "against" ("cooperation against North Korean threats"), a war's
sides ("Russia's war against Ukraine"), another campaign a clause compares ("Unlike the attacks on British retailers"),
an organisation's seat ("the Singapore-based exchange Bybit"), an armed group ("the Palestinian militant group Hamas"),
and a language many countries speak ("a Spanish-speaking group"). The location rules read these places as targets or
origins first; these readings turn them back into passing mentions.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found
from .regex_literals import GatedPattern

_GLUED = compiled(r"-(\w+)")
# A seat word glued to the place, after the full stop of an abbreviation too ("U.S.-based": the name ends before it).
_SEAT_GLUED = compiled(r"\.?-(\w+)\s+")


_SENTENCE_END = compiled(r"(?<=[.!?])\s")


@cache
def _data() -> dict[str, object]:
    """place_senses.yaml's expressions and word lists, compiled on first use."""
    data = load_data("place_senses.yaml")
    return {
        "language_before": GatedPattern(data["language_before"]),
        "language_after": compiled(data["language_after"]),
        "threat_after": compiled(data["threat_after"]),
        "war": GatedPattern(data["war"]),
        "cyber": compiled(data["cyber"]),
        "incidental": compiled(data["incidental"]),
        "comparison_opener": GatedPattern(data["comparison_opener"]),
        "seat_glued": frozenset(w.lower() for w in data["seat_glued"]),
        "seat_actor_after": compiled(data["seat_actor_after"]),
        "seat_generic_nouns": frozenset(w.lower() for w in data["seat_generic_nouns"]),
        "armed_group": compiled(data["armed_group"]),
        "shared_languages": frozenset(w.lower() for w in data["shared_languages"]),
        "war_before": GatedPattern(data["war_before"]),
        "war_after": compiled(data["war_after"]),
        "waged_by": GatedPattern(data["waged_by"]),
        "war_pair_before": compiled(data["war_pair_before"]),
        "war_pair_after": compiled(data["war_pair_after"]),
        "geography_before": GatedPattern(data["geography_before"]),
        "beat_before": GatedPattern(data["beat_before"]),
        "crime_after": compiled(data["crime_after"]),
        "heritage_before": compiled(data["heritage_before"]),
        "heritage_after": compiled(data["heritage_after"]),
    }


@cache
def _state_after() -> re.Pattern[str]:
    """A comma and a state or province of any country (countries.yaml `subdivisions`) right after a place."""
    parts = load_data("countries.yaml").get("subdivisions", {}) or {}
    names = sorted({name for names in parts.values() for name in names}, key=len, reverse=True)
    return compiled(r"[ \t]*,[ \t]*(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def town_of_state(found: Found) -> bool:
    """A word-like place name before a comma and a state or province ("Columbia, Missouri", "Jordan, Minnesota"): a
    town of that state, not the country the word also names."""
    return bool(_state_after().match(found.following(40)))


def tells_cyber(text: str) -> bool:
    """The text holds a word of a cyber act or of the threat at work ("malware", "infected", "victims")."""
    return bool(_data()["cyber"].search(text))


@lru_cache(maxsize=1024)
def war_sentence(sentence: str) -> bool:
    """The sentence tells a war and no cyber act: its places and sectors are the war's."""
    data = _data()
    return bool(data["war"].search(sentence)) and not data["cyber"].search(sentence)


def language(found: Found) -> bool:
    """The demonym names a language: after "written in" and the like, with no noun after it; never a country's own
    name."""
    data = _data()
    surface = found.match.surface
    if not surface[:1].isupper() or any(n.cluster.value.lower() == surface.lower() for n in found.match.names):
        # A country's own name ("in Turkey") is no language.
        return False
    if not data["language_before"].search(found.text_before[-60:]):
        return False
    return bool(data["language_after"].match(found.following(40)))


_CLAUSE_MARK = compiled(r"[,;:.]")


def compared_before(before: str) -> bool:
    """The text before a name, in its sentence, opens a clause comparing another campaign ("Unlike the attacks on"):
    the name's clause (after the last comma, semicolon, colon or full stop) starts with the comparison."""
    return bool(_data()["comparison_opener"].match(_CLAUSE_MARK.split(before)[-1]))


def war_side(found: Found) -> bool:
    """The place is a side of a war in a sentence that may tell a cyber act too: after "the invasion by" or "the war
    in", before "troops" or "airstrike", or one of a pair glued by a hyphen before "conflict" ("the Israel-Hamas
    conflict")."""
    return bool(_data()["war_before"].search(found.text_before[-60:])) or _warring(found)


def _warring(found: Found) -> bool:
    """The place wages the war: after "the invasion by", before "troops" or "airstrike", or one of a pair of sides."""
    data = _data()
    before = found.text_before[-60:]
    following = found.following(40)
    return bool(
        data["waged_by"].search(before)
        or data["war_after"].match(following)
        or (data["war_pair_before"].search(before) and data["war_pair_after"].match(following))
    )


def heritage(found: Found) -> bool:
    """A demonym glued to another demonym names a person's heritage ("an Iranian-American journalist")."""
    data = _data()
    surface = found.match.surface
    if not surface[:1].isupper() or any(n.cluster.value.lower() == surface.lower() for n in found.match.names):
        return False
    before, following = found.text_before[-30:], found.following(30)
    return bool(data["heritage_before"].search(before) or data["heritage_after"].match(following))


def backdrop(found: Found) -> bool:
    """The place is named as the backdrop of the story: the side that wages a war, where something lies or a
    journalist's beat. Such a sentence does not make the place one the report is about: it counts toward no mention
    either (where a war is fought, "the war in Ukraine", still does)."""
    data = _data()
    before = found.text_before[-60:]
    return _warring(found) or bool(data["geography_before"].search(before) or data["beat_before"].search(before))


def not_victims_place(found: Found) -> bool:
    """A place read as the victims' is something else here: a language, a threat's origin, a side of a war, the
    victims of another campaign a clause compares this one with, where something lies ("its proximity to Israel") or
    a journalist's beat ("a reporter who covers the Middle East")."""
    data = _data()
    return (
        language(found)
        or heritage(found)
        or bool(data["threat_after"].match(found.following(40)))
        or war_sentence(found.sentence)
        or compared_before(found.text_before)
        or backdrop(found)
        or incidental(found)
    )


def incidental(found: Found) -> bool:
    """The place's sentence, or the next one, calls what happened there incidental ("We consider these incidental;
    the operators showed no interest in them"): a spill-over, not the actor's victims."""
    pattern = _data()["incidental"]
    if pattern.search(found.sentence):
        return True
    end = found.sentence_start + len(found.sentence)
    following = found.part.text[end : end + 240].lstrip()
    return bool(pattern.search(_SENTENCE_END.split(following, maxsplit=1)[0]))


def seat_glued_end(following: str) -> int | None:
    """Where the noun phrase after a seat word glued to the place starts ("a UK-based insurer", "U.S.-headquartered
    carriers": the place is where that organisation sits, as in "an insurer based in the UK"); None without one."""
    glued = _SEAT_GLUED.match(following)
    return glued.end() if glued and glued.group(1).lower() in _data()["seat_glued"] else None


def seat_generic_noun(word: str) -> bool:
    """A bare organisation noun (place_senses.yaml `seat_generic_nouns`): after a glued seat word, no victim noun."""
    return word.lower() in _data()["seat_generic_nouns"]


def not_origin(found: Found) -> bool:
    """A place read as the actor's origin is something else here: an organisation's seat glued to it before a noun
    that is no actor ("the Singapore-based cryptocurrency exchange"), an armed or political group, a language many
    countries speak ("a Spanish-speaking group"), or a side of a war."""
    data = _data()
    following = found.following(60)
    glued = _GLUED.match(following)
    if glued:
        word = glued.group(1).lower()
        if word in data["seat_glued"] and not data["seat_actor_after"].match(following, glued.end()):
            return True
        if word == "speaking" and (
            found.match.surface.lower() in data["shared_languages"] or data["crime_after"].match(following, glued.end())
        ):
            # A language many countries speak, or a criminal community's ("the Russian-speaking ransomware crew").
            return True
    return bool(data["armed_group"].match(following)) or war_sentence(found.sentence) or war_side(found)
