"""What the sentence around a place or a sector word says about targeting, for both the location rules
(galaxy_location_rules) and the sector rules (galaxy_sector_rules): the state they share with `Reader`, the answers
remembered per place and per sentence, and the readings both ask (a targeting word that governs the name, advice,
an author of a warning, a subject that was targeted)."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..knowledge.regex_cache import compiled
from ..read.report import Report
from .galaxy_asides import Asides
from .galaxy_cues import Cues
from .galaxy_history import History
from .galaxy_name_lists import CLAUSE_MARKS
from .galaxy_place_prose import parallel_conjunct
from .galaxy_places import Found

ATTRIBUTED, TARGETS, USES, MENTIONS = "attributed-to", "targets", "uses", "mentions"
_NEXT_TWO_WORDS = compiled(r"[\s-]*(\w+)(?:\s+(\w+))?")
_WORDS_AFTER = compiled(r"[A-Za-z][\w-]*")
# The end of a sentence and the start of the next: a verb of speaking there has another subject ("... and the US
# military. The NJCCIC recommends ...").
_SENTENCE_END = compiled(r"[.!?]\s+(?=[A-Z\"\u201c])")
# Targeting words that are nouns (see `_victims_as_subject`), and adverbs between such a noun and its verb.
_VICTIM_NOUNS = {"target", "targets", "victim", "victims", "recipients"}
# A short parenthesis right after a place, without a place's own clause marks in it: the sector or the count of that
# place's victims in a list of places ("Poland (government), Czechia (energy)", "Chile (3), Peru (2)").
_QUALIFIER = compiled(r"^[ \t]*\([^()\n.;:]{1,60}\)")
# Between two places that qualify conjoined noun phrases: the first phrase's words (up to three), "and" or "or", and
# the second phrase's article or count ("... organisation and a ", "... banks and two ").
_NOUN_CONJUNCT = compiled(
    r"(?P<nouns>(?:[ \t]+[\w-]+){1,3}),?[ \t]+(?:and|or)[ \t]+"
    r"(?:(?:an?|the|one|two|three|four|five|several)[ \t]+)?[*_]*",
    re.IGNORECASE,
)
_SUBJECT_ADVERBS = {"also", "often", "usually", "typically", "all", "mostly", "generally", "still", "then", "both"}


class TargetContext:
    """The state the location and sector rules read (set by `Reader.found`) and the readings they share."""

    report: Report
    cues: Cues
    asides: Asides
    history: History
    has_targeting: bool
    places: list[tuple[int, int]]
    # Where actors' names start and end, with their clusters; and the places whose origin was read from an actor's
    # name (by the Found's id, the Found kept alive with them): that actor's origin (galaxy_place_origins).
    actor_starts: dict[int, frozenset[Any]]
    actor_ends: dict[int, frozenset[Any]]
    origin_ties: dict[int, tuple[Found, frozenset[Any]]]
    place_clusters: dict[int, set[Any]]
    # The sectors named in passing, by galaxy and place, and the places only mentioned, with where (galaxy_mentions;
    # set by `Reader`).
    passing: dict[tuple[str, int], set[Any]]
    mentioned_places: dict[Any, list[Found]]
    aside_places: set[Any]
    place_founds: dict[int, Found]
    place_starts: list[int]
    sector_starts: list[int]
    sector_ends: list[int]
    # Answers that depend only on a match's place, asked once per place although a match often carries several
    # names (malpedia, mitre-malware, tool...): keyed by the Found's id (the Found kept alive with them).
    _place_answers: dict[int, tuple[Found, dict[object, Any]]]
    # Answers that depend only on a sentence and a position in it (or on a piece of text), asked of every name
    # there and by several rules: keyed by the rule, the sentence and the position (or the text).
    _text_answers: dict[tuple[object, ...], Any]

    def _answers(self, found: Found) -> dict[object, Any]:
        """The remembered answers about one match's place (see `_place_answers`)."""
        entry = self._place_answers.get(id(found))
        if entry is None or entry[0] is not found:
            entry = self._place_answers[id(found)] = (found, {})
        return entry[1]

    def _targeting_in(self, sentence: str) -> bool:
        """Whether the sentence holds a targeting word anywhere: one search per sentence, asked of every name in it."""
        key = ("targeting in", sentence)
        has = self._text_answers.get(key)
        if has is None:
            has = self._text_answers[key] = bool(self.cues.targeting.search(sentence))
        return has

    def _no_targeting_before(self, sentence: str, position: int) -> bool:
        """No targeting word in the sentence before `position` (a name's start), known from the one search of the
        whole sentence (`_targeting_in`) where that answer holds for the text before the name too. A word found in
        `sentence[:position]` and not in the whole sentence would have to end right at `position`, where its
        look-ahead sees the end of the text and not the name: it cannot when the character before the name is
        white space (no targeting word ends with white space; tests/extract/test_sentence_cues.py)."""
        return (position == 0 or sentence[position - 1].isspace()) and not self._targeting_in(sentence)

    def _advice(self, found: Found) -> bool:
        """The sentence gives advice and says nothing was targeted ("NGOs in Poland should treat removable drives
        with care"): the organisations it names are its audience, not victims."""
        return bool(self.cues.advice.search(found.sentence)) and not self._targeting_in(found.sentence)

    def _speaks(self, found: Found) -> bool:
        """The name is the author of a warning, not a victim: a verb of speaking within four words after it (and its
        own noun of victims) in its sentence ("a government agency published advisories"), or it follows "advisories
        from" and the like."""
        sentence_after = _SENTENCE_END.split(found.following(50), maxsplit=1)[0]
        clause_after = re.split(CLAUSE_MARKS, sentence_after, maxsplit=1)[0]
        words = [w.lower() for w in _WORDS_AFTER.findall(clause_after)]
        # (a sector word's own noun of victims is part of the name: "government agencies in Europe have warned")
        after = words[:5] if words and words[0] in self.cues.sector_heads else words[:4]
        if set(after) & self.cues.speaking_verbs:
            return True
        start = found.in_sentence
        return bool(self.cues.speaking_source.search(found.sentence, max(0, start - 60), start))

    def _after_targeting_cue(self, found: Found) -> bool:
        """A targeting word earlier in the sentence governs the name: no word of purpose or means between them
        ("compromised servers for cryptocurrency mining", "attacked users with banking malware")."""
        position = found.in_sentence
        if self._no_targeting_before(found.sentence, position):
            return False
        defending = [(m.start(), m.end()) for m in self.cues.not_targeting.finditer(found.sentence, 0, position)]
        cues = [
            m
            for m in self.cues.targeting.finditer(found.sentence, 0, position)
            if not any(start <= m.start() and m.end() <= end for start, end in defending)
            and not self._infrastructure_in_gap(m.group())
        ]
        if not cues or ";" in found.sentence[cues[-1].end() : position]:
            return False
        if self._victims_as_subject(found.sentence[cues[-1].end() : position], cues[-1].group()):
            return False
        # "for" after a verb of employment, and "with" in a phrase that joins places, break nothing.
        employment = [
            (m.start(), m.end())
            for pattern in (self.cues.not_breaks, self.cues.place_list_joiners)
            for m in pattern.finditer(found.sentence, cues[-1].end(), position)
        ]
        if any(
            not any(start <= b.start() and b.end() <= end for start, end in employment)
            for b in self.cues.targeting_breaks.finditer(found.sentence, cues[-1].end(), position)
        ):
            return False
        places = any(n.cluster.kind == "location" for n in found.match.names)
        return not (
            places and self._other_place_between(found, found.match.start - position + cues[-1].end(), cues[-1].group())
        )

    def _infrastructure_in_gap(self, cue: str) -> bool:
        """A cue with a gap ("expanded its ... to") whose gap words name infrastructure ("expanded its server fleet
        to"): the actor's machines moved there, not its victims. The first and last words are the cue's own ("servers
        of" names the victims' servers)."""
        words = cue.split()
        return len(words) > 2 and bool(self.cues.infrastructure.search(" ".join(words[1:-1])))

    def _victims_as_subject(self, between: str, cue: str) -> bool:
        """A targeting noun that is the subject of a verb of having or doing before the name ("The targets also tend
        to run thin IT teams"): the name is the victims' own thing, not the victims."""
        if cue.lower() not in _VICTIM_NOUNS:
            return False
        words = [w.lower() for w in _WORDS_AFTER.findall(between)[:4]]
        words = [w for w in words if w not in _SUBJECT_ADVERBS]
        return bool(words) and words[0] in self.cues.victim_subject_verbs

    def _other_place_between(self, found: Found, start: int, cue: str = "") -> bool:
        """Another place stands between a targeting word and this one, and not as part of one list with it
        ("against Cyprus began as talks about an Eastern European pipeline"): the word targeted that place. A
        conjunct that repeats the preposition of the targeting word `cue` is one more victim of its list
        ("infections at a start-up in Krakow, Poland, and at a wallet developer in Curitiba, Brazil";
        galaxy_place_prose)."""
        index = bisect.bisect_left(self.places, (start, 0))
        # (A place ending before the name starts before it: the places after the name are not read.)
        stop = bisect.bisect_left(self.places, (found.match.start, 0), index)
        # The same place said before ("German-speaking countries (Germany, Austria, ...)") is no other place.
        own = {n.cluster for n in found.match.names}
        between = [
            p
            for p in self.places[index:stop]
            if p[1] <= found.match.start
            and not own & self.place_clusters.get(p[0], set())
            # (A language is no place: "targeted Portuguese speakers in Brazil".)
            and not self.cues.language_glued.match(self.report.text[p[1] : p[1] + 60])
        ]
        if not between:
            return False
        text = self.report.text[between[-1][1] : found.match.start] if found.part.role != "heading" else ""
        # A parenthesis that qualifies the place before ("Poland (government), Czechia (energy)") keeps the list a list.
        text = _QUALIFIER.sub("", text)
        if re.fullmatch(r"[\s,]*(?:(?:and|or)\s+)?(?:the\s+)?[*_]*", text):
            return False
        joined = re.sub(r"^[\s,;*_]+|(?:\s+the)?[\s*_]+$", "", text)
        return not (
            self.cues.place_list_joiners.fullmatch(joined)
            or (cue and parallel_conjunct(text, cue))
            or self._conjoined_noun_phrase(found, text)
        )

    def _conjoined_noun_phrase(self, found: Found, between: str) -> bool:
        """The place before qualifies a noun phrase that "and" or "or" joins to the one this place qualifies, both
        objects of one targeting word ("targeted a Saudi Arabian organisation and a South Korean business
        conglomerate"): the words between are that noun phrase's own (no verb, preposition or clause word), and this
        place qualifies no actor ("and Russian hackers")."""
        conjunct = _NOUN_CONJUNCT.fullmatch(between)
        if not conjunct:
            return False
        words = conjunct["nouns"].lower().split()
        if any(w in self.cues.phrase_words or w.endswith("ed") for w in words):
            return False
        after = [w.lower() for w in _WORDS_AFTER.findall(found.following(40))[:3]]
        return not set(after) & self.cues.actor_nouns

    def _targeted_after(self, found: Found) -> bool:
        """The sector's noun phrase is the subject of a targeting verb after it, in its clause ("Several hospitals
        were breached", "Universities were hit hardest", "accounting firms and tax advisers received most of the
        lures", "Two ministries were among the victims")."""
        return bool(self.cues.targeted_after.match(found.following(120).split("\n\n", 1)[0]))

    def _is_sector_at(self, start: int) -> bool:
        index = bisect.bisect_left(self.sector_starts, start)
        return index < len(self.sector_starts) and self.sector_starts[index] == start

    def _is_sector_end(self, end: int) -> bool:
        index = bisect.bisect_left(self.sector_ends, end)
        return index < len(self.sector_ends) and self.sector_ends[index] == end

    def _joined_as_and(self, before: str) -> str:
        """The text before a place with a joiner of its list at its end, written as "and" ("ministries in Turkey and,
        to a lesser extent, " is read as "ministries in Turkey and "), so that the place is one of the list."""
        unpunctuated = before.replace(",", " ")
        tail = len(unpunctuated.rstrip())
        for joiner in self.cues.place_list_joiners.finditer(unpunctuated):
            if joiner.end() == tail:
                return before[: joiner.start()].rstrip(" ,") + " and "
        return before
