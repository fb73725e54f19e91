"""Conversion on every core: a process pool that gives results in input order, so `--jobs N` prints, writes
and fails exactly as one job does. Conversion is pure Python (the GIL), hence processes, not threads."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_END = object()


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out reports and reports the interruption."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(
    function: Callable[[Item], Result], items: Iterable[Item], jobs: int, window: int | None = None
) -> Iterator[Result]:
    """`map(function, items)` over `jobs` worker processes, results in input order as they complete.

    `function` must be a module-level function and catch the errors a user acts on (its result says what
    went wrong): an exception escaping it is a bug and is re-raised here, as one job would raise it.
    `items` is read lazily, at most `window` (default 4 per worker) ahead of the results, so a large
    repository is never held in memory at once. Where processes fork, the first item is done here first:
    the knowledge it loads (galaxy and warninglist indexes, patterns) is then inherited by every worker
    instead of being loaded once per worker; a single item never starts a pool.
    """
    iterator = iter(items)
    if jobs <= 1:
        yield from map(function, iterator)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    if context.get_start_method() == "fork":
        first = next(iterator, _END)
        if first is _END:
            return
        yield function(first)
    second = next(iterator, _END)
    if second is _END:
        return
    window = window or 4 * jobs
    pending: deque[Future[Result]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_interrupt) as pool:
        try:
            pending.append(pool.submit(function, second))
            for item in iterator:
                pending.append(pool.submit(function, item))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:  # the caller stopped early (Ctrl-C, a fatal error): what has not started never starts
            for future in pending:
                future.cancel()
