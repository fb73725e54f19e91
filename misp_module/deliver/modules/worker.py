"""Conversions for the misp-modules server, each in a child process forked from a warm server of workers: one
that runs over its time or memory budget is killed, and the server process (its `GET /modules`, other users'
queries) never waits behind it, nor shares its GIL with it. A few worker children are forked ahead of time
and wait on a pipe, so that a query does not pay for a fork; a worker that answered within its budget serves
the next query (it is killed and replaced when it runs over, fails or grows)."""

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
from ..memory import virtual_memory
from .results import misp_standard_results
from .time_limit import Budget, backstop

LOGGER = logging.getLogger(__name__)
# Processor seconds a query's conversion may use (the `time_limit` setting): a report that costs more is too large
# or malformed for the module, however idle the server. Under the 10 s after which MISP gives up by default
# (Plugin.Import_timeout, Plugin.Enrichment_timeout), so that such a report gets this module's error in MISP's UI;
# the wall-clock backstop (time_limit.py) ends a conversion that a busy server slows past MISP's timeout.
QUERY_SECONDS = 8.0
# Memory a conversion may add to the warm worker (a 5 MB report needs a few hundred MB at most).
QUERY_MEMORY = 1024 * 1024 * 1024
# Conversions run a little below the server's priority, so that listing the modules stays instant.
NICENESS = 5
# Imported once by the fork server: it loads the MISP knowledge that every conversion's child then shares.
WARM_MODULE = "misp_module.deliver.modules.warm"
# Worker children kept waiting for a query (one per core): a query costs a pipe write, not a fork, and runs in a
# child whose pages and caches an earlier query already made its own.
SPARES = max(1, min(4, os.cpu_count() or 1))
# Queries one worker serves before it is replaced (bounds what a long-lived child accumulates), and the memory
# growth after which it is replaced at once.
REUSES = 200
RETIRE_GROWTH = 256 * 1024 * 1024

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


def _limit_memory(memory: int) -> None:
    """Cap the memory the child may add to what it inherited."""
    size = virtual_memory()
    if size:
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, resource.RLIM_INFINITY))


def _answer(job: tuple[Any, ...], start_size: int) -> tuple[str, Any, bool]:
    """One job's answer: ("ok", results), ("error", message) or ("internal", message), and whether this child
    may serve another query (not after running out of memory, an internal error or growing past RETIRE_GROWTH)."""
    memory, data, identity, name, settings, namespace, roles_on_tags = job
    try:
        _limit_memory(memory)
        event = convert_bytes(data, identity=identity, name=name, settings=settings, namespace=namespace)
        return (
            "ok",
            misp_standard_results(event, roles_on_tags=roles_on_tags),
            virtual_memory() < start_size + RETIRE_GROWTH,
        )
    except ReportError as exc:
        return "error", exc.reason, virtual_memory() < start_size + RETIRE_GROWTH
    except MispReportError as exc:
        return "error", str(exc), virtual_memory() < start_size + RETIRE_GROWTH
    except MemoryError:
        return "error", f"the conversion needs more than {memory // 2**20:,} MB of memory", False
    except Exception as exc:
        LOGGER.exception("%s: internal error in a conversion", name)
        return "internal", f"{type(exc).__name__}: {exc}", False


def _serve(jobs: Connection, answers: Connection) -> None:
    """A worker child: wait (already forked, warm and niced) for a job, convert it, send back its answer; again,
    up to REUSES jobs while the answers say it may go on. The server closing the job pipe (it stopped, or keeps
    enough workers) ends the child."""
    os.nice(NICENESS)
    start_size = virtual_memory()
    with jobs, answers:
        for _ in range(REUSES):
            try:
                job = jobs.recv()
            except (EOFError, OSError):
                return
            answer = _answer(job, start_size)
            answers.send(answer)
            if not answer[2]:
                return


@dataclass
class _Spare:
    """A forked worker child waiting for a job, with the server's ends of its two pipes."""

    process: Any
    jobs: Connection
    answers: Connection
    served: int = 0

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
    process = context.Process(target=_serve, args=(job_receiver, answer_sender), daemon=True)
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
    """A waiting worker (forking one now only when every one is busy)."""
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
    return spare


def _give_back(spare: _Spare, reusable: bool) -> None:
    """Back among the waiting workers if it may serve again (keeping at most SPARES, the most used); else
    ended, and a replacement forked in the background."""
    if reusable and spare.served < REUSES and spare.process.is_alive():
        with _spares_lock:
            _spares.append(spare)  # taken next: the warmest worker serves first
            if len(_spares) <= SPARES:
                return
            spare = min(_spares, key=lambda waiting: waiting.served)  # one too many: the least used goes
            _spares.remove(spare)
        spare.discard()
        return
    spare.discard()
    threading.Thread(target=_refill, name="module-worker-refill", daemon=True).start()


def convert_to_results(
    data: bytes,
    *,
    identity: str,
    name: str,
    settings: Settings,
    namespace: uuid.UUID,
    roles_on_tags: bool = False,
    seconds: float | None = None,
    wait: float | None = None,
) -> dict[str, Any]:
    """The misp_standard results of one report (`roles_on_tags` as misp_standard_results takes it), converted in
    a child process within `seconds` of processor time (QUERY_SECONDS without), QUERY_MEMORY, and the wall-clock
    backstop before the caller, who waits `wait` seconds (MISP's query `timeout`), gives up (see time_limit.py);
    ReportError when it is refused, runs over its budget or dies. The worker was forked before the query came and
    is warm (see SPARES and REUSES)."""
    seconds = QUERY_SECONDS if seconds is None else seconds
    spare = _take_spare()
    reusable = False
    try:
        budget = Budget(spare.process.pid, seconds, backstop(seconds, wait), wait)
        spare.jobs.send((QUERY_MEMORY, data, identity, name, settings, namespace, roles_on_tags))
        while not spare.answers.poll(budget.next_look()):
            reason = budget.overrun()
            if reason is not None:
                raise ReportError(name, budget.message(reason))
        try:
            status, payload, reusable = spare.answers.recv()
        except EOFError as exc:
            spare.process.join(1)
            raise ReportError(
                name,
                f"the conversion process ended without an answer (exit code {spare.process.exitcode}); "
                "the report may need more memory than the module allows",
            ) from exc
    finally:
        spare.served += 1
        _give_back(spare, reusable)
    if status == "ok":
        return payload
    if status == "error":
        raise ReportError(name, payload)
    raise RuntimeError(payload)
