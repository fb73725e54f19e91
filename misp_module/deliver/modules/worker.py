"""Conversions for the misp-modules server, each in a child process forked from a warm server of workers: one
that runs over its time or memory budget is killed, and the server process (its `GET /modules`, other users'
queries) never waits behind it, nor shares its GIL with it. A few children are forked ahead of time and wait
on a pipe, so that a query does not pay for the fork; each child still serves one query only."""

from __future__ import annotations

import logging
import multiprocessing
import multiprocessing.forkserver
import os
import resource
import threading
import uuid
from dataclasses import dataclass
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
# Children forked ahead and waiting for a query: a query then costs a pipe write, not a fork (one per core).
SPARES = max(1, min(4, os.cpu_count() or 1))

_lock = threading.Lock()
_context: Any = None


def _fork_server() -> Any:
    """The multiprocessing context whose fork server preloads the knowledge (started on first use)."""
    global _context
    with _lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload([WARM_MODULE, __name__])
            _context = context
        return _context


def start() -> None:
    """Start the fork server now (its knowledge loads in its own process while the server answers): the shims
    call this when misp-modules loads them, so that the first query does not wait for the warm-up."""
    try:
        _fork_server()
        multiprocessing.forkserver.ensure_running()
        threading.Thread(target=_refill, name="module-worker-refill", daemon=True).start()
    except (OSError, ValueError) as exc:
        LOGGER.warning("module workers: fork server not started yet (%s); the first query starts it", exc)


def _virtual_memory() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _limit_memory(memory: int) -> None:
    """Cap the memory the child may add to what it inherited."""
    size = _virtual_memory()
    if size:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, resource.RLIM_INFINITY))


def _wait_and_convert(jobs: Connection, answers: Connection) -> None:
    """A spare child: wait (already forked, warm and niced) for one job, convert it and send back ("ok",
    results), ("error", message) or ("internal", message), then end. The server closing the job pipe (it
    stopped) ends the child too."""
    os.nice(NICENESS)
    try:
        memory, data, identity, name, settings, namespace, roles_on_tags = jobs.recv()
    except (EOFError, OSError):
        return
    finally:
        jobs.close()
    try:
        _limit_memory(memory)
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
        answers.send(answer)
    finally:
        answers.close()


@dataclass
class _Spare:
    """A forked child waiting for its one job, with the server's ends of its two pipes."""

    process: Any
    jobs: Connection
    answers: Connection

    def discard(self) -> None:
        """Kill the child if it still runs, reap it and close the pipes."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.jobs.close()
        self.answers.close()
        if self.process.exitcode is not None:
            self.process.close()


def _fork_spare() -> _Spare:
    """Fork one child from the fork server; it waits on its job pipe."""
    context = _fork_server()
    job_receiver, job_sender = context.Pipe(duplex=False)
    answer_receiver, answer_sender = context.Pipe(duplex=False)
    process = context.Process(target=_wait_and_convert, args=(job_receiver, answer_sender), daemon=True)
    try:
        process.start()
    finally:
        job_receiver.close()
        answer_sender.close()
    return _Spare(process, job_sender, answer_receiver)


_spares: list[_Spare] = []
_spares_lock = threading.Lock()


def _refill() -> None:
    """Fork spares until SPARES wait (run in a background thread, so no query waits for a fork)."""
    while True:
        with _spares_lock:
            if len(_spares) >= SPARES:
                return
        try:
            spare = _fork_spare()
        except (OSError, ValueError) as exc:
            LOGGER.warning("module workers: could not fork a spare worker (%s)", exc)
            return
        with _spares_lock:
            if len(_spares) < SPARES:
                _spares.append(spare)
                continue
        spare.discard()
        return


def _take_spare() -> _Spare:
    """A waiting child (forking one now only when every spare is taken), and a refill started behind it."""
    spare = None
    with _spares_lock:
        while _spares and spare is None:
            candidate = _spares.pop()
            if candidate.process.is_alive():
                spare = candidate
            else:
                candidate.discard()
    if spare is None:
        spare = _fork_spare()
    threading.Thread(target=_refill, name="module-worker-refill", daemon=True).start()
    return spare


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
    or dies. The child was forked before the query came (see SPARES), and serves this query only."""
    spare = _take_spare()
    try:
        spare.jobs.send((QUERY_MEMORY, data, identity, name, settings, namespace, roles_on_tags))
        spare.jobs.close()
        if not spare.answers.poll(QUERY_SECONDS):
            raise ReportError(
                f"{name}: conversion stopped after {QUERY_SECONDS:.0f} s; the report is too large or malformed "
                "for the import module (convert it with misp-report convert to see why)"
            )
        try:
            status, payload = spare.answers.recv()
        except EOFError as exc:
            spare.process.join(1)
            raise ReportError(
                f"{name}: the conversion process ended without an answer (exit code {spare.process.exitcode}); "
                "the report may need more memory than the module allows"
            ) from exc
    finally:
        spare.discard()
    if status == "ok":
        return payload
    if status == "error":
        raise ReportError(payload)
    raise RuntimeError(payload)
