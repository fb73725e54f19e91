"""The memory one report's conversion may take in `misp-report convert` and `sync`, as the modules server's
workers have it.

The CPU budget (misp_module/budget.py) is checked in our loops; the PDF and Word libraries' C code never looks at
it. A PDF of a few kilobytes can make MuPDF decompress and lay out gigabytes (a text stream that inflates a
thousand times, forms drawing forms), which swapped the machine before the report was refused. Under this cap
the library's allocation fails instead, and the report is refused in one line naming it; the next report
converts with the limit as it was. The cap is on address space (RLIMIT_AS), the one limit Linux enforces at
allocation, counted from what the process already maps, so loading the MISP knowledge before does not count."""

from __future__ import annotations

import os
import resource
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ReportError

# Address space a conversion may add: a 5 MB report needs a few hundred MB at most; a share per byte of the
# report for a larger one let through with --max-size.
BASE_BYTES = 1024 * 1024 * 1024
BYTES_PER_BYTE = 100
PAGE_BYTES = resource.getpagesize()


def virtual_memory() -> int:
    """The process's mapped address space (VmSize), 0 where /proc does not tell. Read from /proc/self/statm (its
    first number, in pages), one short line, rather than the forty labelled lines of /proc/self/status, which
    cost four times as much: this is read at every report."""
    try:
        descriptor = os.open("/proc/self/statm", os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return 0
    try:
        fields = os.read(descriptor, 512).split()
    except OSError:
        return 0
    finally:
        os.close(descriptor)
    return int(fields[0]) * PAGE_BYTES if fields else 0


@contextmanager
def memory_cap(name: str, size: int) -> Iterator[None]:
    """Convert report `name` (`size` bytes) with at most BASE_BYTES plus BYTES_PER_BYTE a byte of memory more
    than the process maps now; MemoryError in it becomes a ReportError naming the report. A lower limit the user
    set (ulimit -v) stays; without /proc (not Linux) nothing is capped."""
    mapped = virtual_memory()
    if not mapped:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    allowed = BASE_BYTES + BYTES_PER_BYTE * size
    limit = mapped + allowed
    for bound in (soft, hard):
        if bound != resource.RLIM_INFINITY:
            limit = min(limit, bound)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    except MemoryError:
        raise ReportError(
            name,
            f"the conversion needs more than {allowed // 2**20:,} MB of memory: a file made to exhaust memory "
            "(a PDF or Word bomb) or far larger than a report; give the report as text",
        ) from None
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
