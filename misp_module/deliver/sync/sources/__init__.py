"""Where reports come from: a folder, or a git repository; each report with a stable identity and digest."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Commit:
    """The commit that last changed a report; `url` links to it when the repository is on the web."""

    sha: str
    date: datetime.date
    subject: str
    url: str | None = None


@dataclass(frozen=True)
class SourceReport:
    """One report as a source lists it: `identity` (path in the repository), `digest` of its content,
    `size` in bytes; `read`, `date` and `commit` are only called for reports that must be converted."""

    identity: str
    name: str
    digest: str
    size: int
    read: Callable[[], bytes] = field(repr=False)
    date: Callable[[], datetime.date | None] = field(repr=False)
    commit: Callable[[], Commit | None] = field(repr=False, default=lambda: None)
