"""A part of a country written with the country's demonym ("an Indonesian province", "a Canadian provincial
agency", "a German state's police"): the victims there are in that country (issue 8, recall: places that imply a
country).

The place rules read a country after a noun of victims and "in" or "of" ("ministries in Indonesia", "the government
of Indonesia"). A report that keeps a victim anonymous writes the part of the country instead: "the government of an
Indonesian province", "a hospital in a Canadian province". The demonym before a word of `subdivision_nouns`
(mentions.yaml) stands for the place, after the same nouns of victims and prepositions, an article between.
"""

from __future__ import annotations

from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# The words before the phrase: a noun of victims (its last word), "of" or "in", then an article.
_VICTIMS_BEFORE = compiled(r"(?P<head>[\w-]+)\s+(?:of|in|across)\s+(?:an?|one|the|several|two|three)\s+[*_]*$")
_NEXT_WORD = compiled(r"[*_]*[ \t]+(?:([a-z]+)[ \t]+)?([a-z]+)\b")


@cache
def _subdivisions() -> frozenset[str]:
    return frozenset(load_data("mentions.yaml")["subdivision_nouns"])


def subdivision_after(found: Found) -> bool:
    """The place (a demonym) qualifies a part of its country: "Indonesian province", "Canadian provincial
    agency"."""
    following = _NEXT_WORD.match(found.following(40))
    return bool(following) and bool({following.group(1), following.group(2)} & _subdivisions())


def victims_before(found: Found) -> tuple[str, int] | None:
    """The noun of victims before "of"/"in" and an article that open the phrase ("the government of an ..."), with
    where that noun ends in the report's text; None without one."""
    position = found.in_sentence
    before = found.sentence[:position]
    victims = _VICTIMS_BEFORE.search(before[-80:])
    if not victims:
        return None
    end_in_before = len(before) - len(before[-80:]) + victims.end("head")
    return victims["head"].lower(), found.part.offset + found.sentence_start + end_in_before
