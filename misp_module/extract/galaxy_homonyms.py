"""Software names written as another thing (issue 8: precision against homonyms on real pages).

A family's name is often a word of the language or a company's name. Where the text writes it as that other thing,
it names no family there, however near a word of software stands: a company in a list of companies ("recruiters for
companies like Kraken, Ripple Labs and Robinhood"), a month in a date ("for August 2020"), the first word of
another proper name ("Royal Mail's operations"), and a name that is the noun of its own kind capitalised by a
title-case line ("A Never-Before-Seen Wiper Malware Is Hitting ..."). Rules as data in `name_readings.yaml`; rule
cases in tests/data/galaxies/names-real.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import GalaxyIndex, Name
from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_places import Found

_WORDS = compiled(r"[A-Za-z][\w'-]{3,}")
_NEXT_WORD = compiled(r"^[ \t]+([A-Z][a-z][\w-]*)")
# A capitalised word right before the name ("Infamous Chisel").
_WORD_BEFORE = compiled(r"(?<![\w'\u2019.-])([A-Z][a-z]{2,})[ \t]+$")


@dataclass(frozen=True)
class _Rules:
    organisation_list: re.Pattern[str]
    months: frozenset[str]
    date_after: re.Pattern[str]
    date_before: re.Pattern[str]
    proper_name_zipf: float
    goes_on_not: frozenset[str]
    begun_not: frozenset[str]
    title_case_share: float


@cache
def _rules() -> _Rules:
    """name_readings.yaml's homonym rules, compiled on first use."""
    data = load_data("name_readings.yaml")
    return _Rules(
        organisation_list=compiled(data["organisation_list"], re.IGNORECASE),
        months=frozenset(m.lower() for m in data["months"]),
        date_after=compiled(data["date_after"]),
        date_before=compiled(data["date_before"], re.IGNORECASE),
        proper_name_zipf=float(data["proper_name_zipf"]),
        goes_on_not=frozenset(w.lower() for w in data["name_goes_on_not"]),
        begun_not=frozenset(w.lower() for w in data["name_begun_not"]),
        title_case_share=float(data["title_case_share"]),
    )


def homonym(name: Name, found: Found, cues: Cues, index: GalaxyIndex) -> bool:
    """The software name is written as another thing here (see the module docstring)."""
    rules = _rules()
    surface = found.match.surface
    if rules.organisation_list.search(found.sentence[: found.in_sentence][-200:]):
        return True
    if surface.lower() in rules.months and (
        rules.date_after.match(found.following(8)) or rules.date_before.search(found.text_before[-40:])
    ):
        return True
    kinds = cues.context.get("malware", frozenset()) | cues.context.get("tool", frozenset())
    if name.zipf >= rules.proper_name_zipf:
        goes_on = _NEXT_WORD.match(found.following(30))
        if goes_on and goes_on.group(1).lower() not in kinds | rules.goes_on_not:
            return True
    return _name_begun(found, kinds | rules.goes_on_not | rules.begun_not, index) or (
        surface.lower() in kinds and _title_case(found)
    )


def _name_begun(found: Found, not_words: frozenset[str], index: GalaxyIndex) -> bool:
    """The name ends another proper name begun by a capitalised word in the middle of a sentence ("the group's
    Infamous Chisel malware"), a word that names nothing the galaxies know; not in a line written in title case,
    where every word has its capital."""
    before = _WORD_BEFORE.search(found.text_before[-40:])
    if before is None or before.group(1).lower() in not_words or index.names_keyed(before.group(1).lower()):
        return False
    rest = found.text_before[: len(found.text_before) - len(before.group())].rstrip(" \t*_")
    if not rest or not (rest[-1].isalnum() or rest[-1] == ","):
        return False  # (a sentence's or a quotation's first word has its capital for that)
    return not _title_case(found)


def _title_case(found: Found) -> bool:
    """The name's line is written in title case: most of its longer words are capitalised."""
    text = found.part.text
    start = found.match.start - found.part.offset
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", start) + 1 or len(text) + 1) - 1]
    words = _WORDS.findall(line)
    capitalised = sum(w[0].isupper() for w in words)
    return len(words) >= 4 and capitalised >= _rules().title_case_share * len(words)


# An acronym's expansion in brackets right after it: "REMCOS (Remote Control System)".
_ACRONYM_OPEN = compiled(r"(?<![\w-])([A-Z]{3,})[ \t]*\($")
_BRACKET_CLOSE = compiled(r"^[ \t]*\)")


def spelt_out(found: Found) -> bool:
    """The name spells out the acronym in capitals right before its bracket, each of its words opening a part of
    the acronym in turn ("the REMCOS (Remote Control System) trojan"): the acronym's family written in full, not the
    family another galaxy files under those words ("RCS", Hacking Team's Remote Control System)."""
    opened = _ACRONYM_OPEN.search(found.text_before[-40:])
    words = found.match.surface.split()
    if opened is None or len(words) < 2 or not _BRACKET_CLOSE.match(found.following(8)):
        return False
    acronym, at = opened.group(1), 0
    for word in words:
        at = acronym.find(word[0].upper(), at)
        if at < 0 or (word is words[0] and at != 0):
            return False
        at += 1
    return True
