"""The linear model of ATT&CK techniques in prose (misp_module/data/technique-model.json.gz), loaded once.

A multinomial logistic regression over a sentence's words and word pairs, trained on ATT&CK's procedure
examples by scripts/build_technique_model.py (which says where the data comes from and how to rebuild it).
Scoring one sentence is a few hundred dictionary look-ups and additions in pure Python: no numpy or
scikit-learn at run time, nothing downloaded. The parsed model is kept in the disk cache as a pickle (twice
as fast to load as the compressed JSON), keyed by the model file's digest.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import math
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import chain, repeat
from operator import itemgetter
from pathlib import Path

from ..knowledge.cache import cache_dir, load_once, read_cached, write_cached
from ..knowledge.data import KnowledgeError, data_dir
from .techniques_features import FEATURES_VERSION, STOP, words

logger = logging.getLogger(__name__)

MODEL_FILE = "technique-model.json.gz"
NONE = "none"
_CACHE_FORMAT = 5
# Weights kept per feature, the classes a feature votes for (weight ≥ _STRONG, at most _VOTES), and how many
# of the most voted classes a sentence's probability is computed for.
_PER_FEATURE = 40
_STRONG = 0.5
_VOTES = 3
_CANDIDATES = 4
_NO_PAIRS: dict[str, int] = {}


def family(technique: str) -> str:
    """The parent technique of an ID ("T1053.005" → "T1053"); a parent is its own family."""
    return technique.split(".", 1)[0]


@dataclass(frozen=True)
class Guess:
    """What the model reads in one sentence: its best technique and the probability of it, and the same for
    the best family (a parent technique with all its sub-techniques)."""

    technique: str | None
    probability: float
    family: str | None
    family_probability: float
    families: dict[str, float]


@dataclass(frozen=True)
class WordRows:
    """The model's row of each word of a sentence and of each pair of neighbours, None where it has none."""

    words: list[int | None]
    pairs: list[int | None]

    def rows(self, first: int = 0, last: int | None = None) -> set[int]:
        """The rows of words first..last-1 (all by default): what `TechniqueModel.rows_of` gives for them.
        Built in the same order, so that a set iterates the same way whichever way it was computed."""
        last = len(self.words) if last is None else last
        # None never enters the set: its hash is its address, which changes from one process to the next, and
        # where it landed in the table changed the order the rows iterate in (ties between candidates and the
        # order of float sums follow that order). Rows alone make the same order in every process.
        found = {row for row in self.words[first:last] if row is not None}
        found.update(row for row in self.pairs[first : max(last - 1, first)] if row is not None)
        return found


