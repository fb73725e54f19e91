"""The list a sector word stands in (where it starts and ends, news-style prose naming each victim once, its
sectors sharing one noun) and the statements that make such a list the victims': attacks spread over it, an
apposition after the victims, one of the victims just counted. Apart from galaxy_sector_rules, which decides a
sector word's role and asks these readings."""

from __future__ import annotations

import bisect
import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_places import Found
from .galaxy_sector_victims import SectorVictims
from .galaxy_target_context import _NEXT_TWO_WORDS

# ", nearly all of them " before a sector; and words of incidents that make the noun before it the victims.
_APPOSITION_SECTOR = compiled(
    r"[,(\u2014\u2013]\s*(?:(?:nearly|almost|about|roughly)\s+)?(?:most|many|all|some|half|several|the\s+majority)"
    r"\s+of\s+(?:them|whom|which|these)\s+(?:(?:are|were|being)\s+)?(?:(?:small|large|mid-sized|local|regional)\s+)?$",
    re.IGNORECASE,
)
# A statement that opens with one of "them" and what it is ("One is a law firm", "; another was", "The second of them
# is a", "Two were", "The second is a Romanian"), up to the sector.
_ONE_OF_THEM = compiled(
    r"(?:^|[;,:]\s*)\s*(?:and\s+)?(?:one|another|the\s+(?:first|second|third|fourth|other|others|rest|last|remaining\s+\w+)|"
    r"two|three|four|five|some|most|several|a\s+few|all)(?:\s+of\s+(?:them|these|those|the\s+\w+))?\s+"
    # what one of them is, or where one of them happened ("one at a staffing agency in Leeds, and one in the HR
    # department of a property insurer")
    r"(?:(?:is|was|are|were)|(?P<where>at|in)(?:\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,2}?(?:department|office|branch|division|unit|"
    r"subsidiary|team|arm)\s+of)?)\s+"
    r"(?:(?:an?|the|two|three|four|five|several|some|small|large|local|regional|private|public|mid-sized|state-owned|"
    r"city|national|independent|family-owned|(?:operators?|owners?)\s+of|(?-i:[A-Z][a-z]+))\s+)*"
    # (and a word of the kind of its business: "a property insurer")
    r"(?:(?-i:[a-z][\w-]*)\s+)?$",
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
_JOINER = r"(?:,[ \t]*\n?[ \t]*(?:(?:and|or|&)\s+)?|\s(?:and|or|&)[ \t]*\n?[ \t]*|/[ \t]*)"
_LIST_GAP = compiled(rf"[ \t]*{_JOINER}")
_LIST_GAP_BEFORE = compiled(rf"{_JOINER}$")
# A list of noun phrases, each a sector word and its own noun of victims ("parliamentary offices, judicial bodies and
# humanitarian agencies"): the noun after a sector word (sectors.yaml `victim_heads`) and, after the joiner, words of
# owner or size and a capitalised word of place before the next sector word ("logistics firms, and a Brazilian
# fintech", "government and state media websites"; `_openings`).
_OWN_HEAD = compiled(r"[ \t-]+([A-Za-z][\w-]*)")
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
# A preposition of spread that needs no noun of sectors after a list of several sector words: "attacks across
# education, healthcare and retail" spread over sectors, while "attacks in Europe" or "across the region" name none.
_SPREAD_ACROSS = compiled(r"(?:across|spanning|throughout)\b", re.I)
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


@cache
def _openings() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Up to three words of owner or size (sectors.yaml `owner_words`) and a capitalised word of place before the next
    sector word of a list of noun phrases; the joiner and those words at the end of a text (`$`-anchored); and the
    same after a noun of victims."""
    words = "|".join(re.escape(w) for w in sorted(load_data("sectors.yaml")["owner_words"], key=len, reverse=True))
    opening = rf"(?:(?i:{words})\s+){{0,3}}(?:[A-Z][\w-]+\s+)?"
    return (
        compiled(opening),
        compiled(rf"{_JOINER}(?:{opening})$"),
        compiled(rf"[ \t-]([A-Za-z][\w-]*){_JOINER}(?:{opening})$"),
    )


class SectorLists(SectorVictims):
    """The list readings of a sector word; `SectorRules` asks them with its own."""

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
            following = self._next_in_list(text, end)
            if following is None:
                break
            index = bisect.bisect_right(self.sector_ends, following)
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
            previous = self._previous_in_list(text, start)
            if previous is None:
                break
            index = bisect.bisect_left(self.sector_starts, previous) - 1
            if index < 0:
                break
            start = self.sector_starts[index]
        else:
            start = known
        for position in passed:
            self._text_answers[("list start", position)] = start
        return start

    def _next_in_list(self, text: str, end: int) -> int | None:
        """Where the next sector word of the list starts after a sector word ending at `end`: after a joiner, or after
        the word's own noun of victims and a joiner, an article or a count and a word of place between ("judicial
        bodies and humanitarian agencies", "retail companies, and a Brazilian fintech"); None where the list ends."""
        gap = _LIST_GAP.match(text, end)
        if gap and self._is_sector_at(gap.end()):
            return gap.end()
        head = _OWN_HEAD.match(text, end)
        if head and head.group(1).lower() in self.cues.sector_heads:
            gap = _LIST_GAP.match(text, head.end())
        if not gap:
            return None
        opening = _openings()[0].match(text, gap.end())
        return opening.end() if opening and self._is_sector_at(opening.end()) else None

    def _previous_in_list(self, text: str, start: int) -> int | None:
        """Where the sector word before the one starting at `start` ends, in the same list (`_next_in_list` read
        backwards); None where the list starts."""
        _, joined, headed = _openings()
        gap = _LIST_GAP_BEFORE.search(text, max(0, start - 12), start) or joined.search(text, max(0, start - 60), start)
        if gap and self._is_sector_end(gap.start()):
            return gap.start()
        head = headed.search(text, max(0, start - 80), start)
        if head and head.group(1).lower() in self.cues.sector_heads and self._is_sector_end(head.start()):
            return head.start()
        return None

    def _list_position(self, found: Found) -> int:
        """Where the list of sector words the name is part of starts in its sentence: a rule that reads the words
        before a sector reads them before the list ("the rest were retailers and law firms")."""
        return max(self._list_start(found) - found.part.offset - found.sentence_start, 0)

    def _spread_over_sectors(self, found: Found) -> bool:
        """The sector is one of a list the attacks of its clause spread over: a noun of sectors heads the list
        ("1,600 phishing e-mails across industrial, consulting, retail and transportation sectors") or leads it in
        before a colon ("the lures reached staff in four industries: legal, accounting and insurance"), or a verb of
        spread does ("The attacks spanned healthcare, education and government"); "across", "spanning" or "throughout"
        before a list of several sector words heads it alone ("attacks across education, healthcare and retail"). Not
        a survey's or the writer's list ("Respondents came from three sectors: ..."): the `passing_places` words; nor a
        list that qualifies another noun ("the lures spanned banking and healthcare themes")."""
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
            and not (_SPREAD_ACROSS.match(spread.group()) and self._several_sectors(found))
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

    def _several_sectors(self, found: Found) -> bool:
        """The list the name stands in holds more than one sector word ("education, healthcare and retail")."""
        return self._list_start(found) < found.match.start or self._list_end(found) > found.match.end

    def _after_list(self, found: Found, length: int) -> str:
        """The text after the list of sector words the name is part of (see `_list_end`), within its part."""
        end = self._list_end(found) - found.part.offset
        return found.part.text[end : end + length]

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
        before it, names victims with a targeting word or incidents; or where one of them happened ("Two of them went
        far: one at a staffing agency in Leeds"), after a sentence of incidents. Or the sentence lists them all
        ("Eleven organisations have been the focus of attacks. They include ..., the Ministry of Unification and a
        shipping line"), after a sentence with a targeting word or a noun of attacks or incidents."""
        position = self._list_position(found)
        head = found.sentence[:position]
        one = _ONE_OF_THEM.search(head)
        whole = None if one else _THEY_INCLUDE.match(head)
        if not (one or whole):
            return False
        if one and (self.cues.targeting.search(head, 0, one.start()) or _INCIDENTS.search(head, 0, one.start())):
            return True
        earlier = found.part.text[max(0, found.sentence_start - 400) : found.sentence_start].rstrip()
        previous = re.split(r"(?<=[.!?])\s+", earlier)[-1] if earlier else ""
        # (the whole list, or where one of them happened, after a sentence of incidents: "handled seven infections.
        # Two went far: one at a staffing agency")
        if previous and (_INCIDENTS.search(previous) or _ATTACKS.search(previous)) and (whole or one["where"]):
            return True
        return bool(previous) and bool(self.cues.targeting.search(previous))
