"""The role a place or a sector plays where a report names it (the location and sector rules of the table in
galaxies.py): a target, the actor's origin, a passing mention, or nothing. `Reader` (galaxy_roles) applies these
rules through this mixin; they read the report's places and sector words that `Reader.found` lists."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import Any

from ..knowledge.galaxies import Name
from ..read.report import Report
from . import galaxy_background as background
from . import galaxy_evidence as evidence
from .galaxy_asides import CLAUSE_MARKS, Asides
from .galaxy_cues import Cues
from .galaxy_places import VICTIM_DESCRIPTION, VICTIM_LOCATION, VICTIM_SECTOR, Found

ATTRIBUTED, TARGETS, USES, MENTIONS = "attributed-to", "targets", "uses", "mentions"
_GLUED_WORD = re.compile(r"-(\w+)")
_NEXT_TWO_WORDS = re.compile(r"[\s-]*(\w+)(?:\s+(\w+))?")
# The word written right before a name, joined to it by a space or a hyphen ("ransom payment").
_WORD_JOINED_BEFORE = re.compile(r"(\w+)[ -]$")
# The last one or two words of a text (the noun of victims before "in": "government agencies").
_LAST_WORDS = re.compile(r"(?:[\w-]+\s+)?[\w-]+\s*$")
# From a sector to the place of its victims: the rest of a short list of victim nouns, then "in" ("think tanks
# and universities in ").
_SECTOR_LIST_IN = re.compile(r"(?:[\s,]+[a-z][\w-]*){0,4}\s+(?:in|across|throughout)\s+(?:the\s+)?")
_WORDS_AFTER = re.compile(r"[A-Za-z][\w-]*")
# A heading that asks why the victims were in a sector ("Why education?", "Why target hospitals?"): the section
# discusses the victims' sector.
_WHY_SECTOR = re.compile(r"why\s+(?:(?:the|target|targeting|attack|attacking|hit)\s+)?[\w ,&-]{2,40}\?", re.IGNORECASE)
# A sector word glued by a hyphen to a lower-case word makes an adjective ("government-themed lures", "energy-related
# documents", "health-check endpoint"), not a victim; unless it or the word after it is a noun of victims
# ("automotive-parts suppliers").
_GLUED_ADJECTIVE = re.compile(r"-([a-z][\w-]*)(?:\s+([a-z]+))?")
# How far a word of origin reaches: words between it and the place before it, and after it.
_ORIGIN_REACH, _ORIGIN_AFTER = 6, 3
# A victim noun right after an indefinite article is one organisation ("a career at a US investment bank"): the
# place qualifies it as a victim only where the sentence says something was targeted.
_ONE_ORGANISATION = re.compile(r"\b(?:a|an|one)\s+[*_]*$", re.IGNORECASE)
# The vendor's own people and clients ("our customers in Norway", "our partners in Japan") are no victims.
_OURS = re.compile(r"\bour\s+(?:[\w-]+\s+){0,2}$|\bof\s+ours\s+$", re.IGNORECASE)
# A place opening its sentence as an adverbial ("In Canada, ..."; "Across Germany and Austria, ..."), and the end of
# the adverbial (more places of its list, then the comma).
_FRONTED_IN = re.compile(
    r"\s*[*_]*(?i:in|across|throughout)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?)*"
)
_FRONTED_END = re.compile(r"(?:\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)*\s*,")
# The rest of a clause after a place, up to a clause mark, a relative word ("banks in Germany whose servers ..."), a
# word of means ("ministries in Turkey through proxies hosted ...") or another verb ("banks in Peru and then moved its
# servers"; but "networks in Italy and serve as relays" goes on: the place's own noun serves as something).
_CLAUSE_AHEAD = re.compile(
    r"[^;:,()\u2014\u2013]*?(?=[;:,()\u2014\u2013]|\s(?:whose|which|that|who|where|when|through|via|using|with|from|by|for)\b"
    r"|\s(?:and|then)\b(?!\s+(?:also\s+)?(?:serves?|served|acts?|acted|functions?|functioned|works?|worked)\s+as\b)|$)",
    re.IGNORECASE,
)


# The places listed right before a place ("the United States and "): a window before a place starts before them.
# ", most of them in", "(nearly all of which are based in": a place given to the noun before it.
_APPOSITION_IN = re.compile(
    r"(?:[,(\u2014\u2013]\s*(?:(?:nearly|almost|about|roughly)\s+)?(?:most|many|all|some|half|several|few|none|"
    r"two|three|the\s+majority|the\s+rest)\s+of\s+(?:them|whom|which|these|those)\s+(?:(?:are|were|is|was|being|"
    r"located|based|sitting|hosted)\s+){0,2}(?:in|at|across)\s+(?:the\s+)?)?$",
    re.IGNORECASE,
)
# Another group set beside the report's ("not to be confused with X", "unlike X"), then a relative clause about it:
# what that clause names is the other group's ("..., nor with Charming Kitten, which goes after journalists").
_OTHER_GROUP = re.compile(r"\b(?:confused\s+with|mistaken\s+for|nor\s+with)\b", re.IGNORECASE)
_RELATIVE_AFTER = re.compile(
    r"[^;]*?,\s*(?:which|who|whose)\b(?![^;]*,\s*(?:this|that|these|the|it|its|we|our|they|their)\s)[^;]*$",
    re.IGNORECASE,
)
# A sentence opening with a count of "them" and where they were ("A handful were in", "Two more came from"), and the
# places listed before the place ("Others are in Austria and ").
_MORE_OF_THEM = re.compile(
    r"\s*(?:a\s+handful|a\s+few|a\s+dozen|some|several|others|the\s+rest|the\s+remainder|a\s+minority|many|"
    r"one|two|three|four|five|six|\d+)(?:\s+(?:more|others|other))?(?:\s+of\s+them)?\s+(?:were|was|are|is|came|come)"
    r"\s+(?:from|in|based\s+in|located\s+in)\s+(?:the\s+)?"
    r"(?:(?-i:[A-Z])[\w.]*(?:\s+(?-i:[A-Z])[\w.]*)*\s*(?:,\s*and|,|and|or)\s+(?:the\s+)?)*",
    re.IGNORECASE,
)
_COUNT = re.compile(r"\s*(?:one|two|three|four|five|six|\d+)\b", re.IGNORECASE)
# ", nearly all of them " before a sector; and words of incidents that make the noun before it the victims.
_APPOSITION_SECTOR = re.compile(
    r"[,(\u2014\u2013]\s*(?:(?:nearly|almost|about|roughly)\s+)?(?:most|many|all|some|half|several|the\s+majority)"
    r"\s+of\s+(?:them|whom|which|these)\s+(?:(?:are|were|being)\s+)?(?:(?:small|large|mid-sized|local|regional)\s+)?$",
    re.IGNORECASE,
)
# "whose" and at most one word right before a word of websites ("newspapers whose websites", "whose own sites").
_WHOSE_BEFORE = re.compile(r"\bwhose\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# A statement that opens with one of "them" and what it is ("One is a law firm", "; another was", "The second of them
# is a", "Two were"), up to the sector.
_ONE_OF_THEM = re.compile(
    r"(?:^|[;,]\s*)\s*(?:one|another|the\s+(?:first|second|third|fourth|other|others|rest|last|remaining\s+\w+)|two|"
    r"three|four|five|some|most|several|a\s+few|all)(?:\s+of\s+(?:them|these|those|the\s+\w+))?\s+(?:is|was|are|were)\s+"
    r"(?:(?:an?|the|two|three|four|five|several|some|small|large|local|regional|private|public|mid-sized|state-owned)\s+)*$",
    re.IGNORECASE,
)
# A turn from the past to the report's own time within a sentence (", but this wave", "; this time", "whereas now").
_NOW_CONTRAST = re.compile(
    r"(?:,\s*but|;\s*(?:but\s+)?|\bwhereas|,\s*while)\s+(?=(?:this|these|now|today|the\s+current|the\s+latest|the\s+new|in\s+this)\b)"
    # ", this wave hit", ", now sends": a comma turning to the report's own wave or to now; the comma that ends an
    # opening clause of contrast ("While the headlines were about Ukraine, this crew hit banks in Chile")
    r"|,\s+(?:and\s+)?(?=(?:this|the\s+current|the\s+latest|the\s+new)\s+(?:wave|campaign|operation|round|time|activity)\b|now\b)"
    r"|^\W*(?:while|although|though|whereas|unlike|in\s+contrast\s+to)\b[^,;]*,\s+",
    re.IGNORECASE,
)
_INCIDENTS = re.compile(r"\b(?:infections?|intrusions?|incidents?|compromises|breaches|victims?)\b", re.IGNORECASE)
_PEOPLE_AT = re.compile(
    r"(?<!\bour\s)\b(?:analysts|researchers|scholars|experts|authors|teams?)\s+(?:at|of|in)\s+(?=(?:\w+\s+){0,2}?"
    r"(?:think|universit|institut|ministr|agenc|compan|firm|organi[sz]ation|bank|hospital|school|college))",
    re.IGNORECASE,
)
_PLACE_LIST_BEFORE = re.compile(r"(?:(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*\s*(?:,\s*and|,|and|or)\s+)*(?:the\s+)?$")
# A relative clause saying that what the sentence tells goes on ("..., which continue in parallel", "that is still
# running").
_GOES_ON = re.compile(
    r",\s*(?:which|that)\s+(?:(?:are|is|have|has)\s+)?(?:still\s+(?:active|running|going|under\s+way|ongoing)|"
    r"continues?|continuing|goes\s+on|go\s+on|remains?\s+active|ongoing)\b",
    re.IGNORECASE,
)
# A word of impersonation a few words before a name: the name is the persona of a lure ("mails impersonating
# hospitals in Spain", "posing as a journalist").
_IMPERSONATED = re.compile(
    r"\b(?:impersonat\w*|pos(?:e|es|ed|ing)\s+as|masquerad\w*\s+as|pretend\w*\s+to\s+be|disguised\s+as|spoof\w*|"
    r"imitat\w*|claim\w*\s+to\s+be|purport\w*\s+to\s+be|copied|in\s+the\s+name\s+of|on\s+behalf\s+of|"
    r"(?:supposedly|purportedly|allegedly|ostensibly|seemingly|apparently)\s+(?:from|sent\s+by|by)|"
    r"(?:claim\w*|appear\w*|seem\w*|pretend\w*)\s+to\s+come\s+from|"
    r"(?:fake|forged|bogus|counterfeit|phony|sham)(?:\s+[\w-]+){0,3}?\s+(?:from|by|of))"
    r"((?:\s+[\w'-]+,?){0,10}?)\s*$",
    re.IGNORECASE,
)
# "The devices", "These hosts": a definite subject that takes up a noun of the sentence before.
_DEFINITE_SUBJECT = re.compile(r"\s*(?:the|these|those|such)\s+([\w-]+)(?:\s+([\w-]+))?", re.IGNORECASE)
_PEOPLE = {
    "students",
    "student",
    "users",
    "user",
    "employees",
    "staff",
    "workers",
    "personnel",
    "professionals",
    "researchers",
    "executives",
    "officials",
    "engineers",
    "customers",
    "clients",
}
# Targeting words that are nouns (see `_victims_as_subject`), and adverbs between such a noun and its verb.
_VICTIM_NOUNS = {"target", "targets", "victim", "victims", "recipients"}
_SUBJECT_ADVERBS = {"also", "often", "usually", "typically", "all", "mostly", "generally", "still", "then", "both"}


class PlaceRules:
    """The location and sector rules; mixed into `Reader`, whose `found` sets the places and sector spans."""

    report: Report
    cues: Cues
    asides: Asides
    has_targeting: bool
    places: list[tuple[int, int]]
    place_clusters: dict[int, set[Any]]
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

    def _location(self, name: Name, found: Found) -> str | None:
        role = found.part.role
        if found.place == VICTIM_LOCATION:
            return TARGETS
        if found.place != "prose" or evidence.proper_name_goes_on(found):
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
        elif not self.has_targeting and proper and self._targeted_after(found):
            # "Turkish telecom operators were breached": the place qualifies the targeted subject.
            relationship = TARGETS
        elif self._origin(found):
            relationship = ATTRIBUTED
        elif not self.has_targeting and not name.context_only and self._qualifies_victims(found):
            relationship = TARGETS
        if relationship != MENTIONS and self.cues.negation.search(found.clause):
            relationship = MENTIONS
        if relationship == TARGETS and (
            self._passing_place(found)
            or self.asides.in_separating_sentence(found)
            or self._past_around(found)
            or self._other_groups(found)
            or self._impersonated(found)
            or self.cues.language_glued.match(found.following(12))
            or self._not_this_reports(found)
        ):
            # Infrastructure, the writer's side or a helper governs the place, the sentence tells the past, or the
            # place's demonym names a language ("Spanish-speaking users"; an actor's "Russian-speaking" crew is its
            # origin still).
            relationship = MENTIONS
        if relationship == MENTIONS and (name.context_only or self._passing_place(found)):
            return None
        return relationship

    def _fronted_before_targeting(self, found: Found) -> bool:
        """The place opens its sentence as an adverbial ("In Canada, the crew went after restaurant chains"): the
        targeting word of the main clause governs it."""
        position = max(found.offset_in_part - found.sentence_start, 0)
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

    def _advice(self, found: Found) -> bool:
        """The sentence gives advice and says nothing was targeted ("NGOs in Poland should treat removable drives
        with care"): the organisations it names are its audience, not victims."""
        return bool(self.cues.advice.search(found.sentence)) and not self._targeting_in(found.sentence)

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
        found = self._victims_own_masked(found)
        if self._where_infrastructure_is(found):
            return True
        before = self._before_list(found)
        # People who work at the victims ("analysts at think tanks in Korea") are not the writer's side.
        before = _PEOPLE_AT.sub(" ", before)
        after = found.sentence[max(found.offset_in_part - found.sentence_start, 0) + len(found.match.surface) :]
        near = " ".join(before.split()[-8:] + _CLAUSE_AHEAD.match(after).group().split()[:3])
        return bool(self.cues.passing_places.search(near))

    def _not_this_reports(self, found: Found) -> bool:
        """The sentence names the place or sector for something other than this report's victims: a wrong lead,
        figures of the whole field, the police at work, the report's readers or a product's users
        (`galaxy_background`)."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        before = found.sentence[:position]
        after = found.sentence[position + len(found.match.surface) :]
        return (
            background.misattributed(found.clause)
            or background.field_figures(found.sentence)
            or (
                background.audience(found.sentence, re.split(CLAUSE_MARKS, before)[-1])
                or background.enforcers(before, found.match.surface, after, self.cues.targeting)
            )
        )

    def _victims_own_masked(self, found: Found) -> Found:
        """The match with its sentence's words of `victims_own` blanked where a sector word qualifies them
        ("government offices in the Philippines", "hospital IT teams in Ireland"): the victims' own offices, not the
        vendor's office nor infrastructure."""
        sentence = found.sentence
        start = found.part.offset + found.sentence_start
        owned = [
            m
            for m in self.cues.victims_own.finditer(sentence)
            if m.start() > 0 and sentence[m.start() - 1] in " -" and self._is_sector_end(start + m.start() - 1)
        ]
        if not owned:
            return found
        for m in owned:
            sentence = sentence[: m.start()] + "_" * (m.end() - m.start()) + sentence[m.end() :]
        return replace(found, sentence=sentence)

    def _impersonated(self, found: Found) -> bool:
        """The name is what a lure posed as, a few words after a word of impersonation with no targeting word
        between ("webmail accounts that impersonate a colleague, a journalist or an organiser")."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)][-90:]
        cue = _IMPERSONATED.search(before)
        return bool(cue) and not self.cues.targeting.search(cue.group(1))

    def _victims_apposition(self, found: Found) -> bool:
        """The sector names what most of the victims before it were, in an apposition ("23 infections at customers
        in Italy, nearly all of them manufacturers"): the sentence before it speaks of victims or infections."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        before = found.sentence[:position]
        apposition = _APPOSITION_SECTOR.search(before)
        if not apposition:
            return False
        earlier = before[: apposition.start()]
        return bool(self.cues.targeting.search(earlier) or _INCIDENTS.search(earlier)) and not (
            self.cues.infrastructure.search(earlier) or self.cues.passing_places.search(earlier)
        )

    def _one_of_the_victims(self, found: Found) -> bool:
        """The sector says what one of the victims just counted is ("We identified three victims. One is a law firm;
        another is a pension fund."): the statement opens with one of them, and the sentence before, or this one
        before it, names victims with a targeting word."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        head = found.sentence[:position]
        one = _ONE_OF_THEM.search(head)
        if not one:
            return False
        if self.cues.targeting.search(head, 0, one.start()):
            return True
        earlier = found.part.text[max(0, found.sentence_start - 400) : found.sentence_start].rstrip()
        previous = re.split(r"(?<=[.!?])\s+", earlier)[-1] if earlier else ""
        return bool(previous) and bool(self.cues.targeting.search(previous))

    def _more_victims(self, found: Found) -> bool:
        """A sentence that only counts where more of the victims of the sentence before were ("Most were county
        governments. A handful were in Canada."): the place is theirs when that sentence names victims (a
        targeting word or a victim noun) and no infrastructure."""
        position = max(found.offset_in_part - found.sentence_start, 0)
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
        if not previous or self.cues.infrastructure.search(previous) or self.cues.passing_places.search(previous):
            return False
        words = set(re.findall(r"[a-z]+", previous.lower()))
        return bool(self.cues.targeting.search(previous) or words & self.cues.sector_heads)

    def _before_list(self, found: Found) -> str:
        """The governed window before the list of places the place ends (joiners read as "and": "in the United
        States and a few in Japan") and before an apposition that places the noun before it ("routers, most of them
        in ..."): the words before a place are counted from there. Worked out once per sentence and position."""
        key = ("before list", found.sentence, max(found.offset_in_part - found.sentence_start, 0))
        before = self._text_answers.get(key)
        if before is None:
            before = self._text_answers[key] = self._work_out_before_list(found)
        return before

    def _work_out_before_list(self, found: Found) -> str:
        before = self._joined_as_and(self._governed_window(found))
        before = before[: _PLACE_LIST_BEFORE.search(before).start()]
        return before[: _APPOSITION_IN.search(before).start()]

    def _governed_window(self, found: Found) -> str:
        """The place's sentence before it, from the last targeting word that governs it: the words of the writer's
        side or of infrastructure before that word speak of something else ("the C2 server, a VPS in Germany, was
        used against hospitals in Spain"). Worked out once per sentence and position."""
        position = max(found.offset_in_part - found.sentence_start, 0)
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

    def _origin(self, found: Found) -> bool:
        """In a report without an Attribution section: the clause says the actor comes from the place ("believed
        to operate from Pakistan", "a Russia-aligned group"), or the place qualifies the actor ("Russian military
        hackers", "North Korean operators"); a hyphenated origin word counts too ("a Pakistan-linked group")."""
        glued = _GLUED_WORD.match(found.following(20))
        if self._origin_word_near(found) or (
            glued and (self.cues.origin.fullmatch(glued.group(1)) or glued.group(1).lower() in self.cues.origin_glued)
        ):
            return True
        following = _NEXT_TWO_WORDS.match(found.following(40))
        return bool(following and {w.lower() for w in following.groups() if w} & self.cues.actor_nouns)

    def _past_around(self, found: Found) -> bool:
        """The place's sentence speaks of the past before it or in its clause ("Years ago the group hit banks in
        Bangladesh"); not a clause after it ("a manufacturer in Germany, whose servers had been encrypted"), and not
        when a relative clause after it says the thing goes on ("earlier operations against India's defence
        ministry, which continue in parallel")."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        before = found.sentence[:position]
        # A contrast turns to the report's own time ("best known for its attacks on Ukraine, but this wave hit banks
        # in Chile"): the past before it does not reach the name.
        turns = list(_NOW_CONTRAST.finditer(before))
        if turns:
            before = before[turns[-1].end() :]
        if not (self._past(before) or self._past(found.clause) or self._past(before, opener=bool(not turns))):
            return False
        return not _GOES_ON.search(found.sentence, position)

    def _other_groups(self, found: Found) -> bool:
        """The name stands in a relative clause about another group the sentence sets beside the report's ("It is
        not to be confused with Charming Kitten, which goes after journalists"; "unlike APT28, which hit ministries
        in Georgia"): that group's victims, not the report's."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)]
        if background.other_actors_subject(before) and not _NOW_CONTRAST.search(before):
            return True
        cues = list(_OTHER_GROUP.finditer(before)) + list(self.cues.comparison.finditer(before))
        if any(_RELATIVE_AFTER.match(before, cue.end()) for cue in cues):
            return True
        # An apposition that profiles an actor by its record ("Mustang Panda, a China-based group that has spied on
        # governments"): background, not this report's victims.
        return bool(self.cues.actor_profile.search(before))

    def _past(self, text: str, opener: bool = False) -> bool:
        """`Asides.past` (or, with `opener`, its opener of the past), but the year just before the report's is the
        time of the campaign a report tells ("spent most of 2024 inside a ministry in Jordan", written in 2025),
        not history: only an earlier year, or a word of the past, counts. Worked out once per text."""
        key = ("past", text, opener)
        past = self._text_answers.get(key)
        if past is None:
            past = self._text_answers[key] = self._work_out_past(text, opener)
        return past

    def _work_out_past(self, text: str, opener: bool) -> bool:
        year = self.asides.year
        words = self.cues.historical_openers if opener else self.cues.historical
        if any(not self.cues.recent.match(text, m.start()) for m in words.finditer(text)):
            return True
        return year is not None and any(int(m.group(1)) < year - 1 for m in self.cues.past_year.finditer(text))

    def _origin_word_near(self, found: Found) -> bool:
        """A word of origin in the place's clause governs it: at most six words before it with no other place
        between that is not listed with it ("believed to operate from Pakistan", "attributed to Russia and
        Belarus"; not "operates from Iran and sends lures to Israeli firms"), or at most three words after it ("a
        North Korean state-sponsored group")."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        before = re.split(CLAUSE_MARKS, found.sentence[:position])[-1]
        cues_before = list(self.cues.origin.finditer(before))
        if cues_before and self.cues.origin_not_subjects.search(before, 0, cues_before[-1].start()):
            # The word of origin tells where the writer's side or a victim is, not the actor.
            cues_before = []
        if cues_before and len(before[cues_before[-1].end() :].split()) <= _ORIGIN_REACH:
            start = found.match.start - len(before) + cues_before[-1].end()
            if found.part.role == "heading" or not self._other_place_between(found, start):
                return True
        after = re.split(CLAUSE_MARKS, found.following(60), maxsplit=1)[0]
        cue_after = self.cues.origin.search(after)
        return bool(cue_after) and len(after[: cue_after.start()].split()) <= _ORIGIN_AFTER

    def _product_name(self, found: Found, joined: re.Match[str] | None) -> bool:
        """A capitalised sector word in a product's name: before a product word ("Harbor Telecom Shield", "our
        Government Cloud") or right after "our"."""
        if not found.match.surface[:1].isupper():
            return False
        following = _WORDS_AFTER.match(found.following(30).lstrip(" "))
        if following and found.following(1) == " " and following.group() in self.cues.product_words:
            return True
        return bool(joined and joined.group(1).lower() == "our")

    def _victims_in_place(self, found: Found) -> bool:
        """The sector is where a list of victims is placed: "think tanks and universities in South Korea", "banks
        in Spain" (the same words that make the place a target, see `_where_victims_are`)."""
        index = bisect.bisect_left(self.places, (found.match.end, 0))
        if index >= len(self.places) or self.places[index][0] - found.match.end > 60:
            return False
        between = self.report.text[found.match.end : self.places[index][0]]
        if "\n\n" in between or self._where_infrastructure_is(found) or self._advice(found):
            return False
        # The websites of the sector's organisations delivered the payload to others: they were no victims there.
        before = found.sentence[
            max(found.offset_in_part - found.sentence_start - 100, 0) : found.offset_in_part - found.sentence_start
        ]
        return bool(_SECTOR_LIST_IN.fullmatch(between)) and not self.cues.sector_sites.search(before)

    def _owns_delivery_sites(self, found: Found) -> bool:
        """The sector's organisations own the websites that served the payload, said right after it ("newspapers
        whose websites served the script were victims too, but of a different kind"): no target of the report."""
        position = max(found.offset_in_part - found.sentence_start, 0) + len(found.match.surface)
        after = found.sentence[position : position + 60]
        sites = self.cues.sector_sites.search(after)
        return bool(sites) and bool(_WHOSE_BEFORE.search(after, 0, sites.start()))

    def _victim_section(self, found: Found) -> bool:
        """In a free-form report, the name stands in a section whose short heading is about the victims
        ("Victimology", "Who was hit", "Targets and scope"): its sentences describe the victims as a Targeting section
        does (not "Inside the victim's network", the victim's own things)."""
        heading = found.part.heading
        if not heading or len(_WORDS_AFTER.findall(heading)) > 5 or "’" in heading or "'" in heading:
            return False
        # (the report's title is no section heading: the whole report sits under it)
        if heading == self.report.title or not self.cues.victim_heading.search(heading) or self._advice(found):
            return False
        # Not a statement that denies, up to a semicolon ("None of the targets were in the energy sector; all were
        # think tanks", "a few universities received the e-mails but did not run the installer").
        position = max(found.offset_in_part - found.sentence_start, 0)
        start = found.sentence.rfind(";", 0, position) + 1
        end = found.sentence.find(";", position)
        statement = found.sentence[start : end if end >= 0 else len(found.sentence)]
        return not (
            self.cues.negation.search(statement) or self.cues.negation_before.search(found.sentence, start, position)
        )

    def _speaks(self, found: Found) -> bool:
        """The name is the author of a warning, not a victim: a verb of speaking within four words after it ("a
        government agency published advisories"), or it follows "advisories from" and the like."""
        clause_after = re.split(CLAUSE_MARKS, found.following(50), maxsplit=1)[0]
        after = [w.lower() for w in _WORDS_AFTER.findall(clause_after)[:4]]
        if set(after) & self.cues.speaking_verbs:
            return True
        start = max(found.offset_in_part - found.sentence_start, 0)
        return bool(self.cues.speaking_source.search(found.sentence, max(0, start - 60), start))

    def _qualifies_victims(self, found: Found) -> bool:
        """The place qualifies a noun of victims within the next two words: a sector ("European embassies",
        "Ukrainian ministries") or an organisation ("Japanese exchange staff"); not infrastructure ("a Dutch
        hosting provider")."""
        words = list(_WORDS_AFTER.finditer(found.following(60)))[:4]
        if not words or words[0].start() != 1 or any(self.cues.infrastructure.fullmatch(w.group()) for w in words):
            return False
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)]
        if (_ONE_ORGANISATION.search(before) or self.cues.advice.search(found.sentence)) and not (
            self._targeting_in(found.sentence)
        ):
            return False
        following = found.following(60)
        for position, word in enumerate(words[:3]):
            if word.group().lower() in self.cues.phrase_words:
                # A verb or a preposition ends the noun phrase the place qualifies ("agencies in Australia have
                # warned hotels").
                return False
            start = found.match.end + word.start()
            index = bisect.bisect_left(self.sector_starts, start)
            if not (
                (index < len(self.sector_starts) and self.sector_starts[index] == start)
                or word.group().lower() in self.cues.sector_heads
            ):
                continue
            # A singular victim noun qualifying a noun after it ("European business hours"; not a verb: "the
            # Colombian organisation received"): no victims there.
            nxt = words[position + 1] if position + 1 < len(words) else None
            if (
                nxt is not None
                and (not word.group().endswith("s") or word.group().endswith("ss"))
                and following[word.end() : nxt.start()] == " "
                and nxt.group().islower()
                and not nxt.group().endswith("ed")
                and nxt.group() not in self.cues.phrase_words
                and nxt.group() not in self.cues.sector_heads
                and not self._is_sector_at(found.match.end + nxt.start())
            ):
                continue
            return True
        return False

    def _is_sector_at(self, start: int) -> bool:
        index = bisect.bisect_left(self.sector_starts, start)
        return index < len(self.sector_starts) and self.sector_starts[index] == start

    def _serves_state(self, found: Found) -> bool:
        """The actor serves the place's state organ: a link phrase right before the place and an organ word
        within five words after it ("a group that works for Russia's foreign intelligence service")."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)][-40:]
        links = list(self.cues.origin_links.finditer(before))
        if not links or not re.fullmatch(r"\s*(?:(?:the|a|an)\s+)?", before[links[-1].end() :]):
            return False
        return bool(self.cues.origin_organs.search(" ".join(found.following(60).split()[:6])))

    def _where_infrastructure_is(self, found: Found) -> bool:
        """A word of infrastructure among the eight words before the place, or before the list of places it ends, in
        its sentence after the targeting word that governs the place ("proxies hosted in the Netherlands", "home
        routers, most of them in India", "phishing pages sat with providers in the United States and Germany"), or
        among the four words after it in its clause ("home networks in Italy serve as relays")."""
        found = self._victims_own_masked(found)
        before = self._before_list(found)
        if self.cues.infrastructure.search(" ".join(before.split()[-8:])):
            return True
        after = found.sentence[max(found.offset_in_part - found.sentence_start, 0) + len(found.match.surface) :]
        if self.cues.infrastructure.search(" ".join(_CLAUSE_AHEAD.match(after).group().split()[:5])):
            return True
        return self._infrastructure_subject(found)

    def _infrastructure_subject(self, found: Found) -> bool:
        """The sentence's subject takes up the infrastructure of the sentence before ("... one of many NAS devices
        the operators took over. The devices sit in home networks in Taiwan"), and no targeting word governs the
        place."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        subject = _DEFINITE_SUBJECT.match(found.sentence)
        if not subject or subject.end() > position or self._governed_window(found) != found.sentence[:position]:
            return False
        earlier = found.part.text[max(0, found.sentence_start - 400) : found.sentence_start].rstrip()
        previous = re.split(r"(?<=[.!?])\s+", earlier)[-1] if earlier else ""
        nouns = [w.lower().rstrip("s") for w in subject.groups() if w and len(w) > 3]
        return any(re.search(rf"\b{re.escape(noun)}", previous, re.IGNORECASE) for noun in nouns) and bool(
            self.cues.infrastructure.search(previous)
        )

    def _where_victims_are(self, found: Found) -> bool:
        """The place follows a noun of victims and "in" ("retail chains in the United States", "banks in Spain",
        "manufacturing companies in Canada"): where those victims are."""
        before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)][-80:].rsplit(";", 1)[-1]
        # A joiner that ends with "in" may open the list itself ("hospitals, most of them in Canada and Ireland").
        preposition = self.cues.victims_in.search(before)
        if not preposition:
            before = self._joined_as_and(before)
            preposition = self.cues.victims_in.search(before)
        if not preposition:
            return self._victims_of(found)
        window = before[: preposition.start()]
        if background.actor_lives_in(before[: preposition.end()]):
            return False
        if _OURS.search(window) or self._speaks(found) or self._advice(found):
            return False
        sector = _LAST_WORDS.search(window)
        if sector and self.cues.speaking_source.search(window, 0, sector.start()):
            return False
        words = re.findall(r"[a-z]+", window.lower())[-6:]
        if set(words) & self.cues.sector_heads:
            return True
        window_start = found.match.start - len(before)
        index = bisect.bisect_right(self.sector_ends, found.match.start) - 1
        return index >= 0 and self.sector_ends[index] > window_start

    def _victims_of(self, found: Found) -> bool:
        """The place follows "of" right after a noun of victims ("the foreign ministries of Poland, Czechia and
        Slovakia", "the defence ministry of Moldova"): the country those victims belong to."""
        sentence_before = found.sentence[: max(found.offset_in_part - found.sentence_start, 0)]
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

    def _after_targeting_cue(self, found: Found) -> bool:
        """A targeting word earlier in the sentence governs the name: no word of purpose or means between them
        ("compromised servers for cryptocurrency mining", "attacked users with banking malware")."""
        position = max(found.offset_in_part - found.sentence_start, 0)
        if self._no_targeting_before(found.sentence, position):
            return False
        defending = [(m.start(), m.end()) for m in self.cues.not_targeting.finditer(found.sentence, 0, position)]
        cues = [
            m
            for m in self.cues.targeting.finditer(found.sentence, 0, position)
            if not any(start <= m.start() and m.end() <= end for start, end in defending)
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
        return not (places and self._other_place_between(found, found.match.start - position + cues[-1].end()))

    def _victims_as_subject(self, between: str, cue: str) -> bool:
        """A targeting noun that is the subject of a verb of having or doing before the name ("The targets also tend
        to run thin IT teams"): the name is the victims' own thing, not the victims."""
        if cue.lower() not in _VICTIM_NOUNS:
            return False
        words = [w.lower() for w in _WORDS_AFTER.findall(between)[:4]]
        words = [w for w in words if w not in _SUBJECT_ADVERBS]
        return bool(words) and words[0] in self.cues.victim_subject_verbs

    def _other_place_between(self, found: Found, start: int) -> bool:
        """Another place stands between a targeting word and this one, and not as part of one list with it
        ("against Cyprus began as talks about an Eastern European pipeline"): the word targeted that place."""
        index = bisect.bisect_left(self.places, (start, 0))
        # The same place said before ("German-speaking countries (Germany, Austria, ...)") is no other place.
        own = {n.cluster for n in found.match.names}
        between = [
            p
            for p in self.places[index:]
            if p[1] <= found.match.start and not own & self.place_clusters.get(p[0], set())
        ]
        if not between:
            return False
        text = self.report.text[between[-1][1] : found.match.start] if found.part.role != "heading" else ""
        if re.fullmatch(r"[\s,]*(?:(?:and|or)\s+)?(?:the\s+)?[*_]*", text):
            return False
        joined = re.sub(r"^[\s,;*_]+|(?:\s+the)?[\s*_]+$", "", text)
        return not self.cues.place_list_joiners.fullmatch(joined)

    def _sector(self, found: Found) -> str | None:
        part = found.part
        if found.place == VICTIM_SECTOR:
            return TARGETS
        if found.place == VICTIM_DESCRIPTION:
            # The victim's kind, not the field of people ("engineering students") or of a thing ("banking app").
            head = _NEXT_TWO_WORDS.match(found.following(30))
            after = head.group(1).lower() if head and found.following(1) == " " else ""
            if after and (after in _PEOPLE or evidence.modifies_another_noun(found, self.cues)):
                return None
            return TARGETS
        if found.place != "prose":
            return None
        if part.role != "targeting" and (
            self._glued_adjective(found)
            or (not self._plural_noun(found) and evidence.modifies_another_noun(found, self.cues))
        ):
            return None
        span = part.sectors_span if part.role == "targeting" else None
        if span is not None and span[0] <= found.offset_in_part < span[1]:
            # The Sectors line of Targeting is a list of sectors: every word there names one ("Defense, Research").
            return TARGETS
        surface = found.match.surface.lower()
        if surface in self.cues.sector_bare_words or self._speaks(found):
            return None
        if surface in self.cues.sector_head_only:
            head = _NEXT_TWO_WORDS.match(found.following(30))
            if not head or found.following(1) != " " or head.group(1).lower() not in self.cues.sector_heads:
                return None
        joined = _WORD_JOINED_BEFORE.search(found.part.text, max(0, found.offset_in_part - 30), found.offset_in_part)
        if joined and joined.group(1).lower() in self.cues.sector_not_after:
            return None
        if self._product_name(found, joined):
            return None
        if part.role == "targeting":
            return TARGETS if part.sectors_span is None else None
        if not self.has_targeting and _WHY_SECTOR.fullmatch(found.sentence.strip()):
            return TARGETS
        if not self.has_targeting and (
            self._after_targeting_cue(found)
            or self._victims_in_place(found)
            or self._targeted_after(found)
            or self._victims_apposition(found)
            or self._one_of_the_victims(found)
            or self._victim_section(found)
        ):
            if (
                self.asides.denied(found)
                or self._past_around(found)
                or self._other_groups(found)
                or self._impersonated(found)
                or self.asides.in_separating_sentence(found)
                or self._owns_delivery_sites(found)
                or self._not_this_reports(found)
            ):
                return None
            return TARGETS
        return None

    def _glued_adjective(self, found: Found) -> bool:
        """The sector word is glued by a hyphen to a word that makes it an adjective of a thing, not of victims
        ("government-themed lures"; not "automotive-parts suppliers")."""
        glued = _GLUED_ADJECTIVE.match(found.following(40))
        return bool(glued) and not ({glued.group(1), glued.group(2)} & self.cues.sector_heads)

    def _plural_noun(self, found: Found) -> bool:
        """The sector is written as a plural noun ("The targeted substations supply two million people"): a noun
        after it is no noun it qualifies (English qualifies with the singular: "banking malware", "IT tools")."""
        last = found.match.surface.split()[-1].lower()
        return (
            len(last) > 3
            and last.endswith("s")
            and not last.endswith(("ss", "us", "is"))
            and last not in self.cues.sector_not_plurals
        )

    def _targeted_after(self, found: Found) -> bool:
        """The sector's noun phrase is the subject of a targeting verb after it, in its clause ("Several hospitals
        were breached", "Universities were hit hardest", "accounting firms and tax advisers received most of the
        lures", "Two ministries were among the victims")."""
        return bool(self.cues.targeted_after.match(found.following(120).split("\n\n", 1)[0]))
