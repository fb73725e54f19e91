"""A common-word software name that a free-form page is about (issue 8, recall: the page's subject missed).

A name that is also an English word ("Akira" 3.2, "Snake") counts only next to a word of its kind (galaxy_evidence).
News pages name their subject in the lead and then again and again without one ("Operators of Akira, a relatively new
entrant to the ransomware scene, have been targeting ...; Akira's members ...; how Akira obtained the logins"). The
place and the repetition say what the word is there: a name in the page's lead (its first `lead_chars` characters),
written with the same capitals in `min_mentions` places of the page, with a word of its kind in the sentence, names
the family (software_subject.yaml `page_subject`). A word the page writes once or twice, or far from its lead, still
needs a word of its kind beside it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_places import PROSE, Found

_WORDS = compiled(r"[a-z][a-z-]*")


@dataclass(frozen=True)
class _Rules:
    lead_chars: int
    min_mentions: int


@cache
def _rules() -> _Rules:
    data = load_data("software_subject.yaml")["page_subject"]
    return _Rules(int(data["lead_chars"]), int(data["min_mentions"]))


def page_subject(found: Found, kind: str, text: str, cues: Cues) -> bool:
    """The name is the page's subject with its kind in the sentence (see the module docstring); `text` is the report's
    text."""
    rules = _rules()
    if found.place != PROSE or found.match.start >= rules.lead_chars:
        return False
    own = set(_WORDS.findall(found.match.surface.lower()))
    if not (set(_WORDS.findall(found.sentence.lower())) - own) & cues.context.get(kind, frozenset()):
        return False
    written = re.finditer(rf"(?<![\w-]){re.escape(found.match.surface)}(?![\w-])", text)
    return sum(1 for _ in zip(range(rules.min_mentions), written, strict=False)) >= rules.min_mentions
