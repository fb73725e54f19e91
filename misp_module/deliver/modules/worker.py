"""Conversions for the misp-modules server, each in a child process forked from a warm server of workers: one
that runs over its time or memory budget is killed, and the server process (its `GET /modules`, other users'
queries) never waits behind it, nor shares its GIL with it."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import threading
import uuid
from multiprocessing.connection import Connection
from typing import Any

from ...errors import MispReportError, ReportError
from ...pipeline import convert_bytes
from ...settings import Settings
from .results import misp_standard_results

LOGGER = logging.getLogger(__name__)
# Wall-clock seconds a query's conversion may take; MISP itself gives up after 10 s by default.
QUERY_SECONDS = 60.0
# Memory a conversion may add to the warm worker (a 5 MB report needs a few hundred MB at most).
QUERY_MEMORY = 1024 * 1024 * 1024
# Conversions run a little below the server's priority, so that listing the modules stays instant.
NICENESS = 5
# Imported once by the fork server: it loads the MISP knowledge that every conversion's child then shares.
WARM_MODULE = "misp_module.deliver.modules.warm"

_lock = threading.Lock()
_context: Any = None


def _fork_server() -> Any:
    """The multiprocessing context whose fork server preloads the knowledge (started on first use)."""
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([WARM_MODULE])
            _context = context
        return _context


def start() -> None:
    """Start the fork server now (its knowledge loads in its own process while the server answers): the shims
    call this when misp-modules loads them, so that the first query does not wait for the warm-up."""
    try:
        _fork_server()
        multiprocessing.forkserver.ensure_running()
    except (OSError, ValueError) as exc:
        LOGGER.warning("module workers: fork server not started yet (%s); the first query starts it", exc)


def _virtual_memory() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _limit_child(memory: int) -> None:
    """Lower the child's priority and cap the memory it may add to what it inherited."""
    os.nice(NICENESS)
    size = _virtual_memory()
    if size:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, resource.RLIM_INFINITY))


def _convert_in_child(
    sender: Connection,
    memory: int,
    data: bytes,
    identity: str,
    name: str,
    settings: Settings,
    namespace: uuid.UUID,
    roles_on_tags: bool,
) -> None:
    """The child: convert, and send back ("ok", results), ("error", message) or ("internal", message)."""
    try:
        _limit_child(memory)
        event = convert_bytes(data, identity=identity, name=name, settings=settings, namespace=namespace)
        answer: tuple[str, Any] = ("ok", misp_standard_results(event, roles_on_tags=roles_on_tags))
    except MispReportError as exc:
        answer = ("error", str(exc))
    except MemoryError:
        answer = ("error", f"{name}: the conversion needs more than {memory // 2**20:,} MB of memory")
    except Exception as exc:
        LOGGER.exception("%s: internal error in a conversion", name)
        answer = ("internal", f"{type(exc).__name__}: {exc}")
    try:
        sender.send(answer)
    finally:
        sender.close()


def convert_to_results(
    data: bytes,
    *,
    identity: str,
    name: str,
    settings: Settings,
    namespace: uuid.UUID,
    roles_on_tags: bool = False,
) -> dict[str, Any]:
    """The misp_standard results of one report (`roles_on_tags` as misp_standard_results takes it), converted in
    a child process within QUERY_SECONDS and QUERY_MEMORY; ReportError when it is refused, runs over its budget
    or dies."""
    context = _fork_server()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_convert_in_child,
        args=(sender, QUERY_MEMORY, data, identity, name, settings, namespace, roles_on_tags),
        daemon=True,
    )
    try:
        process.start()
        sender.close()
        if not receiver.poll(QUERY_SECONDS):
            raise ReportError(
                f"{name}: conversion stopped after {QUERY_SECONDS:.0f} s; the report is too large or malformed "
                "for the import module (convert it with misp-report convert to see why)"
            )
        try:
            status, payload = receiver.recv()
        except EOFError as exc:
            process.join(1)
            raise ReportError(
                f"{name}: the conversion process ended without an answer (exit code {process.exitcode}); "
                "the report may need more memory than the module allows"
            ) from exc
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
        if process.exitcode is not None:
            process.close()
    if status == "ok":
        return payload
    if status == "error":
        raise ReportError(payload)
    raise RuntimeError(payload)
