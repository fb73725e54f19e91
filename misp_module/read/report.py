"""The `Report`: what the read stage knows of one report, independent of its file format."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A part of the report under one heading, with the role its template gives it."""

    role: str
    heading: str
    value: str | None
    text: str
    offset: int
    fields: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Report:
    """One report, read: its text (markdown), its sections and what they say about the report itself."""

    identity: str
    name: str
    text: str
    template: str
    title: str
    headline: str | None
    actor: str | None
    sections: tuple[Section, ...]
    date: datetime.date | None
    source_url: str | None
    summary: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    # True when `date` is the report's own (stated in it or its file's properties), not a commit's or file's time.
    date_stated: bool = False

    def sections_with_role(self, role: str) -> list[Section]:
        """Every section of a role, in report order."""
        return [s for s in self.sections if s.role == role]

    def field_values(self, role: str) -> list[str]:
        """Every value of a labelled field (e.g. 'geography'), in report order."""
        return [s.fields[role] for s in self.sections if role in s.fields]
