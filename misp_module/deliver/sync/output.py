"""What a sync run shows: a progress bar on a terminal, plain lines otherwise, a summary table at the end;
with --quiet only the failures and one summary line.

A warning is said once, as it happens, by the log (`misp-report: WARNING: REPORT: what`), on a terminal and
off one alike; the summary counts the warnings and names none again. A failure is said once too: off a
terminal (a cron job's mail, a CI log) as it happens, in the progress lines on stderr, and the summary counts
it; on a terminal, where the bar shows no line per report, in the summary. A failure of the whole run (MISP
unreachable) is never a progress line and always in the summary. On a terminal the bar is wiped before any
log line is written, so no line is written over it; the next report draws it again."""

from __future__ import annotations

import logging
import sys
from collections.abc import Collection
from typing import TextIO

from ..failure import one_line
from .runner import ACTIONS, Summary
from .sinks import Outcome

BAR_WIDTH = 30
DRY_RUN_VERBS = {
    "created": "would create",
    "updated": "would update",
    "retired": "would retire",
    "failed": "cannot sync",
}


class ConsoleProgress:
    """On a terminal one bar redrawn in place; otherwise one line per report that needed work.
    With `dry_run` every event that would change is listed with its changes. With `quiet` only the failures,
    one line each as they happen, and no bar. `said` holds the reports whose failure was printed (with its
    reason), which the summary then counts without printing again."""

    def __init__(self, stream: TextIO | None = None, interactive: bool | None = None, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.interactive = (self.stream.isatty() if interactive is None else interactive) and not quiet
        self.said: set[str] = set()
        self.total = self.done = 0
        self._drawn = False
        self._handlers: list[logging.Handler] = []

    def start(self, total: int) -> None:
        self.total, self.done = total, 0
        if self.interactive:  # a log line (a warning, a retry) wipes the bar first instead of running into it
            self._handlers = [h for h in logging.getLogger().handlers if getattr(h, "stream", None) is self.stream]
            for handler in self._handlers:
                handler.addFilter(self._before_log)

    def _before_log(self, record: logging.LogRecord) -> bool:
        self._clear()
        return True

    def _bar(self, identity: str) -> None:
        filled = BAR_WIDTH * self.done // max(self.total, 1)
        line = f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{self.total} {identity[-40:]:<40}"
        self.stream.write(line)
        self.stream.flush()
        self._drawn = True

    def report(self, identity: str, outcome: Outcome, dry_run: bool) -> None:
        self.done += 1
        failed = outcome.action == "failed"
        if failed and outcome.changes and (dry_run or not self.interactive):
            self.said.add(identity)
        identity = one_line(identity)
        if self.quiet and not failed:
            pass
        elif dry_run and outcome.action != "unchanged":
            self._clear()
            self.stream.write(f"{DRY_RUN_VERBS.get(outcome.action, outcome.action)} {identity}\n")
            self.stream.writelines(f"    {one_line(line)}\n" for line in outcome.changes)
        elif not self.interactive and outcome.action != "unchanged":
            detail = f": {one_line(outcome.changes[0])}" if failed and outcome.changes else ""
            self.stream.write(f"{outcome.action} {identity}{detail}\n")
        if self.interactive:
            self._bar(identity)

    def _clear(self) -> None:
        if self.interactive and self._drawn:
            self.stream.write("\r" + " " * (BAR_WIDTH + 50) + "\r")
            self._drawn = False

    def finish(self) -> None:
        self._clear()
        for handler in self._handlers:
            handler.removeFilter(self._before_log)
        self._handlers = []
        self.stream.flush()


def _title(summary: Summary, source: str, sink: str, dry_run: bool) -> str:
    title = f"sync {source} -> {sink}" + (" (dry run: nothing written)" if dry_run else "")
    if summary.interrupted:
        title += " (interrupted: the rest is for the next run)"
    return title


def _failure_lines(summary: Summary, said: Collection[str]) -> list[str]:
    """A line per failure not printed as it happened, then where the others are."""
    lines = [
        one_line(f"failed   {identity}: {message}") for identity, message in summary.failures if identity not in said
    ]
    printed = sum(1 for identity, _ in summary.failures if identity in said)
    if printed:
        lines.append(
            f"{printed} failure{'s' if printed != 1 else ''}: each printed as it happened, with its report, "
            "on standard error"
        )
    return lines


def summary_table(summary: Summary, source: str, sink: str, dry_run: bool, said: Collection[str] = ()) -> str:
    """The end-of-run table, then one line per failure not printed as it happened (the reports in `said`
    were: a run off a terminal prints each failure once); the warnings were logged as they happened, so the
    table only counts them (and says where they are)."""
    title = _title(summary, source, sink, dry_run)
    rows = [(action, summary.counts[action]) for action in ACTIONS]
    rows[-1] = ("failed", len(summary.failures))
    rows.append(("warnings", len(summary.warnings)))
    lines = [title, *(f"  {name:<10} {count:>6}" for name, count in rows)]
    if summary.kept:
        verb = "would keep" if dry_run else "kept"
        lines.append(f"{verb} {summary.kept} analyst change{'s' if summary.kept != 1 else ''} made in MISP")
    if summary.moved:
        lines.append(moved_line(summary.moved, dry_run))
    lines += _failure_lines(summary, said)
    if summary.warnings:
        count = len(summary.warnings)
        lines.append(f"{count} warning{'s' if count != 1 else ''}: each printed as it happened, with its report")
    return "\n".join(lines) + "\n"


def moved_line(moved: list[tuple[str, str]], dry_run: bool) -> str:
    """Reports moved or renamed in the repository that keep their event (not retired, no new event): the
    count and the first move, so that a reorganised repository is one line."""
    new, old = moved[0]
    count, verb = len(moved), "would keep" if dry_run else "kept"
    if count == 1:
        return one_line(f"1 report moved or renamed {verb} its event: {old} -> {new}")
    return one_line(f"{count} reports moved or renamed {verb} their events ({old} -> {new}, and {count - 1} more)")


def summary_line(summary: Summary, source: str, sink: str, dry_run: bool, said: Collection[str] = ()) -> str:
    """What --quiet ends with: the table's counts on one line, then the failures not printed as they
    happened (a failure of the whole run: MISP unreachable, a wrong key)."""
    counts = ", ".join(f"{summary.counts[action]} {action}" for action in ACTIONS[:-1])
    counts += f", {len(summary.failures)} failed, {len(summary.warnings)} warnings"
    if summary.kept:
        counts += (
            f", {summary.kept} analyst change{'s' if summary.kept != 1 else ''} {'would be ' if dry_run else ''}kept"
        )
    unsaid = [
        one_line(f"failed   {identity}: {message}") for identity, message in summary.failures if identity not in said
    ]
    return "\n".join([f"{_title(summary, source, sink, dry_run)}: {counts}", *unsaid]) + "\n"
