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
