"""Victims listed one per item (issue 8, sectors written as organisations): a report introduces its victims in a line
that ends with a colon ("The victims were:", "The affected organisations, reported with their consent, are:", "two
intrusions we investigated, at organisations that had not yet installed the update:") and names one organisation
per list item ("- a port authority on Luzon, Philippines;", "- the IT subsidiary of a dairy cooperative in
Friesland"). The item's head noun phrase is the victim; what the item goes on to say about it ("responsible for flood
defences", "which makes radar subsystems") is its work, not another victim. The lead-in cues are
data/sector_victims.yaml (`list_lead`, `list_lead_not`); the sector rules' vetoes (denied, past, other groups) still
apply."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..knowledge.regex_cache import compiled
from .galaxy_places import Found

# A list item's marker at the start of its line: a dash, a star, a bullet, a number or a letter with a dot or a bracket.
_ITEM = compiled(r"[ \t>]*(?:[-*\u2022\u25aa\u2013]|\d{1,2}[.)]|[a-z][.)])[ \t]+")
# Where an item's head noun phrase ends: a comma, a bracket, a semicolon, a colon, a dash set apart, or a word that
# opens what the item says about the organisation (a relative clause, "responsible for", "with", "where").
_HEAD_END = compiled(
    r"[,;:(]|\s[\u2013\u2014-]\s|\b(?:which|that|who|whose|where|when|responsible|with|serving|running|whom|after|"
    r"before|while|because|since|but)\b",
    re.IGNORECASE,
)
# A sentence's end before the lead-in's last sentence.
_SENTENCE_END = compiled(r"[.!?](?:\s+|$)")


@dataclass(frozen=True)
class ItemCues:
    """What a lead-in is read with: the words of victims and incidents (`list_lead`), those that make the list no
    victims' (`list_lead_not`), the statements of victims (`victims_are`), the targeting words and the verbs of what
    was done to an organisation (sector_victims.yaml `before`)."""

    lead: re.Pattern[str]
    lead_not: re.Pattern[str]
    victims_are: re.Pattern[str]
    targeting: re.Pattern[str]
    done: re.Pattern[str]


def item_start(found: Found) -> int | None:
    """Where the sector word's list item starts in its part's text (its marker's line), or None when its line is no
    list item."""
    text = found.part.text
    line_start = text.rfind("\n", 0, found.offset_in_part) + 1
    # a wrapped item: a line above, up to a blank line, opens the item ("- the IT subsidiary of a dairy cooperative
    # in Friesland, the Netherlands, which runs\ncollection planning")
    for _ in range(4):
        if _ITEM.match(text, line_start):
            return line_start
        if line_start == 0:
            return None
        line_start = text.rfind("\n", 0, line_start - 1) + 1
        if text[line_start] == "\n":
            # a blank line: a PDF's text sets one between the wrapped lines of an item, whose line above ends
            # without a sentence's end
            line_start = text.rfind("\n", 0, line_start - 1) + 1
            if text[line_start : line_start + 200].split("\n", 1)[0].rstrip().endswith((".", ";", ":", "!", "?")):
                return None
    return None


def in_item_head(found: Found, list_start: int) -> bool:
    """The sector's list (from `list_start`, an offset in the report) stands in the head noun phrase of its item:
    nothing that ends the head comes between the item's marker and it."""
    start = item_start(found)
    if start is None:
        return False
    text = found.part.text
    marker = _ITEM.match(text, start)
    position = list_start - found.part.offset
    if marker is None or position < marker.end():
        return False
    return not _HEAD_END.search(text, marker.end(), position)


def list_lead(found: Found) -> str | None:
    """The last sentence of the line that introduces the sector word's list (it ends with a colon; every line between
    it and the item is another item, a wrapped line of one or blank), or None."""
    start = item_start(found)
    if start is None:
        return None
    text = found.part.text
    position = start
    # (a line that is neither an item nor the lead-in is a wrapped line of the item above it, a blank line between
    # them in a PDF's text: at most three of them before an item)
    wrapped = 0
    for _ in range(60):
        if position <= 0:
            return None
        line_start = text.rfind("\n", 0, position - 1) + 1
        line = text[line_start : position - 1].rstrip()
        position = line_start
        if line and _ITEM.match(line):
            wrapped = 0
        elif not line:
            continue
        elif line.endswith(":") and not wrapped:
            # the lead-in may be wrapped over several lines: back to the paragraph's start
            paragraph_start = text.rfind("\n\n", 0, line_start)
            paragraph = text[paragraph_start + 2 if paragraph_start >= 0 else 0 : line_start] + line
            ends = list(_SENTENCE_END.finditer(paragraph, 0, len(paragraph) - 1))
            return paragraph[ends[-1].end() if ends else 0 :].strip()
        else:
            wrapped += 1
            if wrapped > 3:
                return None
    return None


def victim_item(found: Found, list_start: int, cues: ItemCues) -> bool:
    """The sector's list (from `list_start`, an offset in the report) heads an item of a list of victims: its lead-in
    names victims or incidents at them (`list_lead`, a statement of `victims_are`, a targeting word or a verb of what
    was done to an organisation) and gives no advice, thanks nor other lists (`list_lead_not`)."""
    if not in_item_head(found, list_start):
        return False
    lead = list_lead(found)
    if not lead or cues.lead_not.search(lead):
        return False
    return bool(
        cues.victims_are.search(lead) or cues.lead.search(lead) or cues.targeting.search(lead) or cues.done.search(lead)
    )
