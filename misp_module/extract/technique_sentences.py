"""Reading a report as the technique recogniser sees it: its prose sentences, each with the weight of its
section (no code, tables, headings, links or lines of indicators; a short list item after its lead-in), and
the sentence around a span (for a technique's name found by galaxy_techniques)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import islice

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from ..read.report import Report
from .galaxy_furniture import FURNITURE, page_furniture
from .galaxy_page import Spans
from .technique_rules import _rules
from .technique_tables import capability_sentences

# Markdown links and bare URLs: their words are titles of other pages, not this report's prose.
# Both open with a character the engine can skip to ("!"/"[", "h"); the URL's word boundary is checked once that
# "h" is found. The same matches as "!?\[…" and "\bhttps?…", two to five times faster on prose.
_LINK = compiled(r"(?:!\[|\[)[^\]\n]{0,500}\]\([^)\s]{0,2000}\)")
_URL = compiled(r"h(?<!\wh)(?:ttps?|xxps?)://[^\s<>\"'`]{0,2000}[^\s<>\"'`.,;:!?)\]]")
_FENCE = compiled(r"^\s*(?:```|~~~)")
# A technique ID written in a sentence: its author mapped it already (the `ids` recognition reads it).
# The letter first, its look-behind after it: the engine then skips to the next "t" instead of trying every
# position (the same matches: "[Tt]" is what "T" with IGNORECASE matches).
_TECHNIQUE_ID = compiled(r"[Tt](?<![\w.][Tt])\d{4}(?:\.\d{3})?(?![\w])")
# A label opening a list item ("**Infrastructure (C2, domains, IPs):**"): a field name, not behaviour.
_LABEL = compiled(r"^\W{0,4}[^:.!?]{1,60}?:(?:\*\*|__)?\s")
_PROSE_WORD = compiled(r"(?<![\w./\\-])[A-Za-z][a-z]+(?![\w./\\-])")
# How far around a name its sentence is looked for: bounded work per name in a text without blank lines.
_PARAGRAPH_REACH = 2000
# A sentence needs this many plain words to be read: a line of indicators or a field label is not prose.
_MIN_WORDS = 5
_LIST_MARK = compiled(r"^\s*(?:[-*+•]|\d+[.)])\s+")
# The line boundaries `str.splitlines` cuts at: what a line kept with its end (`keepends`) loses to be the line.
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


@cache
def _caption() -> re.Pattern[str]:
    """A figure's caption line (galaxies.yaml `page_furniture.caption_line`, one of its furniture lines): read, as
    before, for the techniques it tells."""
    return compiled(load_data("galaxies.yaml")["page_furniture"]["caption_line"], re.IGNORECASE | re.MULTILINE)


@cache
def _sentence_end() -> re.Pattern[str]:
    """Where a sentence ends (data/techniques.yaml `sentence_ends`): after ".", "!" or "?" and a space, before
    anything but a lower-case letter, unless the full stop is an abbreviation's ("the U.S. Treasury", "e.g.
    PowerShell") and no word that opens sentences follows ("… in the U.S. The group …" ends after "U.S.")."""
    data = load_data("techniques.yaml")["sentence_ends"]
    # One look-behind each: Python's look-behinds are of one width.
    abbreviations = "".join(rf"(?<!\b{re.escape(str(a))})" for a in data["abbreviations"])
    openers = "|".join(re.escape(str(o)) for o in data["openers"])
    return compiled(rf"(?<=[.!?])(?:(?<!\b[A-Z]\.[A-Z]\.){abbreviations}\s+(?=[^a-z\s])|\s+(?=(?:{openers})\s))")


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of a text around a span, hard-wrapped lines joined: its paragraph runs from the blank line
    or block start (list item, heading, table row) before the span to the one after it."""
    floor = max(start - _PARAGRAPH_REACH, 0)
    first = max(text.rfind("\n", floor, start) + 1, floor)
    while first > floor and not _starts_block(_line_at(text, first)):
        previous = max(text.rfind("\n", floor, first - 1) + 1, floor)
        line = text[previous : first - 1]
        if not line.strip() or line.lstrip()[:1] in ("|", "#"):
            break
        first = previous
    ceiling = min(end + _PARAGRAPH_REACH, len(text))
    last = text.find("\n", end, ceiling)
    while 0 <= last < ceiling:
        line = _line_at(text, last + 1)
        if not line.strip() or _starts_block(line):
            break
        last = text.find("\n", last + 1, ceiling)
    paragraph = text[first : last if last >= 0 else ceiling].replace("\n", " ")
    left = 0
    for boundary in _sentence_end().finditer(paragraph, 0, max(start - first, 0)):
        left = boundary.end()
    right = _sentence_end().search(paragraph, end - first)
    return paragraph[left : right.start() if right else len(paragraph)]


def _line_at(text: str, position: int) -> str:
    stop = text.find("\n", position, position + _PARAGRAPH_REACH)
    return text[position : stop if stop >= 0 else position + _PARAGRAPH_REACH]


def _starts_block(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and (stripped[0] in "|#" or bool(_LIST_MARK.match(line)))


def in_link_title(text: str, start: int, end: int) -> bool:
    """The span is inside the title of a markdown link on its line ("[… abuses cloud services](https://…)")."""
    starts, ends = _links(text)
    index = bisect.bisect_right(starts, start) - 1
    return index >= 0 and start < ends[index]


@lru_cache(maxsize=16)
def _links(text: str) -> tuple[list[int], list[int]]:
    """Where the links of a text start and end, found once per text (not once per name on a long line). A link
    holds no line break, so the links of the whole text are those of each of its lines."""
    found = [(m.start(), m.end()) for m in _LINK.finditer(text)]
    return [start for start, _ in found], [end for _, end in found]


@dataclass(frozen=True)
class _Sentence:
    text: str
    weight: float
    # Fewer plain words than a sentence needs, but a verb (`_is_short_behaviour`): read for cue phrases only.
    short: bool = False
    # The length of a list's lead-in put before this item, a sentence of its own that goes on with the lead-in
    # ("With the password it collects" + "saved passwords and cookies from Safari;"): the cue phrases read the
    # whole, the model the item alone, as before (a lead-in's words dilute an item that says its own action).
    lead: int = 0


def section_weight(role: str, heading: str) -> float:
    """How much a section's sentences count: 0 for advice, detection and the like under a defender's heading
    ("Recommendations", "Mitigations") in a free-form report."""
    rules = _rules()
    generic = role in {"body", "preamble", "analysis", "summary"}
    if generic and heading and rules.defender_headings.search(heading) and not rules.adversary_headings.search(heading):
        return 0.0
    return rules.weights.get(role, rules.default_weight)


def _paragraphs(text: str, furniture: Spans | None = None, offset: int = 0) -> Iterator[tuple[str, int]]:
    """The prose paragraphs of a text, hard-wrapped lines joined: no code blocks, no table rows, no headings, no
    page furniture (`furniture`: its spans in the report, where the text starts at `offset`; a related story's
    headline under "Related news", a footer); each list item its own paragraph; links and URLs blanked out (their
    words title other pages); of a table, only what a column of what each row does says (technique_tables.py). A
    list item too short to be a sentence ("taking screenshots;"), or that opens in lower case and so goes on with
    the lead-in's sentence ("saved passwords, cookies and card data from Safari;"), is read after its list's
    lead-in, the sentence ending in a colon before the list ("On first run it collects: …"), without the colon: "On
    first run it collects a screenshot of the desktop." The lead-in says who does the items; without one they stay
    unread. Each paragraph comes with the length of the lead-in put before a long item (0 for the others): the model
    reads such an item without it, as it reads a sentence of its own (`_Sentence.lead`)."""
    in_code = False
    lines: list[str] = []
    rows: list[str] = []
    item, lead = False, ""
    position = offset
    for ended in [*text.splitlines(keepends=True), ""]:
        start, position = position, position + len(ended)
        line = ended.rstrip(_LINE_BREAKS)
        if _FENCE.match(line):
            in_code = not in_code
            continue
        if in_code:
            continue
        # A line of furniture ends the paragraph before it, as a heading does, and is read no more.
        stripped = "#" if furniture is not None and furniture.label(start) else line.strip()
        if stripped[:1] == "|":
            rows.append(stripped)
        elif rows:
            yield from ((row, 0) for row in capability_sentences(rows))
            rows = []
        starts_item = bool(_LIST_MARK.match(line))
        starts_block = not stripped or stripped[0] in "|#" or starts_item
        if starts_block and lines:
            paragraph = " ".join(lines)
            if item:
                yield _after_lead_in(paragraph, lead)
            else:
                lead = _lead_in(paragraph)
                yield paragraph, 0
            lines = []
        if stripped and stripped[0] not in "|#":
            if not lines:
                item = starts_item
            lines.append(_without_links(_LIST_MARK.sub("", stripped)))
        elif stripped:
            lead = ""  # a heading or a table row: the list after it has no lead-in


def _after_lead_in(item: str, lead: str) -> tuple[str, int]:
    """A list item's paragraph, with its list's lead-in before it where the item needs one (see `_paragraphs`), and
    the length put before it for the model to leave out (0 where the model reads the whole)."""
    if lead and not _is_prose(item):
        return f"{lead} {item}", 0
    if lead and _continues(item):
        # Long enough to be read alone, as the model always read it; the cue phrases read it with the lead-in's
        # subject and verb.
        return f"{lead} {item}", len(lead) + 1
    return item, 0


# A list item that opens in lower case, past any emphasis, code or quotation marks: it goes on with its lead-in's
# sentence ("it collects:" + "saved passwords and cookies from Safari and Chrome;").
_CONTINUATION = compiled(r"^[\W_]{0,4}[a-z]")


def _continues(item: str) -> bool:
    """The list item continues the sentence of its lead-in (issue 12, real vendor notes): it opens in lower case,
    the object or the predicate of the lead-in ("the login keychain, which it can decrypt …", "copies itself to
    ~/.local-audio/ …"), not a sentence of its own."""
    return bool(_CONTINUATION.match(item))


def _lead_in(paragraph: str) -> str:
    """The last sentence of a paragraph that ends with a colon (it introduces a list), without the colon;
    else ""."""
    stripped = paragraph.rstrip()
    if not stripped.endswith(":"):
        return ""
    return _sentence_end().split(stripped)[-1][:-1].rstrip()


def _without_links(line: str) -> str:
    """The line with markdown links and URLs blanked out; a line without "[" or "://" (most) is not searched."""
    if "[" in line:
        line = _LINK.sub(" ", line)
    return _URL.sub(" ", line) if "://" in line else line


def sentences(report: Report) -> Iterator[_Sentence]:
    """Every prose sentence of the report with the weight of its section (0 ones left out)."""
    parts = [(s.role, s.heading, s.text, s.offset) for s in report.sections] or [("body", "", report.text, 0)]
    # (not a line found by a furniture phrase alone: a word of prose may be one, galaxy_furniture.py `PHRASE_LINE`;
    # not a caption, which tells what this report's figure shows of its adversary: "Figure 1. The exploitation wave …")
    furniture = Spans(
        [s for s in page_furniture(report.text) if s[2] == FURNITURE and not _caption().match(report.text, s[0])]
    )
    for role, heading, text, offset in parts:
        weight = section_weight(role, heading)
        if weight <= 0:
            continue
        for paragraph, lead in _paragraphs(text, furniture, offset):
            pieces = _sentence_end().split(paragraph)
            for number, piece in enumerate(pieces):
                # (a heading line hard-wrapped onto the paragraph before it is its last piece)
                if _truncated(piece) or (number == len(pieces) - 1 and _is_headline(piece)):
                    continue
                if _is_prose(piece):
                    yield _Sentence(piece, weight, lead=lead if number == 0 else 0)
                elif _is_short_behaviour(piece):
                    yield _Sentence(piece, weight, short=True)


# A sentence cut off mid-word or mid-phrase by an ellipsis ("The operating system forms the foundation of
# your...") is a teaser of another page under its headline, not this report's prose.
_TRUNCATED = compiled(r"\w(?:\.\.\.|\u2026)$")


def _truncated(piece: str) -> bool:
    """The piece ends in an ellipsis right after a word (only its last characters are looked at)."""
    tail = piece.rstrip()[-4:]
    return tail.endswith(("...", "\u2026")) and _TRUNCATED.search(tail) is not None


# A paragraph's last piece of a few words with no closing punctuation and no verb ("The hidden danger in a
# click") is a heading of a page saved as text, not a sentence of behaviour.
_HEADLINE_WORDS = 8
_CLOSING = ".!?:;,)]\"'\u201d"


def _is_headline(paragraph: str) -> bool:
    """A short paragraph that closes with no punctuation and has no verb (`_SHORT_VERB`): a heading."""
    return (
        not _has_words(paragraph, _HEADLINE_WORDS + 1)
        and paragraph.rstrip()[-1:] not in _CLOSING
        and _SHORT_VERB.search(paragraph) is None
    )


def _is_prose(sentence: str) -> bool:
    """Enough plain words after any leading label, and no technique ID (those the author mapped)."""
    body = _LABEL.sub("", sentence, count=1)
    return _has_words(body, _MIN_WORDS) and not _TECHNIQUE_ID.search(sentence)


# A short sentence that says something was done (issue 12): "Persistence is via a LaunchAgent.", "They dumped
# LSASS.", "C2 uses DNS.": a full stop at its end and a verb in it (a form of "be" or "have", a pronoun subject,
# a word in -ed after the first, or one in -s before the last). A line of indicators, a field label or a list of
# names ("Scheduled tasks.") has none.
_SHORT_VERB = compiled(
    r"^\W*(?:it|they|he|she)\s|\s(?:is|are|was|were|has|have|had|gets?|got)\s|\s[a-z]{2,}ed\b|\s[a-z]{2,}s\s",
    re.IGNORECASE,
)
_SHORT_MIN_WORDS = 2


def _is_short_behaviour(sentence: str) -> bool:
    """A sentence too short for `_is_prose` that still tells an action: at least two plain words, a verb, a full
    stop at its end, no label before it and no technique ID."""
    stripped = sentence.rstrip()
    if not stripped.endswith((".", "!")) or _LABEL.match(stripped) or _TECHNIQUE_ID.search(stripped):
        return False
    return _has_words(stripped, _SHORT_MIN_WORDS) and _SHORT_VERB.search(stripped) is not None


def _has_words(text: str, count: int) -> bool:
    """The text has at least `count` plain words: the search stops at the last one needed instead of listing
    every word of a long sentence."""
    return count <= 0 or next(islice(_PROSE_WORD.finditer(text), count - 1, None), None) is not None
