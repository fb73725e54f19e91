"""Compiled MISP knowledge: where it is kept on disk, and loading it once per process from any thread."""

from __future__ import annotations

import contextlib
import functools
import gc
import logging
import os
import pickle
import tempfile
import threading
from collections.abc import Callable, Iterator
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


# `long_lived` sections open now (any thread), and whether the collector ran before the first of them opened.
_long_lived_lock = threading.Lock()
_long_lived_state = {"open": 0, "was_enabled": False}


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """Make objects that live as long as the process (loaded knowledge, imported modules) with the garbage
    collector paused: the collections their making triggers find nothing to free (a third of an index's
    load; 2% of the instructions of a cold `convert` while its modules are imported).

    When the last open section closes, the objects made so far are frozen (`gc.freeze`): without this the
    first collection after the load traverses all of them (a full collection during every cold `convert`, a
    tenth of its time). Frozen objects are still freed by reference counting; only a reference cycle among
    them would outlive its use. That includes whatever else was alive then (a report being converted when a
    lazy index is first read): bounded, as each index is loaded once per process and a template folder is
    parsed again only when edited.

    The sections are counted under a lock, not each saving `gc.isenabled()`: the misp-modules server loads
    from a thread pool, and a section that saw the collector paused by another one, then paused it again
    after the other had resumed it, would leave it paused for the life of the server."""
    with _long_lived_lock:
        if _long_lived_state["open"] == 0:
            _long_lived_state["was_enabled"] = gc.isenabled()
            gc.disable()
        _long_lived_state["open"] += 1
    try:
        yield
    finally:
        with _long_lived_lock:
            _long_lived_state["open"] -= 1
            if _long_lived_state["open"] == 0:
                gc.freeze()
                if _long_lived_state["was_enabled"]:
                    gc.enable()


def load_pickle(handle: IO[bytes]) -> Any:
    """`pickle.load` of knowledge kept for the process's life (`long_lived`): unpickling an index creates a
    hundred thousand objects."""
    with long_lived():
        return pickle.load(handle)


def read_cached(path: Path, what: str) -> Any | None:
    """The object pickled at `path`, or None when it is missing or unreadable (then it is rebuilt)."""
    try:
        with path.open("rb") as handle:
            return load_pickle(handle)
    except FileNotFoundError:
        return None
    except Exception as exc:  # a truncated or foreign file: rebuild it
        logging.getLogger(__name__).warning("%s cache %s is unreadable (%s); rebuilding it", what, path, exc)
        return None


def write_cached(path: Path, value: Any, what: str) -> None:
    """Pickle `value` at `path` atomically (a temporary file of the same folder renamed over it); a folder
    that cannot be written costs a warning, not the run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot cache the %s in %s (%s)", what, path.parent, exc)
