"""Victims' places and the actor's origin written in prose (issue 8, recall of countries), read for the place rules
(galaxy_location_rules, galaxy_target_vetoes) from place_prose.yaml.

Vendor prose says where victims are and where the actor comes from in ways the place rules did not read: the actor
"originating from the South Asia subcontinent"; a victim list that repeats its preposition ("infections at a start-up
in Krakow, Poland, and at a wallet developer in Curitiba, Brazil"); a victim that is itself a hosting company ("the
victims are a web hosting provider in Da Nang, Vietnam", "breached a Vietnamese hosting company"), where a word of
infrastructure otherwise says a server sits there; a campaign dated by a span of years that reaches the year before
the report's ("Targets in 2024-2025"). Each reading only lets a place rule go on: the vetoes after it (the past,
offices, side notes) still apply.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .regex_literals import GatedPattern

_FIRST = compiled(r"\bfirst\s+$", re.IGNORECASE)
# "interests" within three words after the place ("Russian state interests", "China's economic interests").
_INTERESTS = compiled(r"(?:'s|\u2019s)?(?:\s+[\w-]+){0,2}?\s+interests\b", re.IGNORECASE)
# ...or "the interests of" before the place, and the place a state: its name alone or a word of the state after it
# ("consistent with the interests of the Chinese state", "in line with the interests of Beijing"; not "the interests
# of Ukrainian refugees").
_INTERESTS_OF = compiled(r"\binterests\s+of\s+(?:the\s+)?[*_]*$", re.IGNORECASE)
_QUALIFIED_THE = compiled(r"(?:[\w-]+\s+)?$")
_STATE_AFTER = compiled(r"\s*(?:$|[.,;:)]|(?:and|or|in|which|that|state|government|regime|leadership)\b)")


@cache
def _patterns() -> dict[str, re.Pattern[str] | GatedPattern]:
    """place_prose.yaml's expressions, compiled on first use."""
    data = load_data("place_prose.yaml")
    nouns = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(data["actor_nouns"], key=len, reverse=True))
    phrases = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(data["origin_after_actor"], key=len, reverse=True)
    )
    interests = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(data["serves_interests"], key=len, reverse=True)
    )
    return {
        # The three `$`-anchored phrases below are searched once per place found, over text that mostly lacks their
        # words (a search tries every position): behind a literal gate.
        "serves_interests": GatedPattern(rf"\b(?:{interests})\s+(?:the\s+)?[*_]*$", re.IGNORECASE),
        "origin_after_actor": GatedPattern(
            rf"\b(?:{nouns})\s+(?:(?:that|which|who)\s+)?(?:(?:is|are|was|were)\s+)?(?:{phrases})\s+(?:the\s+)?[*_]*$",
            re.IGNORECASE,
        ),
        "year_span_end": compiled(data["year_span_end"], re.IGNORECASE),
        "victims_copula": compiled(data["victims_copula"]),
        "infrastructure_companies": compiled(data["infrastructure_companies"]),
        "parallel_conjunct": compiled(data["parallel_conjunct"]),
        "named_seat": GatedPattern(data["named_seat"], re.IGNORECASE),
        "victims_share": compiled(data["victims_share"], re.IGNORECASE),
        "share_behind": compiled(data["share_behind"], re.IGNORECASE),
        "share_behind_before": compiled(data["share_behind_before"], re.IGNORECASE),
        # Tried on every sentence a place's vetoes read, which mostly hold none of their words: behind a literal gate.
        "persona_office": GatedPattern(data["persona_office"]),
        "lure_events": GatedPattern(data["lure_events"]),
        "sector_infrastructure": GatedPattern(data["sector_infrastructure"]),
        "country_anaphora": GatedPattern(data["country_anaphora"]),
        "own_finding_openers": compiled(data["own_finding_openers"]),
        "conjunct_before": GatedPattern(data["conjunct_before"]),
        "conjunct_after": compiled(data["conjunct_after"]),
    }


@cache
def subdivision_bodies() -> frozenset[str]:
    """Victim nouns of government before a part of a country (place_prose.yaml `subdivision_bodies`)."""
    return frozenset(load_data("place_prose.yaml")["subdivision_bodies"])


def origin_after_actor(before: str) -> bool:
    """The sentence before the place ends with a noun of the actor and a phrase of coming from ("one APT
    organization originating from the"): the place is the actor's origin."""
    return bool(_patterns()["origin_after_actor"].search(before[-120:]))


