"""A common-word software name that a free-form page is about (issue 8, recall: the page's subject missed).

A name that is also an English word ("Akira" 3.2, "Snake") counts only next to a word of its kind (galaxy_evidence).
News pages name their subject in the lead and then again and again without one ("Operators of Akira, a relatively new
entrant to the ransomware scene, have been targeting ...; Akira's members ...; how Akira obtained the logins"). The
place and the repetition say what the word is there: a name in the page's lead (its first `lead_chars` characters),
written with the same capitals in `min_mentions` places of the page, with a word of its kind in the sentence, names
the family (software_subject.yaml `page_subject`). A word the page writes once or twice, or far from its lead, still
needs a word of its kind beside it.

So does a name only a noisy galaxy knows that carries its kind word itself ("PLAY Ransomware", which the ransomware
galaxy lists beside its "play"): its own word never confirms it (galaxy_evidence), but in the page's lead, its head
written in `min_mentions` places and with its kind word right after it in two more, it is the page's subject
(`kind_in_name`).
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
    title_mentions: int


@cache
def _rules() -> _Rules:
    data = load_data("software_subject.yaml")["page_subject"]
    return _Rules(int(data["lead_chars"]), int(data["min_mentions"]), int(data["title_mentions"]))


def page_subject(found: Found, kind: str, text: str, cues: Cues, title: str = "", titled_only: bool = False) -> bool:
    """The name is the page's subject with its kind in the sentence (see the module docstring); `text` is the report's
    text, `title` its title: a name the title writes needs `title_mentions` places of the page, not `min_mentions`.
    With `titled_only` (a word a noisy galaxy lists in lower case, "medusa", "play"), only a name the title writes."""
    rules = _rules()
    if found.place != PROSE or found.match.start >= rules.lead_chars:
        return False
    own = set(_WORDS.findall(found.match.surface.lower()))
    words = set(_WORDS.findall(found.sentence.lower())) - own
    # (its kind word in the plural too: "one of the longest-running espionage groups")
    words |= {w.removesuffix("s") for w in words}
    if not words & cues.context.get(kind, frozenset()):
        return False
    pattern = rf"(?<![\w-]){re.escape(found.match.surface)}(?![\w-])"
    titled = bool(re.search(pattern, title))
    if titled_only and not titled:
        return False
    wanted = rules.title_mentions if titled else rules.min_mentions
    written = re.finditer(pattern, text)
    return sum(1 for _ in zip(range(wanted), written, strict=False)) >= wanted


def kind_in_name(found: Found, kind: str, text: str, cues: Cues) -> bool:
    """The name carries its kind word ("PLAY Ransomware") and is the page's subject (see the module docstring)."""
    rules = _rules()
    words = found.match.surface.split()
    kinds = cues.context.get(kind, frozenset())
    head = [w for w in words if w.lower() not in kinds]
    if found.place != PROSE or found.match.start >= rules.lead_chars or not 0 < len(head) < len(words):
        return False
    # The head as written, capitalised or in capitals ("PLAY", "Play"); not in lower case, a word of the language.
    writings = {r"\s+".join(re.escape(shape(w)) for w in head) for shape in (str, str.title, str.upper)}
    head_pattern = "|".join(sorted(writings))
    mentions = re.finditer(rf"(?<![\w-])(?:{head_pattern})(?![\w-])", text)
    if sum(1 for _ in zip(range(rules.min_mentions), mentions, strict=False)) < rules.min_mentions:
        return False
    kind_words = "|".join(sorted(map(re.escape, kinds)))
    with_kind = re.finditer(rf"(?<![\w-])(?:{head_pattern})\W{{0,2}}\s*(?i:{kind_words})\b", text)
    return sum(1 for m in with_kind if m.start() != found.match.start) >= 2
