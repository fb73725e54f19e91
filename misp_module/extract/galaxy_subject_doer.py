"""Software the intruders did something with, whatever the verb (issue 8, recall: the subject's tools in passing).

Salience (galaxy_salience) keeps a family a free-form report names in one sentence where a verb of use, delivery or
presence ties it to the intrusion. Real pages tell the intruders' own work with verbs no list holds ("the operators
solved that with JuicyPotato", "the group's volunteers took part in the floods through the DDoSia platform"). Who
does what says it without the verb: the sentence's doer is the people behind the intrusion (a determiner and a noun
of them, salience's `agent_nouns` and subject_doer.yaml `doer_nouns`), and the name is what they did it with (an
instrument preposition right before it, `instruments`), not a relation ("in common with X", `relations`) nor a state
after a linking verb ("became famous with X", `linking_verbs`). What sets a name aside (a comparison, the actor's
record, advice) is read before salience and still does.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import PROSE, Found
from .phrases import phrase_alternation

# The last word before a place in the sentence.
_LAST_WORD = compiled(r"([\w-]+)\W*$")


@cache
def _data() -> dict[str, list[str]]:
    """subject_doer.yaml, read once."""
    return load_data("subject_doer.yaml")


@cache
def _doer() -> re.Pattern[str]:
    """The sentence's opening doer: a determiner, at most two words, a noun of the people behind the intrusion."""
    data = _data()
    nouns = sorted(set(load_data("mentions.yaml")["salience"]["agent_nouns"]) | set(data["doer_nouns"]))
    return compiled(
        rf"^\W*(?:{phrase_alternation(data['determiners'])})\s+(?:[\w'\u2019-]+\s+){{0,2}}?"
        rf"(?:{phrase_alternation(nouns)})\b(?!['\u2019]s)",
        re.IGNORECASE,
    )


@cache
def _instrument() -> re.Pattern[str]:
    """An instrument preposition at the end of the words before the name (a determiner and one word between)."""
    words = phrase_alternation(_data()["instruments"])
    between = r"(?:(?:the|a|an|its|their)\s+)?(?:[\w-]+\s+)?[\"'\u201c*_]*$"
    return compiled(rf"\b(?:{words})\s+{between}", re.IGNORECASE)


@cache
def _state() -> re.Pattern[str]:
    """A linking verb and at most two words at the end of the words before the preposition."""
    return compiled(rf"\b(?:{phrase_alternation(_data()['linking_verbs'])})\s+(?:[\w-]+\s+){{0,2}}$", re.IGNORECASE)


def done_with(found: Found) -> bool:
    """The sentence's doer is the people behind the intrusion and the name is what they did it with (see the module
    docstring)."""
    if found.place != PROSE:
        return False
    before = found.text_before[-120:]
    instrument = _instrument().search(before)
    if not instrument or not _doer().match(found.sentence):
        return False
    # (not a relation, "compared with X", "in common with X", nor a state: "became famous with X")
    word = _LAST_WORD.search(before, 0, instrument.start())
    relations = {w.lower() for w in _data()["relations"]}
    return not (word and word.group(1).lower() in relations) and not _state().search(before, 0, instrument.start())
