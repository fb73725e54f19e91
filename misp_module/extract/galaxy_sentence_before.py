"""The sentence before a name's, within its paragraph: what a sentence that lists instances ("These included ...",
"The countries include ...") counts is named there (galaxy_software_subject, galaxy_place_lists)."""

from __future__ import annotations

from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# The end of a sentence: its mark, a closing quote or bracket, then white space.
_SENTENCE_BREAK = compiled(r"[.!?][\"'\u201d\u2019)]*\s")
# How far back the sentence before is looked for.
_REACH = 300


def sentence_before(found: Found) -> str:
    """The sentence before the name's, within its paragraph (up to 300 characters)."""
    before = found.part.text[max(found.sentence_start - _REACH, 0) : found.sentence_start]
    before = before.rsplit("\n\n", 1)[-1].rstrip()
    breaks = [m.end() for m in _SENTENCE_BREAK.finditer(before)]
    return before[breaks[-1] :] if breaks else before
