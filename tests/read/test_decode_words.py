"""`require_content` stops at the third word: the same verdict as counting every word of the text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.errors import ReportError
from misp_module.read.decode import require_content


def _has_three_words(text: str) -> bool:
    """Reference: every word counted."""
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 3


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("Two words", False),
        ("Two words and", True),
        ("a b c d e 1234 5678", False),
        ("x1 ab_cd ef 99 gh", True),
        ("# --\n\n1234 5678 !!!\n", False),
        ("Émile écrit ça", True),
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
