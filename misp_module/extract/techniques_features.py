"""The words and word pairs the technique model reads in a sentence: one function shared by the model's build
script (scripts/build_technique_model.py) and the recogniser, so both see a sentence the same way.

Plain regexes without nested quantifiers: one linear pass per sentence."""

from __future__ import annotations

import itertools

from ..knowledge.regex_cache import compiled

# A word: letters and digits; "cmd.exe" gives "cmd" and "exe", "rundll32" stays whole.
_WORD = compiled(r"[a-z0-9]+")
_DIGITS = compiled(r"\d+")
# Markdown and code marks that carry no meaning for the model.
_MARKS = compiled(r"[`*_]")
# Words too frequent to say anything alone; they still count inside word pairs ("copies itself").
STOP = frozenset(
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
# Changes with what `features` returns: a model is only read with the features it was trained on.
FEATURES_VERSION = 2
# Endings taken off a word of more than three letters, the first that fits, keeping at least three letters:
# "dumps", "dumped", "dumping" read as "dump", "create(s/d)" as "creat" — reports and ATT&CK's examples tell
# the same action in different tenses.
_ENDINGS = ("ing", "ed", "es", "s", "e")
# Each word seen and how it reads (stemmed, or its digits folded): one look-up per word after the first time.
_folded: dict[str, str] = {}
_FOLDED_MAX = 500_000


def _fold(word: str) -> str:
    if word[0].isdigit():
        folded = _DIGITS.sub("0", word)
    else:
        folded = word
        if len(word) > 3 and word.isalpha() and word not in STOP:
            for ending in _ENDINGS:
                if word.endswith(ending) and len(word) - len(ending) >= 3:
                    folded = word[: -len(ending)]
                    break
    if len(_folded) < _FOLDED_MAX:
        _folded[word] = folded
    return folded


def words(text: str) -> list[str]:
    """The sentence's words, lower case, stemmed, numbers folded to '0' ("port 443" and "port 8080" read
    alike)."""
    lowered = _MARKS.sub(" ", text[: MAX_WORDS * 40].lower())
    known = _folded.get
    return [known(w) or _fold(w) for w in _WORD.findall(lowered)[:MAX_WORDS]]


def word_starts(text: str) -> list[int] | None:
    """Where each of `words(text)` begins in the text, so that the words of a part of it are a slice of them;
    None where that would not hold: lower-casing changed the text's length ("İ"), or the text is cut
    (longer than words() reads)."""
    head = text[: MAX_WORDS * 40]
    lowered = head.lower()
    if len(head) < len(text) or len(lowered) != len(head):
        return None
    starts = [m.start() for m in _WORD.finditer(_MARKS.sub(" ", lowered))]
    return starts if len(starts) <= MAX_WORDS else None


def features(text: str) -> set[str]:
    """The distinct unigrams (without stop words) and bigrams of a sentence."""
    tokens = words(text)
    found = {w for w in tokens if w not in STOP and len(w) > 1}
    found.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return found
