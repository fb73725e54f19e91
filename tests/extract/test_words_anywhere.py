"""A word list found where one of its words begins (words_anywhere.py) answers as the pattern searched over the
whole text: the folds `str.lower` and `re.IGNORECASE` disagree on are the three it knows, and random texts of
platform words, neighbours and odd letters get the same answer both ways."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.galaxy_cues import cues, words_pattern
from misp_module.extract.galaxy_roles import Reader
from misp_module.extract.taxonomy_tags import _phrases, estimative_tags
from misp_module.extract.words_anywhere import FOLDS_APART, LoweredText, first_pieces, word_matches, words_anywhere
from misp_module.knowledge.data import load_data
from misp_module.knowledge.galaxies import galaxy_index
from misp_module.read.reader import read_report

PLATFORMS = load_data("galaxies.yaml")["platforms"]
WORDS = ["Windows", "VMware ESXi", "OS X", "iOS", "APK", "Win32", "C++", "tracked by ... as", "Symbian"]
PIECES = [
    *WORDS,
    *(w.upper() for w in WORDS),
    *(w.lower() for w in WORDS),
    "İOS",
    "ıOS",
    "ſymbian",
    "ſcan",
    "Scan",
    "\u212apk",
    "scenarios",
    "macOS-based",
    "x",
    "_",
    "-",
    " ",
    "\n",
    ".",
    "Σ",
    "é",
]


def test_folds_apart_are_the_only_letters_lower_and_ignorecase_disagree_on() -> None:
    """Every character `re.IGNORECASE` takes for an ASCII letter lower-cases to it, but the three kept apart."""
    every_character = "".join(map(chr, range(0x110000)))
    for letter in string.ascii_lowercase:
        taken = re.findall(f"[{letter}]", every_character, re.IGNORECASE)
        odd = [c for c in taken if c.lower() != letter]
        assert set(odd) <= set(FOLDS_APART), (letter, odd)


def test_first_pieces_are_lowered_ascii_up_to_the_first_space() -> None:
    assert first_pieces(["VMware ESXi", "OS X", "Win32"]) == ("vmware", "os", "win32")
    assert first_pieces(["Windows", "windows"]) == ("windows",)
    assert first_pieces(["Ärzte"]) is None
    assert first_pieces([" leading space"]) is None
    # Not ASCII: the whole text is searched by the pattern, as before.
    assert words_anywhere(words_pattern(["ſcan"]), ["ſcan"], LoweredText("a SCAN")) is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The loader runs on Windows hosts.", True),
        ("It ships as an APK.", True),
        ("An implant for VMware\n ESXi servers.", True),
        ("Several scenarios and studios.", False),
        ("The Windows-like shell.", False),
        ("A ſymbian handset", True),
        ("An İOS device", True),
        ("", False),
    ],
)
def test_platform_words_found_or_not(text: str, expected: bool) -> None:
    pattern = words_pattern(WORDS)
    assert (pattern.search(text) is not None) is expected
    assert words_anywhere(pattern, WORDS, LoweredText(text)) is expected


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_same_answer_as_the_whole_text_search(pieces: list[str], words: list[str]) -> None:
    text = "".join(pieces)
    pattern = words_pattern(words)
    assert words_anywhere(pattern, words, LoweredText(text)) == (pattern.search(text) is not None)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"aiksoxwndAIKSOXWND -_.\n", *FOLDS_APART, "\u212a", "Σ"]), max_size=60))
def test_same_answer_over_odd_letters(text: str) -> None:
    for words in (["iOS", "iPad"], ["Skype"], ["OS X", "osx"], ["ſkype"]):
        pattern = words_pattern(words)
        assert words_anywhere(pattern, words, LoweredText(text)) == (pattern.search(text) is not None)


def test_the_platform_patterns_are_made_of_the_platform_words() -> None:
    """names_platform hands the words of galaxies.yaml with the pattern of cues(): the same list."""
    for platform, words in PLATFORMS.items():
        assert cues().platforms[platform].pattern == words_pattern(words).pattern


def test_reader_names_the_platforms_the_report_names() -> None:
    text = "# Report\n\nThe implant targets Android handsets and, through a second stage, Linux servers.\n"
    report = read_report(text.encode(), identity="p", name="p.md", max_bytes=10**6)
    reader = Reader(report, galaxy_index())
    for platform in PLATFORMS:
        expected = cues().platforms[platform].search(report.text) is not None
        assert reader.names_platform(platform) is expected
    assert reader.names_platform("Android") and reader.names_platform("ELF")
    assert not reader.names_platform("iOS")


def test_overlapping_places_of_a_piece_are_each_tried() -> None:
    """ "$$$ bill": the piece "$$" starts at 0 (no match there) and at 1 (the match)."""
    words = ["$$ bill"]
    assert words_pattern(words).search("$$$ bill") is not None
    assert words_anywhere(words_pattern(words), words, LoweredText("$$$ bill")) is True


ESTIMATIVE = _phrases()
PHRASE_PIECES = [
    *ESTIMATIVE.tags,
    "Highly  Likely",
    "LIKELY",
    "ſlow",
    "follow",
    "below",
    "unlikely-",
    "x",
    " ",
    "\n",
    "-",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PHRASE_PIECES), max_size=30))
def test_estimative_matches_are_those_of_the_whole_text_search(pieces: list[str]) -> None:
    text = "".join(pieces)
    expected = [(m.start(), m.end()) for m in ESTIMATIVE.estimative.finditer(text)]
    found = [(m.start(), m.end()) for m in word_matches(ESTIMATIVE.estimative, ESTIMATIVE.tags, LoweredText(text))]
    assert found == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.lists(st.sampled_from(WORDS), min_size=1, max_size=4))
def test_word_matches_are_those_of_finditer(pieces: list[str], words: list[str]) -> None:
    text = "".join(pieces)
    pattern = words_pattern(words)
    expected = [(m.start(), m.end()) for m in pattern.finditer(text)]
    assert [(m.start(), m.end()) for m in word_matches(pattern, words, LoweredText(text))] == expected


def test_estimative_tags_of_a_report_sentence() -> None:
    text = "We assess with high confidence that the actor is highly likely to return; a Σ-free, ſtill likely note."
    assert estimative_tags(text) == [
        'estimative-language:confidence-in-analytic-judgment="high"',
        'estimative-language:likelihood-probability="very-likely"',
        'estimative-language:likelihood-probability="likely"',
    ]
