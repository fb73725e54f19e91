"""When a sentence supports a sub-technique rather than only its parent.

The model (techniques_model.py) was trained on ATT&CK's procedure examples, where most sentences of a family are
labelled with one of its sub-techniques; it names a sub-technique for sentences that only say the family's
behaviour ("clears the logs" read as Clear Windows Event Logs, "phishing" read as Spearphishing via Service).
A wrong sub-technique costs an analyst more than the parent: the model's sub-technique is kept only where it
holds most of its family's probability (`sub_share`, data/techniques.yaml) and the sentence has a word of that
sub-technique's own: a word of its ATT&CK name that neither the parent's name nor a sibling's has ("Windows",
"Event" for Clear Windows Event Logs; "Link" for Spearphishing Link), a word of `sub_terms`
(data/technique_cues.yaml: how reports say it, "self-deletes", "cmd"), or one of its `sub_hints`. Else the
sentence is evidence for the parent.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from functools import cache
from operator import methodcaller

from ..knowledge.data import load_data
from ..knowledge.galaxy_matching import Cluster
from ..knowledge.regex_cache import compiled
from .technique_cues import sub_hint_patterns
from .techniques_model import Guess

_NAME_WORD = compiled(r"[a-z0-9]+")
# Words of a technique's name that say no behaviour of their own.
_NAME_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "or",
        "to",
        "for",
        "via",
        "with",
        "on",
        "in",
        "by",
        "from",
        "other",
        "non",
        "at",
        "as",
    ]
)
# Endings cut from a name's words so that a sentence's forms of them match ("Deletion" → "delet": "deletes").
_ENDINGS = ("ations", "ation", "ions", "ion", "ments", "ment", "ing", "ed", "es", "s")
_MIN_STEM = 4


def _stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _name_stems(name: str) -> frozenset[str]:
    """The stems of a technique name's words ("File Deletion - T1070.004" → {"file", "delet"})."""
    name = name.rsplit(" - T", 1)[0].lower()
    return frozenset(_stem(w) for w in _NAME_WORD.findall(name) if w not in _NAME_STOP)


class OwnStems(Mapping[str, frozenset[str]]):
    """Per sub-technique, the stems of its name's words that its parent's name and its siblings' names lack.

    Computed for a family the first time one of its sub-techniques is asked: a report asks a few families,
    and stemming every name of the galaxy at the first sentence cost a cold `convert` 15-20 ms."""

    def __init__(self, clusters: Mapping[str, Cluster]) -> None:
        self._clusters = clusters
        self._families: dict[str, list[str]] = {}
        for technique in clusters:
            if "." in technique:
                self._families.setdefault(technique.split(".", 1)[0], []).append(technique)
        self._names: dict[str, frozenset[str]] = {}
        self._own: dict[str, frozenset[str]] = {}

    def _stems(self, technique: str) -> frozenset[str]:
        stems = self._names.get(technique)
        if stems is None:
            cluster = self._clusters.get(technique)
            stems = self._names[technique] = _name_stems(cluster.value) if cluster is not None else frozenset()
        return stems

    def __getitem__(self, sub: str) -> frozenset[str]:
        held = self._own.get(sub)
        if held is not None:
            return held
        parent = sub.split(".", 1)[0]
        subs = self._families.get(parent, []) if "." in sub else []
        if sub not in subs:
            raise KeyError(sub)
        others = set(self._stems(parent))
        for sibling in subs:
            if sibling != sub:
                others |= self._stems(sibling)
        names = self._stems(sub)
        # Stems that begin alike are one word's ("obfusc" of "Obfuscation", "obfuscat" of "Obfuscated"), unless
        # that leaves none ("Systemd Service" beside "Create or Modify System Process").
        alike = frozenset(s for s in names if not any(s.startswith(o) or o.startswith(s) for o in others))
        held = self._own[sub] = alike or names - others
        return held

    def __contains__(self, sub: object) -> bool:
        return isinstance(sub, str) and "." in sub and sub in self._families.get(sub.split(".", 1)[0], [])

    def __iter__(self) -> Iterator[str]:
        return (sub for subs in self._families.values() for sub in subs)

    def __len__(self) -> int:
        return sum(len(subs) for subs in self._families.values())


def own_stems(clusters: Mapping[str, Cluster]) -> OwnStems:
    """Per sub-technique, the stems of its name's words that its parent's name and its siblings' names lack
    (`OwnStems`, computed per family on first use)."""
    return OwnStems(clusters)


_OWN_CACHE: dict[int, tuple[object, OwnStems]] = {}


def own_stems_of(key: object, clusters: Mapping[str, Cluster]) -> OwnStems:
    """`own_stems`, computed once per galaxy index (`key`)."""
    held = _OWN_CACHE.get(id(key))
    if held is None or held[0] is not key:
        _OWN_CACHE.clear()
        held = _OWN_CACHE[id(key)] = (key, own_stems(clusters))
    return held[1]


@cache
def _sub_term_expressions() -> dict[str, str]:
    terms = load_data("technique_cues.yaml").get("sub_terms") or {}
    return {str(t): "|".join(f"(?:{p})" for p in patterns) for t, patterns in terms.items()}


@cache
def _sub_term(technique: str) -> re.Pattern[str] | None:
    """A sub-technique's `sub_terms` as one expression, compiled the first time it is asked (a report asks a
    few), None where it has none."""
    expression = _sub_term_expressions().get(technique)
    return None if expression is None else compiled(expression)


def supports_sub(technique: str, lowered: str, own: Mapping[str, frozenset[str]]) -> bool:
    """The lower-cased sentence has a word of the sub-technique's own (its name's, `sub_terms`, `sub_hints`);
    True where none is known (a name all of whose words a sibling's has, "Server" and "Serverless", and no
    terms or hints): nothing to judge by."""
    stems = own.get(technique)
    if stems and any(map(methodcaller("startswith", tuple(stems)), _NAME_WORD.findall(lowered))):
        return True
    pattern = _sub_term(technique)
    if pattern is not None and pattern.search(lowered):
        return True
    hint = sub_hint_patterns(technique)
    if hint is not None and hint.search(lowered):
        return True
    return not stems and pattern is None and hint is None


@cache
def _sub_share() -> float:
    return float(load_data("techniques.yaml")["sub_share"])


def checked(guess: Guess, sentence: str, own: Mapping[str, frozenset[str]]) -> Guess:
    """The model's guess on a sentence with its sub-technique replaced by the parent where the sentence does
    not support it (`supports_sub`) or where its siblings hold too much of the family's probability: the
    parent then has the family's probability."""
    technique = guess.technique
    if technique is None or "." not in technique:
        return guess
    parent = technique.split(".", 1)[0]
    family_probability = guess.families.get(parent, 0.0)
    if guess.probability >= _sub_share() * family_probability and supports_sub(technique, sentence.lower(), own):
        return guess
    return replace(guess, technique=parent, probability=family_probability)
