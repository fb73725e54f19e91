"""The location rules of the table in docs/galaxy-roles.md: whether a place a report names is where its victims are
(`targets`), where its actor comes from or whose state it serves (`attributed-to`), or a passing mention."""

from __future__ import annotations

import bisect
import re

from ..knowledge.galaxies import Name
from ..knowledge.regex_cache import compiled
from . import galaxy_background as background
from . import galaxy_evidence as evidence
from . import galaxy_place_senses as senses
from .galaxy_counted_victims import counted_victims
from .galaxy_origin_rules import OriginRules
from .galaxy_place_lists import listed_targets, most_targeted, qualified_origin
from .galaxy_place_prose import (
    country_anaphora,
    mirrored_conjunct,
    named_seat,
    subdivision_bodies,
)
from .galaxy_places import VICTIM_LOCATION, Found
from .galaxy_ranked_places import ranked_by_victims
from .galaxy_stance import others_alike, rejected_claim
from .galaxy_subdivisions import subdivision_after, victims_before
from .galaxy_target_context import _WORDS_AFTER, ATTRIBUTED, MENTIONS, TARGETS

# The most places of one list of qualifiers read after a place.
_QUALIFIER_LIST = 8
# Between two places of one list of qualifiers ("Polish, Czech and Slovak"): a comma, "and", "or", or both.
_PLACE_JOINER = compiled(r",?[ \t]+(?:and[ \t]+|or[ \t]+)?|,")
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
# A place opening its sentence as an adverbial ("In Canada, ..."; "Across Germany and Austria, ..."), and the end of
# the adverbial (more places of its list, then the comma).
_FRONTED_IN = compiled(
    r"\s*[*_]*(?i:in|across|throughout)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?)*"
)
_FRONTED_END = compiled(r"(?:\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*\s*,")
# A sentence opening with a count of "them" and where they were ("A handful were in", "Two more came from"), and the
# places listed before the place ("Others are in Austria and ").
_MORE_OF_THEM = compiled(
    r"\s*(?:a\s+handful|a\s+few|a\s+dozen|some|several|others|the\s+rest|the\s+remainder|a\s+minority|many|"
    r"(?:(?:nearly|almost)\s+)?all|most|the\s+majority|the\s+bulk|"
    r"one|two|three|four|five|six|\d+)(?:\s+(?:more|others|other))?(?:\s+of\s+them)?\s+(?:were|was|are|is|came|come)"
    r"\s+(?:from|in|based\s+in|located\s+in)\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*)*\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?)*",
    re.IGNORECASE,
)
_GAP = compiled(r"[ \t]+")
_COUNT = compiled(r"\s*(?:one|two|three|four|five|six|\d+)\b", re.IGNORECASE)


