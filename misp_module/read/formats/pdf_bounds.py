"""Bounds on one PDF page's work, checked before the page's text becomes Python objects: a few kilobytes of PDF
can make MuPDF lay out millions of characters (forms that draw forms ten times over, a page of a million tiny
text runs), hours of C code and gigabytes that no time budget in Python interrupts.

- Forms drawn: a form XObject may draw other forms, each several times, so the count multiplies with the depth.
  It is counted from the page's form graph (PyMuPDF lists each form with the form that uses it) and the `Do`
  operators in each content stream, before anything is drawn; a cycle counts once (MuPDF stops it itself).
- Characters: MuPDF's text page is built in C (about 150 bytes a character); the page is refused when it holds
  more characters than any page of a report, before the dict of its spans (about 2 KB a span) is made.
"""

from __future__ import annotations

from typing import Any

from ...errors import ReportError
from ...knowledge.regex_cache import compiled

# Forms one page may draw: a logo or a chart drawn as nested forms counts a few dozen; a bomb counts millions.
MAX_FORM_DRAWS = 10_000
# Characters on one page: a dense A3 page in 6-point type holds about 30,000.
MAX_PAGE_CHARACTERS = 200_000
# A name in a content stream followed by the operator that draws the XObject of that name.
_DO = compiled(rb"/([^\s/\[\]()<>{}%]+)\s*Do\b")


def checked_textpage(page: Any, number: int, name: str, flags: int) -> Any:
    """The page's MuPDF text page (built once, read again by `get_text(..., textpage=)`); ReportError for a
    page that draws its forms past MAX_FORM_DRAWS or holds more than MAX_PAGE_CHARACTERS characters."""
    draws = form_draws(page)
    if draws > MAX_FORM_DRAWS:
        raise ReportError(
            name,
            f"page {number + 1} of the PDF draws embedded forms more than {MAX_FORM_DRAWS:,} times (forms drawing "
            "forms: a PDF bomb); refused",
        )
    textpage = page.get_textpage(flags=flags)
    characters = len(textpage.extractText())
    if characters > MAX_PAGE_CHARACTERS:
        raise ReportError(
            name,
            f"page {number + 1} of the PDF holds {characters:,} characters, more than the {MAX_PAGE_CHARACTERS:,} "
            "of any report page; give the report as text",
        )
    return textpage


def form_draws(page: Any) -> int:
    """How many form XObjects the page draws, forms drawn by forms included (0 for a page without forms)."""
    forms = page.get_xobjects()
    if not forms:
        return 0
    document = page.parent
    children: dict[int, dict[bytes, int]] = {}
    for xref, resource, invoker, _ in forms:
        children.setdefault(invoker, {})[resource.encode("latin-1", "replace")] = xref
    counted: dict[int, int] = {}

    def draws(content: bytes, invoker: int, path: frozenset[int]) -> int:
        total = 0
        for match in _DO.finditer(content):
            child = children.get(invoker, {}).get(match.group(1))
            if child is None or child in path:
                continue
            if child not in counted:
                counted[child] = 1 + draws(document.xref_stream(child) or b"", child, path | {child})
            total += counted[child]
            if total > MAX_FORM_DRAWS:
                return total
        return total

    return draws(page.read_contents(), 0, frozenset())
