"""A sentence that opens on a year well before the report's own date tells the adversary's history ("In 2020 it
targeted Kurdish users through trojanised installers", "In 2023 AMOS was spread through fake browser updates" in a
report of 2025), not the intrusion the report describes: prose recognition reads no technique in it (issue 12)."""

from __future__ import annotations

import datetime
from functools import cache

from ..knowledge.data import load_data
from ..knowledge.regex_cache import compiled

# "In 2020", "Back in March 2019", "During late 2021", "By the summer of 2018" at the sentence's start; not a year
# later in the sentence ("the flaw, known since 2019, was exploited in May"), which dates something else.
_OPENING_YEAR = compiled(
    r"(?i)^\W*(?:in|during|throughout|by|back in)\s+(?:(?:early|late|mid-?|the (?:spring|summer|autumn|fall|winter|"
    r"first half|second half) of)\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)?"
    r"((?:19|20)\d\d)\b(?!\s*(?:-|–|to|and|through)\s*(?:19|20)?\d\d)"
)


@cache
def history_years() -> int:
    """How many years before the report's date a sentence's opening year must be to be history (techniques.yaml)."""
    return int(load_data("techniques.yaml")["history_years"])


def told_as_history(sentence: str, date: datetime.date | None) -> bool:
    """The sentence opens on a year at least `history_years` before the report's stated `date` (None: the report
    states no date, and a file's or commit's time says nothing of when the intrusion was)."""
    if date is None:
        return False
    opening = _OPENING_YEAR.match(sentence)
    return bool(opening) and int(opening.group(1)) <= date.year - history_years()
