"""How fast every writer of one sync may go: MISP's 429 ("too many requests") slows all of them, not only
the one that got it. On a 429 every writer holds its next request until the server's Retry-After (or the
backoff) has passed, and the number of events written at a time is halved; it grows back by one for
every `workers` events delivered without a 429."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class Pace:
    """Shared by the runner (how many writes at a time: `limit`) and the sink's retry policy (when the
    next request may go: `wait`, and `slow_down` on a 429). Thread-safe."""

    def __init__(self, workers: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.workers = max(1, workers)
        self.limit = self.workers
        self._clock = clock
        self._resume_at = 0.0
        self._successes = 0
        self._lock = threading.Lock()
        self.slowdowns = 0

    def slow_down(self, seconds: float) -> None:
        """A 429: nobody sends for `seconds`, and half as many writes run at a time from now on."""
        with self._lock:
            self._resume_at = max(self._resume_at, self._clock() + max(0.0, seconds))
            self.limit = max(1, self.limit // 2)
            self._successes = 0
            self.slowdowns += 1

    def succeeded(self) -> None:
        """One event delivered: after `workers` of them in a row, one more write may run at a time."""
        with self._lock:
            if self.limit >= self.workers:
                return
            self._successes += 1
            if self._successes >= self.workers:
                self.limit += 1
                self._successes = 0

    def pause_left(self) -> float:
        """Seconds until requests may go again (0 when they may go now)."""
        with self._lock:
            return max(0.0, self._resume_at - self._clock())

    def wait(self, sleep: Callable[[float], object] = time.sleep) -> None:
        """Hold the caller until the pause a 429 imposed has passed (`sleep` may return early on a stop)."""
        left = self.pause_left()
        if left > 0:
            sleep(left)
