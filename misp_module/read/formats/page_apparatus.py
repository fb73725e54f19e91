"""What a paged document repeats or lists about itself, told from its lines' text alone: the key under which a
running header or footer repeats from page to page, and the lines of a table of contents. Shared by the PDF
reader (`pdf_furniture.py`, which knows each line's position too) and text copies of PDFs (`page_text.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...knowledge.regex_cache import compiled

_PAGE_REFERENCE = compiled(r"\bpage\s*\d+(?:\s*(?:of|/)\s*\d+)?|\b\d+\s*(?:of|/)\s*\d+\s*$", re.IGNORECASE)
_YEAR = compiled(r"\b(?:19|20)\d\d\b")
# Tables of contents: the title, entries with dot leaders, a title ending in its page number, a page number alone.
_CONTENTS_TITLE = compiled(r"^(?:table of )?contents:?$|^in this (?:report|paper):?$", re.IGNORECASE)
_LEADER_ENTRY = compiled(r"^\S.*?(?:\s*(?:\.\s?){4,}|\s*\u2026+|\t)\s*(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
_TRAILING_PAGE = compiled(r"^\S.{0,120}?\s+\d{1,3}$")
_BARE_PAGE = compiled(r"^(?:\d{1,4}|[ivxlc]{1,6})$", re.IGNORECASE)
# A footnote or endnote mark as set raised after a word: a number or a range/list of them, a dagger or an asterisk,
# bracketed or not ("4", "[12]", "3-5", "†"). Dropped by the readers, not glued to the word before it.
NOTE_MARK = compiled(r"\s*\[?(?:\d{1,3}(?:[,\u2013-]\d{1,3})*|[*\u2020\u2021])\]?\s*")
# Entries with dot leaders in a row make a table of contents without its title.
CONTENTS_RUN = 3


def running_key(text: str, *, strict: bool = False) -> str:
    """A running header or footer repeats word for word but for its numbers (page, date): a line with more
    numbers than that is content, compared as it is. The page number ("Page 3 of 12", "3 / 12") and a year
    are counted out first: "(c) 2024 Vendor · Page 3 of 12" is a footer. `strict`: only the page number and a
    year may differ (a line outside the header band: "On day 3 ..." and "On day 4 ..." are body text)."""
    text = " ".join(text.lower().split())
    counted = _PAGE_REFERENCE.sub("#", _YEAR.sub("#", text))
    if strict:
        return counted
    return re.sub(r"\d+", "#", text) if len(re.findall(r"\d+", counted)) <= 2 else text


def contents_lines(
    pages: list[list[str]], same_baseline: Callable[[int, int, int], bool] | None = None
) -> list[set[int]]:
    """For each page (the texts of its lines), the indexes of its table of contents' lines: a title ("Contents",
    "Table of contents") and the entries after it (on to the next page when it runs to its page's end), and any
    run of entries with dot leaders ("Victims ..... 6"). `same_baseline(page, i, j)`: whether lines i and j of
    the page share a baseline (a right-aligned page number read apart from its title); without it, a page
    number on the next line is the title's."""
    result: list[set[int]] = []
    running_on = False  # the contents ran to the previous page's last line
    for number, lines in enumerate(pages):
        texts = [line.strip() for line in lines]

        def entry(index: int, texts: list[str] = texts, number: int = number) -> bool:
            text = texts[index]
            if not text:  # a blank line between entries
                return True
            if _LEADER_ENTRY.match(text) or _TRAILING_PAGE.match(text) or _BARE_PAGE.match(text):
                return True
            following = index + 1 < len(texts) and _BARE_PAGE.match(texts[index + 1])
            return bool(following and (same_baseline is None or same_baseline(number, index, index + 1)))

        doomed: set[int] = set()
        index = 0
        if running_on:
            while index < len(texts) and entry(index):
                doomed.add(index)
                index += 1
        running_on = False
        while index < len(texts):
            if _CONTENTS_TITLE.match(texts[index]):
                doomed.add(index)
                index += 1
                while index < len(texts) and entry(index):
                    doomed.add(index)
                    index += 1
                running_on = index == len(texts)
                continue
            run = index
            while run < len(texts) and _LEADER_ENTRY.match(texts[run]):
                run += 1
            if run - index >= CONTENTS_RUN:
                doomed |= set(range(index, run))
                running_on = run == len(texts)
            index = max(run, index + 1)
        result.append(doomed)
    return result
