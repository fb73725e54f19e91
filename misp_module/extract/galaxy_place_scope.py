"""The words of a place's clause that govern it, for the negation veto of the place rules (galaxy_location_rules), read
from place_prose.yaml (issue 8).

A clause runs from one comma or semicolon to the next, and a relative clause about somebody else can sit inside it
with no comma: "a brokerage in Ohio has become the latest to lose its data to a crew that does not bother with
malware". Its negation is about the crew, not about the victims in Ohio. A relative clause right after the place's
noun phrase ("brokerages in Ohio that were not breached") is about the place's phrase, and its negation still counts;
so does a "that" after a verb of saying ("officials in Ohio said that no records were lost"), which opens a statement,
no relative clause.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

_WORD = compiled(r"[\w'\u2019-]+")


@cache
def _scope() -> tuple[re.Pattern[str], frozenset[str], int]:
    """place_prose.yaml's relative openers (as one pattern), the words that make "that" a statement's, and the reach
    of a relative clause that still belongs to the place's noun phrase."""
    data = load_data("place_prose.yaml")
    openers = "|".join(re.escape(w) for w in data["relative_openers"])
    return (
        compiled(rf"\b(?:{openers})\b", re.IGNORECASE),
        frozenset(data["statement_before_that"]),
        int(data["relative_reach"]),
    )


def governing_clause(found: Found) -> str:
    """The place's clause without a relative clause that opens more than `relative_reach` words after the place (and
    whatever follows it): the words that can deny the place's reading."""
    clause = found.clause
    clause_at = found.sentence.find(clause)
    place_at = found.in_sentence - clause_at
    if clause_at < 0 or not 0 <= place_at <= len(clause) - len(found.match.surface):
        return clause
    openers, statement_words, reach = _scope()
    tail_start = place_at + len(found.match.surface)
    for opener in openers.finditer(clause, tail_start):
        between = _WORD.findall(clause[tail_start : opener.start()])
        if len(between) <= reach:
            continue
        if opener.group().lower() == "that" and between[-1].lower() in statement_words:
            continue
        return clause[: opener.start()]
    return clause
