"""Places named as the home of an authority, of money or of a maker, and sector words of an authority or a bank in
those roles: not the victims' (issue 8, cause 9).

Real reports name countries for what sits there besides the victims: the police that were told ("Law enforcement in
Singapore and the United States has been informed"), the agencies that announced ("disclosed by several US government
agencies"), the bank that received the stolen money ("the new account at a bank in Lithuania"), the makers of the
equipment ("Schneider Electric of France", "a German-made router"). Read as victims, such places and the sector words
of those bodies ("Law enforcement", "a bank") put tags on an event that is not about them; MISP users filter events by
tags. The place vetoes (galaxy_passing_places `_passing_place`) and the sector vetoes (galaxy_sector_rules) ask this
module once a rule has read the name as a victim's. The nouns are data (place_roles.yaml); this module builds the
phrases around them.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_cues import grouped_alternation
from .regex_literals import GatedPattern

AUTHORITY, MONEY, MAKER, VENDOR, SOURCE = "authority", "money", "maker", "vendor", "source"
# A capitalised word of a name ("UK's", "U.S.", "CISA") and an acronym in parentheses ("(NCSC)").
# (A dot inside or after an initial only: "FBI." ends a sentence.)
_NAME = r"(?-i:[A-Z])(?:[\w'\u2019&-]|\.(?=\w))*(?:(?<=\.\w)\.)?"
_ACRONYM = r"\((?-i:[A-Z])[\w.&-]*\)"

# Where the words about a place start at the latest: after a quotation or a semicolon (`_untargeted_place`).
_QUOTE_OR_SEMICOLON = compiled(r"[\"\u201c\u201d;]")


def _words(key: str) -> str:
    """One word list of place_roles.yaml as an alternation (a space stands for any white space)."""
    words = sorted((str(w) for w in load_data("place_roles.yaml")[key]), key=len, reverse=True)
    return grouped_alternation(words, lambda w: re.escape(w).replace(r"\ ", r"\s+"))


@cache
def _patterns() -> dict[str, GatedPattern]:
    """The phrases of each role, compiled on first use (case-insensitive but for capitalised company names)."""
    authority, agents = _words("authority"), _words("authority_agents")
    money, gap = _words("money"), _words("money_gap")
    maker = _words("maker")
    flags = re.IGNORECASE
    # Between a place and its authority, words of the authority's own phrase only ("the Dutch national police"), not
    # of a list ("Two hospitals in Estonia and the national CERT in Latvia").
    qualifier = r"(?!(?:and|or|the|a|an|of|in|at|to|with|from|by|for)\b)(?-i:[a-z][a-z-]*)"
    return {
        # "Law enforcement in Singapore and ...", "the police of"
        "authority_before": GatedPattern(rf"\b(?:{authority})\s+(?:in|of|from)\s+(?:the\s+)?$", flags),
        # "the Irish police", "Singapore's police force", "US law enforcement": the place qualifies the authority.
        "authority_after": GatedPattern(
            rf"^(?:['\u2019]s?)?(?:\s+{qualifier}){{0,2}}?\s+(?:{authority})\b(?!-)", flags
        ),
        # "disclosed by several US government agencies": a public body as the agent of a passive of announcing.
        "agent_before": GatedPattern(
            r"\bby\s+(?:the\s+|several\s+|two\s+|three\s+|multiple\s+|various\s+|a\s+group\s+of\s+)?$", flags
        ),
        "agent_after": GatedPattern(rf"^\s+(?:{agents}|{authority})\b", flags),
        "agent_in_before": GatedPattern(
            rf"\bby\s+(?:the\s+|several\s+|two\s+|three\s+)?(?:{agents}|{authority})\s+(?:in|of|from)\s+(?:the\s+)?$",
            flags,
        ),
        "announcing": GatedPattern(rf"\b(?:{_words('announcing')})\b", flags),
        # "The warning, issued by the UK's cyber centre, the FBI and CISA along with partners in": the place stands in
        # the agent phrase of a verb of publishing (names, acronyms and the words of `issuer_words` only).
        "issuer_by": GatedPattern(
            rf"\b(?:{_words('publishing')})\s+(?:jointly\s+)?by\s+"
            rf"(?:(?:(?:{_words('issuer_words')})\b|{_NAME}|{_ACRONYM})[\s,]*)*+$",
            flags,
        ),
        # "cybersecurity agencies from the United Kingdom, ..."
        "issuer_agencies": GatedPattern(rf"\b(?:{_words('issuer_agencies')})\s+(?:from|of|in)\s+(?:the\s+)?$", flags),
        # "The United States and the Republic of Korea have issued a joint cyber security advisory": the place (and
        # the names listed with it) as the subject of a verb of publishing whose object is a publication.
        "issuer_subject": GatedPattern(
            rf"^(?:['\u2019]s)?(?:\s*,?\s+(?:and\s+)?(?:the\s+)?{_NAME}(?:\s+(?:of\s+)?{_NAME})*)*"
            rf"\s+(?:(?:have|has|had)\s+)?(?:jointly\s+|also\s+)?(?:{_words('publishing')})\s+(?:a|an|the)\s+"
            rf"(?:[\w-]+\s+){{0,4}}?(?:{_words('publications')})\b",
            flags,
        ),
        # "mule accounts in", "the new account at a bank in"
        "money_before": GatedPattern(
            rf"\b(?:(?:{money})(?:\s+(?:{gap}))*|accounts?\s+(?:(?:{gap})\s+)*banks?)\s+(?:in|at)\s+(?:the\s+)?$",
            flags,
        ),
        # "a Singapore-registered company paid", "a Hong Kong-registered firm received the funds"
        "registered_after": GatedPattern(
            rf"^-(?:{_words('registered_glued')})\b(?:\s+[\w'-]+){{0,3}}?\s+(?:{money}|{_words('paying_verbs')})\b",
            flags,
        ),
        # "a German-made router", "Chinese-built cameras"
        "made_after": GatedPattern(rf"^-(?:{_words('made_glued')})\b", flags),
        # "a US-based vendor"
        "based_maker_after": GatedPattern(
            rf"^\.?-(?:{_words('based_glued')})(?:\s+[\w-]+){{0,2}}?\s+(?:{maker})\b", flags
        ),
        # "The controller makers, Schneider Electric of France and Omron of": a maker's name, then "of" the place.
        "maker_company_before": GatedPattern(
            rf"\b(?:{maker})\b[^.;:!?]{{0,100}}?(?-i:[A-Z])[\w&.-]*\s+(?:of|from)\s+(?:the\s+)?$", flags
        ),
        # a sector word of an authority, then what it did or was told ("has been informed", "froze", "said")
        "authority_acted": GatedPattern(
            rf"^(?:\s+(?:in|of|from)\s+[^.;:!?]{{0,80}}?)?(?:\s+(?:has|have|had|was|were|is|are|been|also|then|"
            rf"later|quickly|already|now))*\s+(?:{_words('authority_acts')})\b",
            flags,
        ),
        "authority_word": GatedPattern(rf"^(?:{authority})$", flags),
        # "Slovakian cybersecurity firm ESET", "an American security company", "US firm finds"
        # (and "a US-based security firm", "the U.S.-headquartered cybersecurity company")
        "vendor_after": GatedPattern(
            rf"^(?:['\u2019]s|\.?-(?:{_words('based_glued')}))?\s+(?:{_words('security_kinds')})\s+(?:{_words('security_firms')})\b",
            flags,
        ),
        # "US firm finds": a firm that finds is no victim, whatever the words before
        "firm_finds": GatedPattern(
            rf"^\s+(?:firm|company|vendor|researchers)\s+(?:{_words('firm_findings')})\b", flags
        ),
        # "Seoul-based EST Security"
        "vendor_based_after": GatedPattern(
            rf"^\.?-(?:{_words('based_glued')})(?:\s+(?-i:[A-Z])[\w&.-]*){{0,3}}?\s+(?:{_words('security_names')})\b",
            flags,
        ),
        # "According to the US government"
        "source_before": GatedPattern(rf"\b(?:{_words('source_before')})\s+(?:the\s+|a\s+|an\s+)?$", flags),
        # "the US government has warned"
        "speaker_after": GatedPattern(
            rf"^(?:['\u2019]s)?\s+(?:{_words('speakers')})(?:\s+(?:has|have|had|also|then|again|repeatedly))*"
            rf"\s+(?:{_words('speaking')})\b",
            flags,
        ),
        # "account at a bank", "the receiving bank"
        "money_bank_before": GatedPattern(
            rf"\b(?:{_words('money_bank_before')})\s+(?:(?:a|an|the|one|two|its|their)\s+)?(?:[\w-]+\s+)?$", flags
        ),
    }


def _untargeted(cue: re.Match[str] | None, before: str, targeting: re.Pattern[str]) -> bool:
    """A cue was found and no targeting word stands in the eight words before it ("breached a regional police force
    in", "the hacking of politicians' bank accounts in"): the targeting word would govern the place."""
    if cue is None:
        return False
    words = before[: cue.start()].split()[-8:]
    return not targeting.search(" ".join(words))


def place_role(before: str, following: str, sentence: str, targeting: re.Pattern[str]) -> str | None:
    """The role of a place that is no victim's: AUTHORITY, MONEY, MAKER, VENDOR (the security firm whose finding the
    report tells) or SOURCE (a statement's), or None. `before` is its sentence before it (or before the list of
    places it ends), `following` the text after it, `sentence` the whole sentence; `targeting` the targeting words,
    whose presence keeps a maker noun a victim anywhere in the sentence ("electronics makers in Taiwan were
    breached"), an authority after the place in its clause ("Mexican police departments were hit") and an authority
    or money before it within eight words ("breached a regional police force in Belgium")."""
    patterns = _patterns()
    before = before[-160:]
    clause_after = re.split(r"[.;:!?]", following, maxsplit=1)[0]
    if _untargeted(patterns["authority_before"].search(before), before, targeting):
        return AUTHORITY
    authority = patterns["authority_after"].match(following)
    if authority and not targeting.search(clause_after, authority.end()) and _untargeted_place(before, targeting):
        return AUTHORITY
    if patterns["announcing"].search(before) and (
        patterns["agent_in_before"].search(before)
        or (patterns["agent_before"].search(before) and patterns["agent_after"].match(following))
    ):
        return AUTHORITY
    if _untargeted(patterns["money_before"].search(before), before, targeting) or patterns["registered_after"].match(
        following
    ):
        return MONEY
    if patterns["made_after"].match(following):
        return MAKER
    if patterns["firm_finds"].match(following) or (
        (patterns["vendor_after"].match(following) or patterns["vendor_based_after"].match(following))
        and _untargeted_place(before, targeting)
    ):
        return VENDOR
    if (patterns["source_before"].search(before) or patterns["speaker_after"].match(following)) and _untargeted_place(
        before, targeting
    ):
        return SOURCE
    if not targeting.search(sentence) and (
        patterns["based_maker_after"].match(following) or patterns["maker_company_before"].search(before)
    ):
        return MAKER
    return None


def issuer(before: str, following: str, targeting: re.Pattern[str]) -> bool:
    """The place is where an advisory's authors sit (see `_issuer`), `before` being the text of its paragraph before
    it: an agent phrase of publishing may list many bodies and run past what the sentence splitter takes for a
    sentence's end ("issued by the UK's National Cyber Security Centre (NCSC), the U.S. National Security Agency
    (NSA), FBI, and CISA, along with partners in")."""
    return _issuer(_patterns(), before[-400:], following, targeting)


def _issuer(patterns: dict[str, GatedPattern], before: str, following: str, targeting: re.Pattern[str]) -> bool:
    """The place is where an advisory's authors sit: in the agent phrase of its publishing, after the cyber or
    intelligence agencies it names, or the subject of a verb of publishing a publication; with no targeting word in
    the eight words before it."""
    if not _untargeted_place(before, targeting):
        return False
    return bool(
        patterns["issuer_by"].search(before)
        or patterns["issuer_agencies"].search(before)
        or patterns["issuer_subject"].match(following)
    )


def speaker(before: str, following: str, targeting: re.Pattern[str]) -> bool:
    """The place qualifies a public body that speaks or makes an attribution ("The US government attributed the attack
    to ...", "the British government has warned"), with no targeting word in the eight words before it: where the
    statement comes from, not the actor's origin."""
    return bool(_patterns()["speaker_after"].match(following)) and _untargeted_place(before[-160:], targeting)


def _untargeted_place(before: str, targeting: re.Pattern[str]) -> bool:
    """No targeting word in the eight words before the place ("raided the Dutch police" names a victim), after the
    last quotation mark or semicolon: a quotation's words are the speaker's, not the words about the place ("'The group
    is active against exchanges,' said Lisbon-based Vela Security")."""
    return not targeting.search(" ".join(_QUOTE_OR_SEMICOLON.split(before)[-1].split()[-8:]))


def sector_role(surface: str, before: str, following: str) -> str | None:
    """The role of a sector word that names no victim: an authority told of the crime or acting on it ("Law
    enforcement in Singapore has been informed", "police froze the accounts"), or the bank that received the money
    ("the new account at a bank in Lithuania", "the receiving bank"); AUTHORITY, MONEY or None."""
    patterns = _patterns()
    if patterns["authority_word"].match(surface.strip()) and patterns["authority_acted"].match(following):
        return AUTHORITY
    if patterns["money_bank_before"].search(before[-80:]):
        return MONEY
    return None
