"""The cue lists are compiled on first use, and then answer exactly as the compiled pattern."""

from __future__ import annotations

import re

from misp_module.extract.galaxy_cues import words_pattern


def test_cue_pattern_compiled_on_first_use_answers_as_the_pattern() -> None:
    cue = words_pattern(["also known as", "tracked by ... as", "aka"])
    assert "search" not in vars(cue)  # nothing compiled yet
    text = "APT29, also known as Cozy Bear, is tracked by several vendors as Midnight Blizzard; akaX is no cue."
    compiled = re.compile(cue.pattern, cue.flags)
    assert "search" in vars(cue)
    assert [m.span() for m in cue.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert [m.group() for m in cue.finditer(text)] == ["also known as", "tracked by several vendors as"]
    assert cue.search(text, 30).group() == "tracked by several vendors as"
    assert cue.match(text) is None and cue.fullmatch("AKA") is not None
    assert cue.sub("_", "aka x") == "_ x"


def _plain(words: list[str]) -> re.Pattern[str]:
    """The same list as one alternation of every word, longest first (before the grouping by first letter)."""
    words = sorted(words, key=len, reverse=True)
    alternatives = "|".join(
        re.escape(w).replace(r"\ \.\.\.\ ", r"\s+(?:[^\s.;:,()]+\s+){0,5}?").replace(r"\ ", r"\s+") for w in words
    )
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def test_words_grouped_by_first_letter_match_where_and_as_the_plain_alternation_does() -> None:
    # Words sharing first letters, a word inside a longer one, a phrase with " ... ", upper case, a one-letter
    # word and digits: every match has the same span (the same word wins where two could).
    words = ["to", "targeting", "Targeted attacks on", "target", "hit", "hits ... in", "a", "2FA", "t", "Took"]
    sentences = [
        "The crew targeted attacks on banks and hit hospitals in Peru.",
        "Targeting went on; they took a 2FA code, then hits on three ministries in Chile followed.",
        "T to tar target targets TARGETING a-b hit-list",
        "hits across the old and new networks in Oslo",
    ]
    grouped, plain = words_pattern(words), _plain(words)
    for sentence in sentences:
        assert [m.span() for m in grouped.finditer(sentence)] == [m.span() for m in plain.finditer(sentence)]
    assert [m.group() for m in grouped.finditer(sentences[0])] == ["targeted attacks on", "hit"]


def test_a_list_with_a_word_that_does_not_begin_with_a_letter_is_left_ungrouped() -> None:
    words = [".NET", "net", "Nettle"]
    pattern = words_pattern(words)
    assert [m.group() for m in pattern.finditer("a .NET loader, a net and Nettle")] == [".NET", "net", "Nettle"]