def serves_interests(before: str, following: str) -> bool:
    """The place stands between a phrase of fitting or serving and "interests" within three words ("aligns with
    Russian state interests", "serves Chinese strategic interests"), or is the state after the phrase and "the
    interests of" ("consistent with the interests of the Chinese state"): the state whose aims the actor serves."""
    # "interests" after the place first: an anchored match, and rarely there.
    if _INTERESTS.match(following):
        return bool(_patterns()["serves_interests"].search(before[-60:]))
    interests_of = _INTERESTS_OF.search(before[-60:])
    if not interests_of or not _STATE_AFTER.match(following):
        return False
    # The phrase of fitting before "the interests of", maybe with a word qualifying them ("the strategic interests of").
    head = _QUALIFIED_THE.sub("", before[-60:][: interests_of.start()])
    return bool(_patterns()["serves_interests"].search(head))


def span_end(text: str, year_end: int) -> int | None:
    """The last year of a span of years that starts where `year_end` (the end of a year in `text`) is ("2024-2025",
    "2024 to 25"), or None when the year opens no span."""
    span = _patterns()["year_span_end"].match(text, year_end)
    if not span:
        return None
    last = span.group(1)
    return int(last) if len(last) == 4 else int(text[year_end - 4 : year_end - 2] + last)


def victims_copula(before_object: str) -> bool:
    """The text before an object ends with a victim noun and a copula ("The two confirmed victims are"): what
    follows is the victims."""
    return bool(_patterns()["victims_copula"].search(before_object[-60:]))


def infrastructure_company(after: str) -> bool:
    """The words right after a place are a company of infrastructure ("hosting company", "web hosting provider")."""
    return bool(_patterns()["infrastructure_companies"].match(after))


def parallel_conjunct(between: str, cue: str) -> bool:
    """`between` (the text from the place before to this one) is a conjunct that repeats the preposition the
    targeting word `cue` ends with (", and at a wallet developer in Curitiba, "): one more victim of the list."""
    conjunct = _patterns()["parallel_conjunct"].fullmatch(between)
    return bool(conjunct) and cue.lower().rsplit(None, 1)[-1] == conjunct["preposition"].lower()


def named_seat(before: str) -> bool:
    """The text up to the place's preposition says where a named organisation sits ("Kestrel Detection Engineering is
    based in"): its sector word is part of its name, no noun of victims."""
    return bool(_patterns()["named_seat"].search(before[-120:]))


def victims_share(following: str, before: str) -> bool:
    """The place, alone or in a list, is given a share of the victims ("The United States accounted for just over half
    of the victims"), or set after such a share in the same ranking (", with Canada and Germany well behind")."""
    patterns = _patterns()
    if patterns["victims_share"].match(following):
        return True
    return bool(patterns["share_behind"].match(following)) and bool(
        patterns["share_behind_before"].search(before[-300:])
    )


@lru_cache(maxsize=512)
def lure_spans(sentence: str) -> tuple[tuple[int, int], ...]:
    """Where the sentence names what a lure poses as or is about, not a place of the writer's side nor an event: an
    office or a team it poses as ("posing as a national revenue office"), an event as its theme ("fake conference
    invitations"); and the victims' sector written with a word of infrastructure ("critical infrastructure sectors in
    the United States"), no attacker's server."""
    patterns = _patterns()
    # (Remembered per sentence: a place's vetoes ask it twice, and a sentence often holds several places.)
    keys = ("persona_office", "lure_events", "sector_infrastructure")
    return tuple(m.span() for key in keys for m in patterns[key].finditer(sentence))


def own_finding(text: str, start: int, end: int) -> bool:
    """The opener of the past at `start:end` of `text` tells the report's own finding: one of `own_finding_openers`
    ("turned up"), not after "first"."""
    return bool(_patterns()["own_finding_openers"].fullmatch(text, start, end)) and not _FIRST.search(
        text[max(0, start - 12) : start]
    )


def mirrored_conjunct(before: str, following: str) -> tuple[int, int] | None:
    """The place ends the first of two conjuncts that repeat their preposition ("at a video production house in the
    Netherlands and at an independent music label in Sweden"): where the second conjunct's noun phrase lies in
    `following` (the text after the place), for the caller to look for a sector word there; None otherwise."""
    patterns = _patterns()
    first = patterns["conjunct_before"].search(before[-120:])
    if not first:
        return None
    second = patterns["conjunct_after"].match(following)
    if not second or second["preposition"].lower() != first["preposition"].lower():
        return None
    return second.start("noun"), second.end("noun")


def country_anaphora(text: str) -> re.Match[str] | None:
    """The first "across the country" (or "throughout the nation") in `text`, the sentence after a country."""
    return _patterns()["country_anaphora"].search(text)
