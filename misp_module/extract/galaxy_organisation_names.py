"""Sector words inside an organisation's proper name are no sector (issue 8; rules in `organisation_names.yaml`).

"The Harare Institute of Technology", "the Industrial and Commercial Bank of China", "the Ministry of Finance": the
name's head says what kind of body it is (an institute, a bank, a ministry), and the field words around it are part
of the name, not the victims' trade. Read from the shape of the name alone, whatever the sentence does with it: the
sector word is capitalised, inside a run of capitalised words (joined by "and", "of", "for", "&" or a hyphen) that
holds a head of `kind_heads` other than the word itself, on a line that is not title case (where capitals say
nothing). Fields that are the body's own trade (`own_fields`: "the Ministry of Defence", "a Research Institute") stay
its sector."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_evidence import title_case
from .galaxy_places import Found

# A capitalised word, and the joiners a proper name keeps between its words.
_CAPITALISED = r"[A-Z][\w'\u2019-]*"
_JOINER = r"(?:\s+(?:and|of|for|&|the)\s+|\s+|-)"


@dataclass(frozen=True)
class _Rules:
    heads: frozenset[str]
    own_fields: frozenset[str]


@cache
def _rules() -> _Rules:
    data = load_data("organisation_names.yaml")
    return _Rules(frozenset(w.lower() for w in data["kind_heads"]), frozenset(w.lower() for w in data["own_fields"]))


_LETTERS = compiled(r"[A-Za-z]+")
_BEFORE = compiled(rf"(?:{_CAPITALISED}{_JOINER})*$")
_AFTER = compiled(rf"(?:{_JOINER}{_CAPITALISED})*")


def in_organisation_name(found: Found) -> bool:
    """The sector word is a field word of an organisation's capitalised name whose head is a kind of body (see the
    module docstring)."""
    surface = found.match.surface
    rules = _rules()
    if not surface[:1].isupper() or surface.lower() in rules.own_fields:
        return False
    sentence, start = found.sentence, found.in_sentence
    end = start + len(surface)
    line_start = sentence.rfind("\n", 0, start) + 1
    line_end = sentence.find("\n", end)
    if title_case(sentence[line_start : line_end if line_end >= 0 else len(sentence)]):
        return False
    before = _BEFORE.search(sentence, line_start, start)
    after = _AFTER.match(sentence, end)
    name = sentence[before.start() if before else start : after.end() if after else end]
    words = {w.lower() for w in _LETTERS.findall(name) if w[0].isupper()}
    own = {w.lower() for w in _LETTERS.findall(surface)}
    return bool((words - own) & rules.heads)
