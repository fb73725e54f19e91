"""Conversion on every core: a process pool that gives results in input order, so `--jobs N` prints, writes
and fails exactly as one job does. Conversion is pure Python (the GIL), hence processes, not threads."""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many items per worker, starting the pool costs more than it saves.
MIN_ITEMS_PER_WORKER = 2


def default_jobs() -> int:
    """The cores this process may run on (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def _ignore_interrupt() -> None:
    """Workers leave Ctrl-C to the parent, which stops handing out reports and reports the interruption."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def ordered_map(function: Callable[[Item], Result], items: Iterable[Item], jobs: int) -> Iterator[Result]:
    """`map(function, items)` over `jobs` worker processes, results in input order as they complete.

    `function` must be a module-level function and catch the errors a user acts on (its result says what
    went wrong): an exception escaping it is a bug and is re-raised here, as one job would raise it.
    Where processes fork, the first item is done here first: the knowledge it loads (galaxy and warninglist
    indexes, patterns) is then inherited by every worker instead of being loaded once per worker.
    """
    items = list(items)
    jobs = min(jobs, len(items) // MIN_ITEMS_PER_WORKER)
    if jobs <= 1:
        yield from map(function, items)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if context.get_start_method() == "fork":
        yield function(items[0])
        items = items[1:]
    # Small chunks keep every worker busy to the end; the results stream back in order.
    chunksize = max(1, min(8, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_ignore_interrupt) as pool:
        yield from pool.map(function, items, chunksize=chunksize)
