"""The budget of one conversion: CPU time and indicator count, checked in the loops that grow with a report.

Reading and extraction are linear in the report's size, so a real report never comes near these bounds; they
stop what was missed (a pathological input nobody thought of) with one clear line for that report instead of
a process that hangs or swells. CPU time of the converting thread is counted, not wall time, so a loaded
machine does not fail reports that an idle one converts."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .errors import ReportError

# CPU seconds a conversion may take: a floor, plus a share per MB (real reports need well under a second).
BASE_SECONDS = 30.0
SECONDS_PER_MB = 10.0
# The CPU clock is a system call (microseconds): it is read when this many wall-clock seconds have passed
# since it was last read, the wall clock being nearly free.
LOOK_EVERY = 0.2
# Indicators found in one report before it is refused: a MISP event with more is better split, and each one
# costs time in the event and in MISP.
MAX_INDICATORS = 20_000
# Galaxy names found in one report (each is weighed in its sentence): real reports stay far below.
MAX_NAMES = 50_000
# What the user is told past each bound (read when it is passed: tests lower it), and what to do.
_TOO_MANY_INDICATORS = (
    "more than {:,} indicators; split the report (a MISP event this large is slow to use) or import "
    "the list as a MISP feed"
)
_TOO_MANY_NAMES = (
    "more than {:,} names of actors, tools, countries or techniques; the text is probably not prose (a list "
    "or a repeated line)"
)


@dataclass
class _Budget:
    name: str
    seconds: float
    deadline: float
    indicators: int = 0
    names: int = 0
    next_look: float = 0.0


_CURRENT: ContextVar[_Budget | None] = ContextVar("misp_report_budget", default=None)


@contextmanager
def conversion_budget(name: str, size: int) -> Iterator[None]:
    """Count the CPU time of the conversion of report `name` (`size` bytes) in this thread."""
    seconds = BASE_SECONDS + SECONDS_PER_MB * size / 1_000_000
    token = _CURRENT.set(_Budget(name, seconds, time.thread_time() + seconds))
    try:
        yield
    finally:
        _CURRENT.reset(token)


def check_time() -> None:
    """ReportError once the conversion in progress has used its CPU time; nothing outside a conversion."""
    budget = _CURRENT.get()
    if budget is None:
        return
    now = time.monotonic()
    if now < budget.next_look:
        return
    budget.next_look = now + LOOK_EVERY
    if time.thread_time() > budget.deadline:
        raise ReportError(
            budget.name,
            f"conversion stopped after {budget.seconds:.0f} s of CPU time, the budget for a report "
            "of its size; the text is probably malformed (extremely long lines of punctuation or lists)",
        )


def count_indicator() -> None:
    """Count one indicator found (and check the time): ReportError past MAX_INDICATORS in one report."""
    _count("indicators", MAX_INDICATORS, _TOO_MANY_INDICATORS)


def count_name() -> None:
    """Count one galaxy name found (and check the time): ReportError past MAX_NAMES in one report."""
    _count("names", MAX_NAMES, _TOO_MANY_NAMES)


def _count(counter: str, limit: int, reason: str) -> None:
    """One more of what `counter` (a field of the budget) counts: ReportError with `reason` (`limit` in its
    braces) past `limit` in one report, else the time checked. One place for both counts, so that they refuse
    and look at the clock alike."""
    budget = _CURRENT.get()
    if budget is None:
        return
    count = getattr(budget, counter) + 1
    setattr(budget, counter, count)
    if count > limit:
        raise ReportError(budget.name, reason.format(limit))
    check_time()
