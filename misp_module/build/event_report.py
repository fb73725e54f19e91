"""The event report of a report: its text as clean markdown, the template's section headings made real
headings, a closing list of the galaxy clusters it names in passing, and a short name for MISP's list of event
reports."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from ..extract.findings import MentionFinding
from ..knowledge.regex_cache import compiled
from ..read.metadata import strip_markdown
from ..read.report import Report, Section

# MISP lists event reports by name in one line: a name longer than this is cut at a word.
NAME_MAX = 80
# A markdown ATX heading: at most three spaces of indentation, then one to six '#'.
_ATX = compiled(r" {0,3}(#{1,6})(?:[ \t]|$)")
# An actor's aliases in parentheses ("APT28 (Fancy Bear / Forest Blizzard)"): the name alone reads better.
_PARENTHESES = compiled(r"\s*\([^()]*\)?\s*$")
# A line that starts with neither a blank nor a tab: with one, the margin `textwrap.dedent` removes is empty.
_UNINDENTED_LINE = compiled(r"^[^ \t\n]", re.MULTILINE)
# What `textwrap.dedent` empties whatever the margin: a line of blanks and tabs only.
_BLANKS_ONLY_LINE = compiled(r"^[ \t]+$", re.MULTILINE)
_HEADING = compiled(r"^(#{1,6})[ \t]", re.MULTILINE)
# The closing list of clusters named in passing (extract/galaxy_mentions): its heading, the line that says why they
# are no tags, and one line per kind, in this order.
ALSO_NAMED_TITLE = "Also named in this report"
ALSO_NAMED_NOTE = (
    "_Galaxy clusters this report names in passing (compared, named for the past or as background, a place only "
    "mentioned), so they are not tagged: a tag says the event is about its cluster. Tag one from here if the "
    "report is about it after all._"
)
_KIND_LINES = (
    ("Actors", ("actor",)),
    ("Malware and tools", ("malware", "tool")),
    ("Countries and regions", ("location",)),
    ("Sectors", ("sector",)),
    ("Techniques", ("technique",)),
)


def _dedent(text: str) -> str:
    """`textwrap.dedent(text)`, without its loop over every line's indentation when a line starts unindented
    (the common margin is then empty, and only lines of blanks are emptied): the same text, a report of
    2 MB in a third of the time."""
    if _UNINDENTED_LINE.search(text):
        return _BLANKS_ONLY_LINE.sub("", text)
    return textwrap.dedent(text)


def _heading_line(text: str, section: Section) -> tuple[int, int]:
    """Start and end of the line that opened `section` (its body starts right after that line)."""
    end = section.offset
    start = text.rfind("\n", 0, max(end - 1, 0)) + 1
    return start, end


def _levels(text: str, sections: list[Section]) -> list[int | None]:
    """The level each section heading line already has (None for a plain or bold line)."""
    levels: list[int | None] = []
    for section in sections:
        start, end = _heading_line(text, section)
        match = _ATX.match(text[start:end])
        levels.append(len(match.group(1)) if match else None)
    return levels


def report_markdown(report: Report) -> str:
    """The report's text as markdown MISP renders as the author meant: every line the template read as a
    section heading ("Full Report", "**Targeting:**") becomes an ATX heading at the level of the heading
    before it (or, for the first ones, of the first real heading after them; level 1 when there is none), so
    no part runs into the paragraph above it; no leading blank line or indentation (MISP would show an
    indented first line as code)."""
    text = report.text
    sections = sorted((s for s in report.sections if s.heading), key=lambda s: s.offset)
    levels = _levels(text, sections)
    first_real = next((level for level in levels if level is not None), 1)
    pieces: list[str] = []
    position = 0
    previous: int | None = None
    for section, level in zip(sections, levels, strict=True):
        start, end = _heading_line(text, section)
        if start < position:
            continue
        if level is not None:
            previous = level
            continue
        words = strip_markdown(section.heading).rstrip(":").strip()
        if not words:
            continue
        previous = previous or first_real
        newline = "\n" if text[start:end].endswith("\n") else ""
        pieces.append(text[position:start])
        pieces.append(f"{'#' * previous} {words}{newline}")
        position = end
    pieces.append(text[position:])
    markdown = _dedent("".join(pieces))
    return markdown.lstrip().rstrip() + "\n"


def part_level(content: str) -> int:
    """The heading level of the report's own parts in its markdown: that of its headings after the first (a title),
    else the first's, else 1."""
    levels = [len(m.group(1)) for m in _HEADING.finditer(content)]
    return min(levels[1:] or levels or [1])


def tag_mention(name: str) -> str:
    """A tag as MISP's event report markdown shows it, a pill that opens the cluster (`@[tag](name)`); as code, plain
    text, where that syntax cannot hold the name (a ')' or a line break)."""
    return f"`{name}`" if ")" in name or "\n" in name else f"@[tag]({name})"


def also_named_section(mentions: Sequence[MentionFinding], content: str) -> str:
    """The event report's closing part that lists the clusters the report names in passing, one line per kind, each
    cluster as a tag pill, sorted (the same list for the same report); '' when there is none."""
    if not mentions:
        return ""
    lines = [f"{'#' * part_level(content)} {ALSO_NAMED_TITLE}", "", ALSO_NAMED_NOTE, ""]
    for label, kinds in _KIND_LINES:
        names = sorted({m.name for m in mentions if m.kind in kinds})
        if names:
            lines.append(f"- **{label}**: {', '.join(tag_mention(n) for n in names)}")
    return "\n".join(lines) + "\n"


def _cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-")
    return cut + "…"


def report_name(report: Report) -> str:
    """A short readable title: the title the report states (front matter), else the actor and the headline
    ("APT28 — Poland's CERT Orange and Ukraine's CERT-UA say…"), else the event's title; cut at a word."""
    stated = report.metadata.get("title")
    if stated and str(stated).strip():
        name = str(stated)
    elif report.actor and report.headline:
        actor = _PARENTHESES.sub("", strip_markdown(report.actor)) or report.actor
        name = f"{actor} — {report.headline.rstrip('.')}"
    else:
        name = report.title
    return _cut(strip_markdown(name), NAME_MAX)
