"""The sector rules of docs/galaxy-roles.md: whether a sector word a report writes names its victims' sector
(`targets`) or something else (an adjective of a thing, a product's name, the field of people, an author of a
warning)."""

from __future__ import annotations

import bisect
import re

from ..knowledge.regex_cache import compiled
from . import galaxy_evidence as evidence
from . import galaxy_history as history
from .galaxy_place_roles import sector_role
from .galaxy_places import VICTIM_DESCRIPTION, VICTIM_SECTOR, Found
from .galaxy_ranked_sectors import ranked_sector
from .galaxy_sector_senses import actors_side, not_victims_sector
from .galaxy_sector_victims import SectorVictims, victim_cues
from .galaxy_target_context import _NEXT_TWO_WORDS, _WORDS_AFTER, TARGETS

# The word written right before a name, joined to it by a space or a hyphen ("ransom payment").
# A maker and "of", then up to two words, right before a sector word (`_made_goods`).
_MAKERS_OF = compiled(
    r"\b(?:makers?|manufacturers?|producers?|suppliers?|vendors?|builders?)\s+of\s+(?:(?:the|a|an)\s+)?"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_WORD_JOINED_BEFORE = compiled(r"(\w+)[ -]$")
# From a sector to the place of its victims: the rest of a short list of victim nouns, then "in" ("think tanks
# and universities in ", "rail operators in southern ").
_SECTOR_LIST_IN = compiled(
    r"(?:[\s,]+[a-z][\w-]*){0,4}\s+(?:in|across|throughout)\s+(?:the\s+)?"
    r"(?:(?:northern|southern|eastern|western|central|north-\w+|south-\w+|rural|coastal)\s+)?"
)
# An infinitive between a sector's list and the place after it: the place is its object's ("ISPs to target
# individuals in", "banks used to pay mules in").
_VERB_BETWEEN = compiled(r"\bto\s+[a-z]")
# A heading that asks why the victims were in a sector ("Why education?", "Why target hospitals?"): the section
# discusses the victims' sector.
_WHY_SECTOR = compiled(r"why\s+(?:(?:the|target|targeting|attack|attacking|hit)\s+)?[\w ,&-]{2,40}\?", re.IGNORECASE)
# A sector word glued by a hyphen to a lower-case word makes an adjective ("government-themed lures", "energy-related
# documents", "health-check endpoint"), not a victim; unless it or the word after it is a noun of victims
# ("automotive-parts suppliers").
_GLUED_ADJECTIVE = compiled(r"-([a-z][\w-]*)(?:\s+([a-z]+))?")
# ", nearly all of them " before a sector; and words of incidents that make the noun before it the victims.
_APPOSITION_SECTOR = compiled(
    r"[,(\u2014\u2013]\s*(?:(?:nearly|almost|about|roughly)\s+)?(?:most|many|all|some|half|several|the\s+majority)"
    r"\s+of\s+(?:them|whom|which|these)\s+(?:(?:are|were|being)\s+)?(?:(?:small|large|mid-sized|local|regional)\s+)?$",
    re.IGNORECASE,
)
# "whose" and at most one word right before a word of websites ("newspapers whose websites", "whose own sites").
_WHOSE_BEFORE = compiled(r"\bwhose\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
# A statement that opens with one of "them" and what it is ("One is a law firm", "; another was", "The second of them
# is a", "Two were", "The second is a Romanian"), up to the sector.
_ONE_OF_THEM = compiled(
    r"(?:^|[;,]\s*)\s*(?:one|another|the\s+(?:first|second|third|fourth|other|others|rest|last|remaining\s+\w+)|two|"
    r"three|four|five|some|most|several|a\s+few|all)(?:\s+of\s+(?:them|these|those|the\s+\w+))?\s+(?:is|was|are|were)\s+"
    r"(?:(?:an?|the|two|three|four|five|several|some|small|large|local|regional|private|public|mid-sized|state-owned|"
    r"city|national|independent|family-owned|(?:operators?|owners?)\s+of|(?-i:[A-Z][a-z]+))\s+)*$",
    re.IGNORECASE,
)
# A statement that opens on the victims just counted as a whole and lists them ("They include the Sejong Institute, the
# Ministry of Unification and a shipping line", "Among them were two universities"), anywhere up to the sector.
_THEY_INCLUDE = compiled(
    r"(?:^|[;:]\s*)\s*(?:(?:they|these|those)(?:\s+(?:organi[sz]ations|victims|targets|entities))?\s+"
    r"(?:include|included|includes|comprise|comprised|comprises)|among\s+(?:them|these|those)\s+(?:are|were))\b",
    re.IGNORECASE,
)
_ATTACKS = compiled(r"\b(?:attacks?|cyber-?attacks?)\b", re.IGNORECASE)
# Between two sector words of one list whose last word's noun they share ("government, defense and energy entities",
# "IT/telecom firms"): a comma, "and", "or", "&" or a slash, within one paragraph.
_LIST_GAP = compiled(r"[ \t]*(?:,[ \t]*\n?[ \t]*(?:(?:and|or|&)\s+)?|\s(?:and|or|&)[ \t]*\n?[ \t]*|/[ \t]*)")
_LIST_GAP_BEFORE = compiled(r"(?:,[ \t]*\n?[ \t]*(?:(?:and|or|&)\s+)?|\s(?:and|or|&)[ \t]*\n?[ \t]*|/[ \t]*)$")
# A list of sector words spread over by the attacks of its sentence: headed by a noun of sectors after a preposition
# of spread ("phishing e-mails across industrial, consulting and retail sectors"), or after such a noun and a colon
# ("lures reached staff in four industries: legal, accounting and insurance").
_COUNT_WORDS = (
    r"(?:\d[\d,.]*\+?|two|three|four|five|six|seven|eight|nine|ten|a\s+dozen|several|multiple|many|various|numerous)"
)
_SPREAD_BEFORE = compiled(rf"\b(?:across|spanning|among|throughout|in)\s+(?:the\s+|{_COUNT_WORDS}\s+)?$", re.I)
# ...or a verb of spread right before the list, its subject the attacks ("The attacks spanned healthcare, education and
# government").
_SPREAD_VERB = compiled(
    r"\b(?:span|spans|spanned|spanning|spread\s+(?:across|over|into)|reached|reach|reaches|touched|touch|touches)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_SECTOR_NOUN_AFTER = compiled(r"\s+(?:sectors?|industries|industry|verticals?)\b", re.I)
_SECTORS_COLON = compiled(
    rf"\b(?:across|spanning|among|throughout|in)\s+(?:the\s+)?(?:following\s+)?(?:{_COUNT_WORDS}\s+)?"
    r"(?:sectors|industries|verticals)\s*:\s*$",
    re.I,
)
# Nouns of attacks and of their traces: the list they spread over names the victims' sectors.
_ATTACK_NOUNS = compiled(
    r"\b(?:attacks?|intrusions?|infections?|incidents?|victims?|breaches|compromises|e-?mails|messages|lures?|phishing|"
    r"spam|detections|campaigns?|waves?)\b",
    re.I,
)
_INCIDENTS = compiled(r"\b(?:infections?|intrusions?|incidents?|compromises|breaches|victims?)\b", re.IGNORECASE)
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


class SectorRules(SectorVictims):
    """The role of a sector word: `_sector`, and the readings only sectors need."""

    def _sector(self, found: Found) -> str | None:
        part = found.part
        if found.place in (VICTIM_SECTOR, VICTIM_DESCRIPTION) and self._past_row(found):
            return None
        if found.place == VICTIM_SECTOR:
            return TARGETS
        if (
            self._verb_reading(found)
            or self._third_party(found)
            or self._department(found)
            or self._maker_clause(found) is False
        ):
            return None
        if found.place == VICTIM_DESCRIPTION:
            # The victim's kind, not the field of people ("engineering students") or of a thing ("banking app").
            head = _NEXT_TWO_WORDS.match(found.following(30))
            after = head.group(1).lower() if head and found.following(1) == " " else ""
            if after and (after in _PEOPLE or evidence.modifies_another_noun(found, self.cues)):
                return None
            return TARGETS
        if found.place != "prose":
            return None
        if (
            part.role != "targeting"
            and (
                self._glued_adjective(found)
                or (
                    not self._plural_noun(found)
                    and evidence.modifies_another_noun(found, self.cues)
                    and not self._subject_of_verb(found)
                    and not self._stacked_field(found)
                    and not self._ranked(found)
                )
            )
            and not self._made_goods(found)
            and not found.match.surface.lower().endswith(" of")
            and self._maker_clause(found) is None
        ):
            return None
        span = part.sectors_span if part.role == "targeting" else None
        if span is not None and span[0] <= found.offset_in_part < span[1]:
            # The Sectors line of Targeting is a list of sectors: every word there names one ("Defense, Research").
            return TARGETS
        surface = found.match.surface.lower()
        if surface in self.cues.sector_bare_words or self._speaks(found):
            return None
        if self._head_only(surface) and not (
            self._before_victim_noun(
                self.report.text[found.match.end : self._list_end(found)], self._after_list(found, 60)
            )
            or self._stacked_field(found)
            or self._ranked(found)
            or self._in_field_list(found, self._list_start(found), self._list_end(found))
        ):
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
            or bool(self.cues.targeted_after.match(self._after_list(found, 120).split("\n\n", 1)[0]))
            or self._spread_over_sectors(found)
            or self._victims_apposition(found)
            or self._one_of_the_victims(found)
            or self._victim_section(found)
            or self._done_to(found)
            or self._named_victims(found, self._list_position(found))
            or self._own_sites_disrupted(found, self._list_start(found), self._list_end(found))
            or self._ranked(found)
        ):
            if (
                self.asides.denied(found)
                or self._past_around(found)
                or self._other_groups(found)
                or self._impersonated(found)
                or self.asides.in_separating_sentence(found)
                or self._owns_delivery_sites(found)
                or self._survey_sample(found)
                or self.not_this_reports(found)
                or self._victims_customers(found, self._list_position(found))
                or self._habitual(found)
                or self._brand_copied(found)
                or self._hosts_infrastructure(found)
                or self._owners_partner(found)
                or not_victims_sector(found, self._list_start(found))
                or actors_side(found, self._list_start(found), self.cues.targeting)
                # an authority told of the crime or acting, the bank that received the money (galaxy_place_roles)
                or sector_role(found.match.surface, found.sentence[: found.in_sentence], found.following(100))
            ):
                return None
            return TARGETS
        return None

    def _ranked(self, found: Found) -> bool:
        """A landscape report ranks the sector by its victims (galaxy_ranked_sectors): "Financial services remained
        second", "Retail, manufacturing and healthcare completed the top five"; the word is a noun there, its list the
        ranking's subject. Asked up to three times per word: the answer is remembered per position."""
        key = ("ranked", found.match.start)
        known = self._text_answers.get(key)
        if known is None:
            after = self._after_list(found, 160)
            known = self._text_answers[key] = ranked_sector(found, self._list_start(found), after)
        return known

    def _subject_of_verb(self, found: Found) -> bool:
        """A singular sector noun before a verb is its subject, no qualifier of a noun: where the verb says what the
        organisation is ("a charity working in Syria"), or what it did and the intrusion was done to it (`_done_to`:
        "In one case, a law firm discovered the intrusion"; not "the team at a university hospital shared the logs")."""
        verb = self._verb_follows(found)
        return verb == "describes" or (verb == "acts" and self._done_to(found))

    def _done_to(self, found: Found) -> bool:
        """The intrusion was done to the sector's organisations, in the words of galaxy_sector_victims: a verb before
        its list ("called in by", "extorted", "stole ... from") or after it ("paid the ransom", "lost access to"), or
        its systems the intruder was on ("a law firm's network")."""
        after = self._after_list(found, 160)
        return (
            self._victim_verb_before(found, self._list_position(found))
            or (self._victim_after(found, after) and not self._researchers_employer(found, self._list_position(found)))
            or self._owns_the_systems(found, after)
        )

    def _list_end(self, found: Found) -> int:
        """Where the list of sector words that the name opens or continues ends: news-style prose names each victim
        once, its sectors sharing one noun ("government, aviation, education, and telecom organizations in Pakistan
        were hit"), so what follows the list's last word follows each of its words. Each step goes from a word's end
        to the next word's, whatever word the walk started from: the end found is remembered for every word it
        passed, so a list of many sector words is walked once, not once per word."""
        end = found.match.end
        text = self.report.text
        passed = []
        while (known := self._text_answers.get(("list end", end))) is None:
            passed.append(end)
            gap = _LIST_GAP.match(text, end)
            if not (gap and self._is_sector_at(gap.end())):
                break
            index = bisect.bisect_right(self.sector_ends, gap.end())
            if index >= len(self.sector_ends):
                break
            end = self.sector_ends[index]
        else:
            end = known
        for position in passed:
            self._text_answers[("list end", position)] = end
        return end

    def _list_start(self, found: Found) -> int:
        """Where the list of sector words the name closes or continues starts (see `_list_end`, remembered alike)."""
        start = found.match.start
        text = self.report.text
        passed = []
        while (known := self._text_answers.get(("list start", start))) is None:
            passed.append(start)
            gap = _LIST_GAP_BEFORE.search(text, max(0, start - 12), start)
            if not (gap and self._is_sector_end(gap.start())):
                break
            index = bisect.bisect_left(self.sector_starts, gap.start()) - 1
            if index < 0:
                break
            start = self.sector_starts[index]
        else:
            start = known
        for position in passed:
            self._text_answers[("list start", position)] = start
        return start

    def _list_position(self, found: Found) -> int:
        """Where the list of sector words the name is part of starts in its sentence: a rule that reads the words
        before a sector reads them before the list ("the rest were retailers and law firms")."""
        return max(self._list_start(found) - found.part.offset - found.sentence_start, 0)

    def _spread_over_sectors(self, found: Found) -> bool:
        """The sector is one of a list the attacks of its clause spread over: a noun of sectors heads the list
        ("1,600 phishing e-mails across industrial, consulting, retail and transportation sectors") or leads it in
        before a colon ("the lures reached staff in four industries: legal, accounting and insurance"), or a verb of
        spread does ("The attacks spanned healthcare, education and government"). Not a survey's or the writer's list
        ("Respondents came from three sectors: ..."): the `passing_places` words; nor a list that qualifies another
        noun ("the lures spanned banking and healthcare themes")."""
        head = _NEXT_TWO_WORDS.match(self._after_list(found, 30))
        if head and self._after_list(found, 1) == " " and head.group(1).islower():
            word = head.group(1)
            if word not in self.cues.sector_heads and word not in self.cues.phrase_words:
                return False
        before = found.sentence[: self._list_position(found)]
        spread = _SPREAD_BEFORE.search(before) or _SPREAD_VERB.search(before)
        if (
            spread
            and spread.re is _SPREAD_BEFORE
            and not _SECTOR_NOUN_AFTER.match(self.report.text, self._list_end(found))
        ):
            spread = None
        if not spread:
            spread = _SECTORS_COLON.search(before)
        if not spread:
            return False
        lead = before[: spread.start()].rsplit(";", 1)[-1]
        return bool(_ATTACK_NOUNS.search(lead)) and not (
            self.cues.passing_places.search(lead) or self.cues.infrastructure.search(lead)
        )

    def _after_list(self, found: Found, length: int) -> str:
        """The text after the list of sector words the name is part of (see `_list_end`), within its part."""
        end = self._list_end(found) - found.part.offset
        return found.part.text[end : end + length]

    def _made_goods(self, found: Found) -> bool:
        """The sector word names goods its makers make (`made_goods`), right after a maker and "of" ("manufacturers of
        electronic components", "a supplier of high-end semiconductor equipment"): the makers' industry."""
        if not any(n.cluster.value in self.cues.made_goods for n in found.match.names):
            return False
        return bool(_MAKERS_OF.search(found.sentence, 0, found.in_sentence))

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
        in Spain" (the same words that make the place a target, see `_where_victims_are`). Not a word that names
        victims only under a targeting word (`not_placed`: "A ministry in Lima warned citizens")."""
        if found.match.surface.lower() in victim_cues().not_placed:
            return False
        end = self._list_end(found)
        index = bisect.bisect_left(self.places, (end, 0))
        if index >= len(self.places) or self.places[index][0] - end > 60:
            return False
        between = self.report.text[end : self.places[index][0]]
        if "\n\n" in between or self._hosts(found) or self._where_infrastructure_is(found) or self._advice(found):
            return False
        # A verb between the list and the place has victims of its own there: the sector is its means or its subject
        # ("abusing access to ISPs to target individuals in Moscow", "banks used to pay mules in Spain").
        if _VERB_BETWEEN.search(between) or self.cues.targeting.search(between):
            return False
        # A language is no place ("its forum advertising was in Russian").
        if history.language_at(self.report.text, *self.places[index]):
            return False
        # The websites of the sector's organisations delivered the payload to others: they were no victims there.
        before = found.sentence[
            max(found.offset_in_part - found.sentence_start - 100, 0) : found.offset_in_part - found.sentence_start
        ]
        return bool(_SECTOR_LIST_IN.fullmatch(between)) and not self._delivery_sites(before)

    def _delivery_sites(self, before: str) -> bool:
        """Words of websites before the sector (`site_words`) that the attacker used, not took down: no flood or
        defacement (`site_disruption`) in the 30 characters before them."""
        sites = self.cues.sector_sites.search(before)
        return bool(sites) and not self.cues.site_disruption.search(before, max(0, sites.start() - 30), sites.start())

    def _owns_delivery_sites(self, found: Found) -> bool:
        """The sector's organisations own the websites that served the payload, said right after it ("newspapers
        whose websites served the script were victims too, but of a different kind"): no target of the report."""
        position = found.in_sentence + len(found.match.surface)
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
        position = found.in_sentence
        start = found.sentence.rfind(";", 0, position) + 1
        end = found.sentence.find(";", position)
        statement = found.sentence[start : end if end >= 0 else len(found.sentence)]
        return not (
            self.cues.negation.search(statement) or self.cues.negation_before.search(found.sentence, start, position)
        )

    def _victims_apposition(self, found: Found) -> bool:
        """The sector names what most of the victims before it were, in an apposition ("23 infections at customers
        in Italy, nearly all of them manufacturers"): the sentence before it speaks of victims or infections."""
        position = self._list_position(found)
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
        before it, names victims with a targeting word. Or the sentence lists them all ("Eleven organisations have been
        the focus of attacks. They include ..., the Ministry of Unification and a shipping line"), after a sentence
        with a targeting word or a noun of attacks or incidents."""
        position = self._list_position(found)
        head = found.sentence[:position]
        one = _ONE_OF_THEM.search(head)
        whole = None if one else _THEY_INCLUDE.match(head)
        if not (one or whole):
            return False
        if one and self.cues.targeting.search(head, 0, one.start()):
            return True
        earlier = found.part.text[max(0, found.sentence_start - 400) : found.sentence_start].rstrip()
        previous = re.split(r"(?<=[.!?])\s+", earlier)[-1] if earlier else ""
        if whole and previous and (_INCIDENTS.search(previous) or _ATTACKS.search(previous)):
            return True
        return bool(previous) and bool(self.cues.targeting.search(previous))
