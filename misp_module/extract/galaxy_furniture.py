"""Page furniture of a report saved from a web page: navigation, related posts, reference lists, cited titles,
captions, author bios, footers. A name there does not say what the report is about, nor a sentence there what its
adversary did, so these spans are found once per report (rules in `page_furniture` of galaxies.yaml,
`page_furniture`) and the galaxy rules skip the names in them, the technique recogniser its sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from ..knowledge.regex_cache import compiled
from .galaxy_cues import Cues, cues
from .galaxy_page import Heading, markdown_headings, plain

FURNITURE = "furniture"
# A line found by one of its phrases alone (`page_furniture.phrases`: "copyright", "offices in", "subscribe to our"):
# furniture to the galaxy rules, but a phrase may sit in a paragraph of prose ("renamed to Copyright_Claim.exe"),
# which the technique recogniser still reads.
PHRASE_LINE = "furniture phrase"
_QUOTED = compiled(r"[\"\u201c]([^\"\u201d\n]{8,160})[\"\u201d]")
# The last characters of a line that ends what it says (a sentence, an emphasised caption, an image link).
_LINE_DONE = (".", "!", "?", "*", "_", ")", "]")
# A page's label alone on its line is read only in a line this short; the link titles after it have fewer words than
# this.
_LABEL_CHARS = 60
_TITLE_WORDS = 14
# A line that is only a date ("May 6, 2022", "6 May 2022", "2022-05-06", "05/06/2022"): under a short title line,
# the date of a related post (`_dated_titles`).
_DATE_LINE = compiled(
    r"[ \t]*(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?[ \t]+\d{1,2},?[ \t]+\d{4}"
    r"|\d{1,2}[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?[ \t]+\d{4}"
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})[ \t]*"
)
# A line of navigation: a list item, or a bar of links or a breadcrumb separated by "|", "·", "/", ">" or "»".
_NAVIGATION_LINE = compiled(r"^(?:[ \t]*[-*+][ \t].*|.*\S[ \t]+[|\u00b7/>\u203a\u00bb][ \t]+\S.*)$", re.MULTILINE)
# Between two titles of one list of cited titles: a comma or semicolon, perhaps "and".
_TITLE_LIST_GAP = compiled(r"\s*[,;]?\s*(?:and\s+|or\s+)?")
# A heading's section number ("5. Notes", "3.2 Related research").
_SECTION_NUMBER = compiled(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
# A short line alone (no sentence), and the list block after it: items ("- ", "1.", "[1]", or a quoted title),
# and blank lines.
_PLAIN_TITLE = compiled(r"^[ \t]*([*_]{0,2}[A-Za-z][\w ,&'-]{0,38}?[*_]{0,2}:?[*_]{0,2})[ \t]*\n", re.MULTILINE)
# (An item's own next lines, before a blank line, are its: a related post's date and teaser under its title.)
_LIST_BLOCK = compiled(
    r"(?:[ \t]*\n)*(?:[ \t]*(?:[-*+]|\d+[.)]|\[\d+\]|(?=[\"\u201c]))[ \t]?[^\n]*(?:\n|$)"
    r"(?:(?![ \t]*(?:[-*+#]|\d+[.)]|\[\d+\])[ \t])[ \t]*\S[^\n]*(?:\n|$)){0,4}(?:[ \t]*\n)*)+"
)


@lru_cache(maxsize=4)
def page_furniture(text: str) -> tuple[tuple[int, int, str], ...]:
    """`furniture` of a report's text, found once per text: the galaxy rules skip the names in it and the technique
    recogniser its sentences (a related story's headline under "Related news" is no behaviour of this report's
    adversary), so both ask for the same text in turn."""
    return tuple(furniture(text, cues()))


def furniture(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """Spans of page furniture, each labelled `FURNITURE` (or `PHRASE_LINE`, a line found by one of its phrases
    alone): sections under a furniture heading (to the next heading of the same or a higher level), navigation
    before the page's first title (`_navigation`), titles cited in running text (`_cited_titles`), a plain furniture
    title and its list (`_plain_furniture_lists`), a page's label and the link titles after it (`_label_runs`),
    related posts listed with their dates (`_dated_titles`), and furniture lines (images, captions, link-only list
    items, author bios, footers: `_furniture_lines`)."""
    spans = []
    headings = markdown_headings(text)
    for heading, stop in zip(headings, _section_ends(headings, len(text)), strict=True):
        title = _SECTION_NUMBER.sub("", plain(heading.title))
        if _furniture_title(title, text, heading.start, stop, cues):
            spans.append((heading.start, stop, FURNITURE))
    spans += _navigation(text, headings)
    spans += _cited_titles(text, cues)
    spans += _plain_furniture_lists(text, cues)
    spans += _label_runs(text, cues)
    spans += _dated_titles(text)
    spans += _furniture_lines(text, cues)
    return spans


def _navigation(text: str, headings: tuple[Heading, ...]) -> list[tuple[int, int, str]]:
    """The navigation before the page's first title: list items, bars of links or breadcrumbs separated by "|",
    "·", "/", ">" or "»"."""
    first_title = next((h.start for h in headings if h.level == 1), None)
    if first_title is None:
        return []
    return [(line.start(), line.end(), FURNITURE) for line in _NAVIGATION_LINE.finditer(text, 0, first_title)]


def _cited_titles(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """Titles in quotation marks after a word of citing, and the titles listed right after such a title ('our posts
    "A", "B" and "C"')."""
    spans = []
    cited_end = -1
    for quoted in _QUOTED.finditer(text):
        listed = cited_end >= 0 and _TITLE_LIST_GAP.fullmatch(text, cited_end, quoted.start())
        if listed or cues.citing.search(text, max(0, quoted.start() - 60), quoted.start()):
            spans.append((quoted.start(1), quoted.end(1), FURNITURE))
            cited_end = quoted.end()
        else:
            cited_end = -1
    return spans


def _furniture_lines(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """Furniture lines (`page_furniture` line rules: images, captions, link-only list items, author bios, footers),
    and the lines that hold one of its phrases (`PHRASE_LINE`)."""
    spans = []
    position = 0
    phrases = _phrase_starts(text, cues)
    next_phrase = 0
    paragraph_start = True
    # Asked once per line (a report has tens of thousands), and once for all its blank lines (a third of them).
    blank_line = bool(cues.furniture_line.match(""))
    for line in text.split("\n"):
        furniture_line = bool(cues.furniture_line.match(line)) if line else blank_line
        if phrases is not None:
            while next_phrase < len(phrases) and phrases[next_phrase] < position:
                next_phrase += 1
            phrase_in_line = next_phrase < len(phrases) and phrases[next_phrase] < position + len(line)
        else:
            phrase_in_line = cues.furniture_phrase is not None and bool(cues.furniture_phrase.search(line.lower()))
        if furniture_line and paragraph_start and not line.rstrip().endswith(_LINE_DONE):
            # A furniture line opening a paragraph and breaking off mid-sentence ("Related reading: <titles>", a
            # bio) goes on to the paragraph's end: a hard-wrapped list of titles. (A caption or an image line that
            # ends as a sentence ends there.)
            end = text.find("\n\n", position)
            spans.append((position, len(text) if end < 0 else end, FURNITURE))
        elif furniture_line or phrase_in_line:
            spans.append((position, position + len(line), FURNITURE if furniture_line else PHRASE_LINE))
        paragraph_start = not line.strip()
        position += len(line) + 1
    return spans


def _section_ends(headings: tuple[Heading, ...], length: int) -> list[int]:
    """Where each heading's section ends: the start of the next heading of the same or a higher level (a lower
    number), else the text's end. One pass with a stack of the headings still open, instead of a look at every
    later heading for each one (which grew with the square of the headings: a 2 MB report has thousands)."""
    ends = [length] * len(headings)
    open_ones: list[int] = []
    for index, heading in enumerate(headings):
        while open_ones and headings[open_ones[-1]].level >= heading.level:
            ends[open_ones.pop()] = heading.start
        open_ones.append(index)
    return ends


def _phrase_starts(text: str, cues: Cues) -> list[int] | None:
    """Where the furniture phrases start in the lowered text, each phrase looked for with `str.find` over the whole
    text (a third of the time of one search per line: the alternation's first letters are common ones, so the
    pattern is tried at nearly every position). A line holds a phrase exactly when one starts in it: the phrases
    are literals without a line break, so none crosses a line. None where lower-casing changes the text's length
    (offsets would not carry over) or a phrase is empty or holds a line break: then each line is searched on its
    own."""
    if cues.furniture_phrase is None:
        return []
    lowered = text.lower()
    if len(lowered) != len(text) or any(not p or "\n" in p for p in cues.furniture_phrases):
        return None
    starts = []
    for phrase in cues.furniture_phrases:
        at = lowered.find(phrase)
        while at >= 0:
            starts.append(at)
            at = lowered.find(phrase, at + 1)
    return sorted(starts)


def _plain_furniture_lists(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """A furniture title written as a plain line ("References", "**Further reading:**", an HTML paragraph)
    followed by a list: the title and its list, to the first line after it that is neither an item nor blank."""
    spans = []
    for title in _PLAIN_TITLE.finditer(text):
        name = plain(title.group(1)).rstrip(":").strip()
        if not (cues.furniture_heading.search(name) or any(kind.search(name) for kind, _ in cues.conditional_sections)):
            continue
        items = _LIST_BLOCK.match(text, title.end())
        if items and items.group(0).strip() and _furniture_title(name, text, title.start(), items.end(), cues):
            spans.append((title.start(), items.end(), FURNITURE))
    return spans


def _furniture_title(title: str, text: str, start: int, stop: int, cues: Cues) -> bool:
    """Whether a section titled `title` (text[start:stop]) is furniture: its title says so, or says so when the
    section's text holds the words of its kind (a vendor's About page, endnotes that cite)."""
    return bool(cues.furniture_heading.search(title)) or any(
        kind.search(title) and words.search(text, start, stop) for kind, words in cues.conditional_sections
    )


def _label_runs(text: str, cues: Cues) -> list[tuple[int, int, str]]:
    """A page's label alone on its line ("Share this", "Related posts"; `page_furniture.labels`) and the link titles
    after it: the lines that follow, blank ones between them, while each is short (fewer than `_TITLE_WORDS` words)
    and does not end as a sentence or open a markdown heading."""
    spans = []
    lines = text.split("\n")
    position = 0
    starts = []
    for line in lines:
        starts.append(position)
        position += len(line) + 1
    index = 0
    while index < len(lines):
        if len(lines[index]) > _LABEL_CHARS or not cues.furniture_label.fullmatch(lines[index]):
            index += 1
            continue
        end = index + 1
        while end < len(lines) and _title_line(lines[end]):
            end += 1
        last = max((i for i in range(index, end) if lines[i].strip()), default=index)
        spans.append((starts[index], starts[last] + len(lines[last]), FURNITURE))
        index = end
    return spans


def _dated_titles(text: str) -> list[tuple[int, int, str]]:
    """Runs of two or more related posts as a saved page lists them, each a short title line over a line that is only
    its date ("AGCO suffers a ransomware attack" / "May 6, 2022" / "Hospital network hit by Hive" / "May 31, 2022"):
    other stories the page links to, not what it tells. One title over a date is the page's own headline and
    dateline, so a run needs two."""
    spans: list[tuple[int, int, str]] = []
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    index = 0
    while index + 1 < len(lines):
        run = index
        while run + 1 < len(lines) and _dated_title(lines[run], lines[run + 1]):
            run += 2
        if run - index >= 4:
            spans.append((starts[index], starts[run] - 1, FURNITURE))
        index = max(run, index + 1)
    return spans


def _dated_title(line: str, next_line: str) -> bool:
    """A short title line (see `_title_line`) with words, over a line that is only a date."""
    return bool(line.strip()) and _title_line(line) and bool(_DATE_LINE.fullmatch(next_line))


def _title_line(line: str) -> bool:
    """A blank line or a link title's line after a page's label (see `_label_runs`)."""
    bare = line.strip()
    return not bare or (
        len(bare.split()) < _TITLE_WORDS and not bare.endswith((".", "!", "?", ":")) and not bare.startswith("#")
    )
