"""Names a report gives for something besides its own case (issue 8): the subject's own past, the report's earlier
publications, a newsletter's side notes, and the vendor's own name.

A long APT post or an advisory tells the actor's record before its case ("That campaign hit ministries in Jordan,
Egypt and Albania"; "It has hit education, manufacturing and government victims as well as health care"), a
newsletter points to its earlier issues ("the Akira ransomware's new Linux build, covered in last week's issue") and
keeps a housekeeping corner, and a vendor's name may be a malware name ("Tidepool Labs"). MISP users filter events by
tags, and MISP's search ignores a tag's relationship_type: a tag should mean the report is about it. The place and
sector rules (galaxy_target_vetoes) and the software and actor rules (galaxy_roles) ask `History`; its patterns are
data (history.yaml), compiled once per process.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import PROSE, Found
from .regex_literals import GatedPattern, gated_patterns

# The sentence before a sentence: the last one of the text before it.
_SENTENCE_SPLIT = compiled(r"(?<=[.!?])[\"')\]*_]*\s+")
# Patterns matched with their case (a vendor's name is capitalised: "Tidepool Labs", not "tidepool labs").
_CASED = frozenset({"vendor_words"})


@cache
def _patterns() -> dict[str, GatedPattern]:
    """history.yaml's patterns, compiled on first use, each behind its literal gate (most sentences hold none of
    their words)."""
    return gated_patterns("history.yaml", _CASED)


@cache
def _languages() -> frozenset[str]:
    return frozenset(load_data("history.yaml")["languages"])


def language(found: Found) -> bool:
    """The place's name is a language here: a demonym of `languages` after "in" or a word of writing, ending its
    phrase ("its forum advertising was in Russian"; not "in Russian banks")."""
    return language_at(found.part.text, found.offset_in_part, found.offset_in_part + len(found.match.surface))


def language_at(text: str, start: int, end: int) -> bool:
    """The name written at text[start:end] is a language there (see `language`)."""
    if text[start:end] not in _languages():
        return False
    patterns = _patterns()
    return bool(
        patterns["language_before"].search(text, max(0, start - 40), start)
        and patterns["language_after"].match(text, end, end + 20)
    )


@lru_cache(maxsize=256)
def history_heading(heading: str) -> bool:
    """The section's heading says it tells the subject's past or profile ("Background", "Who is ToddyCat?")."""
    return bool(heading) and bool(_patterns()["history_headings"].search(heading))


@lru_cache(maxsize=256)
def side_note_heading(heading: str) -> bool:
    """The section's heading says it holds a newsletter's side notes ("5. Housekeeping")."""
    return bool(heading) and bool(_patterns()["side_note_headings"].search(heading))


@lru_cache(maxsize=2048)
def own_case(text: str) -> bool:
    """The text speaks of this report's own case ("in this wave", "as we found it", "this year")."""
    return bool(_patterns()["own_case"].search(text))


def record(before: str) -> bool:
    """The words before a name, in its clause, tell the subject's record: in the present perfect with a general object
    ("It has hit education, manufacturing and government victims"; not "The group has hit two hospitals"), or in a
    phrase of a record or a habit ("Its past victims include", "is known for attacks on", "typically goes after")."""
    clause = re.split(r"[;:]", before)[-1]
    patterns = _patterns()
    if patterns["record_phrase"].search(clause):
        return True
    verbs = list(patterns["record_verb"].finditer(clause))
    if not verbs:
        return False
    return not patterns["record_not_object"].match(clause, verbs[-1].end())


@lru_cache(maxsize=1024)
def covered_elsewhere(sentence: str) -> bool:
    """The sentence says another publication covers what it names ("covered in last week's issue", "we covered that
    topic in a separate report and do not repeat it here")."""
    return bool(_patterns()["covered_elsewhere"].search(sentence))


@lru_cache(maxsize=1024)
def _counts_hundreds(sentence: str) -> bool:
    """The sentence counts victims in the hundreds (`record_count`): asked once per sentence, not once per name in
    it."""
    return bool(_patterns()["record_count"].search(sentence))


