"""What a report says about itself: front matter, publication date, source URL, headline."""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from ..errors import ReportError

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_DATE_LINE = re.compile(
    r"^\s*[-*]?\s*(?:\*\*|__)?(?:date|published|publication date|report date|reported)(?:\*\*|__)?\s*:"
    r"\s*(?:\*\*|__)?\s*(?P<value>[^\n*]+)",
    re.IGNORECASE | re.MULTILINE,
)
_SOURCE_LINE = re.compile(
    r"^\s*[-*]?\s*(?:\*\*|__)?(?:source|source url|original|original report|url|link)(?:\*\*|__)?\s*:"
    r"\s*(?:\*\*|__)?\s*<?(?P<value>https?://[^\s>)\]]+)",
    re.IGNORECASE | re.MULTILINE,
)
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
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ReportError(f"{name}: invalid YAML front matter ({exc})") from exc
    if not isinstance(data, dict):
        raise ReportError(f"{name}: front matter must be a mapping of keys")
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


def stated_date(front: dict[str, Any], text: str) -> datetime.date | None:
    """The report's own date: front matter `date`, else a `Date:`/`Published:` line near the top."""
    if "date" in front:
        return parse_date(front["date"])
    match = _DATE_LINE.search(text[:4000])
    return parse_date(match.group("value")) if match else None


def stated_source(front: dict[str, Any], text: str) -> str | None:
    """The report's source URL: front matter `source`/`url`/`link`, else a `Source: URL` line."""
    for key in ("source", "url", "link", "source_url"):
        value = front.get(key)
        if isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
            return value.strip()
    match = _SOURCE_LINE.search(text)
    return match.group("value").rstrip(".,;") if match else None


def strip_markdown(text: str) -> str:
    """Plain words of a markdown line: emphasis, links, code marks and heading hashes removed."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S.*?\S|\S)[*_](?!\w)", r"\1", text)
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    return re.sub(r"\s+", " ", text).strip()


def first_paragraph(text: str) -> str | None:
    """The first paragraph of prose: headings, labelled lines (Date:, Source:) and short lines skipped."""
    for paragraph in re.split(r"\n\s*\n|\n(?=\s*[-*#])", text.strip()):
        if re.match(r"\s*#", paragraph) or re.match(r"\s*[\w ]{1,30}:\s*\S+\s*$", paragraph):
            continue
        plain = strip_markdown(paragraph)
        if len(re.findall(r"[^\W\d_]{2,}", plain)) >= 5:
            return plain
    return None


def first_sentence(text: str) -> str | None:
    """The first sentence of the first paragraph, cut at a word boundary if very long."""
    paragraph = first_paragraph(text)
    if paragraph is None:
        return None
    sentence = re.split(r"(?<=[.!?])\s+(?=[A-Z\"“(])", paragraph, maxsplit=1)[0]
    if len(sentence) > HEADLINE_MAX:
        sentence = sentence[:HEADLINE_MAX].rsplit(" ", 1)[0] + "…"
    return sentence
