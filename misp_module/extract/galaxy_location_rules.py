"""The location rules of the table in docs/galaxy-roles.md: whether a place a report names is where its victims are
(`targets`), where its actor comes from or whose state it serves (`attributed-to`), or a passing mention. The readings
by a noun of victims beside the place are galaxy_place_victims', the actor's origin galaxy_origin_rules'."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..knowledge.galaxies import Name
from ..knowledge.regex_cache import compiled
from . import galaxy_evidence as evidence
from . import galaxy_place_senses as senses
from .galaxy_cities import city_body
from .galaxy_labelled_lists import PLACES, labelled_list
from .galaxy_place_lists import accused_citizen, fronted_site, listed_targets, most_targeted, qualified_origin
from .galaxy_place_prose import (
    country_anaphora,
    mirrored_conjunct,
)
from .galaxy_place_roles import speaker
from .galaxy_place_scope import governing_clause
from .galaxy_place_siblings import previous_item, previous_listed
from .galaxy_place_threat_lists import list_opening, threat_list
from .galaxy_place_victims import VictimPlaceRules
from .galaxy_places import VICTIM_LOCATION, Found
from .galaxy_ranked_places import ranked_by_victims
from .galaxy_set_asides import DENIED, NOT_HERE, PASSING
from .galaxy_stance import others_alike, rejected_claim
from .galaxy_target_context import ATTRIBUTED, MENTIONS, TARGETS

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


class LocationRules(VictimPlaceRules):
    """The role of a place: `_location`, and the readings only places need."""

    def _location(self, name: Name, found: Found) -> str | None:
        """The role of a place: a Victims table's Location cell and Targeting give the victims', headings and
        Attribution the actor's, prose what `_prose_reading` reads; then the vetoes, a sibling's role, or a mention."""
        role = found.part.role
        if found.place == VICTIM_LOCATION:
            return TARGETS
        if found.place != "prose" or (
            evidence.proper_name_goes_on(found)
            and not self._country_organ(name, found)
            and not self._before_actor_name(found)
        ):
            return None
        if name.cluster in self.asides.not_targets or (name.context_only and senses.town_of_state(found)):
            # (A word-like name before a state is a town there: "Columbia, Missouri".)
            self.aside_places.add(name.cluster)
            return None
        if role == "targeting":
            return TARGETS
        if role in {"heading", "attribution"}:
            if self.asides.past(found.sentence) or not self.cues.attribution.search(found.sentence):
                return self._mentioned(name, found, "")
            return ATTRIBUTED
        # A word-like country ("Turkey") needs its capital letter to be where victims are.
        proper = not name.context_only or found.match.surface[:1].isupper()
        victims_in = proper and (self._where_victims_are(found) or self._seated_victims(found))
        relationship = self._prose_reading(name, found, proper, victims_in)
        veto = self._veto(relationship, found) if relationship != MENTIONS else ""
        if veto:
            self.aside_places.add(name.cluster)
            relationship = MENTIONS
        elif relationship == MENTIONS and proper and not self.has_targeting:
            # A place listed right after one its sentence gives as the victims' or the actor's ("... in Indonesia,
            # Thailand and Brunei, and even in Australia": galaxy_place_siblings), where its own vetoes let it.
            listed = self._listed_role(found)
            if listed is not None and not self._vetoed(listed, found):
                relationship = listed
        if relationship == MENTIONS and (name.context_only or self._passing_place(found) or senses.backdrop(found)):
            # (A war's side, geography or a journalist's beat counts toward no mention: galaxy_place_senses.) A place
            # that only holds the servers or the like (galaxy_passing_places) is the right place named in passing.
            if not (name.context_only or senses.backdrop(found)):
                self._mentioned(name, found, veto)
            if not name.context_only:
                self.aside_places.add(name.cluster)
            return None
        return self._mentioned(name, found, veto) if relationship == MENTIONS else relationship

    def _prose_reading(self, name: Name, found: Found, proper: bool, victims_in: bool) -> str:
        """The first reading of a place in prose that holds, in order: a state the actor serves (the actor's), the
        victims' readings the actor's origin yields to, the origin, the victims' readings that yield to the origin;
        else a mention. The victims' readings count only in a report without Targeting; `proper`: a word-like name
        is written with its capital; `victims_in`: the place is where victims are."""
        if self._serves_state(found):
            return ATTRIBUTED
        if not self.has_targeting and self._victims_over_origin(name, found, proper, victims_in):
            return TARGETS
        if self._origin(found) or qualified_origin(found) or accused_citizen(found):
            return ATTRIBUTED
        if not self.has_targeting and self._victims_under_origin(name, found, proper):
            return TARGETS
        return MENTIONS

    def _victims_over_origin(self, name: Name, found: Found, proper: bool, victims_in: bool) -> bool:
        """The readings of the place as the victims' asked before the actor's origin."""
        return bool(
            self._after_targeting_cue(found)
            or victims_in
            or (proper and (self._fronted_before_targeting(found) or self._more_victims(found)))
            # "Germany, Italy and France were the countries with the most victims".
            or (proper and (ranked_by_victims(found) or most_targeted(found) or listed_targets(found, self.cues)))
            # "the government of an Indonesian province": the part of the country stands for it.
            or (proper and self._victims_in_subdivision(found))
            # "Affected members:" over "b) the payments subsidiary of a Kenyan bank;": an item of a list of victims.
            or (proper and self._listed_victim(found))
            # "Turkish telecom operators were breached": the place qualifies the targeted subject.
            or (proper and self._targeted_after(found))
            # "... seen by Japan's response centre to have targeted organizations across the country".
            or (proper and name.cluster.galaxy == "country" and self._country_taken_up(found))
        )

    def _victims_under_origin(self, name: Name, found: Found, proper: bool) -> bool:
        """The readings of the place as the victims' that the actor's origin comes before."""
        return bool(
            (not name.context_only and self._qualifies_victims(found))
            # "at a video production house in the Netherlands and at an independent music label in Sweden".
            or (proper and self._mirrored_victim(found))
            # "seen in a number of countries including the U.S., Canada, Brazil, Poland and India".
            or (proper and name.cluster.galaxy == "country" and self._in_threat_list(found))
            # "its operators favour countries such as Peru and Chile" (the rest of the list: galaxy_place_siblings).
            or (proper and self._labelled_places(found))
        )

    def _vetoed(self, relationship: str, found: Found) -> bool:
        """Whether a reading of the place as the victims' (TARGETS) or the actor's (ATTRIBUTED) is turned back into a
        mention."""
        return bool(self._veto(relationship, found))

    def _veto(self, relationship: str, found: Found) -> str:
        """What turns a reading of the place as the victims' or the actor's back into a mention: DENIED, NOT_HERE (the
        place word in another sense, or a speaker), PASSING (the right place in another's story: listed in the event
        report, galaxy_mentions), or '' when none does."""
        if self._place_denied(found):
            return DENIED
        # A place word in another sense: a language, a threat's origin, a war's side, a compared campaign's victims;
        # an organisation's seat, an armed group (galaxy_place_senses).
        if relationship == ATTRIBUTED:
            # (...or the place of a public body that makes the attribution: "The US government attributed the attack
            # to ...", galaxy_place_roles.)
            before = found.sentence[: found.in_sentence]
            return (
                NOT_HERE
                if senses.not_origin(found) or speaker(before, found.following(80), self.cues.targeting)
                else ""
            )
        # The place's demonym names a language ("Spanish-speaking users"; an actor's "Russian-speaking" crew is its
        # origin still), someone else is impersonated, or the sentence sets the place apart.
        if (
            self._impersonated(found)
            or self.cues.language_glued.match(found.following(60))
            or self.asides.in_separating_sentence(found)
            or senses.not_victims_place(found)
        ):
            return NOT_HERE
        # Other actors doing the same kind of thing there ("personas such as X run comparable floods against European
        # targets": galaxy_stance). Infrastructure, the writer's side or a helper governs the place, or the sentence
        # tells the past.
        return (
            PASSING
            if (
                others_alike(found)
                # (...though a list of victims names its items' infrastructure and owners as theirs: "Affected members:"
                # over "b) the payments subsidiary of a Kenyan bank;".)
                or (self._passing_place(found) and not self._listed_victim(found))
                or self._survey_sample(found)
                or self._past_around(found)
                or self._other_groups(found)
                or self.not_this_reports(found)
            )
            else ""
        )

    def _place_denied(self, found: Found) -> bool:
        """The place is in a denial, a question or a claim the writer rejects."""
        # A denial in its clause or in the clause that opens its list ("does not include any British, Spanish or
        # North American banks"), or an indirect question ("asked how the group relates to the Iranian operators").
        # Not a relative clause about somebody else further on ("... lost its data to a crew that does not bother with
        # malware": galaxy_place_scope).
        scoped = found if (clause := governing_clause(found)) == found.clause else replace(found, clause=clause)
        # ...or others' claim that the next sentence rejects ("some commentators call it a Russian front. We do not
        # share that view.": galaxy_stance).
        return bool(
            self.cues.negation.search(scoped.clause)
            or self.asides.denied(scoped)
            or self.asides.asked(found)
            or rejected_claim(found)
        )

    def _mentioned(self, name: Name, found: Found, veto: str) -> str:
        """MENTIONS, noting the place for the event report's list of clusters named in passing (galaxy_mentions) unless
        a veto read it as another sense or a denial; whether it is denied there or a person's surname is asked only of
        a place that ends up no tag (`in_passing_here`)."""
        if veto not in {DENIED, NOT_HERE}:
            self.mentioned_places.setdefault(name.cluster, []).append(found)
        return MENTIONS

    def in_passing_here(self, found: Found) -> bool:
        """The place is named in passing at `found`: not in a denial there ("the victim was not in Saudi Arabia") nor a
        person's surname ("said analyst Dana Jordan"). (A place denied in one sentence and named in passing in another
        is listed: "does not rule out other countries in Latin America" beside "spread throughout Latin America".)"""
        return not (self._place_denied(found) or evidence.surname(found, self.cues, self.index))

    def _listed_role(self, found: Found) -> str | None:
        """The role (TARGETS or ATTRIBUTED) of the place listed right before this one in its sentence, or TARGETS where
        a place of the list item right before this one's is the victims' (galaxy_place_siblings), read by these rules;
        None when there is none or it has neither role."""
        start = previous_listed(self.report.text, self.places, found)
        sibling = self.place_founds.get(start) if start is not None else None
        if sibling is not None and sibling.part is found.part:
            return self._role_of(sibling)
        item = previous_item(self.report.text, found.match.start)
        if item is None:
            return None
        first = bisect.bisect_left(self.place_starts, item[0])
        last = bisect.bisect_left(self.place_starts, item[1])
        for start in self.place_starts[first:last]:
            sibling = self.place_founds[start]
            if sibling.part is found.part and self._role_of(sibling) == TARGETS:
                return TARGETS
        return None

    def _role_of(self, found: Found) -> str | None:
        """The strongest role (ATTRIBUTED, then TARGETS) these rules give the place, or None; worked out once."""
        answers = self._answers(found)
        if "listed role" not in answers:
            roles = {self._location(n, found) for n in found.match.names if n.cluster.kind == "location"}
            answers["listed role"] = next((r for r in (ATTRIBUTED, TARGETS) if r in roles), None)
        return answers["listed role"]

    def _in_threat_list(self, found: Found) -> bool:
        """The place stands in a list of three or more places in a sentence about the threat, and no word of another
        role holds the list (galaxy_place_threat_lists)."""

        def names_threat() -> bool:
            if self.sentence_software.get((found.part.offset, found.sentence_start)):
                return True
            start = found.match.start - found.in_sentence
            return any(start <= s < start + len(found.sentence) for s in self.actor_starts)

        return threat_list(
            self.report.text, self.places, found, names_threat, (self.cues.infrastructure, self._sector_between)
        )

    def _labelled_places(self, found: Found) -> bool:
        """The place opens a list labelled by its kind in the report's account of the subject's activity, whatever
        the verb (galaxy_labelled_lists), or stands in such a list: the label says a list follows, so a bare comma
        joins its places ("**Countries:** Brazil, Mexico")."""
        start = found.match.start - found.in_sentence
        opening = max(list_opening(self.report.text, self.places, found.match.start), start)
        names_subject = bool(self.sentence_software.get((found.part.offset, found.sentence_start))) or any(
            start <= s < opening for s in self.actor_starts
        )
        return labelled_list(found.sentence[: opening - start], PLACES, names_subject)

    def _sector_between(self, start: int, end: int) -> bool:
        """Whether a sector's name starts between the two offsets of the report's text."""
        index = bisect.bisect_left(self.sector_starts, start)
        return index < len(self.sector_starts) and self.sector_starts[index] < end

    def _country_organ(self, name: Name, found: Found) -> bool:
        """A country's name before a capitalised sector word is that country's body ("the Kenyan Ministry of Foreign
        Affairs", "the Polish Armed Forces"), not part of another proper name as "Jordan Whitfield" is; not a
        region ("World Health Organization")."""
        if name.cluster.galaxy != "country" or name.context_only:
            # (A word-like name before a capitalised word is that thing's own name: "Columbia University".)
            return False
        if city_body(found):
            # "the Minneapolis Public School District": a city's own body (galaxy_cities).
            return True
        gap = _GAP.match(found.following(4))
        return bool(gap) and self._is_sector_at(found.match.end + gap.end())

    def _before_actor_name(self, found: Found) -> bool:
        """An actor's name follows the place ("the North Korean Lazarus Group"): the capitalised words after it are
        that name, not the rest of the place's own proper name; `_origin` reads the place as the actor's origin."""
        gap = _GAP.match(found.following(4))
        return bool(gap) and found.match.end + gap.end() in self.actor_starts

    def _fronted_before_targeting(self, found: Found) -> bool:
        """The place opens its sentence as an adverbial ("In Canada, the crew went after restaurant chains"; "At a
        Saudi petrochemical plant, the attackers targeted ..."): the targeting word of the main clause governs it."""
        position = found.in_sentence
        if not _FRONTED_IN.fullmatch(found.sentence[:position]) and fronted_site(found) is None:
            return False
        comma = _FRONTED_END.match(found.sentence, position + len(found.match.surface))
        # ...or its demonym opens a victim's site ("At a Saudi petrochemical plant, ...": galaxy_place_lists).
        start = comma.end() if comma else fronted_site(found)
        if start is None:
            return False
        rest = found.sentence[start:]
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
        return self._sector_between(found.match.end + span[0], found.match.end + span[1])

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
