"""A sentence that opens on a year well before the report's own time tells the adversary's history ("In 2020 it
targeted Kurdish users through trojanised installers", "In 2023 AMOS was spread through fake browser updates" in a
report of 2025), not the intrusion the report describes: prose recognition reads no technique in it (issue 12)."""

from __future__ import annotations

from collections import Counter
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled
from ..read.report import Report

# "In 2020", "Back in March 2019", "During late 2021", "By the summer of 2018" at the sentence's start; not a year
# later in the sentence ("the flaw, known since 2019, was exploited in May"), which dates something else.
_OPENING_YEAR = compiled(
    r"(?i)^\W*(?:in|during|throughout|by|back in)\s+(?:(?:early|late|mid-?|the (?:spring|summer|autumn|fall|winter|"
    r"first half|second half) of)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
    r"((?:19|20)\d\d)\b(?!\s*(?:-|–|to|and|through)\s*(?:19|20)?\d\d)"
)
_YEAR = compiled(r"(?<![\w.-])(?:19|20)\d\d(?![\w-])")


@cache
def history_years() -> int:
    """How many years before the report's time a sentence's opening year must be to be history (techniques.yaml)."""
    return int(load_data("techniques.yaml")["history_years"])


def report_year(report: Report) -> int | None:
    """The year of the intrusion the report tells: its stated date's year, or the year it writes most (the latest of
    equals) where that is earlier: a report of 2025 looking back on a campaign of 2023 writes "2023" most ("In
    2023 the industry learned that UNC4841 had been exploiting …" is its subject). None where the report states no
    date: a file's or commit's time says nothing of when the intrusion was."""
    if report.date is None or not report.date_stated:
        return None
    counts = Counter(int(m.group(0)) for m in _YEAR.finditer(report.text))
    written = max(counts, key=lambda year: (counts[year], year)) if counts else report.date.year
    return min(report.date.year, written)


def told_as_history(sentence: str, year: int | None) -> bool:
    """The sentence opens on a year at least `history_years` before the report's `year` (`report_year`)."""
    if year is None:
        return False
    opening = _OPENING_YEAR.match(sentence)
    return bool(opening) and int(opening.group(1)) <= year - history_years()