class LocationRules(OriginRules):
    """The role of a place: `_location`, and the readings only places need."""

    def _location(self, name: Name, found: Found) -> str | None:
        role = found.part.role
        if found.place == VICTIM_LOCATION:
            return TARGETS
        if found.place != "prose" or (evidence.proper_name_goes_on(found) and not self._country_organ(name, found)):
            return None
        if name.cluster in self.asides.not_targets:
            return None
        if role == "targeting":
            return TARGETS
        if role in {"heading", "attribution"}:
            if self.asides.past(found.sentence):
                return MENTIONS
            return ATTRIBUTED if self.cues.attribution.search(found.sentence) else MENTIONS
        relationship = MENTIONS
        # A word-like country ("Turkey") needs its capital letter to be where victims are.
        proper = not name.context_only or found.match.surface[:1].isupper()
        victims_in = proper and self._where_victims_are(found)
        if self._serves_state(found):
            relationship = ATTRIBUTED
        elif not self.has_targeting and (
            self._after_targeting_cue(found)
            or victims_in
            or (proper and (self._fronted_before_targeting(found) or self._more_victims(found)))
        ):
            relationship = TARGETS
        elif (
            not self.has_targeting
            and proper
            and (ranked_by_victims(found) or most_targeted(found) or listed_targets(found, self.cues.targeting))
        ):
            # "Germany, Italy and France were the countries with the most victims".
            relationship = TARGETS
        elif not self.has_targeting and proper and self._victims_in_subdivision(found):
            # "the government of an Indonesian province": the part of the country stands for it.
            relationship = TARGETS
        elif not self.has_targeting and proper and self._targeted_after(found):
            # "Turkish telecom operators were breached": the place qualifies the targeted subject.
            relationship = TARGETS
        elif not self.has_targeting and proper and name.cluster.galaxy == "country" and self._country_taken_up(found):
            # "... seen by Japan's response centre to have targeted organizations across the country".
            relationship = TARGETS
        elif self._origin(found) or qualified_origin(found):
            relationship = ATTRIBUTED
        elif not self.has_targeting and not name.context_only and self._qualifies_victims(found):
            relationship = TARGETS
        elif not self.has_targeting and proper and self._mirrored_victim(found):
            # "at a video production house in the Netherlands and at an independent music label in Sweden".
            relationship = TARGETS
        # A denial in its clause or in the clause that opens its list ("does not include any British, Spanish or
        # North American banks"), or an indirect question ("asked how the group relates to the Iranian operators").
        if relationship != MENTIONS and (
            self.cues.negation.search(found.clause) or self.asides.denied(found) or self.asides.asked(found)
        ):
            relationship = MENTIONS
        # Others' claim that the next sentence rejects ("some commentators call it a Russian front. We do not share
        # that view.": galaxy_stance).
        if relationship != MENTIONS and rejected_claim(found):
            relationship = MENTIONS
        # Other actors doing the same kind of thing there ("personas such as X run comparable floods against European
        # targets": galaxy_stance).
        if relationship == TARGETS and others_alike(found):
            relationship = MENTIONS
        if relationship == TARGETS and (
            self._passing_place(found)
            or self._survey_sample(found)
            or self.asides.in_separating_sentence(found)
            or self._past_around(found)
            or self._other_groups(found)
            or self._impersonated(found)
            or self.cues.language_glued.match(found.following(12))
            or self.not_this_reports(found)
        ):
            # Infrastructure, the writer's side or a helper governs the place, the sentence tells the past, or the
            # place's demonym names a language ("Spanish-speaking users"; an actor's "Russian-speaking" crew is its
            # origin still).
            relationship = MENTIONS
        # A place word in another sense: a language, a threat's origin, a war's side, a compared campaign's victims;
        # an organisation's seat, an armed group (galaxy_place_senses).
        if (relationship == TARGETS and senses.not_victims_place(found)) or (
            relationship == ATTRIBUTED and senses.not_origin(found)
        ):
            relationship = MENTIONS
        if relationship == MENTIONS and (name.context_only or self._passing_place(found) or senses.backdrop(found)):
            # (A war's side, geography or a journalist's beat counts toward no mention: galaxy_place_senses.)
            return None
        return relationship

    def _country_organ(self, name: Name, found: Found) -> bool:
        """A country's name before a capitalised sector word is that country's body ("the Kenyan Ministry of Foreign
        Affairs", "the Polish Armed Forces"), not part of another proper name as "Jordan Whitfield" is; not a
        region ("World Health Organization")."""
        if name.cluster.galaxy != "country":
            return False
        gap = _GAP.match(found.following(4))
        return bool(gap) and self._is_sector_at(found.match.end + gap.end())

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

    def _fronted_before_targeting(self, found: Found) -> bool:
        """The place opens its sentence as an adverbial ("In Canada, the crew went after restaurant chains"): the
        targeting word of the main clause governs it."""
        position = found.in_sentence
        if not _FRONTED_IN.fullmatch(found.sentence[:position]):
            return False
        comma = _FRONTED_END.match(found.sentence, position + len(found.match.surface))
        if not comma:
            return False
        rest = found.sentence[comma.end() :]
        return any(
            not self.cues.not_targeting.search(rest, max(0, m.start() - 20), m.end() + 20)
            for m in self.cues.targeting.finditer(rest)
        )

    def _more_victims(self, found: Found) -> bool:
        """A sentence that only counts where more of the victims of the sentence before were ("Most were county
        governments. A handful were in Canada."): the place is theirs when that sentence names victims (a
        targeting word or a victim noun) and no infrastructure."""
        position = found.in_sentence
        # ...or a clause after a semicolon that counts them ("Most victims are in Germany; others are in Austria").
        # Not a number there: it splits the places before ("providers in the United States; two are in Georgia").
        semicolon = found.sentence.rfind(";", 0, position) + 1
        clause = found.sentence[semicolon:position]
        if not _MORE_OF_THEM.fullmatch(clause) or (semicolon and _COUNT.match(clause)):
            return False
        if semicolon:
            previous = found.sentence[: semicolon - 1]
        else:
            earlier = found.part.text[max(0, found.sentence_start - 400) : found.sentence_start].rstrip()
            previous = re.split(r"(?<=[.!?])\s+", earlier)[-1] if earlier else ""
        if not previous or self.cues.passing_places.search(previous):
            return False
        # The sentence before names victims before any infrastructure: they are what the count takes up ("The
        # affected customers were four web hosting providers and six shops. Most were based in Germany"), not the
        # servers of "Most C2 servers sat in Latvia. A few were in Canada".
        infrastructure = self.cues.infrastructure.search(previous)
        victims = self.cues.targeting.search(previous)
        heads = [m.start() for m in re.finditer(r"[a-z]+", previous.lower()) if m.group() in self.cues.sector_heads]
        first_victim = min(([victims.start()] if victims else []) + heads[:1], default=None)
        return first_victim is not None and (infrastructure is None or first_victim < infrastructure.start())

    def _mirrored_victim(self, found: Found) -> bool:
        """The place ends the first of two conjuncts that repeat their preposition, and the second names its
        organisation with a sector word (galaxy_place_prose `mirrored_conjunct`): the two are one list of victims."""
        before = found.text_before
        span = mirrored_conjunct(before, found.following(120).split("\n\n", 1)[0])
        if span is None:
            return False
        start, end = found.match.end + span[0], found.match.end + span[1]
        index = bisect.bisect_left(self.sector_starts, start)
        return index < len(self.sector_starts) and self.sector_starts[index] < end

    def _country_taken_up(self, found: Found) -> bool:
        """Later in its sentence, a targeting word and then "across the country" with no other place between: the
        victims are in this country (galaxy_place_prose `country_anaphora`)."""
        rest = found.sentence[found.in_sentence + len(found.match.surface) :]
        anaphora = country_anaphora(rest)
        if not anaphora:
            return False
        targeting = list(self.cues.targeting.finditer(rest, 0, anaphora.start()))
        if not targeting or len(rest[targeting[-1].end() : anaphora.start()].split()) > 4:
            return False
        index = bisect.bisect_left(self.places, (found.match.end, 0))
        return index >= len(self.places) or self.places[index][0] >= found.match.end + anaphora.start()

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
