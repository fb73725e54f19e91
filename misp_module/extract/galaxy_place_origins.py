"""The actor's origin as news and vendor pages write it (issue 8, recall of attribution countries), read from
place_origins.yaml for the location rules (galaxy_location_rules).

Security news rarely writes "attributed to": it writes "the Lazarus Group from North Korea", "one of the espionage
groups linked to Iran", "the threat group has connections with Russia", "North Korea's Lazarus Group", or "a People's
Republic of China (PRC) state-sponsored cyber actor". Each is read here only where the phrase is tied to the actor: a
noun that names only actors or the actor's own name before the link ("funds from Japan", "accounts linked to the
Canadian government" are no origin), the actor's name right after the possessive ("South Korea's Upbit" is a victim).
Without a group named, the intrusion itself is tied to the place ("The operation has been linked to North Korea", "the
backdoor is used by the DPRK"), where the place is a state and not a demonym before another noun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .phrases import phrase_alternation

# A short abbreviation in brackets right after a place ("People's Republic of China (PRC) state-sponsored"): it
# repeats the place and ends no clause.
_ABBREVIATION = compiled(r"\s*\((?:[A-Z][A-Za-z.]{1,7})\)")
_WORDS = compiled(r"(?:[\w-]+\s+){0,2}")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """place_origins.yaml's expressions, compiled on first use."""
    data = load_data("place_origins.yaml")
    nouns = phrase_alternation(data["actor_nouns"])
    links = phrase_alternation(data["links"])
    return {
        "link": compiled(
            rf"(?:^|(?<=[\s,])){data['copula']}(?:{links})\s+(?:the\s+)?[*_]*$",
            re.IGNORECASE,
        ),
        "noun_end": compiled(rf"\b(?:{nouns})[\s,]*$", re.IGNORECASE),
        "noun_after": compiled(rf"{_WORDS.pattern}(?:{nouns})\b", re.IGNORECASE),
        "possessive": compiled(data["possessive"]),
        "activity": compiled(
            rf"\b(?:{phrase_alternation(data['activity_nouns'])})\s+{data['copula']}"
            rf"(?:{phrase_alternation(data['activity_links'])})\s+(?:the\s+)?[*_]*$",
            re.IGNORECASE,
        ),
        "state_after": compiled(data["state_after"]),
        "predicate": compiled(rf"(?:^|(?<=\s))(?:{data['predicate']})", re.IGNORECASE),
        "of_noun": compiled(rf"\bof\s+(?:(?:the|this|that|a|an)\s+)?(?:[\w-]+\s+)?(?:{nouns})[\s,]*$", re.IGNORECASE),
        "things": compiled(rf"\b(?:{phrase_alternation(data['linked_things'])})[\s,]*$", re.IGNORECASE),
    }


def linked_origin(before: str, actor_ends_at: Callable[[int], bool]) -> bool:
    """The text before the place ends with a phrase of links ("from", "linked to", "has connections with") right
    after a noun of actors or an actor's name (`actor_ends_at(i)`: an actor's name ends at `before[:i]`): the place
    is where that actor comes from or whose state it is tied to."""
    return _after_actor(before, _patterns()["link"], actor_ends_at)


def predicate_origin(before: str, actor_ends_at: Callable[[int], bool]) -> bool:
    """The place's demonym is the predicate of a noun of actors or an actor's name ("The attackers are likely
    Chinese", "APT35 is widely thought to be Iranian"): the actor comes from that place (place_origins.yaml
    `predicate`); not where the noun is the object of "of" ("the victims of the group were Chinese firms")."""
    return _after_actor(before, _patterns()["predicate"], actor_ends_at, subject=True)


def _after_actor(
    before: str, phrase: re.Pattern[str], actor_ends_at: Callable[[int], bool], *, subject: bool = False
) -> bool:
    """`phrase` ends the text before the place right after a noun of actors or an actor's name; with `subject`, a
    noun that is the object of "of" does not count."""
    patterns = _patterns()
    window = before[-120:]
    found = phrase.search(window)
    if not found:
        return False
    head = before[: len(before) - len(window) + found.start()]
    if patterns["noun_end"].search(head[-40:]):
        return not (subject and patterns["of_noun"].search(head[-60:]))
    return actor_ends_at(len(head.rstrip(" ,")))


def activity_origin(before: str, following: str) -> bool:
    """The text before the place ends with the intrusion or its software, a copula and a phrase of links or of
    coming from ("The operation has been linked to", "the backdoor is used by the"), and the place ends its noun
    phrase or is a possessive before a noun of actors ("the DPRK's hacking units"): the actor behind it comes from
    the place (place_origins.yaml `activity_nouns`)."""
    patterns = _patterns()
    if not patterns["activity"].search(before[-120:]):
        return False
    if patterns["state_after"].match(following):
        return True
    possessive = patterns["possessive"].match(following)
    return bool(possessive) and bool(patterns["noun_after"].match(following, possessive.end()))


def possessive_origin(following: str, actor_starts_at: Callable[[int], bool]) -> bool:
    """The place's possessive comes right before an actor's name (`actor_starts_at(i)`: an actor's name starts `i`
    characters after the place) or before a noun of actors ("North Korea's Lazarus Group", "Iran's state-backed
    hackers")."""
    patterns = _patterns()
    possessive = patterns["possessive"].match(following)
    if not possessive:
        return False
    return actor_starts_at(possessive.end()) or bool(patterns["noun_after"].match(following, possessive.end()))


def skip_abbreviation(following: str) -> str:
    """The text after a place without the abbreviation in brackets that repeats it ("(PRC) state-sponsored" is read
    as " state-sponsored")."""
    abbreviation = _ABBREVIATION.match(following)
    return following[abbreviation.end() :] if abbreviation else following


def linked_thing(before_link: str) -> bool:
    """The text before a link phrase ("linked to", "tied to") ends with a thing, not the actor ("personal accounts
    linked to the Canadian government"): the place's state is tied to that thing."""
    return bool(_patterns()["things"].search(before_link[-40:]))
