"""Where a place sits when it is no target: where infrastructure, an office or the writer's side is, a survey's sample,
or a place a rule names only in passing (`_passing_place`), and the window of words before a place those readings
count in (the targeting word that governs it, the list of places it ends). Split from galaxy_target_vetoes because
these readings look at the words around the name, not at what the sentence tells (the past, other groups, a lure):
a reader of a wrong "hosted in" finds them in one place."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from ..knowledge.regex_cache import compiled
from .galaxy_cities import is_city
from .galaxy_place_prose import infrastructure_company, lure_spans, victims_copula
from .galaxy_place_roles import issuer, place_role
from .galaxy_places import Found
from .galaxy_target_context import TargetContext

# The rest of a clause after a place, up to a clause mark, a relative word ("banks in Germany whose servers ..."), a
# word of means ("ministries in Turkey through proxies hosted ...") or another verb ("banks in Peru and then moved its
# servers"; but "networks in Italy and serve as relays" goes on: the place's own noun serves as something).
_CLAUSE_AHEAD = compiled(
    r"[^;:,()\u2014\u2013]*?(?=[;:,()\u2014\u2013]|\s(?:whose|which|that|who|where|when|through|via|using|with|from|by|for)\b"
    r"|\s(?:and|then)\b(?!\s+(?:also\s+)?(?:serves?|served|acts?|acted|functions?|functioned|works?|worked)\s+as\b)|$)",
    re.IGNORECASE,
)
# The places listed right before a place ("the United States and "): a window before a place starts before them.
# ", most of them in", "(nearly all of which are based in": a place given to the noun before it.
_APPOSITION_IN = compiled(
    r"(?:[,(\u2014\u2013]\s*(?:(?:nearly|almost|about|roughly)\s+)?(?:most|many|all|some|half|several|few|none|"
    r"two|three|the\s+majority|the\s+rest)\s+of\s+(?:them|whom|which|these|those)\s+(?:(?:are|were|is|was|being|"
    r"located|based|sitting|hosted)\s+){0,2}(?:in|at|across)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# The seat of an organisation ("a firm headquartered in Ohio"): the victims' when a noun of victims says whose.
_SEAT = compiled(r"\bheadquartered\b", re.IGNORECASE)
_PEOPLE_AT = compiled(
    r"(?<!\bour\s)\b(?:analysts|researchers|scholars|experts|authors|teams?)\s+(?:at|of|in)\s+(?=(?:[\w-]+\s+){0,2}?"
    r"(?:think|universit|institut|ministr|agenc|compan|firm|organi[sz]ation|bank|hospital|school|college))",
    re.IGNORECASE,
)
# The object of a targeting word up to the place: nouns, adjectives, determiners, "and", "or", "of" and commas, and
# the preposition before the place; no verb, relative or other preposition (see `_targeted_object`).
_OBJECT_BREAKERS = (
    r"through|via|from|with|using|by|on|at|to|into|onto|behind|over|across|within|inside|under|for|as|is|are|was|"
    r"were|be|been|being|has|have|had|which|that|who|whose|where|while|when|after|before|then|sat|sit|sits|[\w-]+ed"
)
_OBJECT_ONLY = compiled(
    rf"\s*(?:(?!(?:{_OBJECT_BREAKERS}|in)\b)[\w'\u2019-]+,?\s+)*(?:in|at|across)\s+(?:the\s+)?", re.IGNORECASE
)
# After a place: "and" (or "or"), a noun phrase of its own ending in its head noun, and the place's preposition.
_OWN_CONJUNCT = compiled(
    r"\s*(?:\([^()]*\)\s*)?,?\s*(?:and|or)\s+(?P<words>(?:[\w'-]+\s+){0,3}(?P<head>[\w-]+))\s+(?:in|at|across)\s+"
    r"(?:the\s+)?"
)
_PLACE_LIST_BEFORE = compiled(r"(?:(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*(?:,\s*and|,|and|or)\s+)*(?:the\s+)?$")
# Where a match of it can start: a capital, "the" and a space, or the end (`_list_start`).
_LIST_CAN_START = compiled(r"[A-Z]|the\s")
# A survey, poll or study whose sample the name is part of ("The survey covered the retail and health sectors in
# Germany", "a study of 400 incidents across the energy and retail sectors"), with no targeting word between it and
# the name.
# (A study only as a noun after its determiner, and not a case study: "a researcher who studies Tibetan Buddhism at a
# university" was a victim.)
_SURVEY = compiled(
    r"\b(?:surveys?|surveyed|polls?|polled|respondents|questionnaires?|"
    r"(?:a|the|this|that|our|their|its)\s+(?!case\b)(?:[\w-]+\s+)?(?<!case\s)stud(?:y|ies))\b",
    re.IGNORECASE,
)
_OBJECT_OPENING = compiled(
    r"\s*(?:(?:a|an|the|one|two|three|four|five|several|some|\d+)\s+)?(?:(?:small|large|local|regional|major)\s+)?[*_]*",
    re.IGNORECASE,
)
# "of" and an article or a count right before a place: the place opens the owner of what comes before
# (`_owner_of`).
_OWNER_BEFORE = compiled(r"\bof\s+(?:(?:a|an|the|one|two|three|several)\s+)?[*_]*$", re.IGNORECASE)
_WORD = compiled(r"[A-Za-z][\w-]*")
# A possessive noun right before a word of `victims_own`, a word between at most ("a shipbuilder's design ").
_POSSESSOR_BEFORE = compiled(r"([\w-]+)['\u2019]s[ \t]+(?:[\w-]+[ \t]+)?$")
_COPULA = compiled(r"\s*(?:were|was|are|is|include|included|includes)\b", re.IGNORECASE)
# "The devices", "These hosts": a definite subject that takes up a noun of the sentence before.
_DEFINITE_SUBJECT = compiled(r"\s*(?:the|these|those|such)\s+([\w-]+)(?:\s+([\w-]+))?", re.IGNORECASE)


class PassingPlaces(TargetContext):
    """Where around the report a place sits when it is not this report's target, asked by the place and sector vetoes
    (`TargetVetoes`) and the sector rules."""

    def _passing_place(self, found: Found) -> bool:
        """The place is only where something around the report sits: infrastructure or an office (eight words before
        it), or a national CERT, survey respondents, a conference, thanked partners (`passing_places` words, eight
        words before or three after). Such sentences do not make the place one the report is about. Worked out once
        per place: `_location` can ask it twice, and of every location name the place carries."""
        answers = self._answers(found)
        passing = answers.get("passing place")
        if passing is None:
            passing = answers["passing place"] = self._work_out_passing_place(found)
        return passing

    def _work_out_passing_place(self, found: Found) -> bool:
        # The home of an authority, of the money or of a maker (galaxy_place_roles).
        before = self._sentence_before_list(found.sentence[: found.in_sentence])
        if place_role(before, found.following(80), found.sentence, self.cues.targeting):
            return True
        if issuer(self._sentence_before_list(self._paragraph_before(found)), found.following(80), self.cues.targeting):
            return True
        found = self._victims_own_masked(found)
        if self._where_infrastructure_is(found):
            return True
        before = self._own_conjunct(found, self._before_list(found))
        # People who work at the victims ("analysts at think tanks in Korea") are not the writer's side; but a city that
        # alone names its country (galaxy_cities) is as often the finders' as the victims' ("Researchers at a
        # university in Toronto found the first sample"): there they count.
        if not self._city_alone(found):
            before = _PEOPLE_AT.sub(" ", before)
        after = found.sentence[found.in_sentence + len(found.match.surface) :]
        near = " ".join(before.split()[-8:] + _CLAUSE_AHEAD.match(after).group().split()[:3])
        return bool(self.cues.passing_places.search(near))

    def _city_alone(self, found: Found) -> bool:
        """The match is a city whose country the report names nowhere else (galaxy_cities)."""
        alone = getattr(self, "cities_alone", set())
        return bool(alone) and is_city(found) and {n.cluster for n in found.match.names} <= alone

    def _own_conjunct(self, found: Found, before: str) -> str:
        """The words before the place from its own conjunct on, where it has a noun of victims of its own after
        another place ("a government CERT in Moldova and a ministry in Poland": the CERT is Moldova's, Poland's is a
        ministry); else `before` whole ("servers in Latvia and a few in Japan" is one list)."""
        window_start = found.match.start - len(before)
        index = bisect.bisect_left(self.places, (found.match.start, 0)) - 1
        if index < 0 or self.places[index][0] < window_start:
            return before
        tail = self.report.text[self.places[index][1] : found.match.start]
        conjunct = _OWN_CONJUNCT.fullmatch(tail)
        if not conjunct or conjunct["head"].lower() not in self.cues.sector_heads:
            return before
        return tail[conjunct.start("words") :]

    def _victims_own_masked(self, found: Found) -> Found:
        """The match with its sentence's words of `victims_own` blanked where a sector word qualifies them or ends with
        them ("government offices in the Philippines", "hospital IT teams in Ireland", "county offices in Georgia"):
        the victims' own offices, not the
        vendor's office nor infrastructure; and an office a lure poses as ("posing as a national revenue office",
        galaxy_place_prose). Worked out once per sentence: the blanks depend on the sentence and where it stands in the
        report (the sector words around it), not on the name, and a sentence of a list of places is asked per place."""
        start = found.part.offset + found.sentence_start
        key = ("victims own blanked", start, found.sentence)
        if key not in self._text_answers:
            self._text_answers[key] = self._victims_own_blanked(found.sentence, start)
        masked = self._text_answers[key]
        return found if masked is None else replace(found, sentence=masked)

    def _victims_own_blanked(self, sentence: str, start: int) -> str | None:
        """The sentence (at `start` in the report) with its words of `victims_own` blanked (`_victims_own_masked`);
        None where it has none."""
        owned = [
            m
            for m in self.cues.victims_own.finditer(sentence)
            if m.start() > 0
            and sentence[m.start() - 1] in " -"
            and not self._writers_trade_before(sentence, m.start())
            and (
                self._is_sector_end(start + m.start() - 1)
                # ...or ends a sector phrasing that holds it ("county offices in Georgia")
                or self._is_sector_end(start + m.end())
                or self._company_site(sentence[: m.start()])
                # ...or a noun of victims owns it ("a Vietnamese shipbuilder's design office in Haiphong")
                or self._victims_possession(sentence[: m.start()], start)
                # ...or is the subject of a targeting verb after it ("two new European offices have succumbed")
                or bool(self.cues.targeted_after.match(sentence, m.end()))
            )
        ]
        owned += [m for m in _SEAT.finditer(sentence) if self._victims_seat(sentence[: m.start()])]
        spans = [m.span() for m in owned] + list(lure_spans(sentence))
        if not spans:
            return None
        for begin, end in spans:
            sentence = sentence[:begin] + "_" * (end - begin) + sentence[end:]
        return sentence

    def _victims_possession(self, before: str, start: int) -> bool:
        """A sector's possessive stands before the office or team, a word at most between ("a shipbuilder's design
        office", "the hospital's IT team"; `start` is where the sentence starts in the report)."""
        possessor = _POSSESSOR_BEFORE.search(before)
        return bool(possessor) and self._is_sector_end(start + possessor.end(1))

    def _writers_trade_before(self, sentence: str, position: int) -> bool:
        """A word of the writer's own trade stands right before `position` ("the threat intelligence team in Lisbon",
        mentions.yaml `writers_trades`): that team or office is the writer's side, not the victims' own."""
        trades = list(self.cues.writers_trades.finditer(sentence, max(0, position - 40), position))
        return bool(trades) and not sentence[trades[-1].end() : position].strip()

    def _victims_seat(self, before: str) -> bool:
        """ "headquartered" right after a noun of victims, where a targeting word before governs it ("encrypted the
        servers of a logistics firm headquartered in Ohio"): the victims' seat, not the vendor's office ("a security
        firm headquartered in Israel found ...")."""
        words = re.findall(r"[\w'\u2019]+", before.lower())
        if not words or not before.endswith(" ") or words[-1] not in self.cues.sector_heads:
            return False
        return any(
            not self.cues.not_targeting.search(before, max(0, m.start() - 20), m.end() + 20)
            for m in self.cues.targeting.finditer(before)
        )

    def _company_site(self, before: str) -> bool:
        """The word before an office or a team names a company's site or unit (`victims_own_sites`: "a sales office",
        "the regional offices"), not after a word of the writer's side, and a targeting word before governs it."""
        words = re.findall(r"[\w'\u2019]+", before.lower())
        if not words or words[-1] not in self.cues.victims_own_sites or {"our", "we", "us"} & set(words[-4:]):
            return False
        return any(
            not self.cues.not_targeting.search(before, max(0, m.start() - 20), m.end() + 20)
            for m in self.cues.targeting.finditer(before)
        )

    def _where_infrastructure_is(self, found: Found) -> bool:
        """A word of infrastructure among the eight words before the place, or before the list of places it ends, in
        its sentence after the targeting word that governs the place ("proxies hosted in the Netherlands", "home
        routers, most of them in India", "phishing pages sat with providers in the United States and Germany"), or
        among the four words after it in its clause ("home networks in Italy serve as relays")."""
        found = self._victims_own_masked(found)
        before = self._before_list(found)
        if (
            self.cues.infrastructure.search(" ".join(before.split()[-8:]))
            and not self._targeted_object(found, before)
            and not self._owner_of(found, before)
        ):
            return True
        after = found.sentence[found.in_sentence + len(found.match.surface) :]
        if self.cues.infrastructure.search(" ".join(_CLAUSE_AHEAD.match(after).group().split()[:5])) and not (
            # "breached a Vietnamese hosting company": a company of infrastructure that a targeting word governs.
            infrastructure_company(after) and self._object_of_targeting(found)
        ):
            return True
        return self._infrastructure_subject(found)

    def _owner_of(self, found: Found, before: str) -> bool:
        """The place opens the owner of the infrastructure before it, a noun of victims ("a web server hosting the
        domain of a U.S. municipal government", "the mail server of a Polish ministry"): the victim's own machines,
        not where the attacker's sit."""
        if not _OWNER_BEFORE.search(before):
            return False
        end = found.match.end
        for word in list(_WORD.finditer(found.following(40)))[:3]:
            lowered = word.group().lower()
            if lowered in self.cues.phrase_words or self.cues.infrastructure.fullmatch(lowered):
                return False
            if lowered in self.cues.sector_heads or self._is_sector_at(end + word.start()):
                return True
        return False

    def _object_of_targeting(self, found: Found) -> bool:
        """The place opens the object of the targeting word right before it, an article or a count between
        ("breached a Vietnamese", "hit two Dutch")."""
        position = found.in_sentence
        window = self._governed_window(found)
        return window != found.sentence[:position] and bool(_OBJECT_OPENING.fullmatch(window))

    def _targeted_object(self, found: Found, before: str) -> bool:
        """The words before the place are the object a targeting word governs and nothing else ("DDoS attacks
        against game servers and hosting providers in Brazil", "breached web hosts in Poland"): its words of
        infrastructure are the victims' kind, not where the attacker's infrastructure sits. Not once a verb, a
        relative or a preposition other than "of" intervenes ("targeting banks through servers in Germany",
        "used against banks from proxies hosted in Latvia")."""
        position = found.in_sentence
        if before == found.sentence[:position] or len(before.split()) > 12:
            # No targeting word governs the place (the window is the whole sentence before it).
            return False
        # A word of sending governs a recipient, which may be infrastructure ("data was sent to a data centre in"),
        # and a targeting phrase made with a word of infrastructure ("servers at") governs none.
        governing = found.sentence[max(0, position - len(self._governed_window(found)) - 30) : position - len(before)]
        # A victim noun and a copula ("The two confirmed victims are a web hosting provider in"): the object follows.
        copula = _COPULA.match(before)
        if copula and victims_copula(governing + before[: copula.end()]):
            before = before[copula.end() :]
        return (
            _OBJECT_ONLY.fullmatch(before) is not None
            and not re.search(r"\bto\s*$", governing, re.IGNORECASE)
            and not self.cues.infrastructure.search(governing)
        )

    def _infrastructure_subject(self, found: Found) -> bool:
        """The sentence's subject takes up the infrastructure of the sentence before ("... one of many NAS devices
        the operators took over. The devices sit in home networks in Taiwan"), and no targeting word governs the
        place."""
        position = found.in_sentence
        subject = _DEFINITE_SUBJECT.match(found.sentence)
        if not subject or subject.end() > position or self._governed_window(found) != found.sentence[:position]:
            return False
        earlier = found.part.text[max(0, found.sentence_start - 400) : found.sentence_start].rstrip()
        previous = re.split(r"(?<=[.!?])\s+", earlier)[-1] if earlier else ""
        nouns = [w.lower().rstrip("s") for w in subject.groups() if w and len(w) > 3]
        return any(re.search(rf"\b{re.escape(noun)}", previous, re.IGNORECASE) for noun in nouns) and bool(
            self.cues.infrastructure.search(previous)
        )

    def _survey_sample(self, found: Found) -> bool:
        """The name is in the sample a survey or poll covered, said before it with no targeting word between ("The
        survey covered the retail, finance and health sectors in Germany"): the field's figures, not victims."""
        return bool(_SURVEY.search(self._governed_window(found)))

    def _before_list(self, found: Found) -> str:
        """The governed window before the list of places the place ends (joiners read as "and": "in the United
        States and a few in Japan") and before an apposition that places the noun before it ("routers, most of them
        in ..."): the words before a place are counted from there. Worked out once per sentence and position."""
        key = ("before list", found.sentence, found.in_sentence)
        before = self._text_answers.get(key)
        if before is None:
            before = self._text_answers[key] = self._work_out_before_list(found)
        return before

    def _work_out_before_list(self, found: Found) -> str:
        before = self._joined_as_and(self._governed_window(found))
        before = before[: _list_start(before)]
        return before[: _APPOSITION_IN.search(before).start()]

    @staticmethod
    def _paragraph_before(found: Found) -> str:
        """The place's paragraph before it, up to 400 characters."""
        text = found.part.text[max(0, found.offset_in_part - 400) : found.offset_in_part]
        return text[text.rfind("\n") + 1 :]

    def _sentence_before_list(self, before: str) -> str:
        """The whole sentence before the list of places the place ends, whatever targeting word stands in it: a verb
        of sparing governs the targeting word after it ("its rules forbid attacks on Russia, Belarus and ...")."""
        before = self._joined_as_and(before)
        return before[: _list_start(before)]

    def _governed_window(self, found: Found) -> str:
        """The place's sentence before it, from the last targeting word that governs it: the words of the writer's
        side or of infrastructure before that word speak of something else ("the C2 server, a VPS in Germany, was
        used against hospitals in Spain"). Worked out once per sentence and position."""
        position = found.in_sentence
        key = ("governed window", found.sentence, position)
        window = self._text_answers.get(key)
        if window is None:
            before = found.sentence[:position]
            window = self._text_answers[key] = (
                before
                if self._no_targeting_before(found.sentence, position)
                else self._work_out_governed_window(before)
            )
        return window

    def _work_out_governed_window(self, before: str) -> str:
        cues = [
            m
            for m in self.cues.targeting.finditer(before)
            if not self.cues.not_targeting.search(before, max(0, m.start() - 20), m.end() + 20)
        ]
        return before[cues[-1].end() :] if cues else before


def _list_start(before: str) -> int:
    """Where the list of places that ends the text starts (`_PLACE_LIST_BEFORE`; the end where none does): the
    start of `search`, tried only where a match can start (`_LIST_CAN_START`, and the end or before a last line
    break, where `$` matches) instead of at every character, where the expression's loops cost `search` a tenth of
    a microsecond each (half its time, measured on the places of a 500 KB report)."""
    for start in _LIST_CAN_START.finditer(before):
        if _PLACE_LIST_BEFORE.match(before, start.start()):
            return start.start()
    end = len(before)
    if before.endswith("\n") and _PLACE_LIST_BEFORE.match(before, end - 1):
        return end - 1
    return end
