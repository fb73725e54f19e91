"""The rules of technique recognition (data/techniques.yaml), compiled once (`_rules`), and the galaxy the
recogniser tags: its name, the recognitions, and its technique clusters by ATT&CK ID. Every step of the
recogniser (sentences, filters, names, model decisions, the document-level settle) reads them from here."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.galaxies import Cluster, GalaxyIndex
from ..settings import TECHNIQUE_RECOGNITIONS
from .galaxy_cues import compile_later
from .regex_literals import GatedPattern

IDS, NAMES, PROSE = TECHNIQUE_RECOGNITIONS
GALAXY = "mitre-attack-pattern"
USES = "uses"


@dataclass(frozen=True)
class _Rules:
    threshold: float
    evidence: float
    name_support: float
    weights: dict[str, float]
    default_weight: float
    defender_headings: re.Pattern[str]
    adversary_headings: re.Pattern[str]
    not_behaviour: re.Pattern[str]
    negation: re.Pattern[str]
    # Defence, the researchers' attribution and page furniture: words that take the whole sentence out.
    defender: re.Pattern[str]
    elsewhere: re.Pattern[str]
    advice: re.Pattern[str]
    # An advice opener that is a noun ("Audit & system logs cleared."): not advice after all.
    advice_nouns: re.Pattern[str]
    # The `descriptive` expressions of a sentence's opening ("^…"), as one expression tried at its start only
    # (`match`); the others: `descriptive_anywhere`.
    descriptive_openers: re.Pattern[str]
    distinctive_zipf: float
    asset_families: frozenset[str]
    pieces_gate: float
    sub_support: float
    hint_weight: float
    hint_reach: int


@cache
def descriptive_anywhere() -> tuple[GatedPattern, ...]:
    """The `descriptive` expressions found anywhere in a sentence, each behind its own literal gate (made on first
    use): their union's gate held "in the " and let most sentences through, while most sentences lack the words of
    every single expression."""
    data = load_data("techniques.yaml")
    return tuple(GatedPattern(str(p)) for p in data.get("descriptive") or () if not str(p).startswith("^"))


def _any_of(patterns: Iterable[str]) -> re.Pattern[str]:
    """Any of the regular expressions (lower case, matched in the lower-cased sentence), compiled on first use."""
    return compile_later("|".join(f"(?:{p})" for p in patterns) or r"(?!)")


def _words(words: Iterable[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Any of the words or phrases, whole (used only to ask whether a text has one), compiled on first use
    (`compile_later`: the narrower lists are asked only of sentences the union matched). The alternatives are
    grouped by their first character, "n(?:o|ot|ever)" rather than "no|not|never": the same texts match, and
    the engine tries one group at each word start instead of every phrase (a search 2.5 times faster)."""
    return compile_later(_words_expression(words), flags)


def _words_expression(words: Iterable[str]) -> str:
    """The expression of `_words`. A space in a phrase matches any run of white space: a sentence read from a page
    keeps its line breaks and doubled spaces ("We have     notified the owners …")."""
    expression = _by_first_character(str(w).lower() for w in words).replace(r"\ ", r"\s+")
    return rf"(?<![\w-])(?:{expression})(?![\w-])"


def _whole(data: dict) -> list[str]:
    """The phrases that take a whole sentence out, not only the clauses they reach: defence and advice
    (`defender`), the researchers' attribution (`attribution`) and page furniture announcing other stories
    (`furniture`)."""
    return [*data["defender"], *data.get("attribution", ()), *data.get("furniture", ())]


def _by_first_character(words: Iterable[str]) -> str:
    """An alternation of the words, grouped by first character, longest first in each group."""
    groups: dict[str, set[str]] = {}
    for word in words:
        if word:
            groups.setdefault(word[0], set()).add(word[1:])
    return "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in sorted(rests, key=lambda r: (-len(r), r))) + ")"
        for first, rests in sorted(groups.items())
    )


@cache
def _rules() -> _Rules:
    data = load_data("techniques.yaml")
    return _Rules(
        threshold=float(data["threshold"]),
        evidence=float(data["evidence"]),
        name_support=float(data["name_support"]),
        weights={str(k): float(v) for k, v in data["section_weights"].items()},
        default_weight=float(data["default_weight"]),
        defender_headings=_words(data["defender_headings"]),
        adversary_headings=_words(data["adversary_headings"]),
        # Both searched in the lower-cased sentence: one case-sensitive search is several times faster.
        not_behaviour=_words([*data["negation"], *_whole(data), *data["past"], *data["other_actors"]], 0),
        negation=_words(data["negation"], 0),
        defender=_words(_whole(data), 0),
        elsewhere=_words([*data["past"], *data["other_actors"]], 0),
        # (after a conjunction that joins the advice to the advice before it: "And check your installed apps …")
        advice=compile_later(
            rf"^\W*(?:(?:{'|'.join(map(re.escape, data['advice_joiners']))})\W+)?"
            rf"{_words_expression(data['advice_openers'])}"
        ),
        advice_nouns=_any_of(data.get("advice_nouns") or ()),
        descriptive_openers=_any_of(p for p in data.get("descriptive") or () if str(p).startswith("^")),
        distinctive_zipf=float(data["names"]["distinctive_zipf"]),
        asset_families=frozenset(str(f) for f in data["names"]["asset_families"]),
        pieces_gate=float(data["pieces_gate"]),
        sub_support=float(data["sub_support"]),
        hint_weight=float(data["hint_weight"]),
        hint_reach=int(data["hint_reach"]),
    )


@cache
def _clusters_by_id(index: GalaxyIndex) -> dict[str, Cluster]:
    found: dict[str, Cluster] = {}
    for cluster in index.clusters:
        if cluster.galaxy == GALAXY and cluster.external_id and not cluster.revoked:
            found.setdefault(cluster.external_id.upper(), cluster)
    return found
