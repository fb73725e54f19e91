"""Test helper: `misp-report convert` in a real process whose pace one report sets, so that a signal test waits for
a state it can see instead of a time (tests/deliver/test_convert_interrupt.py). A fixed sleep and a report slow
enough to be caught at it failed on a loaded machine: the slow report outlived the grace period, or the signal came
before it started.

Run as `python paced_convert.py ARGS...` with the CLI's arguments. The report named PACED_REPORT (a file name), once
its conversion starts, creates the file PACED_STARTED (it is in flight from then on) and waits: with
PACED_RELEASE=stop until this process is asked to stop (its first SIGINT or SIGTERM, seen through the run's own stop
request), with PACED_RELEASE=file until the file PACED_GO exists (a worker process does not share the stop request).
Then it is converted as usual. The grace period after a stop is an hour instead of interrupt.ABORT_AFTER: only a
second signal ends the run at once, and a loaded machine is slow, not stuck. The signal handling is the real one."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from misp_module.deliver import convert_cli, interrupt
from misp_module.deliver.cli import main

GRACE = 3600.0
POLL = 0.01
_stops: list[threading.Event] = []
_convert_task = convert_cli.convert_task


def _released() -> bool:
    if os.environ["PACED_RELEASE"] == "stop":
        return any(stop.is_set() for stop in _stops)
    return Path(os.environ["PACED_GO"]).exists()


def paced_task(task: tuple) -> object:
    """`convert_cli.convert_task`, held at its start for the report named PACED_REPORT."""
    if Path(task[0]).name == os.environ["PACED_REPORT"]:
        Path(os.environ["PACED_STARTED"]).touch()
        while not _released():
            time.sleep(POLL)
    return _convert_task(task)


@contextmanager
def seen_stop(stop: threading.Event, received: list[int], last_words: Callable[[], str]) -> Iterator[None]:
    """`interrupt.stop_on_signals` with the stop request kept where `paced_task` sees it, and a long grace period."""
    _stops.append(stop)
    with interrupt.stop_on_signals(stop, received, last_words, abort_after=GRACE):
        yield


if __name__ == "__main__":
    convert_cli.convert_task = paced_task
    convert_cli.stop_on_signals = seen_stop
    sys.exit(main(sys.argv[1:]))
