"""Lists labelled by their kind (issue 8: sectors and places on real pages, whatever the verb).

Real pages name the victims' sectors and countries in lists that no victim verb carries ("Moonfang has a specific
focus on sectors crucial to daily life - government, healthcare, engineering and finance", "a handful of verticals:
legal services, insurance and construction", "countries such as Peru and Chile"). The shape says what the list holds:
a word of its kind (a label: sectors, industries, verticals, a noun of organisations; countries, nations, regions)
and at most a few words that qualify it, then a colon, a dash, a bracket, a word that opens examples ("such as",
"as diverse as") or a range ("ranging from mining to hospitality": both ends), then the list. The list is the
victims' where the clause before the label tells the subject's own activity (it names the report's actor or
software, has a particular noun of the threat at work, or opens on a pronoun that takes the subject up) and no word
of another role holds it (advice, the writer's customers, a survey, a comparison, an authority, a forecast). A
label that opens its sentence before a colon or a dash is a field line of the report ("Sectors: manufacturing,
logistics"). The callers' vetoes (past, denied, other incidents) still apply. Words as data in labelled_lists.yaml.
"""

from __future__ import annotations

import re
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled

SECTORS = "sector_labels"
PLACES = "place_labels"


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@cache
def _lead(kind: str) -> re.Pattern[str]:
    """The label, its qualifying words and what opens the list, at the end of the text before the list."""
    data = load_data("labelled_lists.yaml")
    count = int(data["qualifier_words"])
    # White space with at most one line break, written so that a run of blanks is read once.
    blank = r"[ \t]*(?:\n[ \t]*)?"
    gap = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
    # (a dash written as a hyphen stands between spaces: "sectors crucial to daily life - government")
    # (a field line's label may be bold: "**Industries:** logistics", "**Sectors**: ...")
    marker = rf"(?:[*_]{{0,2}}[ \t]*[:\u2013\u2014]|[ \t]+-)[*_]{{0,2}}{blank}(?:[-*\u2022][ \t]+)?"
    # (or a bracket: "three industries (healthcare, finance and retail)")
    opener = rf",?{gap}(?:{_alternation(data['openers'])}),?{blank}|[ \t]*\(|{data['range_opener']}"
    return compiled(
        rf"\b(?P<label>{_alternation(data[kind])})\b(?P<qualifier>(?:{gap}[\w'\u2019-]+){{0,{count}}}?)"
        rf"(?:(?P<marker>{marker})|{opener})(?:(?:the|a|an|both){gap})?$",
        re.IGNORECASE,
    )


@cache
def _clause(key: str) -> re.Pattern[str]:
    """One pattern of labelled_lists.yaml that reads the clause before a list (`subject_words`, `label_not`...)."""
    return compiled(load_data("labelled_lists.yaml")[key], re.IGNORECASE)


def _tells_subject(clause: str, names_subject: bool) -> bool:
    """The clause before a list tells the subject's own activity, and no word of another role holds the list."""
    if _clause("label_not").search(clause):
        return False
    return names_subject or bool(_clause("subject_words").search(clause) or _clause("subject_pronouns").match(clause))


def labelled_list(before: str, kind: str, names_subject: bool) -> bool:
    """Whether the list that follows `before` (its sentence's text up to the list's first member) is labelled by its
    kind (`SECTORS` or `PLACES`) in the report's own account of the subject's activity (see the module docstring).
    `names_subject`: the caller found the report's actor or software in that text."""
    window = before[-200:]
    lead = _lead(kind).search(window)
    if not lead:
        return False
    head = before[: len(before) - len(window) + lead.start()]
    clause = re.split(r"[;:]\s", head)[-1]
    if _clause("label_not").search(lead["qualifier"]) or (kind == PLACES and _clause("place_not").search(head)):
        return False
    if not clause.strip(" \t*_#-\u2022"):
        # A label that opens its sentence is a field line when a colon or a dash follows it ("Sectors: ...", "Sectors
        # in the crosshairs: ...").
        return bool(lead["marker"])
    return _tells_subject(clause, names_subject)
