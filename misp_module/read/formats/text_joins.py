"""Lines a page layout broke, joined back: what PDF export does to words, hashes and URLs at a line's end undone.

A writer breaks a line at a space, unless one word is longer than the line (a SHA-256 in a narrow table cell, a
long URL): then it breaks inside the word, and the line it breaks is filled to its right edge. Typesetters also
hyphenate words at a line's end. Both are undone here from what the layout tells: the text of the two lines and
whether the first one fills its column."""

from __future__ import annotations

from functools import lru_cache

from ...knowledge.regex_cache import compiled

# A word broken inside: the line's last word is long and the line filled its column to the edge.
BROKEN_WORD_MIN = 16
_LAST_TOKEN = compiled(r"(\S+)$")
_HYPHENATED = compiled(r"([^\W\d_]+)-$")
_FIRST_WORD = compiled(r"^([^\W\d_]+)")
_TITLE_CASE = compiled(r"[A-Z][a-z]+")
# A capitalised word's end on the next line is a common English word in a compound ("Russia-" + "linked",
# "Go-" + "based", "Windows-" + "specific"), and a piece of a name cut by hyphenation when it is not ("Kim-" +
# "suky", "Emo-" + "tet"). Zipf scale.
COMPOUND_PART_ZIPF = 3.0
_TOKEN_START = compiled(r"^[\w\[(/\\.:%@-]")
# wordfreq's Zipf scale: "re-" + "port" is "report" when the joined word is at least this common and not much
# rarer than the hyphenated pair ("self-service", "long-term", "command-and-control" keep their hyphen).
WORD_ZIPF = 1.5
COMPOUND_MARGIN = 1.6


@lru_cache(maxsize=4096)
def is_hyphenation(left: str, right: str) -> bool:
    """Whether a hyphen between `left` and `right` at a line's end was put there by hyphenation: the joined
    word is an English word at least about as common as the two as a hyphenated compound (wordfreq)."""
    from wordfreq import zipf_frequency

    joined = zipf_frequency(left + right, "en")
    return joined >= WORD_ZIPF and joined >= zipf_frequency(f"{left}-{right}", "en") - COMPOUND_MARGIN


@lru_cache(maxsize=4096)
def is_name_hyphenation(left: str, right: str) -> bool:
    """Whether a hyphen after a capitalised `left` at a line's end was put there by hyphenation: the word it
    makes is an English word ("Organ-" + "izations", a sentence's first word), or `right` is no common word
    and so no second part of a compound: a name cut in two ("Kim-" + "suky")."""
    from wordfreq import zipf_frequency

    return is_hyphenation(left.lower(), right) or zipf_frequency(right, "en") < COMPOUND_PART_ZIPF


def join_lines(previous: str, following: str, *, fills: bool, starts_line: bool) -> str:
    """`previous` and `following` as one line. `fills`: the previous line reaches its column's right edge;
    `starts_line`: its last word is the whole line (a word too long for a line starts a line of its own)."""
    if not previous:
        return following
    if not following:
        return previous
    if previous.endswith("\u00ad"):
        return previous[:-1] + following
    for mark in ("`", "**"):  # one code or bold span the line break cut in two
        if previous.endswith(mark) and following.startswith(mark):
            inner = join_lines(previous[: -len(mark)], following[len(mark) :], fills=fills, starts_line=starts_line)
            return inner
    hyphenated = _HYPHENATED.search(previous)
    if hyphenated and following[:1].isalnum():
        first = _FIRST_WORD.match(following)
        left = hyphenated.group(1)
        right = first.group(1) if first else ""
        # a word, not a host name ("update-" + "service.com") and not a name ("Cobalt-" + "Strike")
        plain = right.islower() and following[len(right) :][:1] != "."
        if plain and left.islower() and is_hyphenation(left, right):
            return previous[:-1] + following
        if plain and _TITLE_CASE.fullmatch(left) and is_name_hyphenation(left, right):
            return previous[:-1] + following
        # A compound's own hyphen ("command-and-control", "IMG-3874.zip"): kept, with no space after it.
        return previous + following
    last = _LAST_TOKEN.search(previous)
    if fills and last and starts_line and len(last.group(1)) >= BROKEN_WORD_MIN and _TOKEN_START.match(following):
        return previous + following
    return f"{previous} {following}"
