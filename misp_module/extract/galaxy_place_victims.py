"""Where a place is the victims' by a noun of victims beside it (the location rules of docs/galaxy-roles.md): "banks in
Spain", "the foreign ministries of Poland and Czechia", "Ukrainian ministries", "the government of an Indonesian
province". Split by concern from galaxy_location_rules, whose `LocationRules` inherits these readings; the writer's
own side ("our customers in Norway", "we operate in") is no victim."""

from __future__ import annotations

import bisect
import re

from ..knowledge.regex_cache import compiled
from . import galaxy_background as background
from .galaxy_counted_victims import counted_victims
from .galaxy_origin_rules import OriginRules
from .galaxy_place_prose import named_seat, subdivision_bodies
from .galaxy_place_senses import seat_generic_noun, seat_glued_end
from .galaxy_places import Found
from .galaxy_sector_items import victim_item
from .galaxy_sector_victims import item_cues
from .galaxy_subdivisions import subdivision_after, victims_before
from .galaxy_target_context import _WORDS_AFTER

# The most places of one list of qualifiers read after a place.
_QUALIFIER_LIST = 8
# Between two places of one list of qualifiers ("Polish, Czech and Slovak"): a comma, "and", "or", or both; an
# article may open the next conjunct of a shared noun ("a Bolivian and a Chilean ministry").
_PLACE_JOINER = compiled(r",?[ \t]+(?:(?:and|or)[ \t]+(?:(?:an?|the|one|two)[ \t]+)?)?|,")
# The last one or two words of a text (the noun of victims before "in": "government agencies").
# A place, maybe emphasised and followed by an aside in brackets, then "and in" (or "or across" ...) up to the end.
_REPEATED_PREPOSITION = compiled(
    r"\b(?P<preposition>in|across|throughout)\s+(?:the\s+)?[*_]*(?P<place>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)[*_]*"
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:and|or)\s+(?:also\s+)?(?P=preposition)\s+(?:the\s+)?[*_]*$"
)
_LAST_WORDS = compiled(r"(?:[\w-]+\s+)?[\w-]+\s*$")
# A victim noun right after an indefinite article is one organisation ("a career at a US investment bank"): the
# place qualifies it as a victim only where the sentence says something was targeted.
_ONE_ORGANISATION = compiled(r"\b(?:a|an|one)\s+[*_]*$", re.IGNORECASE)
# The vendor's own people and clients ("our customers in Norway", "our partners in Japan") are no victims.
_OURS = compiled(r"\bour\s+(?:[\w-]+\s+){0,2}$|\bof\s+ours\s+$", re.IGNORECASE)
# ...nor is where the writer's side is, said by its clause's verb phrase ("our company is active in", "we operate
# in", "our analysts are based in"): "our"/"we" and at most six words to the place, in one clause...
_OURS_CLAUSE = compiled(r"(?:^|[^\w'-])(?:(?P<our>our)\s+[\w'-]+|we)\s+(?P<tail>(?:[\w'-]+\s+){0,6})$", re.IGNORECASE)
# ...unless that phrase names victims or hits ("our telemetry shows victims in", "we saw intrusions in"): a noun of
# victims after the possessed noun, except one the side has ("we serve hospitals in", "we have customers in").
_HITS = compiled(
    r"(?:victim|target|intrusion|infection|attack|incident|breach|compromise|detection|case|campaign)s?|activity|"
    r"hits?|infected|compromised|breached|attacked|targeted|affected|impacted"
)
_OWN_VERBS = compiled(r"ha(?:ve|s|d)|serve[sd]?|support(?:s|ed)?|protect(?:s|ed)?|employ(?:s|ed)?|our|own")
_CLAUSE_BREAK = compiled(r"[;:,()\u2014\u2013]|\b(?:that|which|who|where|while|whereas|but|because|since)\b", re.I)


