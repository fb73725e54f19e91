"""Conversion on every core: a process pool that gives results in input order, so `--jobs N` prints, writes
and fails exactly as one job does. Conversion is pure Python (the GIL), hence processes, not threads."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import Future

Item = TypeVar("Item")
Result = TypeVar("Result")

_END = object()


class Stopping(Protocol):
    """A stop request (a `threading.Event`)."""

    def is_set(self) -> bool: ...


PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def _worker_start(parent: int) -> None:
    """Workers leave Ctrl-C and SIGTERM to the parent, which stops handing out reports, finishes what is in
    flight and reports the interruption. On Linux a worker also dies with its parent: a forked worker holds
    the parent's open files, among them the sync's state lock, which a killed run must not leave held."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):  # a libc without prctl: no such guard
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def ordered_map(
    function: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    window: int | None = None,
    stop: Stopping | None = None,
) -> Iterator[Result]:
    """`map(function, items)` over `jobs` worker processes, results in input order as they complete.

    `function` must be a module-level function and catch the errors a user acts on (its result says what
    went wrong): an exception escaping it is a bug and is re-raised here, as one job would raise it.
    `items` is read lazily, at most `window` (default 4 per worker) ahead of the results, so a large
    repository is never held in memory at once. Where processes fork, the first item is done here first:
    the knowledge it loads (galaxy and warninglist indexes, patterns) is then inherited by every worker
    instead of being loaded once per worker; a single item never starts a pool.

    Once `stop` is set (Ctrl-C, SIGTERM), no further item starts: the results of the items already started
    are still yielded, then the iteration ends. What is yielded is always the results of a prefix of
    `items`, in order.
    """
    iterator = iter(items)
    stopping = stop.is_set if stop is not None else lambda: False
    if jobs <= 1:
        for item in iterator:
            if stopping():
                return
            yield function(item)
        return
    fork = sys.platform == "linux"
    first: object = _END
    if fork:
        item = next(iterator, _END)
        if item is _END:
            return
        first = function(item)  # type: ignore[arg-type]
    second = next(iterator, _END) if not stopping() else _END
    if second is _END:
        if first is not _END:
            yield first  # type: ignore[misc]
        return
    # Imported here: one report (a cold `convert` of a file) never pays for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if fork else None)
    window = window or 4 * jobs
    pending: deque[Future[Result]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    ) as pool:
        try:
            # The first submit forks every worker: before the caller gets a result and can start threads.
            pending.append(pool.submit(function, second))
            if first is not _END:
                yield first  # type: ignore[misc]
            for item in iterator:
                if stopping():
                    break
                pending.append(pool.submit(function, item))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                # Asked to stop: what no worker has started is dropped (futures start in order, so the
                # results yielded stay a prefix); what a worker is doing is finished and yielded.
                if stopping() and pending[0].cancel():
                    break
                yield pending.popleft().result()
        finally:  # the caller stopped early (Ctrl-C, a fatal error): what has not started never starts
            for future in pending:
                future.cancel()
