"""A sector word in a sense other than the victims' sector (issue 8, precision of sectors on real vendor pages), read
from sector_senses.yaml for the sector rules (galaxy_sector_rules).

News and vendor posts write sector words as the topic of information or a message ("information related to military
issues", "an SMS about an unauthorised payment"), for the authorities told ("The NCSC informed police"), in
another field's sense ("chip designers, foundries and equipment makers"; "diplomatic communications"), for a war's
arms ("helped ship soldiers to aid the war effort") and for another campaign a clause compares ("Unlike the attacks
on British retailers"). The sector rules read these words as victims first; these readings set them aside. So do
the organisations on the actor's side: those it abuses to reach its victims ("abusing access to Russian ISPs") and its
own body ("a group based within the Belarusian Ministry of Defence"), `actors_side`.
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

# A relative pronoun after a sector word: the clause it opens says what the organisation does.
_RELATIVE_AFTER = compiled(r"\b(?:that|which|who|whose)\b")


@dataclass(frozen=True)
class _OtherField:
    words: frozenset[str]
    sentence: re.Pattern[str] | None
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None


@dataclass(frozen=True)
class _Sides:
    """The expressions of the organisations on the actor's side: the ones it abuses, and its own body."""

    instrument_before: GatedPattern
    body_field_before: GatedPattern
    actor_nouns: re.Pattern[str]
    actor_home_before: GatedPattern


@cache
def _data() -> tuple[GatedPattern, GatedPattern, frozenset[str], tuple[_OtherField, ...]]:
    """sector_senses.yaml's expressions, compiled on first use."""
    data = load_data("sector_senses.yaml")
    fields = tuple(
        _OtherField(
            frozenset(w.lower() for w in entry["words"]),
            compiled(entry["sentence"]) if "sentence" in entry else None,
            compiled(entry["before"]) if "before" in entry else None,
            compiled(entry["after"]) if "after" in entry else None,
        )
        for entry in data["other_field"]
    )
    told_parties = frozenset(w.lower() for w in data["told_parties"])
    return GatedPattern(data["topic_before"]), GatedPattern(data["told_before"]), told_parties, fields


@cache
def _sides() -> _Sides:
    """sector_senses.yaml's expressions of the actor's side, compiled on first use."""
    data = load_data("sector_senses.yaml")
    return _Sides(
        GatedPattern(data["instrument_before"]),
        GatedPattern(data["body_field_before"]),
        compiled(data["actor_nouns"]),
        GatedPattern(data["actor_home_before"]),
    )


@cache
def _expression(key: str) -> re.Pattern[str]:
    """One expression of sector_senses.yaml (`quoted_employer_before`, `negated_examples_before`,
    `former_post_before`), compiled on first use."""
    return compiled(load_data("sector_senses.yaml")[key])


def not_victims_sector(found: Found, list_start: int) -> bool:
    """The sector word (whose list of sector words starts at `list_start` in the report's text) is no victim's sector
    here: a topic, a party told, the employer of a person quoted, an example of what the target is not, a former
    post, a word of another field, a war's, or a compared campaign's."""
    topic, told, told_parties, fields = _data()
    at = found.in_sentence
    before = found.sentence[:at]
    list_before = found.sentence[: max(at - (found.match.start - list_start), 0)]
    surface = found.match.surface.lower()
    if topic.search(before[-120:]) or (surface in told_parties and told.search(list_before[-60:])):
        return True
    if _expression("quoted_employer_before").search(list_before[-120:]):
        return True
    # (examples of what the report says the target is not: "need not be the utilities, such as power stations")
    if _expression("negated_examples_before").search(list_before[-160:]):
        return True
    if _expression("former_post_before").search(before[-30:]):
        return True
    for field in fields:
        if surface in field.words and (
            (field.sentence is not None and field.sentence.search(found.sentence))
            or (field.before is not None and field.before.search(before[-40:]))
            or (field.after is not None and field.after.search(found.following(40)))
        ):
            return True
    # (a war told in a relative clause after the word is what the organisation works on, not the sentence's story:
    # "a Romanian NGO that coordinates aid for people displaced by the war")
    end = at + len(found.match.surface)
    relative = _RELATIVE_AFTER.search(found.sentence, end)
    return war_sentence(found.sentence[: relative.start()] if relative else found.sentence) or compared_before(before)


def actors_side(found: Found, list_start: int, targeting: re.Pattern[str]) -> bool:
    """The sector word names the field of a public body ("the Ministry of Maritime Affairs": a government's, see
    `body_field_before`), or the sector's organisations (its list of sector words starting at `list_start` in the
    report's text) are on the actor's side: what it abuses to reach its victims ("abusing access to Russian ISPs to
    target individuals in Moscow"), or its own body after a word of belonging that follows a noun of the actor ("a
    group based within the Belarusian Ministry of Defence"), with no targeting word between that noun and the word of
    belonging (`targeting`: "the group targeted firms linked to the defence sector" names victims)."""
    sides = _sides()
    if sides.body_field_before.search(found.sentence[max(found.in_sentence - 80, 0) : found.in_sentence]):
        return True
    list_before = found.sentence[: max(found.in_sentence - (found.match.start - list_start), 0)]
    if sides.instrument_before.search(list_before[-100:]):
        return True
    home = sides.actor_home_before.search(list_before, max(len(list_before) - 120, 0))
    if not home:
        return False
    actors = list(sides.actor_nouns.finditer(list_before, 0, home.start()))
    return bool(actors) and not targeting.search(list_before, actors[-1].end(), home.start())
