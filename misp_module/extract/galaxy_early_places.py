"""A place the page names early and again is the story's place, not one "only mentioned" (issue 8).

A place read as neither the victims' nor the actor's is a tag only when the report names it in
`mentioned_locations.sentences` sentences; fewer, and the event report lists it as named in passing. Judged real
pages disagree where the page names the place in its title or lead and again further on ("Hackers hit Kenyan
ministries" over "... Kenya's treasury said ..."): the writer put the place up front, whatever verb tells it, so the
page is about it. Such a place is a tag (role `mentions`) when it is named in `early_places.sentences` sentences, one
of them in the title or the lead (the page up to the end of its first paragraph of prose), and no sentence set it
aside as another's place (a veto, where servers or the vendor sit, a backdrop: `Reader.aside_places`). The reading
does not look at the verb, only at where and how often the page names the place. Rules as data in `mentions.yaml`
`early_places`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from ..read.report import Report
from .galaxy_places import Found

# A word of the lead's count: two letters or more.
_WORD = compiled(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class _Rules:
    sentences: int
    in_lead: bool
    lead_words: int
    lead_break: re.Pattern[str]


@cache
def _rules() -> _Rules:
    data = load_data("mentions.yaml")["early_places"]
    return _Rules(int(data["sentences"]), bool(data["in_lead"]), int(data["lead_words"]), compiled(data["lead_break"]))


def lead_end(text: str) -> int:
    """Where the page's lead ends: after its first paragraph of prose (a block of `lead_words` words or more
    between `lead_break`s; the title, labelled lines and short lines before it are part of the lead); 0 where the
    rules read the title only (`in_lead`), and where no block is prose (a page of short bullets or table rows has no
    lead: read whole, it would make every place named twice an early one)."""
    rules = _rules()
    if not rules.in_lead:
        return 0
    start = 0
    for brk in rules.lead_break.finditer(text + "\n\n"):
        block = text[start : brk.start()]
        if len(_WORD.findall(block)) >= rules.lead_words and not block.lstrip().startswith(("#", "|")):
            return brk.start()
        start = brk.end()
    return 0


def early_place(founds: Iterable[Found], report: Report, lead: int) -> bool:
    """The place is named in `early_places.sentences` different sentences, one in the report's title or lead (before
    `lead`, see `lead_end`). Sentences are told apart by the words around the name (`_wording`): a saved page often
    repeats its lead (a teaser over the article, a byline glued before it), and a sentence said twice names the place
    once."""
    founds = list(founds)
    if _sentences(founds) < _rules().sentences:
        return False
    title = report.title or ""
    return any(
        found.match.start < lead or compiled(rf"\b{re.escape(found.match.surface)}\b").search(title) for found in founds
    )


def _sentences(founds: list[Found]) -> int:
    """The sentences that name the place, a sentence whose wordings of it (`_wording`) an earlier one had counted
    once."""
    by_sentence: dict[tuple[int, int], set[tuple[str, ...]]] = {}
    for found in founds:
        by_sentence.setdefault((found.part.offset, found.sentence_start), set()).add(_wording(found))
    seen: set[tuple[str, ...]] = set()
    count = 0
    for key in sorted(by_sentence):
        count += not by_sentence[key] <= seen
        seen |= by_sentence[key]
    return count


def _wording(found: Found) -> tuple[str, ...]:
    """The five words either side of the name in its sentence, lower-cased."""
    before = found.sentence[: found.in_sentence].lower().split()[-5:]
    after = found.sentence[found.in_sentence + len(found.match.surface) :].lower().split()[:5]
    return (*before, found.match.surface.lower(), *after)
