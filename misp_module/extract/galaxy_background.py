"""Sentences that name a place or a sector for something other than this report's victims (issue 8, cause 9).

A tag should mean the report is about it: MISP users filter events by tags, and MISP's search ignores the tag's
relationship_type. These patterns find the kinds of sentence that name countries, regions and sectors in passing: a
wrong lead since set right, figures of the whole field, the police at work against the actor, the report's own
readers, the users a product is popular with, the actor's own people, other groups as a sentence's subject. The
patterns are data (mentions.yaml `background`, compiled on first use with the other cues of galaxy_cues); the place
and sector rules of `galaxy_targets` ask them once a targeting rule has read the name as a victim's.

A news-style report tells other incidents as context too (`OtherIncidents`): "This breach adds to a growing number of
attacks on clinics. In May, the Rhysida gang hit two hospitals in Chile." A family, an actor, a place or a sector
named only in such sentences is not the report's (galaxies.py asks once it knows the report's subject).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from ..knowledge.regex_cache import compiled
from .galaxy_cues import cues
from .galaxy_name_lists import name_list
from .galaxy_places import PROSE, SUBJECT_KINDS, Found
from .galaxy_software_asides import market_context
from .regex_literals import GatedPattern

# A sentence of one part: (the part's offset, where the sentence starts in it), as galaxies.py counts them.
SentenceKey = tuple[int, int]
_PARAGRAPH_END = compiled(r"\n[ \t]*\n")
# What may stand before the name that opens a sentence as its subject ("In May, the Rhysida gang ...").
_SUBJECT_LEAD = compiled(r"[\s,*_\"'(]*(?:(?:the|a|an|another|rival|fellow)\s+)?", re.IGNORECASE)
_CLAUSE_END = compiled(r"[;:\u2014]|,\s+(?:and|while|but)\s")
_SENTENCE_BREAK = compiled(r"[.!?][\"')\]*_]*\s+|\n[ \t]*\n")


class _Gated(dict[str, GatedPattern]):
    """mentions.yaml's `background` patterns, each behind its literal gate (`GatedPattern`), made on first use (a
    report asks a few): they are tried once per place, sector or name found, on sentences that mostly hold none of
    their words."""

    def __missing__(self, key: str) -> GatedPattern:
        bare = cues().background[key]
        gated = self[key] = GatedPattern(bare.pattern, bare.flags)
        return gated


@cache
def _patterns() -> _Gated:
    return _Gated()


def _pattern(key: str) -> GatedPattern:
    return _patterns()[key]


def pattern(key: str) -> GatedPattern:
    """One of mentions.yaml's `background` patterns, for the rules of other modules (galaxy_side_places)."""
    return _pattern(key)


# The rules ask these per place or sector found; a sentence naming several asks with the same text (memoised).
@lru_cache(maxsize=1024)
def misattributed(clause: str) -> bool:
    """The clause tells a wrong lead or an early claim since set right ("Early reports wrongly pointed to Brazil")."""
    return bool(_pattern("misattributed").search(clause))


def hijacked_for(after: str) -> bool:
    """The text after the name, in its sentence, says the victim's machine was taken over as the actor's tools ("...
    of a hospital ... to use as their infrastructure for sending the phishing emails"): the owner is where the
    infrastructure sits, not a target."""
    return bool(_pattern("hijacked_for").search(after))


def called_for(before: str) -> bool:
    """The name follows, in its sentence, a call on others to attack ("is calling upon other hacker groups to attack US
    critical infrastructure including logistic facilities and healthcare"): attacks asked for, not told."""
    return bool(_pattern("called_for").search(before))


@lru_cache(maxsize=1024)
def field_figures(sentence: str) -> bool:
    """The sentence gives figures of the whole field ("Industry figures show that schools in ... are a common
    target"), not of this report's victims."""
    return bool(_pattern("field_figures").search(sentence))


def audience(sentence: str, clause_before: str) -> bool:
    """The name is among the report's readers or a product's users: the sentence says whom the report is for ("This
    advisory is aimed at IT staff in hospitals"), or the name follows "popular with" and the like in its clause ("a VPN
    product popular with banks in Germany")."""
    return bool(_pattern("audience").match(sentence) or _pattern("customer_base").search(clause_before))


def enforcers(before: str, name: str, after: str, targeting: re.Pattern[str]) -> bool:
    """The name stands among the enforcers who act against the actor, before their act in its clause ("Police forces
    in Germany and the Netherlands seized the servers", "Law enforcement agencies in Europe took down the botnet"), with
    no targeting word before the act: the police's place and kind, not victims."""
    after = re.split(r"[;:]", after, maxsplit=1)[0][:120]
    act = _pattern("enforcement_acts").search(after)
    if not act or targeting.search(before) or targeting.search(after, 0, act.start()):
        return False
    return bool(_pattern("enforcers").search(before + name + after[: act.start()]))


