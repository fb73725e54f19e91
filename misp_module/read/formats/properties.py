"""A document's text with its file's own date: a PDF's creation date, a Word document's core properties.

The date a file was written is the report's date only where the report states none in its text (a byline on the
first page wins, report_dates.choose): a print of a web page, a re-export or an analyst's re-save makes a later
file of an older report. Dates a writer stamps on every file it makes (python-docx's template) and dates no report
can have (before report_dates.yaml's `earliest_year`, or in the future) are left out."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...knowledge.data import load_data
from ...knowledge.regex_cache import compiled
from ..report_dates import plausible

_PDF_DATE = compiled(r"\s*(?:D:)?(\d{4})(\d{2})(\d{2})")


@dataclass(frozen=True)
class Document:
    """A report file's text (markdown) and the date its file's properties give, if any."""

    text: str
    date: datetime.date | None = None


@cache
def _stamps() -> frozenset[datetime.datetime]:
    return frozenset(datetime.datetime.fromisoformat(s) for s in load_data("report_dates.yaml")["template_stamps"])


def pdf_date(metadata: dict[str, Any] | None) -> datetime.date | None:
    """A PDF's creation date ("D:20250415120000+02'00'"), else its modification date."""
    for key in ("creationDate", "modDate"):
        value = (metadata or {}).get(key)
        match = _PDF_DATE.match(value) if isinstance(value, str) else None
        if match:
            try:
                date = datetime.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            if plausible(date):
                return date
    return None


def word_date(*stamps: datetime.datetime | None) -> datetime.date | None:
    """The first of a Word document's property dates (modified, then created) that is no writer's stamp."""
    for stamp in stamps:
        if stamp is None or stamp.replace(tzinfo=None, microsecond=0) in _stamps():
            continue
        if plausible(stamp.date()):
            return stamp.date()
    return None
