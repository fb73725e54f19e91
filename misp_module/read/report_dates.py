"""The report's own date: a labelled line, a byline or date line at its top, and the order of all the places.

A missed date is not harmless: the event's date then falls back to the commit date (or the day of conversion), and
the history rules read every sentence about the report's own year as the subject's past. The rules (what a date
looks like, which words before it make it the report's, what ends a byline) are data: report_dates.yaml."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from .metadata import parse_date

if TYPE_CHECKING:
    from .formats.page_dates import PageDates

# Labelled lines are looked for this far from the top (a header block, a front page).
LABEL_SEARCH_CHARS = 4000
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Lines that are no byline: bullets, numbered items, table rows, code fences.
_SKIPPED_LINE = compiled(r"\s*(?:[-*+]\s|\d{1,3}[.)]\s|\||```|~~~)")
# Every date form has a year: a line without one is passed over before the date patterns are tried.
_YEAR = compiled(r"(?:19|20)\d\d")
_MARKUP = compiled(r"^[>\s]*#{0,6}\s*|\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)|`")


@dataclass(frozen=True)
class Stated:
    """A date the report states, and whether it gave the day (False: "September 2025", read as its first day)."""

    date: datetime.date
    has_day: bool = True


@dataclass(frozen=True)
class _Rules:
    full: re.Pattern[str]
    month: re.Pattern[str]
    label: re.Pattern[str]
    revision_labels: frozenset[str]
    publication_lead: re.Pattern[str]
    revision_lead: re.Pattern[str]
    cued_tail: re.Pattern[str]
    head_tail: re.Pattern[str]
    bare_tail: re.Pattern[str]
    separator: re.Pattern[str]
    strong_separator: re.Pattern[str]
    max_line: int
    max_words: int
    prose_words: int
    openers: frozenset[str]
    opening_lines: int
    opening_chars: int
    earliest_year: int


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=len, reverse=True))


@cache
def rules() -> _Rules:
    """The compiled rules of report_dates.yaml (once per process)."""
    data: dict[str, Any] = load_data("report_dates.yaml")
    months = data["month_names"]
    labels = data["labels"]
    every_label = _alternatives(labels["publication"] + labels["revision"])
    cues = data["cues"]
    separator = data["separators"]
    return _Rules(
        full=compiled(_joined(data["full_dates"], months, f"(?:{data['weekday']})?"), re.IGNORECASE),
        month=compiled(_joined(data["month_dates"], months), re.IGNORECASE),
        label=compiled(
            rf"^[^\S\n]*+(?:>[^\S\n]*)?(?:[-*][^\S\n]*)?(?:\*\*|__)?(?P<label>{every_label})(?:\*\*|__)?"
            r"[^\S\n]*+:[^\S\n]*(?:\*\*|__)?[^\S\n]*(?P<value>[^\n]+)",
            re.IGNORECASE | re.MULTILINE,
        ),
        revision_labels=frozenset(" ".join(w.split()) for w in labels["revision"]),
        publication_lead=compiled(
            rf"(?:{_alternatives(cues['publication'])}|{data['cue_by_author']})[ \t]*:?[ \t]*", re.IGNORECASE
        ),
        revision_lead=compiled(rf"(?:{_alternatives(cues['revision'])})[ \t]*:?[ \t]*", re.IGNORECASE),
        cued_tail=compiled(f"(?:{data['time_after']})?(?:{data['by_after']})?", re.IGNORECASE),
        head_tail=compiled(f"(?:{data['time_after']})?(?:{data['author_after']})?", re.IGNORECASE),
        bare_tail=compiled(f"(?:{data['time_after']})?", re.IGNORECASE),
        separator=compiled(separator),
        strong_separator=compiled(data["strong_separators"]),
        max_line=int(data["max_line_chars"]),
        max_words=int(data["max_segment_words"]),
        prose_words=int(data["prose_words"]),
        openers=frozenset(data["byline_openers"]),
        opening_lines=int(data["opening_lines"]),
        opening_chars=int(data["opening_chars"]),
        earliest_year=int(data["earliest_year"]),
    )


def _joined(patterns: list[str], months: str, prefix: str = "") -> str:
    """The patterns as one alternation, their named groups numbered (`day_1`, `day_2` …): Python allows a group
    name once per pattern."""
    parts = []
    for number, pattern in enumerate(patterns, 1):
        numbered = re.sub(r"\(\?P<(day|month|mon|year)>", rf"(?P<\g<1>_{number}>", pattern.replace("MONTH", months))
        parts.append(f"(?:{prefix}{numbered})")
    return "|".join(parts)


def _date_of(match: re.Match[str]) -> Stated | None:
    """The date a match of `full_dates` or `month_dates` names, or None for an impossible or implausible one."""
    found = {re.sub(r"_\d+$", "", k): v for k, v in match.groupdict().items() if v is not None}
    try:
        year = int(found["year"])
        month = int(found["mon"]) if "mon" in found else _MONTHS.index(found["month"][:3].lower()) + 1
        day = int(found.get("day", 1))
        value = datetime.date(year, month, day)
    except (KeyError, ValueError):
        return None
    return Stated(value, "day" in found) if plausible(value) else None


def plausible(date: datetime.date) -> bool:
    """A date a report can have: not before `earliest_year` (the zero dates of tools), not after tomorrow."""
    return rules().earliest_year <= date.year and date <= datetime.date.today() + datetime.timedelta(days=1)


def written_date(text: str) -> Stated | None:
    """The date `text` opens with (a weekday before it allowed), whole or with a month and year only."""
    r = rules()
    match = r.full.match(text) or r.month.match(text)
    return _date_of(match) if match else None


def labelled_date(text: str) -> Stated | None:
    """A labelled line's date ("Date: 21 August 2025    Classification: public"): the date opens the value and
    the value goes on, if at all, after a separator, two spaces, a time or the authors. A publication label wins
    over a revision label ("Last updated:")."""
    r = rules()
    revision: Stated | None = None
    for match in r.label.finditer(text):
        value = match.group("value").replace("**", "").replace("__", "").strip()
        date_match = r.full.match(value)
        if not date_match or not _ends_segment(value, date_match.end(), r.cued_tail, r):
            continue
        stated = _date_of(date_match)
        if stated is None:
            continue
        if " ".join(match.group("label").lower().split()) not in r.revision_labels:
            return stated
        revision = revision or stated
    return revision


def _ends_segment(line: str, end: int, tail: re.Pattern[str], r: _Rules) -> bool:
    """After the date at `end`: nothing, a separator or a gap of two spaces, perhaps after a time (and authors)."""
    found = tail.match(line, end)
    rest = line[found.end() if found else end :]
    return not rest.strip() or rest.startswith(("  ", "\t")) or bool(r.separator.match(rest))


def byline_date(line: str) -> Stated | None:
    """The date of a byline or date line ("Published 12 March 2025 by Jane Roe", "March 12, 2025 · 8 min read",
    "TLP:CLEAR | 14 May 2025 | Advisory AA25-134A"); None for any other line, prose above all ("On 12 March 2025
    the actor …", "First seen: 12 March 2024"). A publication date wins over a revision date in the same line."""
    r = rules()
    if len(line) > 2 * r.max_line or not _YEAR.search(line):
        return None
    plain = " ".join(_MARKUP.sub("", line).split())
    if not plain or len(plain) > r.max_line:
        return None
    found: list[tuple[bool, Stated]] = []
    full_spans: list[tuple[int, int]] = []
    for pattern in (r.full, r.month):
        for match in pattern.finditer(plain):
            if pattern is r.full:
                full_spans.append(match.span())
            elif any(start <= match.start() < end for start, end in full_spans):
                continue  # the month and year of a whole date
            revision = _in_byline(plain, match, r, whole_month=pattern is r.month)
            stated = _date_of(match) if revision is not None else None
            if stated is not None:
                found.append((bool(revision), stated))
        if found:
            break
    if not found:
        return None
    return next((s for revision, s in found if not revision), found[0][1])


def _in_byline(line: str, match: re.Match[str], r: _Rules, *, whole_month: bool) -> bool | None:
    """Whether the date is a byline's: None if not; True if a revision cue ("Updated") stands before it.

    The date's segment holds nothing but the date, a cue before it ("Published", "Posted by … on"), and after it a
    time (and, after a cue or at the line's head, the authors or category); the other segments are no prose."""
    start, end = match.span()
    before = line[:start]
    lead, cut = _lead(before, r.strong_separator)
    if _cue(lead, r) is None:
        lead, cut = _lead(before, r.separator)
    revision = _cue(lead, r)
    if revision is None or _range_end(before[:cut], r):
        return None
    if whole_month:
        tail = None
    elif lead:
        tail = r.cued_tail.match(line, end)
    else:
        tail = (r.head_tail if cut == 0 else r.bare_tail).match(line, end)
    rest = line[tail.end() if tail else end :]
    following = r.separator.match(rest)
    if rest.strip() and not following:
        return None
    segments = r.separator.split(before[:cut]) + (r.separator.split(rest[following.end() :]) if following else [])
    return None if any(_prose(s, r) for s in segments) else revision


def _range_end(previous: str, r: _Rules) -> bool:
    """The date ends a range ("3 March 2025 – 28 March 2025"): the segment before it ends with a date and a dash."""
    dash = re.search(r"[–—-]+[ \t]*$", previous)
    if not dash:
        return False
    head = previous[: dash.start()].rstrip()
    return any(m.end() == len(head) for pattern in (r.full, r.month) for m in pattern.finditer(head))


def _lead(before: str, separator: re.Pattern[str]) -> tuple[str, int]:
    """The text of the date's segment before it, and where that segment begins (after the last separator)."""
    cut = 0
    for found in separator.finditer(before):
        cut = found.end()
    return before[cut:].strip(), cut


def _cue(lead: str, r: _Rules) -> bool | None:
    """None unless `lead` is empty or a cue; True for a revision cue."""
    if not lead or r.publication_lead.fullmatch(lead):
        return False
    return True if r.revision_lead.fullmatch(lead) else None


def _prose(segment: str, r: _Rules) -> bool:
    words = segment.split()
    if len(words) > r.max_words:
        return True
    return len(words) >= r.prose_words and words[0][:1].islower() and words[0] not in r.openers


def opening_date(text: str) -> Stated | None:
    """The date of the first byline or date line among the report's opening lines (bullets, table rows and code
    skipped: a timeline row or an indicator table is no byline)."""
    r = rules()
    seen = 0
    in_code = False
    for line in text[: r.opening_chars].splitlines():
        if not line.strip():
            continue
        seen += 1
        if seen > r.opening_lines:
            break
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        if in_code or _SKIPPED_LINE.match(line):
            continue
        stated = byline_date(line)
        if stated is not None:
            return stated
    return None


def report_date(
    front: dict[str, Any],
    text: str,
    *,
    page: PageDates | None = None,
    document: datetime.date | None = None,
) -> datetime.date | None:
    """The report's own date, from the first place that gives one: its front matter's `date`, a labelled line near
    the top ("Date:", "Published:", "Release date:"), the saved page's publication metadata (`page`), a byline
    or date line in the opening text, the page's byline element, and last the document's properties
    (`document`): the day a file was written, which a byline on its first page corrects. A month without its day
    ("September 2025") takes the document's date when that falls in the same month, else the month's first day."""
    front_date = parse_date(front.get("date"))
    if front_date is not None:
        return front_date
    head = text[:LABEL_SEARCH_CHARS]
    published, byline = (page.published, page.byline) if page else (None, None)
    for find in (lambda: labelled_date(head), lambda: published, lambda: opening_date(text), lambda: byline):
        stated = find()
        if stated is not None:
            return _with_day(stated, document)
    return document


def _with_day(stated: Stated, document: datetime.date | None) -> datetime.date:
    if stated.has_day or document is None:
        return stated.date
    same_month = (document.year, document.month) == (stated.date.year, stated.date.month)
    return document if same_month else stated.date
