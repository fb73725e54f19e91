"""Places whose telling word stands a few words away (issue 8: clusters the original code found and we lost).

The original code tagged every place a report named; the place rules since (galaxy_location_rules) ask for a word
of targeting, victims or origin right beside the place. Two readings they miss put that word a little further
off, and the place is still the victims' or the actor's. Rules as data in `place_lists.yaml`:

- a ranking of places by how often they were attacked, after the place and the rest of its list ("Chile,
  Peru and Mexico were among the countries hit hardest by the loader"): the victims' places, as the
  rankings by a count of victims (galaxy_ranked_places);
- a demonym before a noun of actors with a few qualifiers between ("a North Korean advanced persistent threat
  actor", "a Russian state-sponsored hacking crew"): the actor's origin, as "Iranian hackers" is;
- a demonym of a person's citizenship in a sentence that prosecutes them ("a Ukrainian national was arrested"):
  the actor's origin;
- a demonym opening its sentence in "At a ... plant," before a clause of targeting: the victims' place;
- a sentence that lists the countries the sentence before targeted ("... ports in several Baltic
  countries. The countries in this wave are Estonia, Latvia and Lithuania."), or whose subject says what the threat
  did there ("Other countries in which the worm made its way include Peru and Chile"): the victims' places.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_place_senses import tells_cyber
from .galaxy_places import Found
from .galaxy_sentence_before import sentence_before


@cache
def _most_targeted() -> re.Pattern[str]:
    return compiled(load_data("place_lists.yaml")["most_targeted"], re.IGNORECASE)


@cache
def _members() -> str:
    """The alternation of `collection_members`: who a collection noun before "of" may hold and still be the actor."""
    members = load_data("place_lists.yaml")["collection_members"]
    return "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in sorted(members, key=len, reverse=True))


@cache
def _qualified_actor() -> re.Pattern[str]:
    data = load_data("place_lists.yaml")
    qualifiers = "|".join(re.escape(q) for q in sorted(data["origin_qualifiers"], key=len, reverse=True))
    nouns = "|".join(
        re.escape(n) for n in [*load_data("mentions.yaml")["origin_nouns"], *data["origin_qualified_nouns"]]
    )
    count = int(data["origin_qualifier_words"])
    # One qualifier at least (two words are read by the origin rule already), then a noun of actors; not a collection
    # of something else ("a Chinese state-owned group of companies"), but one of actors ("a group of hackers").
    return compiled(
        rf"[ \t]+(?:(?:{qualifiers})[ \t]+){{1,{count}}}(?:{nouns})\b(?!\s+of\b(?!\s+(?:{_members()})\b))",
        re.IGNORECASE,
    )


@cache
def _of_members() -> re.Pattern[str]:
    return compiled(rf"\s+of\s+(?:[\w-]+\s+)?(?:{_members()})\b", re.IGNORECASE)


def collection_of_actors(after: str, position: int) -> bool:
    """Whether "of" at `position` of `after` (the text after a collection noun such as "group") opens a noun of
    actors, maybe after one qualifying word: "a now-defunct Russian group of hackers", "a Nigerian gang of seasoned
    scammers" are the actor's origin; "a Chinese group of companies" is not (place_lists.yaml
    `collection_members`)."""
    return bool(_of_members().match(after, position))


@cache
def _citizen() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = load_data("place_lists.yaml")
    nouns = "|".join(re.escape(n) for n in data["citizen_nouns"])
    return (
        compiled(rf"[ \t]+(?:{nouns})\b", re.IGNORECASE),
        compiled(data["prosecution"], re.IGNORECASE),
        compiled(data["crime_parts"], re.IGNORECASE),
    )


@cache
def _peoples() -> frozenset[str]:
    """The countries' people in the plural (countries.yaml `peoples`): persons, as "nationals" are."""
    return frozenset(p for forms in load_data("countries.yaml")["peoples"].values() for p in forms)


def accused_citizen(found: Found) -> bool:
    """The place's demonym names the citizenship of a person its sentence prosecutes for a part in the crime ("a
    Ukrainian national was arrested as an alleged operator of the stealer", "two Ukrainians were arrested as
    members of the gang"): the actor's origin (place_lists.yaml `citizen_nouns`)."""
    noun, prosecution, part = _citizen()
    person = found.match.surface in _peoples() or noun.match(found.following(30))
    return bool(person and prosecution.search(found.sentence) and part.search(found.sentence))


_FRONTED_AT = compiled(r"\s*[*_]*(?i:at|inside|within)\s+(?i:a|an|the)\s+")


@cache
def _fronted_site() -> re.Pattern[str]:
    sites = "|".join(re.escape(s) for s in load_data("place_lists.yaml")["fronted_sites"])
    # Up to five words of the site's name and kind, the site noun, maybe a year, then the comma.
    return compiled(rf"(?:[ \t]+[\w&'-]+){{0,5}}?[ \t]+(?i:{sites})(?:[ \t]+(?:in|of)[ \t]+\d{{4}})?[ \t]*,")


def fronted_site(found: Found) -> int | None:
    """Where the main clause starts when the place's demonym opens its sentence in "At a ... <site>," ("At a Saudi
    petrochemical plant in 2017, the attackers targeted ..."): the caller asks that clause for a word of targeting
    (place_lists.yaml `fronted_sites`); None when the sentence does not open so."""
    if not _FRONTED_AT.fullmatch(found.sentence[: found.in_sentence]):
        return None
    site = _fronted_site().match(found.sentence, found.in_sentence + len(found.match.surface))
    return site.end() if site else None


def most_targeted(found: Found) -> bool:
    """The place, alone or in a list, is ranked among the places most often attacked (see the module docstring)."""
    return bool(_most_targeted().match(found.following(300).split("\n\n", 1)[0]))


def qualified_origin(found: Found) -> bool:
    """The place's demonym qualifies a noun of actors across a few qualifiers ("a North Korean advanced persistent
    threat actor")."""
    return bool(_qualified_actor().match(found.following(80)))


@cache
def _countries_listed() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_data("place_lists.yaml")
    return compiled(data["countries_listed"], re.IGNORECASE), compiled(data["countries_noun"], re.IGNORECASE)


def listed_targets(found: Found, cues: Cues) -> bool:
    """The place is in a sentence that lists the countries the sentence before targeted, or whose subject says what
    the threat did there (see the module docstring)."""
    listing, noun = _countries_listed()
    listed = listing.fullmatch(found.text_before[-300:])
    if not listed:
        return False
    subject = listed["subject"]
    if (cues.targeting.search(subject) or tells_cyber(subject)) and not (
        cues.infrastructure.search(subject) or cues.attribution.search(subject)
    ):
        # "Other affected countries include ...", "Other countries in which the malware made its rounds include ...".
        return True
    before = sentence_before(found)
    return bool(noun.search(before) and cues.targeting.search(before))