class History:
    """The questions of this module for one report: what it names besides its own case. `past` is the report's
    question of the past (`Asides.past`: a word of the past or a year before the report's)."""

    def __init__(self, past: Callable[[str], bool]) -> None:
        self._past = past
        self.vendor_names: set[str] = set()
        # The clusters the report names in its prose outside sections about the past and side notes (`learn`).
        self.named_elsewhere: set[object] = set()

    def learn(self, founds: list[Found]) -> None:
        """The software names the report writes as an organisation's ("Tidepool Labs"): the vendor's own name, no
        family anywhere in the report, whatever word of a kind stands near ("Tidepool Labs · Malware analysis")."""
        vendor = _patterns()["vendor_words"]
        self.vendor_names = {
            f.match.surface
            for f in founds
            if any(n.cluster.kind in ("malware", "tool") for n in f.match.names) and vendor.match(f.following(40))
        }
        self.named_elsewhere = {
            n.cluster
            for f in founds
            if f.place == PROSE and not history_heading(f.part.heading) and not side_note_heading(f.part.heading)
            for n in f.match.names
        }

    def other_actor_in_past(self, found: Found) -> bool:
        """An actor named only in a section about the subject's past or profile ("## A long record ... Kimsuky, the
        other North Korean cluster often named alongside it, relies on journalists' personas"): a comparison or a
        neighbour in the record, not this report's attribution, which the report gives where it tells its case. An
        actor the report names elsewhere keeps its reading there, and one under a heading of links or attribution
        ("Links to earlier activity") keeps it too."""
        heading = found.part.heading
        return (
            history_heading(heading)
            and not _patterns()["link_headings"].search(heading)
            and not any(n.cluster in self.named_elsewhere for n in found.match.names)
        )

    def vendor(self, found: Found) -> bool:
        """The software name is the report's or another company's name (see `learn`)."""
        return found.match.surface in self.vendor_names

    def not_current(self, found: Found) -> bool:
        """A place or a sector read as a victim is the subject's past or a side note, not this report's victim: it
        stands in a section about the past or of side notes, in a sentence of the subject's record, in a sentence that
        takes up a past campaign ("That campaign hit ..."), in one that another publication covers, or right after a
        verb of publishing ("an advisory was published in the United States"). Words of this report's own case before
        it in its sentence keep it ("as we found it on machines of two Ukrainian ..."), and anywhere in a sentence of
        the record ("Sandworm has attacked Ukraine's grid again this month")."""
        position = found.in_sentence
        before = found.sentence[:position]
        if _patterns()["published_in"].search(before[-160:]):
            # Where a publication came out is never where victims are, whatever time the sentence speaks of.
            return True
        sentence = found.sentence
        if self._record_span(before, sentence):
            # The span from a year is the record's: no word of this report's own case.
            sentence = _patterns()["since_span"].sub(" ", sentence)
        elif own_case(before):
            return False
        return (
            history_heading(found.part.heading)
            or side_note_heading(found.part.heading)
            or (record(before) and not own_case(sentence))
            or covered_elsewhere(found.sentence)
            or self._takes_up_past(found)
        )

    @staticmethod
    def _record_span(before: str, sentence: str) -> bool:
        """The only word of this report's own case before the name is a span from a year ("since 2022") in a sentence
        that counts victims in the hundreds, or one that opens the subject's record of activity before the name ("is
        believed to have been active since at least 2011, targeting"): the span of the subject's record, not this
        report's time."""
        patterns = _patterns()
        return (_counts_hundreds(sentence) or bool(patterns["active_span"].search(before))) and not own_case(
            patterns["since_span"].sub(" ", before)
        )

    def aside(self, found: Found) -> bool:
        """A piece of software or an actor named for another publication of the writer's ("the Medusa ransomware
        alert we issued in September", "our earlier advisory on LockBit"), in a sentence another publication covers,
        among a newsletter's side notes, or glued to a suffix of likeness ("a Mirai-like payload"): not this report's
        case."""
        if side_note_heading(found.part.heading) or covered_elsewhere(found.sentence):
            return True
        patterns = _patterns()
        following = found.following(80)
        if patterns["publication_after"].match(following) or patterns["likeness_after"].match(following):
            return True
        position = found.in_sentence
        return bool(patterns["publication_before"].search(found.sentence[max(0, position - 120) : position]))

    def _takes_up_past(self, found: Found) -> bool:
        """The sentence opens by taking up the campaign of the sentence before ("That campaign hit ..."), and that
        sentence is about the past."""
        if not _patterns()["takes_up"].match(found.sentence):
            return False
        earlier = found.part.text[max(0, found.sentence_start - 500) : found.sentence_start].rstrip()
        previous = _SENTENCE_SPLIT.split(earlier)[-1] if earlier else ""
        return bool(previous) and self._past(previous)
