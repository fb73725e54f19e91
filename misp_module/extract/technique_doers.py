"""Who does a verb in a sentence, as far as technique recognition needs to know: the adversary, or someone who
may do the same thing legitimately (a vendor's updater, administrators, HR). The action table of
technique_actions.py asks it of each action it reads; the words are data (data/technique_actions.yaml `doers`).

The sentence has passed the filters of technique_filters.py already (negation, advice, defence, the past, another
actor named): this says whether its action is the adversary's, not whether it is behaviour at all. The adversary's
generic subject at a sentence's start is technique_decisions.py's (`_GENERIC_SUBJECT`, what the model reads
without), widened here by the kinds of its software and its pronouns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .regex_literals import GatedPattern
from .technique_decisions import _GENERIC_SUBJECT

ADVERSARY, BYSTANDER, PRONOUN = "adversary", "bystander", "pronoun"
# Spans of the report's own actors and malware named in a text (technique_actions.py finds them).
Names = Callable[[str], Sequence[tuple[int, int]]]
_VERB_FORM = compiled(r"[a-z]+(?:s|ed|ing)\b")


@dataclass(frozen=True)
class _Doers:
    adversary: re.Pattern[str]
    bystanders: re.Pattern[str]
    pronouns: re.Pattern[str]
    passive: re.Pattern[str]
    purpose: re.Pattern[str]
    agent: re.Pattern[str]
    close: re.Pattern[str]
    fronted: re.Pattern[str]
    implicit: re.Pattern[str]
    adjective: re.Pattern[str]
    negated: re.Pattern[str]
    hypothetical: re.Pattern[str]
    routine: GatedPattern
    routine_agent: re.Pattern[str]


@cache
def _doers() -> _Doers:
    """The doer words of data/technique_actions.yaml, compiled once per process."""
    raw = load_data("technique_actions.yaml")["doers"]
    patterns = {key: compiled(str(raw[key])) for key in _Doers.__dataclass_fields__ if key != "routine"}
    # `routine` is asked of every sentence of behaviour, and a match of it costs tens of microseconds (its fronted
    # phrase and look-ahead): behind its literal gate (regex_literals) seven sentences in ten are never searched.
    return _Doers(**patterns, routine=GatedPattern(str(raw["routine"])))


def adversary_does(
    sentence: str,
    verb: tuple[int, int],
    names: Names | None = None,
    previous: str | None = None,
    object_first: bool = False,
) -> bool:
    """Whether the verb at `verb` (a span of the sentence; `names` gives the spans of the report's own actors and
    malware in a text) is the adversary's doing: its agent ("… created by the attackers") or its doer (`doer_of`)
    is the adversary's, a pronoun after a sentence (`previous`) whose doer is no bystander, or, where no doer is
    named, the verb is passive ("shadow copies were deleted") or opens a description of what a sample does
    ("Creates a scheduled task …"). Never a modal, a counterfactual ("could modify", "if the attackers had
    deleted"), a negation right before the verb ("cannot be cleared") or an adjective ("in encrypted batches").
    A verb after its object (`object_first`) counts only as a passive ("LSASS was dumped"): else the object is no
    object of the verb ("servers hard-coded in an encrypted list")."""
    rules, lowered = _doers(), sentence.lower()
    spans = _spans(names, sentence, lowered)
    start = max(lowered.rfind(";", 0, verb[0]), lowered.rfind(": ", 0, verb[0])) + 1
    head = lowered[start : verb[0]]
    if rules.adjective.search(head) or rules.hypothetical.search(head) or rules.negated.search(head):
        return False
    if object_first and not rules.passive.search(head):
        return False
    after = lowered[verb[1] :]
    agent = rules.agent.match(after)
    if agent:
        kind = _first_kind(agent.group(1), _within(spans, verb[1] + agent.start(1), verb[1] + agent.end(1)))
        if kind in (ADVERSARY, BYSTANDER):
            return kind == ADVERSARY
    kind = doer_of(head, _within(spans, start, verb[0]))
    if kind == PRONOUN:
        return previous is None or doer_of(previous.lower(), _spans(names, previous, previous.lower())) != BYSTANDER
    if kind is not None:
        return kind == ADVERSARY
    if rules.passive.search(head) or rules.purpose.search(head):
        return True
    return bool(rules.implicit.match(head)) and bool(_VERB_FORM.match(lowered, verb[0]))


def routine_doer(sentence: str, names: Names | None = None) -> bool:
    """Whether a sentence's subject is a routine doer (data/technique_actions.yaml `routine`: a vendor's updater,
    IT staff, administrators, HR, group policy, backup software, the defenders), or one is the agent of a passive in
    it (`routine_agent`: "… was created by the installer", "… were cleared by the IT team"), and it names nothing of
    the adversary's (`names` finds the report's own actors and malware; "the attackers", "the implant"; not a
    pronoun): the act is their job, no technique ("The vendor's updater creates a scheduled task each night"). The
    model, the cue phrases and technique names (technique_names.py) ask it; the action table asks `adversary_does`
    of each verb instead, which reads the agent of its own verb."""
    rules = _doers()
    lowered = sentence.lower()
    if not rules.routine.match(sentence) and not (" by " in lowered and rules.routine_agent.search(lowered)):
        return False
    spans = _spans(names, sentence, lowered)
    # A name of the report's own is the adversary's even inside a routine phrase ("the QuietMoth updater").
    return not spans and not any(kind == ADVERSARY for _, _, kind in _mentions(lowered, spans))


def doer_of(head: str, names: Sequence[tuple[int, int]] = ()) -> str | None:
    """Who does what follows `head` (the lower-cased words before a verb in its clause): ADVERSARY, BYSTANDER,
    PRONOUN or None (none named). The one named right before the verb; else the first named in the verb's
    segment (between commas); else in the nearest segment before it that is not fronted ("After the
    administrators left, …")."""
    rules = _doers()
    mentions = _mentions(head, names)
    if mentions and rules.close.match(head[mentions[-1][1] :]):
        return mentions[-1][2]
    edges = [0, *(m.end() for m in re.finditer(r",\s", head)), len(head)]
    for number in range(len(edges) - 2, -1, -1):
        low, high = edges[number], edges[number + 1]
        if number < len(edges) - 2 and rules.fronted.match(head[low:high]):
            continue
        inside = [m for m in mentions if low <= m[0] < high]
        if inside:
            return inside[0][2]
        if _GENERIC_SUBJECT.match(head, low):
            return ADVERSARY
    return None


def _mentions(head: str, names: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The doers named in the text, in order: (start, end, kind); an adversary's word inside a bystander's
    phrase ("the group policy", "the IT team") is the bystander's."""
    rules = _doers()
    bystanders = [(m.start(), m.end(), BYSTANDER) for m in rules.bystanders.finditer(head)]
    found = list(bystanders)
    for start, end, kind in [
        *((m.start(), m.end(), ADVERSARY) for m in rules.adversary.finditer(head)),
        *((a, b, ADVERSARY) for a, b in names),
    ]:
        if not any(start < b and a < end for a, b, _ in bystanders):
            kind = PRONOUN if rules.pronouns.fullmatch(head, start, end) else kind
            found.append((start, end, kind))
    return sorted(found, key=lambda m: (m[0], m[2] != BYSTANDER))


def _first_kind(text: str, names: Sequence[tuple[int, int]]) -> str | None:
    mentions = _mentions(text, names)
    return mentions[0][2] if mentions else None


def _spans(names: Names | None, sentence: str, lowered: str) -> list[tuple[int, int]]:
    """The spans of the report's own names in the sentence; none where lower-casing changed its length (the
    spans would not fit the lower-cased text)."""
    if names is None or len(sentence) != len(lowered):
        return []
    return list(names(sentence))


def _within(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans inside [start, end), as spans of that slice."""
    return [(a - start, b - start) for a, b in spans if start <= a and b <= end]
