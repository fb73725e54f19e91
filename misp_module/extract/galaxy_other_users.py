"""Actors and families a sentence names as other users of the software a report is about (issue 8, precision).

A post about a tool recalls who else uses it ("a red-team platform that threat actors including APT29 and the Conti
and Royal gangs have used", "a tool also used by FIN7"): that is the tool's reputation, and tagging those names says
the report is about them, which MISP's filters cannot tell from the report's own actors. Three shapes, as data
(other_users.yaml): a verb of others' or widespread use with "by" before the list the name stands in (`users_before`);
a noun of actors in general with a list word before it ("groups such as") and, after the list, a verb of use of "it"
or "the same" tool (`use_after`); or such a noun after "other" ("other crews, including", `others_before`). Only the
names of that list are set aside: a subject named elsewhere in the sentence keeps its tag. The software and actor
rules (galaxy_roles) ask `other_user`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .galaxy_name_lists import name_list
from .galaxy_places import Found
from .phrases import phrase_alternation

# How far before a name its list's cue may stand, and the marks that end the clause the cue must share with it.
_REACH = 200
_CLAUSE_MARKS = compiled(r"[;:]")
# A list of two names or more: a separator before the name, or another name right after it.
_SEPARATOR = compiled(r",|\s(?:and|or)\s")
_MORE_NAMES = compiled(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?[A-Z]")


@dataclass(frozen=True)
class _OtherUsers:
    before: re.Pattern[str]
    also: re.Pattern[str]
    others: re.Pattern[str]
    listed: re.Pattern[str]
    after: re.Pattern[str]
    scope: re.Pattern[str]
    related: re.Pattern[str]


@cache
def _patterns() -> _OtherUsers:
    rules = load_data("other_users.yaml")
    groups = phrase_alternation(rules["group_nouns"])
    lists = phrase_alternation(rules["list_words"])
    # "groups such as", "several Russian-speaking crews, including": up to three words before the noun.
    intro = rf"(?:[\w'-]+\s+){{0,3}}?(?:{groups})\s*,?\s*(?:{lists})\s+"
    return _OtherUsers(
        compiled(rf"\b(?:{rules['users_before']})\s+(?:{intro})?", re.IGNORECASE),
        compiled(rf"\b(?:{rules['also_before']})\s+(?:{intro})?", re.IGNORECASE),
        # "other China-based groups active in the same countries, such as": a short qualifier after the noun too.
        compiled(
            rf"{rules['others_before']}\s++(?:[\w'-]++\s++){{0,3}}?(?:{groups})(?:\s++[\w'-]++){{0,6}}?\s*+,?\s*+(?:{lists})\s++",
            re.IGNORECASE,
        ),
        compiled(rf"\b(?:{groups})\s*,?\s*(?:{lists})\s+", re.IGNORECASE),
        compiled(rules["use_after"], re.IGNORECASE),
        compiled(load_data("mentions.yaml")["report_scope"], re.IGNORECASE),
        compiled(rules["related_before"], re.IGNORECASE),
    )


def _clause_start(found: Found) -> int:
    """Where the name's clause chain starts in its sentence (after the last colon or semicolon), at most `_REACH`
    characters before it."""
    position = found.in_sentence
    marks = _CLAUSE_MARKS.finditer(found.sentence, 0, position)
    return max(position - _REACH, max((m.end() for m in marks), default=0))


def other_user(found: Found) -> bool:
    """The name stands in a list the sentence gives as other users of the software it is about ("also used by X, Y
    and Z"; "threat actors including X and Y have used it"; "other crews, including X"), not in the report's own case
    ("in this campaign")."""
    sentence, position = found.sentence, found.in_sentence
    start = _clause_start(found)
    rules = _patterns()
    for cue in (rules.before, rules.others):
        if any(name_list(sentence[m.end() : position]) for m in cue.finditer(sentence, start, position)):
            return True
    also = [m for m in rules.also.finditer(sentence, start, position) if name_list(sentence[m.end() : position])]
    if also and (_SEPARATOR.search(sentence, also[-1].end(), position) or _MORE_NAMES.match(found.following(40))):
        return True
    listed = [m for m in rules.listed.finditer(sentence, start, position) if name_list(sentence[m.end() : position])]
    if not listed:
        return False
    rest = _CLAUSE_MARKS.split(sentence[position + len(found.match.surface) :], maxsplit=1)[0]
    use = rules.after.match(rest)
    return bool(use) and not rules.scope.search(rest, use.end())


def related_actor(found: Found) -> bool:
    """Before the actor in its clause, the report's actor shares code with it or overlaps with it ("shares code with
    malware used by the older group known as Lazarus", "overlaps with APT15"): a kin group, not the attributed one."""
    position = found.in_sentence
    return bool(_patterns().related.search(found.sentence, max(_clause_start(found), position - 140), position))
