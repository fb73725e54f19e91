"""A sector word that names a source of the story, not a victim (issue 8, precision of sectors on real pages).

News pages quote organisations as often as they name victims: the police and the embassy that speak ("senior police
officials have said", "the embassy in Mogadishu noted"), a consulting firm quoted in an apposition ("Kestrel, a risk
consulting firm based in Oslo, told reporters"), the exchange that received a ransom ("payments the victims made to
Zarbix, a cryptocurrency exchange"), a bank's full name whose first word is another sector's ("the Agricultural and
Trade Bank of Freedonia"). The sector rules read such words as victims when a victim word is near; these readings,
with their expressions in sector_senses.yaml, set them aside. An organisation that tells of its own incident ("a
hospital said it was hit") stays a victim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# The words of a clause, for the verb of telling within a few words after the sector word.
_WORDS = compiled(r"[A-Za-z][\w'\u2019-]*")
# The end of a sentence, a clause or a quotation, after which a verb of telling has another subject ("attacks
# targeting the banking system," writes the agency).
_CLAUSE_END = compiled(r"[.;:!?()\u2014\u2013\"\u201d]|,\s")
# The rest of an apposition up to its closing comma.
_APPOSITION_END = compiled(r"[^,;.]{0,80},\s+")


@dataclass(frozen=True)
class _Sources:
    """The words and expressions of sources (sector_senses.yaml)."""

    verbs: frozenset[str]
    clause_openers: frozenset[str]
    own_incident: re.Pattern[str]
    apposition: re.Pattern[str]
    money: re.Pattern[str]
    name_head: re.Pattern[str]
    owner: re.Pattern[str]


@cache
def _sources() -> _Sources:
    """sector_senses.yaml's expressions of sources, compiled on first use."""
    data = load_data("sector_senses.yaml")
    return _Sources(
        frozenset(w.lower() for w in data["telling_verbs"]),
        frozenset(str(w).lower() for w in data["telling_clause_openers"]),
        compiled(data["own_incident_after"]),
        compiled(data["apposition_open_before"]),
        compiled(data["money_recipient_before"]),
        compiled(data["name_head_after"]),
        compiled(data["actor_owner_before"]),
    )


def _tells_after(text: str, sources: _Sources, words: int) -> re.Match[str] | None:
    """A verb of telling among the first `words` words of `text`, before any clause mark and any word that opens a
    clause of its own: the match of that verb."""
    clause = _CLAUSE_END.split(text, maxsplit=1)[0]
    for count, word in enumerate(_WORDS.finditer(clause)):
        if count >= words:
            return None
        lowered = word.group().lower()
        if lowered in sources.clause_openers:
            # ("In a defence contractor they also added a rule")
            return None
        if lowered in sources.verbs:
            return word
    return None


def source_of_story(found: Found, list_start: int) -> bool:
    """The sector word names who tells, pays or owns, not who was hit: its organisation is the subject of a verb of
    telling within four words ("senior police officials have said", "Seoul police have accused the group") or closes
    an apposition before one ("Kestrel, a consulting firm based in Oslo, told reporters"), unless it tells of its own
    incident; it received the money; it is a word inside a bank's full name; it runs the actor ("the group is run by
    the country's intelligence agency")."""
    patterns = _sources()
    at = found.in_sentence
    after = found.sentence[at + len(found.match.surface) :]
    list_before = found.sentence[: max(at - (found.match.start - list_start), 0)]
    told = _tells_after(after, patterns, 4)
    if told is None and patterns.apposition.search(list_before[-60:]):
        # (the apposition ends at its comma and the verb follows it: ", a consulting firm based in Oslo, told")
        closing = _APPOSITION_END.match(after)
        if closing and _tells_after(after[closing.end() :], patterns, 3):
            return not patterns.own_incident.search(after[closing.end() :])
    if told is not None and not patterns.own_incident.search(after[told.end() :]):
        return True
    return bool(
        patterns.money.search(list_before[-160:])
        or patterns.owner.search(list_before[-100:])
        or (found.match.surface[:1].isupper() and patterns.name_head.match(after))
    )
