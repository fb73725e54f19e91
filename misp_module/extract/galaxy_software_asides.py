"""Software a report names besides its subject's case (issue 8, causes 2, 5 and 7).

Real vendor posts are dense with families and tools that are not what happened: a reading list ("Another vendor's
write-up of Latrodectus"), an earlier alert that still applies ("Our alert from March on Pikabot still stands"), the
writer's advice and own tooling ("We recommend Sysmon", "we hunted across the estate with Velociraptor"), families
looked for and not found ("checked for Danabot and Pikabot, and found neither"), software set out of scope ("a
different cluster, out of scope for this post"), a picture shown for contrast, and a product of the victim that shares
a family's name ("The customer's payroll runs on Kronos"). MISP users filter events by tags and MISP's search ignores a
tag's relationship_type: a tag should mean the report is about it. The software rule of galaxy_roles asks `aside` of
every mention; the market around the subject ("The stealer market is crowded") is a passage of field context that
galaxy_background reads (`market_context`). The patterns are data (software_asides.yaml), compiled on first use.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..knowledge.regex_cache import compiled
from .galaxy_places import Found
from .regex_literals import GatedPattern, gated_patterns

_CLAUSE_BREAK = compiled(r"[;:\u2014]")


@cache
def _patterns() -> dict[str, GatedPattern]:
    """software_asides.yaml's patterns, compiled once per process, each behind its literal gate."""
    return gated_patterns("software_asides.yaml")


def market_context() -> GatedPattern:
    """The cue of a passage about the market around the subject (galaxy_background reads it as field context)."""
    return _patterns()["market_context"]


@lru_cache(maxsize=256)
def elsewhere_heading(heading: str) -> bool:
    """The section's heading points elsewhere or gives tips ("Further reading", "Tool tip of the week")."""
    return bool(heading) and bool(_patterns()["elsewhere_headings"].search(heading))


@lru_cache(maxsize=1024)
def _sentence_aside(sentence: str) -> bool:
    """The whole sentence is about other software than the report's case: a reading item, an earlier alert, a scope
    set aside, a piece of advice about a class of software."""
    patterns = _patterns()
    return bool(
        patterns["reading_item"].match(sentence)
        or patterns["advice_item"].match(sentence)
        or patterns["earlier_alert"].search(sentence)
        or patterns["out_of_scope"].search(sentence)
    )


def aside(found: Found) -> bool:
    """The software named at `found` is not this report's case (see the module docstring)."""
    if elsewhere_heading(found.part.heading) or _sentence_aside(found.sentence):
        return True
    patterns = _patterns()
    position = found.in_sentence
    before = found.sentence[:position]
    clause_before = _CLAUSE_BREAK.split(before)[-1]
    if patterns["recommended"].search(clause_before[-120:]) or patterns["defenders_tooling"].search(clause_before):
        return True
    if patterns["victim_platform"].search(clause_before[-80:]):
        return True
    if patterns["hypothetical_before"].search(clause_before[-80:]) and patterns["hypothetical_after"].match(
        found.following(40)
    ):
        return True
    if _between_search_and_result(found.sentence, position):
        return True
    return bool(patterns["for_comparison"].search(_clause_at(found.sentence, position)))


def in_passing(found: Found) -> bool:
    """Of the software `aside` sets aside, the family named in passing: a reading item, an earlier alert, a section
    that points elsewhere, a comparison. It is the family the galaxy means, not this report's case: the event report
    lists it (galaxy_mentions). Advice, the writer's tooling, a victim's product, a hypothesis, a search that found
    nothing and a scope set aside are not listed."""
    patterns = _patterns()
    return bool(
        elsewhere_heading(found.part.heading)
        or patterns["reading_item"].match(found.sentence)
        or patterns["earlier_alert"].search(found.sentence)
        or patterns["for_comparison"].search(_clause_at(found.sentence, found.in_sentence))
    )


def _between_search_and_result(sentence: str, position: int) -> bool:
    """The name stands between the search and its empty result ("checked for X and Y ..., and found neither")."""
    span = _search_and_result(sentence)
    return span is not None and span[0] <= position < span[1]


@lru_cache(maxsize=1024)
def _search_and_result(sentence: str) -> tuple[int, int] | None:
    """Where the sentence tells a search and its empty result (`checked_absent`), once per sentence."""
    match = _patterns()["checked_absent"].search(sentence)
    return match.span() if match else None


def _clause_at(sentence: str, position: int) -> str:
    """The clause of the sentence that holds `position` (between colons, semicolons and dashes)."""
    starts = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, position)]
    end = _CLAUSE_BREAK.search(sentence, position)
    return sentence[starts[-1] if starts else 0 : end.start() if end else len(sentence)]
