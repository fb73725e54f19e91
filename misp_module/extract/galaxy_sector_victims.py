"""How incident reports make an organisation the victim in words of their own (issue 8, recall of sectors): the
responder called in by it, the crew that extorted it or stole from it, the organisation that paid the ransom or
lost access to its files; and the readings that keep a sector word from naming a victim there (a verb, "accounting
for", or the victim's supplier, "the IT supplier's remote access"). The word lists are data/sector_victims.yaml.

Apart from the targeting words of mentions.yaml because these verbs say what was done to an organisation: they
make no place a target (a country after "stole data from" is where the data was, as often as where the victims are).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_cues import compile_later, lowered, words_pattern
from .galaxy_places import Found
from .galaxy_sector_items import ItemCues
from .galaxy_target_vetoes import TargetVetoes
from .regex_literals import GatedPattern

# The two lower-case words after a name, and the prepositions after a verb in -ing ("working in Syria").
_NEXT_WORDS = compiled(r" ([a-z]+)(?: ([a-z]+))?")
_PREPOSITIONS = frozenset({"in", "across", "throughout", "from", "out", "for", "on", "at"})
_WORDS = compiled(r"[a-z][a-z-]*")
# A relative clause between the verb and the sector word: the sector is what the victim does or serves ("called in
# by a food distributor that supplies grocery chains"), not the victim.
_RELATIVE = compiled(r"\b(?:that|which|who|whose|whom)\b", re.IGNORECASE)
# "by" right after the verb: a passive's agent ("was disrupted by law enforcement"), not what the verb was done to.
_AGENT = compiled(r"\s*by\b", re.IGNORECASE)
# More fields of work joined to a department's field ("the finance and HR team", "finance/legal staff").
_MORE_FIELDS = compiled(r"(?:\s*(?:,|&|/|\band\b|\bor\b)\s*[A-Za-z][\w-]*)*[ \t]+([A-Za-z]+)")
# A field word's noun of victims: right after it (a space or a hyphen: "dairy cooperative", "car-parts supplier"),
# or after a word of the sector's work ("meat processing plant"); a paragraph's line may wrap between them.
_TWO_WORDS = compiled(r"(?:[ \t-]+\n?|\n)[ \t]*([A-Za-z][\w]*)(?:(?:[ \t-]+\n?|\n)[ \t]*([A-Za-z][\w]*))?")
# One space or hyphen between two sector words that stack on one noun ("a defence electronics supplier").
_STACK_GAP = compiled(r"[ -](?=\w)")
_WORD = compiled(r"\w+")
# Up to three words between a verb of disruption and the list of the sites' owners ("flooded Czech ").
_AFTER_DISRUPTION = compiled(r"\s+(?:[\w-]+\s+){0,3}$")
# A site's own word at the end of a sector's phrasing ("party websites").
_SITE_WORD_END = compiled(r"(?:web\s*sites?|sites?|portals?)$", re.IGNORECASE)
# A new conjunct of a list of noun phrases (", and a "): what a relative clause before it says stops there.
_NEW_CONJUNCT = compiled(r",\s+(?:and|or)\s+(?:an?|the)\s+", re.IGNORECASE)
# A possessive right before a name, its owner's last letter at its start ("the pharmacies' ").
_POSSESSIVE_BEFORE = compiled(r"\w['\u2019]s?\s+$")
# The years a victim table's row names ("| 2013–2014 | Early defence phishing | ...").
_ROW_YEARS = compiled(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class VictimCues:
    """The lists of data/sector_victims.yaml, compiled."""

    before: re.Pattern[str]
    reach: int
    after: re.Pattern[str]
    verb_readings: tuple[str, ...]
    third_party_heads: frozenset[str]
    verbs_after: frozenset[str]
    ed_nouns: frozenset[str]
    verbs_ing: frozenset[str]
    verbs_ing_any: frozenset[str]
    department_fields: frozenset[str]
    department_heads: frozenset[str]
    owned_assets: re.Pattern[str]
    maker_owner: re.Pattern[str]
    customers_before: re.Pattern[str]
    researchers_at: re.Pattern[str]
    asset_not: re.Pattern[str]
    victims_are: re.Pattern[str] | GatedPattern
    habit: re.Pattern[str]
    sites_of: re.Pattern[str]
    sites_after: re.Pattern[str]
    sites_of_list: re.Pattern[str] | GatedPattern
    outage_after: re.Pattern[str]
    split_down_before: re.Pattern[str] | GatedPattern
    split_down_after: re.Pattern[str]
    brand_after: re.Pattern[str]
    sites_used: re.Pattern[str]
    victims_use_before: re.Pattern[str]
    victims_use_after: re.Pattern[str]
    hosting_sectors: frozenset[str]
    listed: frozenset[str]
    one_field: dict[str, frozenset[str]]
    in_list_words: frozenset[str]
    not_placed: frozenset[str]
    list_lead: re.Pattern[str]
    runs_relative: re.Pattern[str]
    list_lead_not: re.Pattern[str]


@cache
def victim_cues() -> VictimCues:
    """The cues, loaded once per process."""
    data = load_data("sector_victims.yaml")
    sectors = load_data("sectors.yaml")
    return VictimCues(
        before=words_pattern(data["before"]),
        reach=int(data["reach"]),
        after=compile_later(data["after"], re.IGNORECASE | re.VERBOSE),
        verb_readings=tuple(str(p).lower() for p in data["verb_readings"]),
        third_party_heads=lowered(data["third_party_heads"]),
        verbs_after=lowered(data["verbs_after"]),
        ed_nouns=lowered(data["ed_nouns"]),
        verbs_ing=lowered(data["verbs_ing"]),
        verbs_ing_any=lowered(data["verbs_ing_any"]),
        department_fields=lowered(data["department_fields"]),
        department_heads=lowered(data["department_heads"]),
        owned_assets=compile_later(data["owned_assets"], re.IGNORECASE),
        customers_before=compile_later(data["customers_before"], re.IGNORECASE),
        researchers_at=compile_later(data["researchers_at"], re.IGNORECASE),
        # a noun of a company, then at most a place ("in Ohio", "based in the Netherlands") and a comma
        maker_owner=compile_later(
            rf"\b(?:{'|'.join(map(re.escape, data['maker_owners']))})"
            r"(?:\s+(?:based\s+)?in\s+(?:the\s+)?[A-Z][\w.-]*(?:[\s,]+[A-Z][\w.-]*)*)?,?\s+$",
            re.IGNORECASE,
        ),
        asset_not=words_pattern(data["asset_not"]),
        # Searched before each sector's list: behind its literal gate, its verbose flag written inline so that the gate
        # reads the expression as the engine does (GatedPattern never gates a VERBOSE flag it is given).
        victims_are=GatedPattern("(?x)" + data["victims_are"], re.IGNORECASE),
        habit=words_pattern(data["habit"]),
        sites_of=compile_later(data["sites_of"], re.IGNORECASE),
        sites_after=compile_later(data["sites_after"], re.IGNORECASE),
        # `$`-anchored, searched before each list of sectors, whose text mostly lacks their words: literal gates.
        sites_of_list=GatedPattern(data["sites_of_list"], re.IGNORECASE),
        outage_after=compile_later(data["outage_after"], re.IGNORECASE),
        split_down_before=GatedPattern(data["split_down_before"], re.IGNORECASE),
        split_down_after=compile_later(data["split_down_after"], re.IGNORECASE),
        brand_after=compile_later(data["brand_after"], re.IGNORECASE),
        sites_used=words_pattern(data["sites_used"]),
        victims_use_before=compile_later(data["victims_use_before"], re.IGNORECASE),
        victims_use_after=compile_later(data["victims_use_after"], re.IGNORECASE),
        hosting_sectors=frozenset(data["hosting_sectors"]),
        one_field={str(k).lower(): lowered(v) for k, v in data["one_field"].items()},
        # the phrasings sectors.yaml lists as such (a field word's plural listed there, "resorts", is no field word)
        listed=lowered(
            [
                p
                for key in ("phrasings", "victim_phrasings", "industry_phrasings")
                for v in sectors[key].values()
                for p in v
            ]
        ),
        in_list_words=lowered(sectors["in_list_words"]),
        not_placed=lowered(sectors["not_placed"]),
        list_lead=words_pattern(data["list_lead"]),
        runs_relative=compile_later(data["runs_relative"], re.IGNORECASE),
        list_lead_not=words_pattern(data["list_lead_not"]),
    )


def item_cues(targeting: re.Pattern[str]) -> ItemCues:
    """What the lead-in of a list of victims is read with (galaxy_sector_items), for the sector rules and the place
    rules alike: these cues and the `targeting` words."""
    data = victim_cues()
    return ItemCues(data.list_lead, data.list_lead_not, data.victims_are, targeting, data.before)


class SectorVictims(TargetVetoes):
    """The victim readings of a sector word that only sectors have (see the module docstring); `SectorRules` asks
    them with its own."""

    def _before_victim_noun(self, listed: str, after: str) -> bool:
        """A field word (`field_words`, `head_only_words`) names its sector right before a noun of victims, joined by
        a space or a hyphen ("a dairy cooperative", "a metal-parts manufacturer"), before a word of the sector's work
        and then one ("a meat processing plant"), or as one of a list of sector words whose last one ends with one
        ("water and electric utilities"), or before its own noun in a list of noun phrases ("research centers,
        military contractors and embassies"); not before any other noun ("dairy products"). `listed` is the rest of its
        list after it, `after` the text after the list."""
        heads = self.cues.sector_heads
        last = _WORDS.findall(listed.lower())
        if last and last[-1] in heads:
            return True
        # (its own noun, in a list of noun phrases that each have one: "research centers, military contractors and
        # embassies")
        own = _TWO_WORDS.match(listed)
        if own and own.group(1).lower() in heads:
            return True
        head = _TWO_WORDS.match(after)
        if not head:
            return False
        first, second = head.group(1).lower(), (head.group(2) or "").lower()
        if first in heads:
            return True
        # ...or after a word of the sector's work, the noun comes next or ends a short list ("water treatment and
        # electric distribution companies")
        return first in self.cues.sector_activity and (
            second in heads or (second in ("and", "or") and any(w in heads for w in _WORDS.findall(after.lower())[3:6]))
        )

    def _head_only(self, surface: str) -> bool:
        """The sector word names its sector only before a noun of victims (`head_only_words`, `field_words`), in the
        singular or in the plural every phrasing is also matched in ("pumps and valves stopped responding"; not a plural
        listed as a phrasing of its own: "the gang hit resorts along the coast")."""
        head_only = self.cues.sector_head_only
        if surface in head_only:
            return True
        return surface.endswith("s") and surface[:-1] in head_only and surface not in victim_cues().listed

    def _in_field_list(self, found: Found, start: int, end: int) -> bool:
        """A head-only word that names its sector in a list of other sector words (`in_list_words`), which runs from
        `start` to `end` in the report's text: "backgrounds in diplomacy, defense and security"."""
        surface = found.match.surface.lower()
        return surface in victim_cues().in_list_words and (start < found.match.start or end > found.match.end)

    def _stacked_field(self, found: Found) -> bool:
        """Another sector word follows the name, joined by a space or a hyphen, and a noun of victims follows that
        one (`_before_victim_noun`): the two fields stack on one victim ("a defence electronics supplier in Denmark"),
        the first qualifying no thing; or the second's phrasing ends on such a noun ("a defence public-sector
        undertaking")."""
        gap = _STACK_GAP.match(self.report.text, found.match.end)
        if not gap or not self._is_sector_at(gap.end()):
            return False
        following = _WORD.match(self.report.text, gap.end())
        if following and following.group().lower() in victim_cues().one_field.get(found.match.surface.lower(), ()):
            return False  # one field of the second word, not two: "retail banking customers" are a bank's
        index = bisect.bisect_right(self.sector_ends, gap.end())
        if index >= len(self.sector_ends):
            return False
        end = self.sector_ends[index]
        # (the second's phrasing may end on the noun itself after a field word: "a defence public-sector undertaking";
        # not after an adjective of who owns it: "two municipal water utilities" are water utilities)
        second = _WORDS.findall(self.report.text[gap.end() : end].lower())
        if second and second[-1] in self.cues.sector_heads and self._head_only(found.match.surface.lower()):
            return True
        return self._before_victim_noun("", self.report.text[end : end + 60])

    def _named_victims(self, found: Found, position: int) -> bool:
        """The sector's list (starting at `position` in the sentence) follows a statement whose subject is the
        victims (`victims_are`): "The victims this quarter were a telecommunications provider in Japan, ...", "a list of
        targets: the results site, the websites of four political parties, ...". Not a crew's habit (`habit`: "Its
        victims are typically manufacturers")."""
        data = victim_cues()
        before = found.sentence[:position]
        statement = data.victims_are.search(before)
        return bool(statement) and not data.habit.search(before, statement.start())

    def _habitual(self, found: Found) -> bool:
        """The sector's statement, from its sentence's start or last semicolon to it, tells a crew's habit (`habit`:
        "Its victims are typically manufacturers and law firms in Europe", "the gang often hits hospitals"): its
        profile, not this report's victims."""
        position = found.in_sentence
        start = found.sentence.rfind(";", 0, position) + 1
        return bool(victim_cues().habit.search(found.sentence, start, position))

    def _hosts(self, found: Found) -> bool:
        """The sector word names a host of others' servers (`hosting_sectors`): a place after it is where the
        attacker's infrastructure sits as often as where victims are."""
        hosting = victim_cues().hosting_sectors
        return any(n.cluster.value in hosting for n in found.match.names)

    def _hosts_infrastructure(self, found: Found) -> bool:
        """A host of others' servers (`_hosts`) after words of infrastructure in its sentence ("the pages were served
        from a small cluster of servers at a hosting company in Bulgaria"): it hosts the attacker's servers."""
        position = found.in_sentence
        return self._hosts(found) and bool(self.cues.infrastructure.search(found.sentence, 0, position))

    def _owners_partner(self, found: Found) -> bool:
        """The sector word follows the possessive of another sector word ("the pharmacies' wholesaler ordering
        portal", "a hospital's IT provider"): the owner's supplier or partner, not a victim of its own (the owner is
        read on its own; a place's possessive is no owner: "the city's water utility")."""
        start = found.match.start
        possessive = _POSSESSIVE_BEFORE.search(self.report.text, max(0, start - 6), start)
        return bool(possessive) and self._is_sector_end(possessive.start() + 1)

    def _brand_copied(self, found: Found) -> bool:
        """The sector word owns the sign-in page or the branding a lure copies (`brand_after`: "a page that looks
        like a bank's sign-in form"): the brand impersonated, not the victim."""
        return bool(victim_cues().brand_after.match(found.following(60)))

    def _sites_as_hosts(self, found: Found, end: int) -> bool:
        """The sector's list (ending at `end` in the report) names the owners of websites that the attacker used to
        serve its payload (`sites_used`: "served from compromised government websites"), not ones it took down
        (`site_disruption`): its infrastructure, no victims."""
        text = self.report.text
        if not (
            victim_cues().sites_after.match(text, end)
            or victim_cues().sites_after.match(text, found.match.end)
            or _SITE_WORD_END.search(text, found.match.end, end)
        ):
            return False
        return bool(victim_cues().sites_used.search(found.sentence)) and not self.cues.site_disruption.search(
            found.sentence
        )

    def _victims_own_service(self, found: Found) -> bool:
        """The sector word names the service the victim goes to or opens (`victims_use_before` and
        `victims_use_after`: "once the victim goes to a banking domain"): the victims are its organisations'
        customers, the crime aims at them through the victims."""
        data = victim_cues()
        return bool(data.victims_use_after.match(found.following(30))) and bool(
            data.victims_use_before.search(found.sentence, max(0, found.in_sentence - 80), found.in_sentence)
        )

    def _own_sites_disrupted(self, found: Found, start: int, end: int) -> bool:
        """The list of sector words (from `start` to `end` in the report) owns the websites a verb of disruption
        (sectors.yaml `site_disruption`) took down: the words of its sites between the verb and the list ("knocked
        offline the websites of two ministries"), or after the list ("flooded Czech government and party websites
        with junk traffic"); a flood or a defacement hits the organisations' own sites. So do the list's sites and an
        outage after it (`outage_after`: "the online ticket shops of two regional rail operators were unreachable"),
        and a verb of taking down split around it ("knocked the regional parliament's site ... offline")."""
        data = victim_cues()
        text = self.report.text
        sentence_start = found.part.offset + found.sentence_start
        before = text[max(sentence_start, start - 120) : start]
        if (data.sites_of_list.search(before) and data.outage_after.match(text, end)) or (
            data.split_down_before.search(before) and data.split_down_after.match(text, end)
        ):
            return True
        verbs = list(self.cues.site_disruption.finditer(before))
        if not verbs:
            return False
        between = before[verbs[-1].end() :]
        if data.sites_of.fullmatch(between):
            return True
        if not _AFTER_DISRUPTION.fullmatch(between) or self.cues.sector_sites.search(between):
            return False
        return bool(_SITE_WORD_END.search(text, start, end) or data.sites_after.match(text, end))

    def _past_row(self, found: Found) -> bool:
        """A victim table's row that names years, all before the year before the report's ("| 2013–2014 | Early
        defence phishing | US and Japanese defence firms |"): a timeline of the subject's past campaigns, not its
        victims now (the year before the report's is the time a report tells, as `_past` reads it)."""
        year = self.asides.year
        years = [int(y) for y in _ROW_YEARS.findall(found.sentence)]
        return year is not None and bool(years) and max(years) < year - 1

    def _victim_verb_before(self, found: Found, position: int) -> bool:
        """A verb of what was done to an organisation (`before`) governs the sector word, at most `reach` characters
        before its list (which starts at `position` in the sentence): "we were called in by a food distribution
        company", "the crew stole 40 GB from a law firm". Not across a word of purpose or means ("extorted victims
        with data stolen from banking apps"), nor in advice."""
        data = victim_cues()
        start = max(0, position - data.reach - 40)
        cues = list(data.before.finditer(found.sentence, start, position))
        if not cues or position - cues[-1].end() > data.reach:
            return False
        between = found.sentence[cues[-1].end() : position]
        relative = _RELATIVE.search(between) and not data.runs_relative.search(between)
        if ";" in between or relative or _AGENT.match(between) or self._advice(found):
            return False
        employment = [(m.start(), m.end()) for m in self.cues.not_breaks.finditer(between)]
        return not any(
            not any(s <= b.start() and b.end() <= e for s, e in employment)
            for b in self.cues.targeting_breaks.finditer(between)
        )

    def _victim_after(self, found: Found, after: str) -> bool:
        """The sector's noun phrase, its list followed by `after`, is the subject of what the intrusion did to it
        (`after`): "a law firm in Leeds paid the ransom", "a clinic group lost access to its records", "a county
        sheriff's office hit by ransomware"."""
        following = after.split("\n\n", 1)[0]
        return bool(victim_cues().after.match(following)) and not self._advice(found)

    def _owns_the_systems(self, found: Found, after: str) -> bool:
        """The sector's organisation owns the systems the intruder was on, said right after its list (`owned_assets`):
        "moved through a law firm's network for three weeks". Not in a sentence about hosting or phishing pages
        (`asset_not`: "the payload sat on a university's servers that the actor hosted it on"), nor in advice."""
        data = victim_cues()
        return (
            bool(data.owned_assets.match(after))
            and not data.asset_not.search(found.sentence)
            and not self._advice(found)
        )

    def _victims_customers(self, found: Found, position: int) -> bool:
        """The sector's list (starting at `position` in the sentence) names whom the victim serves, after a clause of
        customers (`customers_before`): "breached an IT firm that supports hospitals and schools", "a manufacturer of
        parts used by carmakers"."""
        start = max(0, position - 100)
        conjuncts = list(_NEW_CONJUNCT.finditer(found.sentence, start, position))
        if conjuncts:
            # (a new conjunct of the outer list is no longer the clause's object: "a policy institute that advises
            # the government on sea lanes, and a shipbuilder in Ulsan")
            start = conjuncts[-1].end()
        return bool(victim_cues().customers_before.search(found.sentence, start, position))

    def _researchers_employer(self, found: Found, position: int) -> bool:
        """The sector's list (starting at `position` in the sentence) is where the people who found or studied the
        intrusion work (`researchers_at`): "researchers at a university found the malware"."""
        return bool(victim_cues().researchers_at.search(found.sentence, max(0, position - 60), position))

    def _maker_clause(self, found: Found) -> bool | None:
        """For a relative clause of making ("that makes", "which produces"), whether a noun of a company comes right
        before it (`maker_owners`, up to a place: "a company in Ohio that makes"); None for any other sector word."""
        surface = found.match.surface.lower()
        if not surface.startswith(("that ", "which ")):
            return None
        position = found.in_sentence
        return bool(victim_cues().maker_owner.search(found.sentence, max(0, position - 80), position))

    def _verb_follows(self, found: Found) -> str | None:
        """What follows the sector word when it is a verb, so that the word is the verb's subject, not a qualifier of
        the next word: "acts" for a verb of `verbs_after` or a past tense in -ed ("a law firm discovered the
        intrusion"), "describes" for one of `verbs_ing` before a preposition or of `verbs_ing_any` ("a charity
        working in Syria", "a water utility serving 200,000 people"); None for a noun ("banking malware")."""
        data = victim_cues()
        words = _NEXT_WORDS.match(found.following(40))
        if not words or found.following(1) != " ":
            return None
        word = words.group(1)
        if word in data.verbs_after or (word.endswith("ed") and len(word) > 4 and word not in data.ed_nouns):
            return "acts"
        if word in data.verbs_ing_any or (word in data.verbs_ing and (words.group(2) or "") in _PREPOSITIONS):
            return "describes"
        return None

    def _verb_reading(self, found: Found) -> bool:
        """The sector word begins a verb or an idiom (`verb_readings`): "accounting for a quarter of victims"."""
        text = (found.match.surface + found.following(20)).lower()
        return any(text.startswith(p) and not text[len(p) : len(p) + 1].isalnum() for p in victim_cues().verb_readings)

    def _department(self, found: Found) -> bool:
        """The sector word is the field of a department (`department_fields` before `department_heads`): "the finance
        department's shared drive", "the legal team", "the finance and HR team"; the victim's unit, not its sector."""
        data = victim_cues()
        if found.match.surface.lower() not in data.department_fields:
            return False
        head = _MORE_FIELDS.match(found.following(40))
        return bool(head) and head.group(1).lower() in data.department_heads

    def _third_party(self, found: Found) -> bool:
        """The sector word is the kind of the victim's supplier, which owns what follows (`third_party_heads` and a
        possessive): "through the IT supplier's remote access"."""
        following = found.following(40)
        head = _TWO_WORDS.match(following)
        if not head or head.group(1).lower() not in victim_cues().third_party_heads:
            return False
        return following[head.end(1) : head.end(1) + 1] in ("'", "\u2019")
