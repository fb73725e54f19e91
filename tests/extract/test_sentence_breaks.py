"""The sentence breaks of galaxy_background found in one pass give, for every position, the same sentence start as
the scan of the text cut there that they replace (that scan, once per cue of field context, was quadratic in a
long part)."""

from __future__ import annotations

import random

from misp_module.extract.galaxy_background import _SENTENCE_BREAK, _Breaks

# The characters the break pattern looks at, and letters: runs of them make breaks that run across any cut.
_CHARACTERS = [".", "!", "?", '"', "'", ")", "]", "*", "_", " ", " ", "\n", "\n", "\t", "a", "b"]


def _scanned(text: str, position: int) -> int:
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text, 0, position)]
    return ends[-1] if ends else 0


def test_last_break_before_each_position_is_the_one_of_the_text_cut_there() -> None:
    generator = random.Random(13)
    for _ in range(3000):
        text = "".join(generator.choice(_CHARACTERS) for _ in range(generator.randint(0, 30)))
        breaks = _Breaks(text)
        for position in range(len(text) + 1):
            assert breaks.last_before(position) == _scanned(text, position), (text, position)


def test_sentence_start_in_prose() -> None:
    text = 'Qilin claimed more victims. "So far this year," it said.\n\nAnother paragraph starts here.'
    breaks = _Breaks(text)
    assert breaks.last_before(text.index("So far")) == text.index('"So far')
    assert breaks.last_before(text.index("Another")) == text.index("Another")
    assert breaks.last_before(5) == 0
