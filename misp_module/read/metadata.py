"""What a report says about itself: front matter, source URL, headline (its date: report_dates.py)."""

from __future__ import annotations

import bisect
import datetime
import re
from typing import Any

from ..errors import ReportError
from ..knowledge.regex_cache import compiled

_FRONT_MATTER = compiled(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
# Labelled lines. The indent is white space within the line ([^\S\n]): a pattern starting with \s* at every
# line start would rescan a run of blank lines from each of them (quadratic); the label's own line matches.
_SOURCE_LINE = compiled(
    r"^[^\S\n]*+[-*]?[^\S\n]*+(?:\*\*|__)?(?:source|source url|original|original report|url|link)(?:\*\*|__)?"
    r"\s*+:\s*+(?:\*\*|__)?\s*+<?(?P<value>https?://[^\s>)\]]+)",
    re.IGNORECASE | re.MULTILINE,
)
# Emphasis: an opening mark (no word character before it, a non-space after it) and the closing marks (a
# non-space before them, no word character after); links: `[text](target)`, the text without `]`.
_CODE_AND_STRONG = compiled(r"(\*\*|__|`)")
_HEADING_HASHES = compiled(r"^\s*#{1,6}\s*")
_SPACES = compiled(r"\s+")
_EMPHASIS_OPEN = compiled(r"(?<!\w)[*_](?=\S)")
_EMPHASIS_CLOSE = compiled(r"(?<=\S)[*_](?!\w)")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%d.%m.%Y",
)
# Headlines longer than this are cut at a word boundary: MISP shows `info` in one line of its index.
HEADLINE_MAX = 200


def split_front_matter(text: str, name: str) -> tuple[dict[str, Any], str]:
    """A leading `---` YAML block (id, title, date, source, tags…) and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    # Imported here: its bounded parser imports PyYAML's Python modules, which reports without front matter
    # (nearly all) never need on a cold start.
    from .front_matter import load_front_matter

    data = load_front_matter(match.group(1), name)
    if not isinstance(data, dict):
        raise ReportError(name, "front matter must be a mapping of keys")
    return data, text[match.end() :]


def parse_date(value: Any) -> datetime.date | None:
    """A date from front matter (YAML already parses ISO dates) or a written date."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if not isinstance(value, str):
        return None
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", value.strip().rstrip("."))
    iso = re.match(r"\d{4}-\d{2}-\d{2}", cleaned)
    candidates = [iso.group(0)] if iso else [cleaned]
    for candidate in candidates:
        for fmt in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(candidate, fmt).date()
            except ValueError:
                continue
    return None


def stated_source(front: dict[str, Any], text: str) -> str | None:
    """The report's source URL: front matter `source`/`url`/`link`, else a `Source: URL` line."""
    for key in ("source", "url", "link", "source_url"):
        value = front.get(key)
        if isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
            return value.strip()
    match = _SOURCE_LINE.search(text)
    return match.group("value").rstrip(".,;") if match else None


def strip_markdown(text: str) -> str:
    """Plain words of a markdown line: emphasis, links, code marks and heading hashes removed.

    Links and emphasis are found by scans that look at each character a bounded number of times, with the
    results of the regular expressions they replace, which rescanned the rest of the text from every `[` or `*`
    (quadratic: 100,000 `[` took a minute)."""
    if "[" in text:
        text = _unlink(text)
    text = _CODE_AND_STRONG.sub("", text)
    if "*" in text or "_" in text:
        text = _unemphasise(text)
    text = _HEADING_HASHES.sub("", text)
    return _SPACES.sub(" ", text).strip()


def _unlink(text: str) -> str:
    """`[text](target)` and `![text](target)` → text: the first `[` after the last replaced link (or the last
    `]`) whose next `]` is followed by `(`, up to the first `)` after that."""
    pieces: list[str] = []
    kept = search = 0
    while True:
        start = text.find("[", search)
        if start < 0:
            break
        close = text.find("]", start + 1)
        if close < 0:
            break
        if text.startswith("(", close + 1):
            end = text.find(")", close + 2)
            if end < 0:
                break
            begin = start - 1 if start > search and text[start - 1] == "!" else start
            pieces.append(text[kept:begin])
            pieces.append(text[start + 1 : close])
            kept = search = end + 1
        else:
            search = close + 1  # every `[` before `close` ends at this `]` and fails the same way
    pieces.append(text[kept:])
    return "".join(pieces)


def _unemphasise(text: str) -> str:
    """`*word*`, `_several words_` → the words: an opening mark, then the nearest closing mark on its line that
    leaves at least two characters between them, else one that leaves one."""
    closers = [m.start() for m in _EMPHASIS_CLOSE.finditer(text)]
    if not closers:
        return text
    pieces: list[str] = []
    kept = 0
    for opening in _EMPHASIS_OPEN.finditer(text):
        start = opening.start()
        if start < kept:
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end < 0 else line_end
        index = bisect.bisect_left(closers, start + 3)
        if index < len(closers) and closers[index] < line_end:
            end = closers[index]
        elif index > 0 and closers[index - 1] == start + 2:
            end = start + 2
        else:
            continue
        pieces.append(text[kept:start])
        pieces.append(text[start + 1 : end])
        kept = end + 1
    pieces.append(text[kept:])
    return "".join(pieces)


def first_paragraph(text: str) -> str | None:
    """The first paragraph of prose: headings, labelled lines (Date:, Source:), tables (every line a row, as a
    page that opens with a table of indicators gives) and short lines skipped."""
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-*#])", text.strip()):
        if re.match(r"\s*#", paragraph) or re.match(r"\s*[\w ]{1,30}:\s*\S+\s*$", paragraph):
            continue
        if all(line.lstrip().startswith("|") for line in paragraph.splitlines() if line.strip()):
            continue
        plain = strip_markdown(paragraph)
        if len(re.findall(r"[^\W\d_]{2,}", plain)) >= 5:
            return plain
    return None


def opening_sentence(paragraph: str | None) -> str | None:
    """The first sentence of a paragraph (the report's first, as `first_paragraph` gives it, which the reader
    keeps as the summary too), cut at a word boundary if very long."""
    if paragraph is None:
        return None
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", paragraph, maxsplit=1)[0]
    if len(sentence) > HEADLINE_MAX:
        sentence = sentence[:HEADLINE_MAX].rsplit(" ", 1)[0] + "…"
    return sentence