def actor_lives_in(text: str) -> bool:
    """The text, up to a place's preposition, says where the actor's own people are ("The operators are believed to be
    based in"): "operators" there is no noun of victims."""
    return bool(_pattern("actor_lives_in").search(text))


def other_actors_subject(before: str) -> bool:
    """The sentence opens with other groups as its subject ("Other groups, such as APT34, have attacked ...")."""
    return bool(_pattern("other_actors_subject").match(before))


@dataclass
class OtherIncidents:
    """The sentences of a report that tell other incidents than its own: those of a passage of field context
    (`field_context` to the paragraph's end: "This breach adds to a growing number of attacks on clinics. A tally
    kept by one researcher lists 31 ...") and those that open on another time or tell an actor's record
    (`other_time_opener`, `record`: "In May, the Rhysida gang hit two hospitals in Chile"), with the clusters of
    software and actors each names. A sentence about the same victim or tying the other name to this attack's
    operators (`same_incident`) is none."""

    field_context: set[SentenceKey] = field(default_factory=set)
    # Places and sectors named in the clause holding a cue whose subject is this incident (`this_incident`)
    own: set[object] = field(default_factory=set)
    told: set[SentenceKey] = field(default_factory=set)
    names: dict[SentenceKey, set[object]] = field(default_factory=dict)
    # ...and, in a sentence of another time or record, those that open it as its subject: the other incident's agents
    agents: dict[SentenceKey, set[object]] = field(default_factory=dict)

    @property
    def sentences(self) -> set[SentenceKey]:
        return self.field_context | self.told

    def foreign(self, subject: set[object]) -> tuple[set[SentenceKey], set[SentenceKey]]:
        """The sentences where the names of other software and actors, and those of places and sectors, tell another
        incident than the one of the report's `subject` (its clusters of software and actors named outside these
        sentences). Other software and actors: every sentence of a passage of field context ("So far this year,
        Qilin has claimed more utilities than Medusa"), and a sentence of another time or record whose subject is
        another family or actor ("In May, the Rhysida gang hit ..."; not "In March 2024, the group deployed Cobalt
        Strike"). Places and sectors: those sentences where they name none of the report's subject. (The places
        and sectors of `own` stay the report's wherever else they are named.)"""
        names, places = set(), set()
        for key in self.sentences:
            named = self.names.get(key, set())
            if key in self.field_context:
                names.add(key)
                if not named & subject:
                    places.add(key)
                continue
            agents = self.agents.get(key, set())
            if agents and not agents & subject:
                names.add(key)
                if not named & subject:
                    places.add(key)
        return names, places


def other_incidents(founds: Iterable[Found]) -> OtherIncidents:
    """The sentences of the report's prose that tell other incidents (see `OtherIncidents`)."""
    patterns = _patterns()
    incidents = OtherIncidents()
    passages: dict[int, _Passages] = {}
    # Per sentence, not per name: a sentence names several places, sectors and families.
    readings: dict[SentenceKey, tuple[bool, re.Match[str] | None, bool]] = {}
    for found in founds:
        if found.place != PROSE or found.part.role == "heading":
            continue
        key = (found.part.offset, found.sentence_start)
        text = found.part.text
        if found.part.offset not in passages:
            passages[found.part.offset] = _Passages(_field_passages(text, patterns))
        if key not in readings:
            readings[key] = _reading(found.sentence, patterns)
        same, opener, record = readings[key]
        if same:
            continue
        start = found.offset_in_part
        if start in passages[found.part.offset]:
            incidents.field_context.add(key)
            if _own_clause(found, patterns):
                incidents.own.update(n.cluster for n in found.match.names if n.cluster.kind not in SUBJECT_KINDS)
        elif opener or record:
            incidents.told.add(key)
            if opener and found.offset_in_part - found.sentence_start < opener.end():
                # A word of the opener itself is no agent: "In August" names the month, not the stealer of that name.
                continue
            if _opens(found, opener.end() if opener else 0):
                incidents.agents.setdefault(key, set()).update(
                    n.cluster for n in found.match.names if n.cluster.kind in SUBJECT_KINDS
                )
        else:
            continue
        kinds = {n.cluster.kind for n in found.match.names}
        if kinds & SUBJECT_KINDS:
            incidents.names.setdefault(key, set()).update(
                n.cluster for n in found.match.names if n.cluster.kind in SUBJECT_KINDS
            )
    return incidents


