"""Compiled MISP knowledge: where it is kept on disk, and loading it once per process from any thread."""

from __future__ import annotations

import functools
import gc
import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

CACHE_ENV = "MISP_REPORT_CACHE_DIR"

Loader = TypeVar("Loader", bound=Callable[..., Any])


def cache_dir() -> Path | None:
    """Where compiled indexes are kept: $MISP_REPORT_CACHE_DIR, else $XDG_CACHE_HOME/misp-report (or
    ~/.cache/misp-report); None when $MISP_REPORT_CACHE_DIR is 'off'."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return None if configured == "off" else Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "misp-report"


def load_once(loader: Loader) -> Loader:
    """`functools.cache` that also holds concurrent first callers back until the first one has loaded.

    misp-modules answers queries from a thread pool: without the lock, every query arriving before the
    knowledge is loaded would build its own copy (seconds each), past MISP's module timeout."""
    cached = functools.cache(loader)
    lock = threading.Lock()

    @functools.wraps(loader)
    def load(*args: Any) -> Any:
        with lock:
            return cached(*args)

    load.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return load  # type: ignore[return-value]


def load_pickle(handle: IO[bytes]) -> Any:
    """`pickle.load` with the garbage collector paused: unpickling an index creates a hundred thousand
    objects, and the collections they trigger (that find nothing to free) cost a third of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(handle)
    finally:
        if enabled:
            gc.enable()
