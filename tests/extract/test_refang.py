"""Refanging: every form analysts write, and idempotence (hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.refang import _DEFANG, _defangs, _PathWords, refang, refang_with_marks

FORMS = [
    ("hxxp://evil.com", "http://evil.com"),
    ("hXXps://evil.com", "https://evil.com"),
    ("hxxps[:]//evil[.]com", "https://evil.com"),
    ("hxxp[://]evil[.]com", "http://evil.com"),
    ("fxp://files[.]evil.com", "ftp://files.evil.com"),
    ("evil(.)com", "evil.com"),
    ("evil{.}com", "evil.com"),
    ("evil[dot]com", "evil.com"),
    ("evil(dot)com", "evil.com"),
    ("evil [.] com", "evil.com"),
    ("evil[[.]]com", "evil.com"),
    ("evil\\.com", "evil.com"),
    ("user[at]evil.com", "user@evil.com"),
    ("user(at)evil.com", "user@evil.com"),
    ("user[@]evil.com", "user@evil.com"),
    ("1.2.3[.]4[:]443", "1.2.3.4:443"),
    ("hxxps://evil[.]com[/]x", "https://evil.com/x"),
    ("Austria (AT), Germany (DE)", "Austria (AT), Germany (DE)"),
    ("the (.) character", "the (.) character"),
    ("%APPDATA%\\Microsoft\\.npl", "%APPDATA%\\Microsoft\\.npl"),
]


@pytest.mark.parametrize(("written", "meant"), FORMS)
def test_refang_forms(written: str, meant: str) -> None:
    assert refang(written) == meant


def test_marks_point_at_refanged_places() -> None:
    text, marks = refang_with_marks("see evil[.]com and good.org")
    assert text == "see evil.com and good.org"
    assert marks == [8]


DEFANG_ALPHABET = st.sampled_from([*"[](){}.:/@\\ hxtpsHXfatdo1ecm", "dot", "at", "hxxp", "[.]", "[:]//"])


@settings(max_examples=300, deadline=None)
@given(st.lists(DEFANG_ALPHABET, max_size=40).map("".join) | st.text(max_size=200))
def test_refang_is_idempotent(text: str) -> None:
    once = refang(text)
    assert refang(once) == once


def _word_has_path(text: str, position: int) -> bool:
    """Reference: the word around `position` (between spaces/newlines) keeps a backslash once escaped dots go."""
    start = max(text.rfind(" ", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [i for i in (text.find(" ", position), text.find("\n", position)) if i >= 0]
    word = text[start : min(ends, default=len(text))]
    return "\\" in re.sub(r"\\+\.", "", word)


PATH_ALPHABET = st.sampled_from([*"ab\\. \n%", "evil\\.com", "C:\\x\\.npl"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PATH_ALPHABET, max_size=40).map("".join))
def test_path_words_judge_each_escaped_dot_as_its_own_word_would(text: str) -> None:
    words = _PathWords(text)
    for match in re.finditer(r"(?<=\w)\\+\.(?=\w)", text):
        assert words.in_path(match) == _word_has_path(text, match.start())


@settings(max_examples=300, deadline=None)
@given(st.lists(DEFANG_ALPHABET, max_size=40).map("".join) | st.text(max_size=200))
def test_first_character_filter_changes_no_match(text: str) -> None:
    """The look-ahead that skips positions no form can start at finds exactly what the forms alone find."""
    unfiltered = re.compile(_DEFANG.pattern.split("(?:", 1)[1].join(["(?:", ""]), re.IGNORECASE)
    assert [(m.span(), m.lastgroup) for m in _DEFANG.finditer(text)] == [
        (m.span(), m.lastgroup) for m in unfiltered.finditer(text)
    ]


@settings(max_examples=500, deadline=None)
@given(st.lists(DEFANG_ALPHABET | st.sampled_from([*"xXhHfF[ (\\"]), max_size=40).map("".join) | st.text(max_size=200))
def test_forms_tried_at_their_possible_starts_only_are_every_form(text: str) -> None:
    """`_defangs` tries the pattern only after a bracket, a backslash, a space before "[" or an "h"/"f" before
    "x": the same matches as the pattern stepped through the whole text."""
    assert [(m.span(), m.lastgroup) for m in _defangs(text)] == [
        (m.span(), m.lastgroup) for m in _DEFANG.finditer(text)
    ]


@pytest.mark.parametrize(
    "text", ["x", "hx", "xhxxp://a", " [.] a [.] b", "a [.] b", "fXp[:]//a[.]b", "Fxp://a", "HXXP://a", "[[.]] [.]"]
)
def test_forms_at_the_edges_of_the_text(text: str) -> None:
    assert [m.span() for m in _defangs(text)] == [m.span() for m in _DEFANG.finditer(text)]


def test_a_long_line_of_escaped_words_stays_linear() -> None:
    text = "\n".join(["a\\.b"] * 200_000)
    refanged, marks = refang_with_marks(text)
    assert refanged == "\n".join(["a.b"] * 200_000)
    assert len(marks) == 200_000
