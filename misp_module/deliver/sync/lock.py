"""Exclusive locks on the folders a sync writes (its state folder, a feed folder): held for the whole run
without waiting for a holder, and dropped by the kernel when the process dies, so a lock is never stale."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

from ...errors import MispReportError


def acquire(path: Path, busy: Callable[[str], MispReportError]) -> int:
    """Lock `path` (created 0600, the holder's pid written in it) and return its descriptor; when another
    process holds it, raise `busy(pid of the holder)` at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(handle, 32, 0).decode(errors="replace").strip() or "unknown"
        os.close(handle)
        raise busy(holder) from None
    os.ftruncate(handle, 0)
    os.pwrite(handle, str(os.getpid()).encode(), 0)
    return handle


def release(handle: int) -> None:
    """Drop a lock taken by `acquire`."""
    os.close(handle)
