"""A family named as the subject of a landscape report's item, where the item says what kind of family it is
(issue 8, recall: names in the prose of yearly and quarterly reviews and roundups).

A name only a noisy galaxy knows ("SafePay", "Hunters International", both only in the ransomware galaxy) or one
that is an English word ("Cactus", "Lynx") needs a word of its kind right beside it (galaxy_evidence). Landscape
reports rarely write one there: the kind is in the section's heading ("1. Ransomware and extortion") and the name
opens the item as its subject ("**SafePay**, a closed group that does not recruit affiliates, grew fastest";
"## Hunters International hits an engineering consultancy", then the item tells the encryption). That place gives
the evidence the neighbouring word would:

- the name is the item's subject: it opens the item's bold lead-in, a heading or a sentence in bold, followed by its
  predicate (a verb, a possessive, an apposition or a relative clause; not a label such as "**Payment.**"); a name
  opening a plain paragraph is not enough ("SmokeLoader comes to mind: it too keeps a tiny first stage");
- a word of its kind (`context_words` of galaxies.yaml) is in the heading of the name's section, in its paragraph,
  or, for a name in a heading, in the text under that heading.
"""

from __future__ import annotations

import re

from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues
from .galaxy_places import PROSE, Found
from .line_starts import line_start as line_start_of

# After the name, its predicate: emphasis may close first ("**Cactus** continued", "**SafePay**, a closed group",
# "Lynx, which reused", "Qilin's leak site"); not a period or a colon (a label: "**Payment.**", "**Play:**").
_PREDICATE = compiled(r"[*_]*(?:['\u2019]s\s|\s+[a-z]|,\s+(?:the|a|an|which|who|whose|once|now|long|still)\s)")
# Where a line's text starts after its heading or list mark and opening emphasis.
_LINE_LEAD = compiled(r"[ \t]*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d+[.)][ \t]+)?(?:\d+[.)][ \t]+)?(?:\*\*|__)?[ \t]*")
# Bold marks right before the name, after the end of a sentence.
_BOLD_SENTENCE_START = compiled(r"[.!?][\"')]?[ \t]+(?:\*\*|__)\Z")
# ...or after other bold names that open the sentence with it ("**Fog** and **Embargo** were the two most frequent").
_BOLD_LIST_START = compiled(
    r"(?:\A|[.!?][\"')]?[ \t]+|\n[ \t]*\n[ \t]*)"
    r"(?:(?:\*\*|__)[^*_\n]{1,40}(?:\*\*|__)[ \t]*(?:,|and|or|&|, and)[ \t]+)+(?:\*\*|__)\Z"
)
_HEADING_LINE = compiled(r"[ \t]*#{1,6}[ \t]")
_PARAGRAPH_END = compiled(r"\n[ \t]*\n")
_NEXT_HEADING = compiled(r"^[ \t]*#{1,6}[ \t]", re.MULTILINE)
_WORDS = compiled(r"[a-z]+")
# How far an item's text is read for a word of its kind.
_ITEM_REACH = 3000


def subject_of_kind_item(found: Found, kind: str, text: str, cues: Cues) -> bool:
    """The name opens its item as the subject, and the item or its section's heading names its kind (see the
    module docstring); `text` is the report's text."""
    if found.place != PROSE:
        return False
    start = found.match.start
    if not _PREDICATE.match(text, found.match.end):
        return False
    line_start = line_start_of(text, start)
    heading_line = bool(_HEADING_LINE.match(text, line_start))
    if _BOLD_SENTENCE_START.search(text, max(line_start, start - 6), start) or _BOLD_LIST_START.search(
        text, max(0, start - 200), start
    ):
        pass  # a bold name opening a sentence inside the paragraph ("... to its affiliates. **Lynx**, which ...")
    elif _LINE_LEAD.match(text, line_start).end() != start:
        return False
    elif not heading_line and not text.startswith(("**", "__"), start - 2):
        return False  # a plain paragraph's first word says less: "SmokeLoader comes to mind: it too ..."
    elif not heading_line and line_start >= 2 and text[line_start - 2] != "\n":
        return False  # the name opens a wrapped line inside a paragraph, not the paragraph
    words = cues.context.get(kind, frozenset()) - set(_WORDS.findall(found.match.surface.lower()))
    if found.part.heading and set(_WORDS.findall(found.part.heading.lower())) & words:
        return True
    if heading_line:
        line_end = text.find("\n", start)
        body_start = len(text) if line_end < 0 else line_end
        following = _NEXT_HEADING.search(text, body_start, body_start + _ITEM_REACH)
        item = text[line_start : following.start() if following else body_start + _ITEM_REACH]
    else:
        end = _PARAGRAPH_END.search(text, start, start + _ITEM_REACH)
        item = text[line_start : end.start() if end else start + _ITEM_REACH]
    return bool(set(_WORDS.findall(item.lower())) & words)
