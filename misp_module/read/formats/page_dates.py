"""A saved web page's own date: its publication metadata, and its byline (which the article reader drops as
furniture).

Read from the page as saved, before its furniture is dropped: the meta tags a site writes for search engines and
social previews (`article:published_time`), the JSON-LD of the article (`datePublished`), a `<time>` marked as the
publication's, and the post's byline element ("By … · 9 November 2025 · 11 min read"). Nothing is read inside the
comments, related or recent posts, sidebars and menus, whose dates are other posts'. The names are data
(report_dates.yaml)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...knowledge.data import load_data
from ...knowledge.regex_cache import compiled
from ..report_dates import Stated, byline_date, written_date

# Pages are read up to this size for their dates (a saved page's head and article header come first).
MAX_PAGE_CHARS = 2_000_000
_JSON_LD_MAX = 200_000
# lxml refuses a text that declares its encoding (an XHTML page saved with `<?xml … encoding="utf-8"?>`).
_XML_DECLARATION = compiled(r"\A\s*<\?xml[^>]{0,200}\?>")
# A byline is short: an element with more text than this holds more than the byline.
_BYLINE_MAX_CHARS = 1000


@dataclass(frozen=True)
class PageDates:
    """The dates a page gives: of its publication metadata (meta tags, JSON-LD, `<time>`) and of its byline."""

    published: Stated | None = None
    byline: Stated | None = None


@dataclass(frozen=True)
class _PageRules:
    meta: frozenset[str]
    json_ld_types: frozenset[str]
    byline: re.Pattern[str]
    furniture_tags: frozenset[str]
    furniture: re.Pattern[str]


@cache
def _rules() -> _PageRules:
    data = load_data("report_dates.yaml")
    return _PageRules(
        meta=frozenset(name.lower() for name in data["page_meta"]),
        json_ld_types=frozenset(name.lower() for name in data["page_json_ld_types"]),
        byline=compiled(
            r"(?:^|[\s_-])(?:" + "|".join(re.escape(c) for c in data["page_byline_classes"]) + r")(?:$|[\s_-])",
            re.IGNORECASE,
        ),
        furniture_tags=frozenset(data["page_furniture_tags"]),
        furniture=compiled(rf"(?:^|[\s_-]){data['page_furniture_classes']}(?:$|[\s_-])", re.IGNORECASE),
    )


def page_dates(html: str) -> PageDates:
    """The page's publication date from its metadata, and its byline's date; empty for a page without them."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", html[:MAX_PAGE_CHARS], count=1))
    except (lxml.etree.ParserError, ValueError):  # an empty or unparsable page: no date of its own
        return PageDates()
    rules = _rules()
    published = _meta_date(root, rules) or _json_ld_date(root, rules) or _time_date(root, rules, marked_only=True)
    return PageDates(published, _byline_date(root, rules))


def _meta_date(root: Any, rules: _PageRules) -> Stated | None:
    for meta in root.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if name in rules.meta:
            stated = written_date((meta.get("content") or meta.get("datetime") or "").strip())
            if stated is not None and stated.has_day:
                return stated
    return None


def _json_ld_date(root: Any, rules: _PageRules) -> Stated | None:
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > _JSON_LD_MAX:
            continue
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than a page's metadata ever is
            continue
        for node in _top_nodes(data):
            types = node.get("@type")
            names = {t.lower() for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)}
            value = node.get("datePublished")
            if names & rules.json_ld_types and isinstance(value, str):
                stated = written_date(value.strip())
                if stated is not None:
                    return stated
    return None


def _top_nodes(data: Any) -> list[dict[str, Any]]:
    """The JSON-LD nodes that describe the page itself: the top level and its `@graph`, not what they nest (a list
    of related articles)."""
    tops = data if isinstance(data, list) else [data]
    nodes: list[dict[str, Any]] = []
    for top in tops:
        if isinstance(top, dict):
            nodes.append(top)
            graph = top.get("@graph")
            nodes.extend(n for n in graph if isinstance(n, dict)) if isinstance(graph, list) else None
    return nodes


def _in_furniture(element: Any, rules: _PageRules) -> bool:
    for ancestor in element.iterancestors():
        if not isinstance(ancestor.tag, str):
            continue
        if ancestor.tag in rules.furniture_tags:
            return True
        names = f"{ancestor.get('class', '')} {ancestor.get('id', '')}"
        if names.strip() and rules.furniture.search(names):
            return True
    return False


def _article(root: Any) -> Any:
    """The page's article: the `<article>` holding the first `<h1>` (a page of cards has many), else the page."""
    heading = next(root.iter("h1"), None)
    if heading is not None:
        for ancestor in heading.iterancestors("article"):
            return ancestor
    return root


def _time_date(root: Any, rules: _PageRules, *, marked_only: bool) -> Stated | None:
    """The `datetime` of the first `<time>` marked as the publication's (`pubdate`, itemprop="datePublished")."""
    for element in _article(root).iter("time"):
        marked = element.get("pubdate") is not None or (element.get("itemprop") or "").lower() == "datepublished"
        if (marked or not marked_only) and not _in_furniture(element, rules):
            stated = written_date((element.get("datetime") or element.text_content()).strip())
            if stated is not None:
                return stated
    return None


def _byline_date(root: Any, rules: _PageRules) -> Stated | None:
    """The date of the post's byline element (by its class) outside the furniture: its `<time>`, else its text.
    Only the article's head is read: up to its first table or code, and its first sub-heading after a paragraph
    of prose (a standfirst may come before the byline); further down, an element classed "date" is a timeline's
    or a table's. Nor is an element read inside a list or table (a timeline's row)."""
    prose = False
    for element in _article(root).iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body", "article", "main"):
            continue
        body_starts = element.tag in _BODY_STARTS or (prose and element.tag in _SUB_HEADINGS)
        if body_starts and not _in_furniture(element, rules):
            return None
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if not names.strip() or not rules.byline.search(names):
            prose = prose or (element.tag == "p" and len(element.text_content().split()) >= _PROSE_WORDS)
            continue
        if _in_furniture(element, rules):
            continue
        if any(a.tag in _ROWS for a in element.iterancestors() if isinstance(a.tag, str)):
            continue
        for time in element.iter("time"):
            stated = written_date((time.get("datetime") or time.text_content()).strip())
            if stated is not None:
                return stated
        text = element.text_content()
        stated = byline_date(" ".join(text.split())) if len(text) <= _BYLINE_MAX_CHARS else None
        if stated is not None:
            return stated
    return None


_BODY_STARTS = frozenset({"table", "pre"})
_SUB_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
_ROWS = frozenset({"li", "td", "th", "tr", "table", "dd"})
# A paragraph of this many words is the article's prose (not a standfirst, caption or byline).
_PROSE_WORDS = 25
