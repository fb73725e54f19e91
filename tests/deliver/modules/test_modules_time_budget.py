"""The module's time limit on the real misp-modules server, over HTTP: a report's cost is counted in processor
time, so an honest report on a busy server (its worker held off the processor, as other processes hold it on
a loaded machine) is answered with its results, a report that costs more than the budget is stopped whatever
the load, and a server too busy to finish before MISP gives up (the `timeout` MISP sends with its query) says
so in the module's own error before that, not in misp-modules' bare "Timeout."."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hostile import case_named
from test_modules_hostile import import_query, post

REPORT = Path(__file__).resolve().parents[2] / "data" / "reports" / "indicators-generic-advisory.md"


def query(data: bytes, time_limit: str, timeout: int | None) -> bytes:
    """An import query as MISP sends it, with the administrator's time_limit and MISP's timeout."""
    body = json.loads(import_query(data, "report.md"))
    body["config"]["time_limit"] = time_limit
    if timeout is not None:
        body["timeout"] = timeout
    return json.dumps(body).encode()


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_bytes()
                parents[int(entry)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
    return parents


def _workers(server_pid: int) -> set[int]:
    """The conversion workers of the server: the children of its fork server."""
    parents = _parents()
    forkservers = set()
    for pid, parent in parents.items():
        if parent == server_pid:
            with contextlib.suppress(OSError):
                if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    forkservers.add(pid)
    return {pid for pid, parent in parents.items() if parent in forkservers}


@contextlib.contextmanager
def workers_held(server_pid: int, seconds: float) -> Iterator[None]:
    """Keep every conversion worker (also one forked meanwhile) off the processor for `seconds`: what
    a loaded machine does to a niced process, made certain. They run on when the time is up or the block ends."""
    stopped: set[int] = set()
    release = threading.Event()

    def hold() -> None:
        end = None
        while (end is None or time.monotonic() < end) and not release.is_set():
            for pid in _workers(server_pid) - stopped:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGSTOP)
                    stopped.add(pid)
            if stopped and end is None:
                end = time.monotonic() + seconds
            release.wait(0.02)
        for pid in stopped:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    while not stopped and holder.is_alive():
        time.sleep(0.01)
    try:
        yield
    finally:
        release.set()
        holder.join()


def timed_post(url: str, body: bytes) -> tuple[dict[str, Any], float]:
    started = time.monotonic()
    answer = post(url, body, timeout=60)
    return answer, time.monotonic() - started


def test_an_honest_report_on_a_busy_server_is_answered_with_its_results(modules_server) -> None:
    # The worker gets no processor for 4 s, twice the 2 s budget; the conversion itself needs a fraction of it.
    with workers_held(modules_server.process.pid, 4.0):
        answer, seconds = timed_post(modules_server.url, query(REPORT.read_bytes(), "2", timeout=10))
    assert answer.get("results", {}).get("Attribute"), answer
    assert seconds > 3.5  # it did wait for the processor, past the 2 s budget
    assert modules_server.healthy()


def test_a_server_too_busy_to_answer_in_time_says_so_before_misp_gives_up(modules_server) -> None:
    with workers_held(modules_server.process.pid, 8.0):
        answer, seconds = timed_post(modules_server.url, query(REPORT.read_bytes(), "8", timeout=3))
    error = answer.get("error", "")
    assert "report.md: conversion stopped after" in error, answer
    assert "waiting for the processor, before MISP's timeout of 3 s: the server is busy" in error
    assert seconds < 3.0  # misp-modules' own "Timeout." comes at 3 s
    assert modules_server.healthy()


def test_a_report_that_costs_more_than_the_budget_is_stopped_whatever_the_load(modules_server) -> None:
    hostile = case_named("actor-sentence").make(0.25)  # about 1 s of processor time on an idle machine
    answer, seconds = timed_post(modules_server.url, query(hostile, "0.2", timeout=10))
    assert "report.md: conversion stopped after 0.2 s of processor time, the module's time limit" in answer.get(
        "error", ""
    ), answer
    assert seconds < 10
    normal = post(modules_server.url, query(REPORT.read_bytes(), "8", timeout=10), timeout=10)
    assert normal.get("results", {}).get("Attribute"), normal
