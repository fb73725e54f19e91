"""The sentence ends of galaxy_sentences, matched white space first, are those of the plain pattern they replace."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from misp_module.extract.galaxy_sentences import _SENTENCE_END, Sentences

# A mark closes a sentence, or a closing quote or bracket right after it does.
PLAIN = re.compile(
    r"(?:(?<=[.!?])(?<!\b[aA]\.[kK]\.[aA]\.)|(?<=[.!?][\"'\u201d\u2019)]))\s+(?=[^a-z])"
    r"|\n[ \t]*(?:\n\s*|(?=[-*+|#>]|\d+[.)]\s))"
)
PIECES = [".", "!", "?", " ", "  ", "\n", "\n\n", "\t", "a.k.a.", "A.K.A.", "aka.", "x", "X", "Turla", "-", "*", "|"]
PIECES += ["#", ">", "1.", "2)", "12", "\u00a0", "\u2028", "\x0b", "é", "É", "(", '"', ")", "'", "\u201d", "\u2019"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_same_ends_as_the_plain_pattern(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]


def test_sentences_of_a_part() -> None:
    text = "Turla, a.k.a. Snake, struck. Then it left!\nA wrapped line\ngoes on.\n\n- an item\n| a | row |\nEnd? yes."
    sentences = Sentences(text)
    pieces = [text[a:b] for a, b in zip(sentences.starts, sentences.ends, strict=True)]
    assert pieces == [
        "Turla, a.k.a. Snake, struck.",
        "Then it left!",
        "A wrapped line\ngoes on.",
        "- an item",
        # (A line after a table row goes on with it; "? yes" goes on in lower case.)
        "| a | row |\nEnd? yes.",
    ]


def test_a_quote_closed_after_the_mark_ends_its_sentence() -> None:
    text = 'A researcher wrote, "The crew is busy." The advisory adds more. (It was short.) Then "quiet," she said.'
    sentences = Sentences(text)
    pieces = [text[a:b] for a, b in zip(sentences.starts, sentences.ends, strict=True)]
    assert pieces == [
        'A researcher wrote, "The crew is busy."',
        "The advisory adds more.",
        "(It was short.)",
        'Then "quiet," she said.',
    ]
