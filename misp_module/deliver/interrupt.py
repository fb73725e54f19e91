"""Ctrl-C and SIGTERM as a request to stop: the work in flight finishes, the run says what it did and ends
with 128 + the signal's number (130, 143). A second signal, or work that does not finish in time, ends the
process at once with one line naming what was left undone."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

ABORT_AFTER = 10.0  # seconds the work in flight gets to finish after SIGINT/SIGTERM


@contextmanager
def stop_on_signals(
    stop: threading.Event, received: list[int], last_words: Callable[[], str], abort_after: float = ABORT_AFTER
) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop` (and are appended to `received`): the caller lets the work in flight
    finish and ends. When it has not finished `abort_after` seconds later (a hung request, a report that
    takes forever), or at a second signal, the process writes `last_words()` as its last line and ends at
    once: a stop request is never ignored, and the locks go with the process. Outside the main thread
    (where no handler can be installed) this does nothing."""

    def abort(signum: int, frame: object) -> None:
        line = last_words().replace("\n", " ") + "\n"
        os.write(2, line.encode("utf-8", "backslashreplace"))  # not print(): the stream's lock may be held
        os._exit(128 + (received[0] if received else signal.SIGINT))

    def handler(signum: int, frame: object) -> None:
        received.append(signum)
        if stop.is_set():
            abort(signum, frame)
        stop.set()
        signal.setitimer(signal.ITIMER_REAL, abort_after)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    previous[signal.SIGALRM] = signal.signal(signal.SIGALRM, abort)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        for signum, old in previous.items():
            signal.signal(signum, old)


def exit_code(received: list[int]) -> int:
    """128 + the number of the first stop signal received (130 for Ctrl-C, 143 for SIGTERM)."""
    return 128 + (received[0] if received else signal.SIGINT)