def _reading(sentence: str, patterns: dict[str, GatedPattern]) -> tuple[bool, re.Match[str] | None, bool]:
    """What `other_incidents` reads in a sentence: it ties the other name to this attack (`same_incident`), the
    opener of another time, a word of the record."""
    if patterns["same_incident"].search(sentence):
        return True, None, False
    opener = patterns["other_time_opener"].match(sentence)
    return False, opener, not opener and bool(patterns["record"].search(sentence))


def _opens(found: Found, start: int) -> bool:
    """The name opens the sentence from `start` (after an opener of another time) as its subject, alone or in a
    list of names ("In May, the Rhysida gang ...", "Last month, Qilin and Akira ..."; not "In March, the group
    deployed Cobalt Strike")."""
    between = found.sentence[start : max(found.offset_in_part - found.sentence_start, start)]
    lead = _SUBJECT_LEAD.match(between)
    return name_list(between[lead.end() :])


def _own_clause(found: Found, patterns: dict[str, GatedPattern]) -> bool:
    """The name stands in the clause holding a cue of field context whose subject is this incident ("This breach
    adds to a growing list of attacks on automotive suppliers in Europe; last month ..."): it tells this report's
    victims' kind and place."""
    sentence = found.sentence
    cue = patterns["field_context"].search(sentence)
    if not cue:
        return False
    # The cue's clause may follow another ("Retailers are a frequent target: this incident adds to ...").
    starts = [m.end() for m in _CLAUSE_END.finditer(sentence, 0, cue.start())]
    if not patterns["this_incident"].match(sentence, starts[-1] if starts else 0):
        return False
    end = _CLAUSE_END.search(sentence, cue.end())
    return found.offset_in_part - found.sentence_start < (end.start() if end else len(sentence))


def _field_passages(text: str, patterns: dict[str, GatedPattern]) -> list[tuple[int, int]]:
    """Where each passage of field context runs in a part's text: from the start of the sentence holding the cue (a
    span of the year counts only in a sentence giving a count) to the end of its paragraph; a paragraph's sentence
    that opens on another story ("In a separate development, ...") is such a cue too."""
    spans = []
    cues = [(cue, False) for cue in patterns["field_context"].finditer(text)]
    cues += [(cue, True) for cue in patterns["field_span"].finditer(text)]
    # The market around the subject ("The stealer market in 2024 is crowded") is field context too.
    cues += [(cue, False) for cue in market_context().finditer(text)]
    # A paragraph that opens on another story ("In a separate development, ...") tells it to its end.
    cues += [(cue, False) for cue in patterns["other_story"].finditer(text)]
    breaks = _Breaks(text) if cues else None
    for cue, span in cues:
        begin = breaks.last_before(cue.start()) if breaks else 0
        if span:
            stop = _SENTENCE_BREAK.search(text, cue.end())
            if not patterns["field_count"].search(text, begin, stop.start() if stop else len(text)):
                continue
        end = _PARAGRAPH_END.search(text, cue.end())
        spans.append((begin, end.start() if end else len(text)))
    return spans


class _Breaks:
    """The sentence breaks of a text, found in one pass: where the sentence holding a position starts is the end
    of the last break of the text cut at that position (what `_SENTENCE_BREAK.finditer(text, 0, position)` ends
    with), found by bisection instead of a scan from the text's start for each cue (quadratic in a long part)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.end()) for m in _SENTENCE_BREAK.finditer(text)]
        self.starts = [start for start, _ in found]
        self.ends = [end for _, end in found]

    def last_before(self, position: int) -> int:
        """The end of the last break of text[:position], 0 where it has none. The text cut there has the same breaks
        as the whole text up to the last one starting before the cut (a break never needs what follows it to match,
        and the pattern has no look-around); a break that runs across the cut is matched again in the cut text."""
        at = bisect.bisect_left(self.starts, position) - 1
        if at < 0:
            return 0
        if self.ends[at] <= position:
            return self.ends[at]
        tail = [m.end() for m in _SENTENCE_BREAK.finditer(self.text, self.starts[at], position)]
        if tail:
            return tail[-1]
        return self.ends[at - 1] if at > 0 else 0


class _Passages:
    """The passages of field context of a part, joined where they overlap, for a bisection per name (a part of many
    cues would otherwise test each name against every passage)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for begin, end in sorted(s for s in spans if s[0] < s[1]):
            if merged and begin <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([begin, end])
        self.begins = [begin for begin, _ in merged]
        self.ends = [end for _, end in merged]

    def __contains__(self, position: int) -> bool:
        index = bisect.bisect_right(self.begins, position) - 1
        return index >= 0 and position < self.ends[index]