class VictimPlaceRules(OriginRules):
    """The readings of a place beside a noun of victims; mixed into `LocationRules`."""

    def _listed_victim(self, found: Found) -> bool:
        """The place stands in the head noun phrase of an item of a list of victims (galaxy_sector_items, as the
        sector rules read it): "Affected members:" over "b) the payments subsidiary of a Kenyan bank;"."""
        return victim_item(found, found.match.start, item_cues(self.cues.targeting))

    def _victims_in_subdivision(self, found: Found) -> bool:
        """A demonym before a part of its country, after a noun of victims and "of"/"in" (galaxy_subdivisions): "the
        government of an Indonesian province", "hospitals in a Canadian province", "the council of a Chilean region"
        (a body of government, galaxy_place_prose)."""
        if not subdivision_after(found):
            return False
        victims = victims_before(found)
        if victims is None or self._speaks(found) or self._advice(found):
            return False
        head, end = victims
        return head in self.cues.sector_heads or head in subdivision_bodies() or self._is_sector_end(end)

    def _where_victims_are(self, found: Found) -> bool:
        """The place follows a noun of victims and "in" ("retail chains in the United States", "banks in Spain",
        "manufacturing companies in Canada"): where those victims are."""
        before = found.text_before
        # A list that repeats its preposition ("victims in India (around Dharamshala) and in Nepal") is read as one
        # list ("victims in India and "): an aside in brackets after a place and emphasis around it do not end it.
        repeated = _REPEATED_PREPOSITION.search(before[-160:])
        if repeated:
            kept = before[: len(before) - len(repeated.group())]
            before = f"{kept}{repeated['preposition']} {repeated['place']} and "
        before = before[-80:].rsplit(";", 1)[-1]
        # A joiner that ends with "in" may open the list itself ("hospitals, most of them in Canada and Ireland").
        preposition = self.cues.victims_in.search(before)
        if not preposition:
            before = self._joined_as_and(before)
            preposition = self.cues.victims_in.search(before)
        if not preposition:
            return self._victims_of(found)
        window = before[: preposition.start()]
        if background.actor_lives_in(before[: preposition.end()]) or named_seat(before[: preposition.end()]):
            return False
        if _OURS.search(window) or self._our_side_is_in(window) or self._speaks(found) or self._advice(found):
            return False
        sector = _LAST_WORDS.search(window)
        if sector and self.cues.speaking_source.search(window, 0, sector.start()):
            return False
        # A count of victims ("more than 30 organisations in", "12 companies in Brazil and at least five in").
        if counted_victims(found.text_before):
            return True
        words = re.findall(r"[a-z]+", window.lower())[-6:]
        if set(words) & self.cues.sector_heads:
            return True
        window_start = found.match.start - len(before)
        index = bisect.bisect_right(self.sector_ends, found.match.start) - 1
        return index >= 0 and self.sector_ends[index] > window_start

    def _seated_victims(self, found: Found) -> bool:
        """A noun of victims right after a seat word glued to the place ("a UK-based insurer", "U.S.-based hospitals"):
        the victims sit there, as "an insurer in the UK" reads in `_where_victims_are`. The vetoes of the caller still
        apply (a security vendor's seat, "a U.S.-based security firm", is galaxy_place_roles')."""
        following = found.following(80)
        start = seat_glued_end(following)
        if start is None or _OURS.search(found.text_before) or self._speaks(found) or self._advice(found):
            return False
        offset = found.match.end + start
        for word in list(re.finditer(r"[\w-]+", following[start:]))[:3]:
            lowered = word.group().lower()
            if self.cues.infrastructure.fullmatch(lowered) or lowered in self.cues.phrase_words:
                return False
            index = bisect.bisect_left(self.sector_starts, offset + word.start())
            if index < len(self.sector_starts) and self.sector_starts[index] == offset + word.start():
                return True
            if seat_generic_noun(lowered):
                return False
            if lowered in self.cues.sector_heads:
                return True
        return False

    def _our_side_is_in(self, window: str) -> bool:
        """The clause before "in" says where the writer's side is ("Our company is active in", "our incident
        responders are based in", "we serve hospitals in"), not where victims were hit ("our telemetry shows
        victims in", "we saw intrusions in")."""
        clause = _CLAUSE_BREAK.split(window)[-1]
        own = _OURS_CLAUSE.search(clause)
        if not own:
            return False
        words = own.group("tail").lower().split()
        owned = False  # the last noun of victims is one the side has ("we serve hospitals and insurers in")
        for index, word in enumerate(words):
            if _HITS.fullmatch(word) or self.cues.targeting.search(word):
                return False
            if word in self.cues.sector_heads:
                before = words[index - 1] if index else ""
                owned = bool(_OWN_VERBS.fullmatch(before) or (owned and before in {"and", "or"}))
                if not owned:
                    return False
        return True

    def _victims_of(self, found: Found) -> bool:
        """The place follows "of" right after a noun of victims ("the foreign ministries of Poland, Czechia and
        Slovakia", "the defence ministry of Moldova"): the country those victims belong to."""
        sentence_before = found.text_before
        before = sentence_before[-80:].rsplit(";", 1)[-1]
        # The joiners of a list change only what follows "of", so the window before it keeps its place.
        preposition = self.cues.victims_of.search(before) or self.cues.victims_of.search(self._joined_as_and(before))
        if not preposition:
            return False
        window = sentence_before[: len(sentence_before) - len(before) + preposition.start()].rstrip()
        if not window or _OURS.search(window + " ") or self._speaks(found) or self._advice(found):
            return False
        sector = _LAST_WORDS.search(window)
        if sector and self.cues.speaking_source.search(window, 0, sector.start()):
            # The authors of a warning ("an advisory by government agencies of the United States, Canada ...").
            return False
        last = _WORDS_AFTER.findall(window[-40:])
        if last and last[-1].lower() in self.cues.sector_heads:
            return True
        return self._is_sector_end(found.match.start - len(sentence_before) + len(window))

    def _qualifies_victims(self, found: Found) -> bool:
        """The place qualifies a noun of victims within the next two words: a sector ("European embassies",
        "Ukrainian ministries") or an organisation ("Japanese exchange staff"); not infrastructure ("a Dutch
        hosting provider")."""
        # The place may open a list of places qualifying one noun ("Belgian and Dutch logistics companies", "Polish,
        # Czech and Slovak ministries"): the words after the list's last place are the noun phrase.
        end = self._qualifier_list_end(found)
        following = self.report.text[end : min(end + 60, found.part.offset + len(found.part.text))]
        words = list(_WORDS_AFTER.finditer(following))[:4]
        if not words or words[0].start() != 1 or any(self.cues.infrastructure.fullmatch(w.group()) for w in words):
            return False
        before = found.text_before
        if (_ONE_ORGANISATION.search(before) or self.cues.advice.search(found.sentence)) and not (
            self._targeting_in(found.sentence)
        ):
            return False
        for position, word in enumerate(words[:3]):
            if word.group().lower() in self.cues.phrase_words:
                # A verb or a preposition ends the noun phrase the place qualifies ("agencies in Australia have
                # warned hotels").
                return False
            start = end + word.start()
            index = bisect.bisect_left(self.sector_starts, start)
            if not (
                (index < len(self.sector_starts) and self.sector_starts[index] == start)
                or word.group().lower() in self.cues.sector_heads
            ):
                continue
            # A singular victim noun qualifying a noun after it ("European business hours"; not a verb: "the
            # Colombian organisation received"): no victims there.
            nxt = words[position + 1] if position + 1 < len(words) else None
            # ...nor the kind of some software, capitalised or not ("the Brazilian banking Trojan Grandoreiro").
            if nxt is not None and nxt.group().lower() in self.cues.context.get("malware", frozenset()):
                continue
            if (
                nxt is not None
                and (not word.group().endswith("s") or word.group().endswith("ss"))
                and following[word.end() : nxt.start()] == " "
                and nxt.group().islower()
                and not nxt.group().endswith("ed")
                and nxt.group() not in self.cues.phrase_words
                and nxt.group() not in self.cues.sector_heads
                and not self._is_sector_at(end + nxt.start())
            ):
                continue
            return True
        return False

    def _qualifier_list_end(self, found: Found) -> int:
        """Where the list of places that the place opens ends: further places joined to it by commas, "and" or "or"
        ("Belgian and Dutch", "Polish, Czech and Slovak"); the place's own end when none follows. At most
        `_QUALIFIER_LIST` places are walked (a list of a hundred places read from each of them would grow with its
        square; a noun qualified by more places is no writing)."""
        end = found.match.end
        for _ in range(_QUALIFIER_LIST):
            joiner = _PLACE_JOINER.match(self.report.text, end)
            if not joiner:
                return end
            index = bisect.bisect_left(self.places, (joiner.end(), 0))
            if index >= len(self.places) or self.places[index][0] != joiner.end():
                return end
            end = self.places[index][1]
        return found.match.end
