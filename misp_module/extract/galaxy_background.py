"""Sentences that name a place or a sector for something other than this report's victims (issue 8, cause 9).

A tag should mean the report is about it: MISP users filter events by tags, and MISP's search ignores the tag's
relationship_type. These patterns find the kinds of sentence that name countries, regions and sectors in passing: a
wrong lead since set right, figures of the whole field, the police at work against the actor, the report's own
readers, the users a product is popular with, the actor's own people, other groups as a sentence's subject. The place
and sector rules of `galaxy_targets` ask them once a targeting rule has read the name as a victim's: each pattern is
compiled on its first use (`compile_later`), as most reports never ask them.
"""

from __future__ import annotations

import re

from .galaxy_cues import compile_later

# A clause that tells a wrong lead or an early claim since set right ("Early reports wrongly pointed to Brazil", "the
# attack was misattributed to a crew in Brazil", "The first reports claimed the victims were in Brazil"): the places
# it names are not where this report's victims are.
MISATTRIBUTED = compile_later(
    r"\b(?:(?:wrongly|mistakenly|erroneously|incorrectly|falsely)\s+(?:[\w-]+\s+){0,2}?(?:pointed|attributed|blamed|"
    r"linked|tied|placed|reported|claimed|said|named|identified|believed|thought)|misattribut\w*|mis-attribut\w*|"
    r"(?:early|earlier|initial|first)\s+(?:news\s+|press\s+|media\s+)?reports?\s+(?:\w+\s+)?(?:claimed|said|suggested|"
    r"pointed|blamed|placed|linked|stated))\b",
    re.IGNORECASE,
)
# Law enforcement at work against the actor ("Police forces in Germany and the Netherlands seized the servers", "Law
# enforcement agencies in Europe took down the botnet"): an act of enforcement after the name in its clause, and a
# word of the enforcers before that act.
ENFORCEMENT_ACTS = compile_later(
    r"\b(?:arrested|arrests?|seized|seize[sd]?|took\s+down|taken\s+down|takes?\s+down|dismantled|dismantles?|detained|"
    r"charged|raided|disrupted|sinkholed|extradited|indicted|sentenced|convicted|shut\s+down|coordinated|led\s+the)\b",
    re.IGNORECASE,
)
ENFORCERS = compile_later(
    r"\b(?:police|law\s+enforcement|authorities|prosecutors|investigators|officers|FBI|Europol|Interpol|NCA|"
    r"gendarmerie|justice\s+(?:ministry|department)|department\s+of\s+justice|courts?)\b",
    re.IGNORECASE,
)
# Figures of the whole field, not of this report's victims ("Industry figures show that schools in the United Kingdom
# are a common target", "According to a government report, banks in Singapore faced more phishing").
FIELD_FIGURES = compile_later(
    r"\b(?:statistics|(?:industry|official|government|national|sector)\s+(?:figures|data|statistics|reports?|surveys?)|"
    r"(?<!our\s)(?<!own\s)figures\s+(?:show|suggest|published))\b",
    re.IGNORECASE,
)
# The actor's own people and where they are said to be ("The operators are believed to be based in Eastern Europe",
# "the developers are thought to live in Romania"): "operators" there is no noun of victims.
ACTOR_LIVES_IN = compile_later(
    r"\b(?:the|its|their|these|those)\s+(?:[\w-]+\s+)?(?:operators?|hackers|actors?|attackers|crew|gang|developers?|"
    r"authors?|members|affiliates)(?:\s+(?:are|is|were|was|be|been|being|believed|thought|said|reported|reportedly|likely|"
    r"probably|possibly|to|seem|seems|appear|appears|all|mostly|also|still|most))*\s+(?:based|live|lives|living|reside|"
    r"resides|residing|located|operate|"
    r"operates|operating|sit|sits|work|works|working)\s+(?:in|out\s+of|from)\s+$",
    re.IGNORECASE,
)
# The report's own audience ("This advisory is aimed at IT staff in hospitals across Canada", "This guide is for
# administrators of government networks"), and the users a product is popular with ("a VPN product popular with banks
# in Germany"): readers and customers, not victims.
AUDIENCE = compile_later(
    r"^\W*(?:this|the|our)\s+(?:[\w-]+\s+)?(?:advisory|guide|guidance|report|post|alert|bulletin|document|article|paper|"
    r"write-up|checklist|playbook|note)\s+(?:is\s+|was\s+)?(?:(?:primarily|mainly|specifically|also|chiefly)\s+)?"
    r"(?:aimed\s+at|for|intended\s+for|written\s+for|meant\s+for|addressed\s+to|directed\s+at)\b",
    re.IGNORECASE,
)
CUSTOMER_BASE = compile_later(
    r"\b(?:popular\s+(?:with|among)|widely\s+(?:used|deployed)\s+(?:by|in|at|among)|commonly\s+used\s+(?:by|in|at)|"
    r"favou?red\s+by|in\s+(?:wide\s+)?use\s+(?:at|by|in|among))\s+(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
# A sentence whose subject is other groups ("Other groups, such as APT34, have attacked banks in Lebanon"): what it
# names is theirs, up to a turn to the report's own ("...; this cluster hit").
OTHER_ACTORS_SUBJECT = compile_later(
    r"\W*(?:(?:several|many|some|two|three)\s+)?(?:other|different|unrelated)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:groups?|actors?|crews?|gangs?|clusters?|operators|apts?|operations)\b",
    re.IGNORECASE,
)


def misattributed(clause: str) -> bool:
    """The clause tells a wrong lead or an early claim since set right ("Early reports wrongly pointed to Brazil")."""
    return bool(MISATTRIBUTED.search(clause))


def field_figures(sentence: str) -> bool:
    """The sentence gives figures of the whole field ("Industry figures show that schools in ... are a common
    target"), not of this report's victims."""
    return bool(FIELD_FIGURES.search(sentence))


def audience(sentence: str, clause_before: str) -> bool:
    """The name is among the report's readers or a product's users: the sentence says whom the report is for ("This
    advisory is aimed at IT staff in hospitals"), or the name follows "popular with" and the like in its clause ("a VPN
    product popular with banks in Germany")."""
    return bool(AUDIENCE.match(sentence) or CUSTOMER_BASE.search(clause_before))


def enforcers(before: str, name: str, after: str, targeting: re.Pattern[str]) -> bool:
    """The name stands among the enforcers who act against the actor, before their act in its clause ("Police forces
    in Germany and the Netherlands seized the servers", "Law enforcement agencies in Europe took down the botnet"), with
    no targeting word before the act: the police's place and kind, not victims."""
    after = re.split(r"[;:]", after, maxsplit=1)[0][:120]
    act = ENFORCEMENT_ACTS.search(after)
    if not act or targeting.search(before) or targeting.search(after, 0, act.start()):
        return False
    return bool(ENFORCERS.search(before + name + after[: act.start()]))


def actor_lives_in(text: str) -> bool:
    """The text, up to a place's preposition, says where the actor's own people are ("The operators are believed to be
    based in"): "operators" there is no noun of victims."""
    return bool(ACTOR_LIVES_IN.search(text))


def other_actors_subject(before: str) -> bool:
    """The sentence opens with other groups as its subject ("Other groups, such as APT34, have attacked ...")."""
    return bool(OTHER_ACTORS_SUBJECT.match(before))
