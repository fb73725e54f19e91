"""Sentences that name a place or a sector for something other than this report's victims (issue 8, cause 9).

A tag should mean the report is about it: MISP users filter events by tags, and MISP's search ignores the tag's
relationship_type. These patterns find the kinds of sentence that name countries, regions and sectors in passing: a
wrong lead since set right, figures of the whole field, the police at work against the actor, the report's own
readers, the users a product is popular with, the actor's own people, other groups as a sentence's subject. The
patterns are data (mentions.yaml `background`, compiled on first use with the other cues of galaxy_cues); the place
and sector rules of `galaxy_targets` ask them once a targeting rule has read the name as a victim's.
"""

from __future__ import annotations

import re

from .galaxy_cues import cues


def _pattern(key: str) -> re.Pattern[str]:
    return cues().background[key]


def misattributed(clause: str) -> bool:
    """The clause tells a wrong lead or an early claim since set right ("Early reports wrongly pointed to Brazil")."""
    return bool(_pattern("misattributed").search(clause))


def field_figures(sentence: str) -> bool:
    """The sentence gives figures of the whole field ("Industry figures show that schools in ... are a common
    target"), not of this report's victims."""
    return bool(_pattern("field_figures").search(sentence))


def audience(sentence: str, clause_before: str) -> bool:
    """The name is among the report's readers or a product's users: the sentence says whom the report is for ("This
    advisory is aimed at IT staff in hospitals"), or the name follows "popular with" and the like in its clause ("a VPN
    product popular with banks in Germany")."""
    return bool(_pattern("audience").match(sentence) or _pattern("customer_base").search(clause_before))


def enforcers(before: str, name: str, after: str, targeting: re.Pattern[str]) -> bool:
    """The name stands among the enforcers who act against the actor, before their act in its clause ("Police forces
    in Germany and the Netherlands seized the servers", "Law enforcement agencies in Europe took down the botnet"), with
    no targeting word before the act: the police's place and kind, not victims."""
    after = re.split(r"[;:]", after, maxsplit=1)[0][:120]
    act = _pattern("enforcement_acts").search(after)
    if not act or targeting.search(before) or targeting.search(after, 0, act.start()):
        return False
    return bool(_pattern("enforcers").search(before + name + after[: act.start()]))


def actor_lives_in(text: str) -> bool:
    """The text, up to a place's preposition, says where the actor's own people are ("The operators are believed to be
    based in"): "operators" there is no noun of victims."""
    return bool(_pattern("actor_lives_in").search(text))


def other_actors_subject(before: str) -> bool:
    """The sentence opens with other groups as its subject ("Other groups, such as APT34, have attacked ...")."""
    return bool(_pattern("other_actors_subject").match(before))
