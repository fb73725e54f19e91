"""How long a module conversion may run. The report's cost is measured in processor time (the `time_limit`
setting): the same report gets the same verdict on an idle server and on one that is busy with other work, so a
hostile report is stopped however the machine is loaded, and a big honest report is not refused only because
other processes held the processor. A wall-clock backstop ends the wait when MISP is about to give up (the
`timeout` MISP sends with its query, else its 10 s default), so that MISP shows the module's error, saying the
server was busy, rather than its own bare timeout."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# MISP's Plugin.Import_timeout and Plugin.Enrichment_timeout default, for a MISP that sends no `timeout` field.
MISP_TIMEOUT = 10.0
# The answer leaves this long before the caller gives up: it still crosses misp-modules and the network.
ANSWER_MARGIN = 0.5
# How often the server looks at a running conversion's processor time (an answer is read as soon as it comes).
LOOK_EVERY = 0.1
# Processor time in /proc is counted in clock ticks (1/100 s on Linux): the smallest wait worth a look.
_TICK = 1.0 / (os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100)


def processor_seconds(pid: int) -> float | None:
    """Processor time (user and system) a process has used, from /proc; None where that cannot be read (not
    Linux, or the process is gone), and the budget then counts wall-clock time, as a cautious stand-in."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            text = stat.read()
    except OSError:
        return None
    # The command name (field 2) may hold spaces and brackets: fields are counted after its closing bracket.
    fields = text[text.rindex(b")") + 2 :].split()
    try:
        return (int(fields[11]) + int(fields[12])) * _TICK
    except (IndexError, ValueError):
        return None


def caller_wait(query: Mapping[str, Any]) -> float | None:
    """Seconds the caller waits for the answer: the query's `timeout` (MISP sends its Plugin.Import_timeout or
    Plugin.Enrichment_timeout there; misp-modules also answers "Timeout." itself when it runs out), or None."""
    value = query.get("timeout")
    if isinstance(value, bool):
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    return seconds if seconds > 0 else None


def wait_left(wait: float | None, since: float) -> float | None:
    """What is left of the caller's `wait` at this moment, for a query that began at `since` (time.monotonic())
    and did other work first (the enrichment fetching a link's page)."""
    return None if wait is None else wait - (time.monotonic() - since)


def backstop(processor_budget: float, wait: float | None) -> float:
    """Wall-clock seconds a conversion may take: until just before the caller gives up; for a caller that does
    not say, MISP's default timeout, or the processor budget when an administrator raised it past that."""
    limit = wait if wait is not None else max(MISP_TIMEOUT, processor_budget)
    return max(limit - ANSWER_MARGIN, 0.0)


@dataclass
class Budget:
    """The running conversion of process `pid`: its processor budget and wall-clock backstop, from the moment
    the job was handed over (the waiting worker uses no processor time, so what it used before is subtracted)."""

    pid: int
    processor: float
    wall: float
    wait: float | None = None
    started: float = field(default_factory=time.monotonic)
    processor_start: float | None = None

    def __post_init__(self) -> None:
        self.processor_start = processor_seconds(self.pid)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def used(self) -> float:
        """Processor seconds the conversion used so far (wall-clock seconds where /proc cannot say)."""
        now = processor_seconds(self.pid)
        if now is None or self.processor_start is None:
            return self.elapsed()
        return max(now - self.processor_start, 0.0)

    def next_look(self) -> float:
        """How long to wait for the answer before looking at the budget again: never past either limit."""
        left = min(self.wall - self.elapsed(), self.processor - self.used())
        return min(LOOK_EVERY, max(left, _TICK)) if left > 0 else 0.0

    def overrun(self) -> str | None:
        """Why the conversion must stop now ("processor" or "wall"), or None while it is within both."""
        if self.used() >= self.processor:
            return "processor"
        if self.elapsed() >= self.wall:
            return "wall"
        return None

    def message(self, reason: str) -> str:
        """The error MISP shows the analyst: what ran out, and what to do about it."""
        if reason == "processor":
            return (
                f"conversion stopped after {round(self.processor, 1):g} s of processor time, the module's time limit "
                "(time_limit); the report is too large or malformed for the module: convert it with misp-report "
                "convert and import the event file, or raise the module's time_limit setting and MISP's timeout "
                "(Plugin.Import_timeout / Plugin.Enrichment_timeout) together"
            )
        caller = f"MISP's timeout of {self.wait:g} s" if self.wait is not None else "MISP's timeout (10 s by default)"
        return (
            f"conversion stopped after {self.elapsed():.1f} s waiting for the processor, before {caller}: the server "
            f"is busy (the conversion had used {self.used():.1f} s of the {round(self.processor, 1):g} s of processor "
            "time it may use); import the report again when the server is less busy, or convert it with misp-report "
            "convert and import the event file"
        )
