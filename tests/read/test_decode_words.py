"""`require_content` stops at the third word: the same verdict as counting every word of the text; ligatures are
replaced as a translation table would (only where one is)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.errors import ReportError
from misp_module.read.decode import require_content, without_ligatures


def _has_three_words(text: str) -> bool:
    """Reference: every word counted (or a bare indicator found)."""
    bare = re.search(
        r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])|(?<![0-9A-Za-z])[0-9A-Fa-f]{32,128}(?![0-9A-Za-z])", text
    )
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 3 or bare is not None


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("Two words", False),
        ("Two words and", True),
        ("a b c d e 1234 5678", False),
        ("x1 ab_cd ef 99 gh", True),
        ("# --\n\n1234 5678 !!!\n", False),
        ("Émile écrit ça", True),
        ("203.0.113.5\n198.51.100.7\n", True),
        ("C2 <203.0.113.5>", True),
        ("d41d8cd98f00b204e9800998ecf8427e\n", True),
        ("1.2.3 4.5 12345678", False),
    ],
)
def test_three_words_of_two_letters_or_more_are_content(text: str, accepted: bool) -> None:
    if accepted:
        require_content(text, "r.md")
    else:
        with pytest.raises(ReportError, match="no recognisable content"):
            require_content(text, "r.md")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["ab", "a", "12", " ", "_", "é", "x9", "\n", "--"]), max_size=12).map("".join))
def test_verdict_is_that_of_counting_every_word(text: str) -> None:
    try:
        require_content(text, "r.md")
        accepted = True
    except ReportError:
        accepted = False
    assert accepted == _has_three_words(text)


_LIGATURE_LETTERS = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"ab \n", *map(chr, range(0xFAFF, 0xFB08)), "é", "\U0001f600"])))
def test_ligatures_replaced_as_a_translation_table_does(text: str) -> None:
    """Only the seven ligatures become their letters; everything else, the neighbours U+FAFF and U+FB07
    included, stays as it is."""
    assert without_ligatures(text) == text.translate(_LIGATURE_LETTERS)


def test_ligatures_in_a_sentence() -> None:
    assert without_ligatures("the \ufb01rmware was exﬁltrated, \ufb00ect \ufb06op") == (
        "the firmware was exfiltrated, ffect stop"
    )
