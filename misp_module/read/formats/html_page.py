"""A web page saved from the browser → its article: the menu, sidebars, related posts, share buttons, cookie
banner, comments, tag cloud, cards of more research, table of contents, footnotes (they cite other work) and footer
left out before the page is read as text.

Two steps: the elements sites use for furniture are removed by their landmark (nav, aside, footer, form) or
their class/id names (cookie, sidebar, comments, related, share, author-box …), then readability-lxml picks
the article out of what is left. Measured on the labelled reports saved as pages of two site layouts (issue 11,
tests/format_scores.py): readability alone let an author box in the article container through (28 clusters
not in the text's event), trafilatura lost an indicator and let one cluster through and turns inline code into
blocks, the names alone missed a site's plain-div rail; the two steps together matched the text exactly.
Scripts are never run: the page is parsed, not rendered, and script and style elements are dropped with their
text. A page without any furniture (an HTML file that is only the report) is read whole, as before, so a short
advisory is never cut."""

from __future__ import annotations

import re

from ...knowledge.regex_cache import compiled

# Signs of a site's furniture around an article: its landmarks, or class/id names sites give it.
_LANDMARKS = compiled(r"<(?:nav|aside|footer|form)[\s>]", re.IGNORECASE)
_FURNITURE_NAMES = compiled(
    r"""(?:class|id|role)\s*=\s*["'][^"']*\b(?:cookie|consent|sidebar|widget|comments?|related|share|sharing|"""
    r"""social|newsletter|breadcrumbs?|menu|navigation|banner|subscribe|tag-?cloud|tag-list|read-?next|"""
    r"""more-(?:research|posts|stories|articles|reading|from)|popular-(?:posts|topics|tags)|recommended|"""
    r"""footnotes|endnotes|doc-endnotes|doc-footnote|toc|ez-toc[\w-]*|table-of-contents)\b""",
    re.IGNORECASE,
)
# Furniture that readability may keep inside the article's container: removed before it scores the page.
_FURNITURE_BLOCKS = (
    "//nav|//aside|//footer|//form|//button|//script|//style|//noscript|//template|//iframe"
    "|//*[@role='navigation' or @role='complementary' or @role='contentinfo' or @role='dialog'"
    " or @role='doc-endnotes' or @role='doc-footnote']"
)
_FURNITURE_CLASS = compiled(
    r"\b(?:cookie|consent|sidebar|widget|comments?|comment-list|related(?:-posts)?|share|sharing|social|"
    r"newsletter|breadcrumbs?|post-navigation|post-tags|tags-links|entry-meta|post-meta|byline|subscribe|"
    r"author[-_]?(?:box|bio|info|card|profile)|about[-_]author|disqus_thread|tag-?cloud|tag-list|read-?next|"
    r"more-(?:research|posts|stories|articles|reading|from)|popular-(?:posts|topics|tags)|recommended|"
    r"footnotes|endnotes|toc|ez-toc[\w-]*|table-of-contents)\b",
    re.IGNORECASE,
)


def has_furniture(html: str) -> bool:
    """The page has a site's furniture around its text (landmarks, or class names sites give it)."""
    return bool(_LANDMARKS.search(html) or _FURNITURE_NAMES.search(html))


def _strip_furniture(html: str) -> str:
    """The page without its furniture elements (by landmark and by the class/id names sites give them)."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    whole = len(root.text_content())
    doomed = list(root.xpath(_FURNITURE_BLOCKS))
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag in ("html", "body"):
            continue
        names = f"{element.get('class', '')} {element.get('id', '')}"
        if _FURNITURE_CLASS.search(names):
            doomed.append(element)
    for element in doomed:
        # An element holding most of the page's text is the article, whatever its class says.
        if element.getparent() is not None and len(element.text_content()) * 2 < whole:
            element.drop_tree()
    return lxml.html.tostring(root, encoding="unicode")


def article_html(html: str) -> str:
    """The article of a saved page, as HTML; the page itself when it has no furniture or no article is found."""
    if not has_furniture(html):
        return html
    try:
        from readability import Document

        cleaned = _strip_furniture(html)
        article = Document(cleaned).summary(html_partial=True)
    except Exception:  # lxml/readability on a malformed page: read it whole rather than lose it
        return html
    return article if re.search(r"\w", re.sub(r"<[^>]+>", " ", article)) else html
