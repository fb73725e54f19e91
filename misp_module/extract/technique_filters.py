"""The filters that keep a sentence, or some of its clauses, from counting as the adversary's behaviour:
negation, advice, defence, the past and other actors (data/techniques.yaml), with the reach of each up to a
clause edge or a contrast. Names and prose recognition both ask them before anything is scored."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .technique_rules import _Rules, _rules, descriptive_anywhere
from .technique_sentences import _is_prose

# An imperative opener that is the adversary's, in a report translated without its subjects ("Use compressed package
# containing LNK file as bait, …", "Use the legal signed program to load malicious DLL"): what is used as bait, or to
# load something malicious, is no advice to the reader (issue 12).
_AS_BAIT = compiled(
    r"^\W*use\b[^.;]{0,80}?\b(?:as (?:an? |the )?(?:bait|lures?|decoys?)"
    r"|to (?:load|run|launch|execute|drop|download|deliver|side-?load) (?:the |a |an )?malicious)\b"
)


def not_behaviour(sentence: str) -> bool:
    """The sentence is negated, advice or defence, a description (a product, the defenders' routine, a figure),
    or about the past or another actor."""
    rules, lowered = _rules(), sentence.lower()
    if _is_advice(rules, lowered) or descriptive(sentence):
        return True
    return bool(rules.not_behaviour.search(lowered) and rules.not_behaviour.search(_without_false_filters(lowered)))


def _is_advice(rules: _Rules, lowered: str) -> bool:
    """The lower-cased sentence opens with advice to the reader: an imperative opener that is neither the
    adversary's own (`_AS_BAIT`) nor a noun (`advice_nouns`: "Audit & system logs cleared.")."""
    return bool(rules.advice.search(lowered) and not _AS_BAIT.search(lowered) and not rules.advice_nouns.match(lowered))


# Phrases that hold a filter's word but say nothing of the kind: "in the last year", "over the past six months"
# (how recent, not another time: "searches the drives for documents changed in the last year"), "if it
# detects" (the malware's check, not the defender's detection: "quits if it detects a debugger"), and "to
# prevent" what only the adversary wants prevented (its purpose: "deletes shadow copies to prevent recovery"), and
# endpoint security as what the adversary stops ("used a driver utility to stop endpoint security processes").
_NOT_FILTERS = compiled(
    r"\b(?:in|within|over|during|since) the (?:last|past) (?:(?:few|two|three|six|twelve|\d+|several) )?"
    r"(?:years?|months?|weeks?|days?|hours?)\b|\b(?:if|when|once|whether|where|whenever|unless) it detects\b"
    r"|\bto prevent (?:the |any |easy )?(?:recovery|restor\w*|rollback|decryption|analysis|removal|detection)\b"
    r"|\b(?:stop|disabl|kill|terminat|uninstall|tamper\w* with|turn\w* off|blind|neutrali[sz])\w*\b[^.;]{0,40}?"
    r"\bendpoint security (?:processes|agents?|products?|software|tools?|services?|solutions?)\b"
    # i12-real: the bank's customers as the victims ("protecting customers' bank accounts", "targeting customers of
    # large banks"), and how the adversary came by the accounts it now uses ("user IDs they have previously
    # acquired through data breaches", "previously compromised mailboxes"): neither the defender nor the past.
    r"|\bcustomers['\u2019](?=\s)|\b(?:target|defraud|attack|impersonat|trick|lur|scam|rob)\w* (?:the |their |its )?"
    r"(?:[\w-]+ )?customers\b|\b(?:ids|accounts|credentials|passwords|logins|mailboxes|tokens|cookies|addresses) "
    r"(?:that |which )?(?:they|the \w+) (?:had|have|has) previously \w+\b|\bpreviously (?:compromised|stolen|hijacked|"
    r"breached|leaked|harvested|phished|acquired|obtained) (?:[\w-]+ )?(?:accounts?|credentials|mailboxes|passwords|"
    r"logins|user ids|ids)\b"
    # i12-real: what the adversary wants hard for defenders is its purpose, not the defender's own detection
    # ("heavily obfuscated, making them difficult to detect")
    r"|\b(?:difficult|hard|harder|impossible|tricky|tough) to (?:detect|spot|find|analy[sz]e|remove)\b"
)


def descriptive(sentence: str) -> bool:
    """The sentence describes rather than tells what the adversary did (data/techniques.yaml `descriptive`: a
    product described, the defenders' routine, a figure, a control's effect). Prose recognition asks it only of
    a sentence that reads some technique; the expressions of a sentence's opening are tried at its start only
    (one alternation searched through the sentence cost a twentieth of prose recognition)."""
    rules, lowered = _rules(), sentence.lower()
    return bool(rules.descriptive_openers.match(lowered) or any(p.search(lowered) for p in descriptive_anywhere()))


def _without_false_filters(lowered: str) -> str:
    """The lower-cased sentence with the phrases of `_NOT_FILTERS` blanked; the sentence itself where it has none
    (most: two substring tests)."""
    if (
        "the last" in lowered
        or "the past" in lowered
        or "it detects" in lowered
        or "to prevent" in lowered
        or "endpoint security" in lowered
        or "customers" in lowered
        or "previously" in lowered
        or " to detect" in lowered
        or " to spot" in lowered
        or " to find" in lowered
        or " to analy" in lowered
        or " to remove" in lowered
    ):
        return _NOT_FILTERS.sub(" ", lowered)
    return lowered


# Where a negation's reach ends in a sentence: a semicolon or colon, a comma before a new clause, "but", a
# relative "whose", before "instead of"/"rather than" (what they exclude follows them), "and" before a negated
# verb ("is loaded into memory and never touches the disk"), "so (that)" before a consequence ("deletes the
# shadow copies so that files cannot be restored"), or a comma before "they"/"it" opening the main clause
# ("where neither trick worked, they flooded the victim with push prompts"). Not a plain "and": "no sign of
# lateral movement and credential theft" negates both. Issue 12: a fronted "Instead of X," / "Rather than X,"
# ends where the main clause starts ("Instead of an attachment, the message carries a link …"), and a negated
# aside in parentheses is a clause of its own ("… had a foothold (we could not establish how), used certutil …").
_CLAUSE_EDGE = compiled(
    r"^\W*(?i:instead of|rather than)\b[^,;()]{1,80},\s+"
    r"|\s*\([^()]{0,80}\b(?:not|no|never|cannot|n't)\b[^()]{0,80}\)(?:,\s*)?"
    r"|,\s+(?:not yet|as yet not|still not) (?:identified|named|known|attributed|analy[sz]ed|classified|public),\s+"
    r"|;|:\s|,\s+(?:and|but|while|whereas|although|though|which|so|then|where)\s|\s+but\s|\s+whose\s"
    r"|\s+(?=(?:instead of|rather than)\b)|\s+and\s+(?=(?:never|not|no|did not|does not|do not|didn't|doesn't"
    r"|cannot|can't)\b)|\s+so that\s|\s+so\s+(?=\w+(?: \w+)? (?:could|can|cannot|can't|couldn't|would|wouldn't|will"
    r"|won't)\b)|,\s+(?=(?:they|it)\s)"
)
# "With no" before a noun describes the thing ("machines with no connection to the Internet"), negating no
# action: a clause is not negated by it (the sentence is still read for cue phrases only).
_WITH_NO = compiled(r"\bwith no\b")
# Words in quotation marks are what a screen, a lure or a person says ("a black overlay saying \"updating, do not
# turn off\""): a negation there negates no action of the clause (issue 12).
_QUOTED = compiled(r'"[^"]{1,120}"|\u201c[^\u201d]{1,120}\u201d')
# Of those, the edges where a sentence turns from one subject to another ("other groups have used WMI in the
# past, but this crew relies on scheduled tasks"): the past or another actor reaches up to the next one.
_CONTRAST = compiled(r"\b(?:but|while|whereas|although|though)\b")


@cache
def _passed_over() -> re.Pattern[str]:
    """A verb of preference (techniques.yaml `preference_verbs`) and what it prefers something over, in its group 1:
    " over" up to the clause's end ("prefers exploiting exposed servers over techniques that need a user's click")."""
    verbs = load_data("techniques.yaml")["preference_verbs"]
    return compiled(rf"\b(?:{verbs})\b[^.;:]{{1,120}}?(\s+over\s+[^.;:]*)")


def behaviour_text(sentence: str) -> str | None:
    """What a sentence says the adversary did: the sentence, or None where it is advice or defence; a sentence
    that is negated, or tells of the past or another actor, only its clauses that no negation governs ("the
    backdoor is loaded straight into memory and never touches the disk" keeps "the backdoor is loaded straight
    into memory") and that no mention of the past or another actor reaches (such a mention reaches up to the
    next contrast: "other groups used WMI in the past, but this crew relies on scheduled tasks" keeps the
    crew's part), joined by semicolons, or None where no clause is left. What the adversary is said to prefer
    something over is left out (`_passed_over`)."""
    rules, lowered = _rules(), sentence.lower()
    if _is_advice(rules, lowered):
        return None
    passed_over = _passed_over().search(lowered) if " over " in lowered else None
    if passed_over:
        sentence = sentence[: passed_over.start(1)] + sentence[passed_over.end(1) :]
        lowered = sentence.lower()
    if not rules.not_behaviour.search(lowered):  # most sentences: one search
        return sentence
    lowered = _without_false_filters(lowered)
    if not rules.not_behaviour.search(lowered):
        return sentence
    if rules.defender.search(lowered):
        return None
    return _clauses_of_behaviour(
        sentence,
        lambda clause: bool(rules.elsewhere.search(_without_false_filters(clause.lower()))),
        lambda clause: bool(rules.negation.search(_QUOTED.sub(" ", _WITH_NO.sub(" ", clause.lower())))),
    )


def _clauses_of_behaviour(
    sentence: str, elsewhere: Callable[[str], bool], negated: Callable[[str], bool] = lambda _: False
) -> str | None:
    """The clauses of a sentence that are the adversary's behaviour, joined by semicolons (None where none is
    left): not negated, and out of the reach of a clause that is `elsewhere` (the past, another actor), which
    reaches up to the next contrast ("but", "while", …: the sentence turns to another subject). Not up to a
    semicolon: "other groups used WMI; they also …" goes on about them."""
    kept, start, away = [], 0, False
    for edge in [*_CLAUSE_EDGE.finditer(sentence), None]:
        end = edge.start() if edge else len(sentence)
        clause = sentence[start:end].strip()
        away = away or (bool(clause) and elsewhere(clause))
        if clause and not away and not negated(clause):
            kept.append(clause)
        if edge and _CONTRAST.search(edge.group(0)):
            away = False
        start = edge.end() if edge else end
    text = "; ".join(kept)
    return text if kept and _is_prose(text) else None