class TechniqueModel:
    """The model's classes, intercepts and sparse weights, and the technique IDs ATT&CK retired."""

    def __init__(self, data: dict, key: str) -> None:
        self.key = key
        self.classes: list[str] = data["classes"]
        self.intercepts: list[float] = data["intercepts"]
        self.retired = frozenset(data.get("retired", ()))
        self.replaced_by: dict[str, str] = data.get("replaced_by", {})
        self.attribution: str = data.get("attribution", "")
        # Per word, its row number; per first word of a pair, the second words and the pair's row (a sentence's
        # pairs are looked up without building a string for each); per row, the few classes it is strong evidence
        # for (the candidates a sentence's words vote for); per class, its weights as rows and values. Flat
        # arrays, so that the disk cache loads in milliseconds; a class's weights become a dictionary on first use.
        self.word_rows: dict[str, int] = {}
        self.pair_rows: dict[str, dict[str, int]] = {}
        self.votes: list[tuple[int, ...]] = []
        class_rows: list[list[int]] = [[] for _ in self.classes]
        class_values: list[list[float]] = [[] for _ in self.classes]
        for row, (feature, pairs) in enumerate(data["features"].items()):
            first, _, second = feature.partition(" ")
            if second:
                self.pair_rows.setdefault(first, {})[second] = row
            elif first not in STOP and len(first) > 1:
                self.word_rows[first] = row
            entries = sorted(zip(pairs[0::2], pairs[1::2], strict=True), key=lambda e: -abs(e[1]))[:_PER_FEATURE]
            for target, weight in entries:
                class_rows[int(target)].append(row)
                class_values[int(target)].append(weight)
            self.votes.append(tuple(int(t) for t, w in sorted(entries, key=lambda e: -e[1])[:_VOTES] if w >= _STRONG))
        self.class_rows = [array("I", r) for r in class_rows]
        self.class_values = [array("f", v) for v in class_values]
        self._weights: list[dict[int, float] | None] = [None] * len(self.classes)
        self._exp_intercepts = [math.exp(b) for b in self.intercepts]
        self._exp_total = sum(self._exp_intercepts)
        self._none = self.classes.index(NONE) if NONE in self.classes else -1
        self._families = [family(c) for c in self.classes]

    def current(self, technique: str) -> str | None:
        """The ID to use for a technique ID: itself, its replacement if ATT&CK revoked it, None if deprecated."""
        technique = self.replaced_by.get(technique, technique)
        return None if technique in self.retired else technique

    def rows_of(self, tokens: list[str]) -> set[int]:
        """The model's rows of a sentence's features (techniques_features.features), from its words
        (techniques_features.words)."""
        return self.word_rows_of(tokens).rows()

    def word_rows_of(self, tokens: list[str]) -> WordRows:
        """The model's row of each word of a sentence and of each pair of neighbours (None where it has none):
        the pairs looked up without building a string for each, the rows of any run of words at hand."""
        # The pairs in two C-level passes: each word's dictionary of second words, then the next word in it.
        seconds = map(self.pair_rows.get, tokens[:-1], repeat(_NO_PAIRS))
        return WordRows(list(map(self.word_rows.get, tokens)), list(map(dict.get, seconds, tokens[1:])))

    def probabilities(self, text: str) -> dict[int, float]:
        """Probability of the few classes the sentence's words are strong evidence for (and of "none")."""
        return self.scores(self.rows_of(words(text)))

    def scores(self, found: set[int]) -> dict[int, float]:
        """Probability of the few classes a sentence's rows (`rows_of`) are strong evidence for (and of "none").

        Exact scores for those candidates only; every other class is taken at its prior (its intercept),
        which is what their small weights nearly add up to. A few dictionary operations per word instead
        of one addition per class and word: measured against the exact softmax on the held-out procedure
        examples, the same precision and recall within a point (tests/bench/bench_techniques.py)."""
        candidates, exps = self._exps(found)
        if not candidates:
            return {}
        total = self._exp_total + sum(exps) - sum(map(self._exp_intercepts.__getitem__, candidates))
        return {c: e / total for c, e in zip(candidates, exps, strict=True)}

    def _exps(self, found: set[int]) -> tuple[list[int], list[float]]:
        """The candidate classes of a sentence's rows, most voted first, and exp of each one's score.

        One pass of C-level calls per step: the votes counted at once (a stable sort keeps equal counts in
        the order the votes came in, as Counter.most_common does), each candidate's weights summed over the
        rows in one `sum(map(...))`, in the rows' own iteration order (the same float sums every time). (Counting
        into a plain dictionary with Counter's private loop saved a microsecond per sentence: not worth a
        private name.)"""
        counts = Counter(chain.from_iterable(map(self.votes.__getitem__, found)))
        if not counts:
            return [], []
        candidates = [c for c, _ in sorted(counts.items(), key=itemgetter(1), reverse=True)[:_CANDIDATES]]
        if self._none >= 0 and self._none not in candidates:
            candidates.append(self._none)
        scale = 1.0 / math.sqrt(len(found))
        intercepts, weights, exp = self.intercepts, self._weights, math.exp
        exps = []
        for c in candidates:
            row_weights = weights[c]
            if row_weights is None:
                row_weights = weights[c] = dict(zip(self.class_rows[c], self.class_values[c], strict=True))
            exps.append(exp(intercepts[c] + scale * sum(map(row_weights.get, found, repeat(0.0)))))
        return candidates, exps

    def guess(self, text: str) -> Guess:
        """The best technique and the best family of one sentence."""
        return self.guess_rows(self.rows_of(words(text)))

    def guess_rows(self, found: set[int]) -> Guess:
        """The best technique and the best family of a sentence's rows (`rows_of`): `scores`, read in the
        same order (the first of equal probabilities wins, as does the first of equal families)."""
        candidates, exps = self._exps(found)
        best, best_p = None, 0.0
        families: dict[str, float] = {}
        if candidates:
            total = self._exp_total + sum(exps) - sum(map(self._exp_intercepts.__getitem__, candidates))
            none, classes, parents = self._none, self.classes, self._families
            for c, e in zip(candidates, exps, strict=True):
                if c == none:
                    continue
                p = e / total
                parent = parents[c]
                families[parent] = families.get(parent, 0.0) + p
                if p > best_p:
                    best, best_p = classes[c], p
        top = max(families.items(), key=itemgetter(1), default=(None, 0.0))
        return Guess(best, best_p, top[0], top[1], families)


def _model_path() -> Path:
    return data_dir() / MODEL_FILE


def _read_model(path: Path, key: str) -> TechniqueModel:
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(f"{path}: cannot read the technique model ({exc}); reinstall misp-module") from exc
    if data.get("features_version", 1) != FEATURES_VERSION:
        raise KnowledgeError(
            f"{path}: the technique model was trained on other features than this version reads; "
            "rebuild it with scripts/build_technique_model.py"
        )
    return TechniqueModel(data, key)


@load_once
def technique_model() -> TechniqueModel:
    """The model, read once per process: from the disk cache when it is there, else from the package data."""
    source = _model_path()
    try:
        key = f"{_CACHE_FORMAT}.{FEATURES_VERSION}-{hashlib.sha256(source.read_bytes()).hexdigest()[:20]}"
    except OSError as exc:
        raise KnowledgeError(f"{source}: the technique model is missing ({exc}); reinstall misp-module") from exc
    folder = cache_dir()
    cache_path = folder / f"techniques-{key}.pickle" if folder else None
    if cache_path is not None:
        stored = read_cached(cache_path, "technique model")
        if isinstance(stored, TechniqueModel) and stored.key == key:
            return stored
    model = _read_model(source, key)
    if cache_path is not None:
        write_cached(cache_path, model, "technique model")
    return model
