"""The words and word pairs the technique model reads in a sentence: one function shared by the model's build
script (scripts/build_technique_model.py) and the recogniser, so both see a sentence the same way.

Plain regexes without nested quantifiers: one linear pass per sentence."""

from __future__ import annotations

import itertools
import re

# A word: letters and digits; "cmd.exe" gives "cmd" and "exe", "rundll32" stays whole.
_WORD = re.compile(r"[a-z0-9]+")
_DIGITS = re.compile(r"\d+")
# Markdown and code marks that carry no meaning for the model.
_MARKS = re.compile(r"[`*_]")
# Words too frequent to say anything alone; they still count inside word pairs ("copies itself").
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "also",
        "into",
        "their",
        "them",
        "they",
        "then",
        "than",
        "via",
    ]
)
# A sentence longer than this many words is read up to it: bounded work per sentence.
MAX_WORDS = 80


def words(text: str) -> list[str]:
    """The sentence's words, lower case, numbers folded to '0' ("port 443" and "port 8080" read alike)."""
    lowered = _MARKS.sub(" ", text.lower())
    return [_DIGITS.sub("0", w) if w[0].isdigit() else w for w in _WORD.findall(lowered)[:MAX_WORDS]]


def features(text: str) -> set[str]:
    """The distinct unigrams (without stop words) and bigrams of a sentence."""
    tokens = words(text)
    found = {w for w in tokens if w not in _STOP and len(w) > 1}
    found.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return found
