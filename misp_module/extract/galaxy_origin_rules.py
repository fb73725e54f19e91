"""The actor's origin among the location rules (docs/galaxy-roles.md): whether a place a report names is where its actor
comes from or whose state it serves (`attributed-to`). Split by concern from galaxy_location_rules (where a place is
the victims'), whose `LocationRules` inherits these readings. The phrases news writes ("the Lazarus Group from North
Korea", "North Korea's Lazarus Group") are read by galaxy_place_origins; an origin read from an actor's name is
recorded in `origin_ties`, for galaxies.py to keep only where that actor is the report's."""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..knowledge.regex_cache import compiled
from .galaxy_name_lists import CLAUSE_MARKS
from .galaxy_place_lists import collection_of_actors
from .galaxy_place_origins import (
    activity_origin,
    linked_origin,
    linked_thing,
    possessive_origin,
    predicate_origin,
    skip_abbreviation,
)
from .galaxy_place_prose import origin_after_actor, serves_interests
from .galaxy_places import Found
from .galaxy_target_context import _NEXT_TWO_WORDS
from .galaxy_target_vetoes import TargetVetoes

_GLUED_WORD = compiled(r"-(\w+)")
# Capitalised words of a proper name (with "of" or "for" between two of them), maybe its abbreviation in brackets,
# then a hyphen and the word glued to the name.
_ORGAN_GLUED = compiled(
    r"(?:[ \t]+(?-i:[A-Z])[\w.]*(?:[ \t]+(?:of|for)(?=[ \t]+[A-Z]))?){1,7}[ \t]*(?:\((?-i:[A-Z])\w{1,9}\))?-(\w+)"
)
# Between a link phrase and the place: an article, maybe the organ's people first ("to officers of Russia's ...").
# A numbered unit ("Unit 26165 of Russia's ...") and a state's interests ("serves the interests of the Chinese state")
# stand there too, and so does a named body of the organ ("run by the Cyber-Electronic Command of Iran's ...").
_ORGAN_PEOPLE = compiled(
    r"\s*(?:(?:the\s+)?(?:officers|members|agents|operatives|units|employees|staff|parts|(?:military\s+)?unit\s+\d+|interests"
    r"|(?-i:[A-Z])[\w-]*(?:\s+(?-i:[A-Z])[\w-]*){0,3})"
    r"\s+of\s+)?(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)
# "we believe", "we assess with high confidence", "researchers think": the writer's (or others') judgement set in the
# actor's clause, not its subject.
_BELIEF = compiled(
    r"\b(?:we|researchers|analysts|others)\s+(?:also\s+)?(?:believe|assess|think|judge|suspect|estimate)"
    r"(?:\s+with\s+(?:low|moderate|medium|high)\s+confidence)?\b",
    re.IGNORECASE,
)
# How far a word of origin reaches: words between it and the place before it, and after it.
_ORIGIN_REACH, _ORIGIN_AFTER = 6, 3
_GAP = compiled(r"[ \t]+")
# Marks that end a clause or a sentence between a place and a word of origin: the word is then not that place's.
_CLAUSE_BREAK_MARKS = compiled(r"[.,;:()\u2014\u2013!?]")
_OF_AFTER = compiled(r"\s+of\b", re.IGNORECASE)
_COLLECTIONS = {"cluster", "clusters", "group", "groups"}


class OriginRules(TargetVetoes):
    """The readings of a place as the actor's origin; mixed into `LocationRules`."""

    def _origin(self, found: Found) -> bool:
        """In a report without an Attribution section: the clause says the actor comes from the place ("believed
        to operate from Pakistan", "a Russia-aligned group"), or the place qualifies the actor ("Russian military
        hackers", "North Korean operators", "a Chinese-speaking espionage group"); a hyphenated origin word counts
        too ("a Pakistan-linked group"), and so does a noun of the actor coming from it ("one APT organization
        originating from the South Asia subcontinent", galaxy_place_prose)."""
        glued = _GLUED_WORD.match(found.following(20))
        if self._origin_word_near(found) or (
            glued and (self.cues.origin.fullmatch(glued.group(1)) or glued.group(1).lower() in self.cues.origin_glued)
        ):
            return True
        # The demonym opens a state organ's proper name that an origin word is glued to ("an Iranian Revolutionary
        # Guard Corps (IRGC)-affiliated group", "a Russian Main Intelligence Directorate-linked crew").
        organ = _ORGAN_GLUED.match(found.following(120))
        if organ and (self.cues.origin.fullmatch(organ.group(1)) or organ.group(1).lower() in self.cues.origin_glued):
            return True
        if origin_after_actor(found.text_before):
            return True
        # "the Lazarus Group from North Korea", "groups linked to Iran", "North Korea's Lazarus Group"
        # (galaxy_place_origins).
        sentence_start, end = found.match.start - len(found.text_before), found.match.end
        after = found.following(60)
        if linked_origin(found.text_before, lambda i: self._tied(found, self.actor_ends, sentence_start + i)):
            return True
        if possessive_origin(after, lambda i: self._tied(found, self.actor_starts, end + i)):
            return True
        if predicate_origin(found.text_before, lambda i: self._tied(found, self.actor_ends, sentence_start + i)):
            # "The attackers are likely Chinese", "APT35 is widely thought to be Iranian".
            return True
        gap = _GAP.match(after)
        if gap and self._tied(found, self.actor_starts, end + gap.end()):
            # The place qualifies the actor's name itself ("the North Korean Lazarus Group", "Iranian APT35"); kept
            # where that actor is the report's (`origin_ties`).
            return True
        if activity_origin(found.text_before, after) and not self.cues.infrastructure.search(found.sentence):
            # "The operation has been linked to North Korea", "the backdoor is used by the DPRK's hacking units"; not
            # where its servers were ("originated from Germany, where the operators rented servers").
            return True
        # A language glued to the place names the crew that speaks it: the two words after it say who ("a
        # Chinese-speaking espionage group"; not "Spanish-speaking users").
        language = self.cues.language_glued.match(after)
        following = _NEXT_TWO_WORDS.match(after, language.end() if language else 0)
        if not following:
            return False
        # A collection before "of" holds something else ("a Swedish cluster of rented servers", "a Chinese group of
        # companies"), unless it holds actors ("a Russian group of hackers": galaxy_place_lists).
        words = [w.lower() for w in following.groups() if w]
        nouns = [i for i, w in enumerate(words) if w in self.cues.actor_nouns]
        noun_end = following.end(nouns[0] + 1) if nouns else 0
        if not nouns or (
            words[nouns[0]] in _COLLECTIONS
            and _OF_AFTER.match(after, noun_end)
            and not collection_of_actors(after, noun_end)
        ):
            return False
        # "the Russian group APT28": an actor's name right after the noun is the actor the place is the origin of.
        gap = _GAP.match(after, following.end(nouns[0] + 1))
        if gap:
            self._tied(found, self.actor_starts, end + gap.end())
        return True

    def _tied(self, found: Found, names: dict[int, frozenset[Any]], position: int) -> bool:
        """Whether an actor's name starts or ends (`names`) at `position`; if so the place's origin is read from that
        name, and counts where that actor is the report's (`origin_ties`, galaxies.py)."""
        actors = names.get(position)
        if actors:
            self.origin_ties[id(found)] = (found, actors)
        return bool(actors)

    def _origin_word_near(self, found: Found) -> bool:
        """A word of origin in the place's clause governs it: at most six words before it with no other place
        between that is not listed with it ("believed to operate from Pakistan", "attributed to Russia and
        Belarus"; not "operates from Iran and sends lures to Israeli firms"), or at most three words after it ("a
        North Korean state-sponsored group")."""
        position = found.in_sentence
        clauses = re.split(CLAUSE_MARKS, found.sentence[:position])
        before = clauses[-1]
        cues_before = list(self.cues.origin.finditer(before))
        # The writer's belief inserted in the actor's clause ("which we believe is based in") is no subject. A word
        # of origin that opens its clause is an apposition's: its subject is the clause before ("Our threat team,
        # based in Sweden, ...").
        opens = len(clauses) > 1 and cues_before and not before[: cues_before[-1].start()].strip()
        subject = clauses[-2] if opens else ""
        own_clause = _BELIEF.sub(" ", before[: cues_before[-1].start()]) if cues_before else ""
        if cues_before and (
            self.cues.origin_not_subjects.search(own_clause) or self.cues.origin_not_subjects.search(subject)
        ):
            # The word of origin tells where the writer's side or a victim is, not the actor.
            cues_before = []
        if cues_before and len(before[cues_before[-1].end() :].split()) <= _ORIGIN_REACH:
            start = found.match.start - len(before) + cues_before[-1].end()
            cue_start = found.match.start - len(before) + cues_before[-1].start()
            if (found.part.role == "heading" or not self._other_place_between(found, start)) and not (
                self._place_just_before(cue_start)
            ):
                return True
        # An abbreviation in brackets that repeats the place ends no clause ("a People's Republic of China (PRC)
        # state-sponsored cyber actor").
        after = re.split(CLAUSE_MARKS, skip_abbreviation(found.following(60)), maxsplit=1)[0]
        cue_after = self.cues.origin.search(after)
        return bool(cue_after) and len(after[: cue_after.start()].split()) <= _ORIGIN_AFTER

    def _place_just_before(self, position: int) -> bool:
        """Another place ends at most three words before `position` (a word of origin's start): the word is that
        place's ("North Korean state-sponsored group Kimsuky has been seen by Japan's ...": North Korea's, not
        Japan's)."""
        index = bisect.bisect_left(self.places, (position, 0)) - 1
        if index < 0 or self.places[index][1] > position:
            return False
        between = self.report.text[self.places[index][1] : position]
        return not _CLAUSE_BREAK_MARKS.search(between) and len(between.split()) <= _ORIGIN_AFTER

    def _serves_state(self, found: Found) -> bool:
        """The actor serves the place's state organ: a link phrase right before the place (the organ's people may
        come between: "tied the group to officers of Russia's ...") and an organ word within five words after it ("a
        group that works for Russia's foreign intelligence service"); or the place's interests follow a phrase of
        fitting them ("the activity aligns with Russian state interests", galaxy_place_prose)."""
        before = found.text_before[-80:]
        if serves_interests(before, found.following(60)):
            # "the activity aligns with Russian state interests" (galaxy_place_prose).
            return True
        links = list(self.cues.origin_links.finditer(before))
        if not links or not _ORGAN_PEOPLE.fullmatch(before[links[-1].end() :]):
            return False
        if linked_thing(before[: links[-1].start()]):
            # "personal accounts linked to the Canadian government" (galaxy_place_origins).
            return False
        return bool(self.cues.origin_organs.search(" ".join(found.following(60).split()[:6])))
