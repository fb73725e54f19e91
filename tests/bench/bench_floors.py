"""The speed table: every figure next to its floor, both measured in this run, and their ratio.

Absolute times drift on a shared machine; a figure divided by a floor measured minutes apart on the same
machine holds. Floors: PyMISP loading and writing the very events `convert` wrote; `python -c "import
pymisp"`; one token-regex pass over the 2 MB report; the same 20 KB report converted in-process; bare serial
`PyMISP.add_event` of the very events the sync creates, against the MISP double answering every request
after DELAY seconds (a real MISP spends tens of milliseconds on a write).
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from unittest import mock

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS / "deliver" / "sync"), str(Path(__file__).resolve().parent)]

from bench_extract import varied_report  # noqa: E402
from bench_modules import import_query, modules_server, timed, twenty_kb_report  # noqa: E402
from misp_double import Fault, MispDouble  # noqa: E402
from pymisp import MISPEvent, PyMISP  # noqa: E402
from sync_helpers import expected_event, generate_reports  # noqa: E402

from misp_module import budget  # noqa: E402
from misp_module.deliver.cli import build_parser  # noqa: E402
from misp_module.deliver.convert_cli import run as convert_run  # noqa: E402
from misp_module.deliver.files import (  # noqa: E402
    discover_reports,
    event_json,
    file_date,
    report_identity,
    write_atomically,
)
from misp_module.deliver.parallel import default_jobs  # noqa: E402
from misp_module.deliver.sync.output import ConsoleProgress  # noqa: E402
from misp_module.deliver.sync.pace import Pace  # noqa: E402
from misp_module.deliver.sync.retry import RetryPolicy  # noqa: E402
from misp_module.deliver.sync.runner import Runner  # noqa: E402
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink  # noqa: E402
from misp_module.deliver.sync.sources.folder import FolderSource  # noqa: E402
from misp_module.deliver.sync.state import StateStore  # noqa: E402
from misp_module.pipeline import convert_bytes  # noqa: E402
from misp_module.settings import Settings  # noqa: E402

SAMPLES = TESTS / "data" / "reports"
REPORTS = 300
SYNC_REPORTS = 50
DELAY = 0.05
COLD_RUNS = 5
TOKEN = re.compile(r"\w+")
ROWS: list[tuple[str, ...]] = []


@dataclass(frozen=True)
class Timing:
    """Elapsed seconds and the CPU seconds of this process and its children over the same span: on a
    machine other jobs load, CPU time drifts far less than elapsed time."""

    wall: float
    cpu: float


@contextlib.contextmanager
def timing() -> Iterator[list[Timing]]:
    result: list[Timing] = []
    before = (time.perf_counter(), _cpu())
    yield result
    result.append(Timing(time.perf_counter() - before[0], _cpu() - before[1]))


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def best(measure: Callable[[], Timing], runs: int) -> Timing:
    """The run with the least CPU time (the least disturbed by other jobs)."""
    return min((measure() for _ in range(runs)), key=lambda t: t.cpu)


def row(figure: str, ours: str, floor: str, ratio: float, goal: str, cpu_ratio: float | None = None) -> None:
    cpu = f"{cpu_ratio:.2f}x" if cpu_ratio is not None else "-"
    ROWS.append((figure, ours, floor, f"{ratio:.2f}x", cpu, goal))
    print(f"floors: {figure}: {ours} against {floor}: {ratio:.2f}x, CPU {cpu} (goal {goal})", flush=True)


def sample_corpus(folder: Path, count: int) -> None:
    """`count` reports: the repository's sample reports (every format) under numbered names."""
    samples = discover_reports(SAMPLES)
    folder.mkdir(parents=True)
    for number in range(count):
        sample = samples[number % len(samples)]
        (folder / f"{sample.stem}-{number:03d}{sample.suffix}").write_bytes(sample.read_bytes())


def convert_folder(folder: Path, out: Path, jobs: int) -> Timing:
    """`misp-report convert FOLDER -o OUT --jobs N` in this (warm) process."""
    args = build_parser().parse_args(["convert", str(folder), "-o", str(out), "--jobs", str(jobs)])
    with timing() as took, contextlib.redirect_stderr(io.StringIO()):
        convert_run(args)
    return took[0]


def pymisp_load_and_write(events: Path, out: Path) -> Timing:
    """PyMISP's own cost for the same events: load each event file into a MISPEvent and write it back."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    with timing() as took:
        for path in sorted(events.glob("*.json")):
            event = MISPEvent()
            event.load_file(str(path))
            write_atomically(out / path.name, event.to_json(indent=2))
    return took[0]


def warm_convert() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder, out = Path(temporary) / "reports", Path(temporary) / "events"
        sample_corpus(folder, REPORTS)
        convert_folder(folder, out, 1)  # warm: knowledge loaded, files cached
        one = best(lambda: convert_folder(folder, out, 1), 3)
        every = best(lambda: convert_folder(folder, out, default_jobs()), 2)
        floor = best(lambda: pymisp_load_and_write(out, Path(temporary) / "floor"), 3)
    row(
        f"warm convert of {REPORTS} reports, one process",
        f"{one.wall:.2f} s, CPU {one.cpu:.2f} s ({REPORTS / one.cpu:.0f} reports per CPU second)",
        f"PyMISP loading+writing them {floor.wall:.2f} s, CPU {floor.cpu:.2f} s",
        one.wall / floor.wall,
        "<= 2.0x, >= 150 reports/s per core",
        one.cpu / floor.cpu,
    )
    row(
        f"warm convert of {REPORTS} reports, --jobs {default_jobs()}",
        f"{every.wall:.2f} s ({REPORTS / every.wall:.0f} reports/s)",
        f"PyMISP loading+writing them {floor.wall:.2f} s",
        every.wall / floor.wall,
        "both cores used: below the one-process ratio",
    )


def _run(command: list[str], env: dict[str, str] | None = None) -> Timing:
    with timing() as took:
        subprocess.run(command, check=True, capture_output=True, env=env)
    return took[0]


def installed_env(bytecode: Path) -> dict[str, str]:
    """The environment of a cold start as an installed package has it: every module's bytecode compiled once
    (pip compiles it at install time; Python writes it at the first import). A PYTHONDONTWRITEBYTECODE set
    for the checkout would otherwise make our modules compile from source at every start, while the floor's
    (pymisp's, installed) are read as bytecode. The bytecode goes to a folder of its own, not the checkout."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(bytecode)
    return env


def _median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.wall for t in timings), statistics.median(t.cpu for t in timings))


def cold_convert() -> None:
    cli = str(Path(sys.executable).with_name("misp-report"))
    report = str(SAMPLES / "deepseek-czechia.txt")
    with tempfile.TemporaryDirectory() as bytecode:
        env = installed_env(Path(bytecode))
        _run([cli, "convert", report], env)  # the knowledge cache and the bytecode exist, as after any first run
        _run([sys.executable, "-c", "import pymisp"], env)
        ours, floor = [], []
        for _ in range(COLD_RUNS):  # interleaved: both see the same load
            ours.append(_run([cli, "convert", report], env))
            floor.append(_run([sys.executable, "-c", "import pymisp"], env))
    mine, base = _median(ours), _median(floor)
    row(
        "cold convert of one report",
        f"{mine.wall:.2f} s, CPU {mine.cpu:.2f} s",
        f"python -c 'import pymisp' {base.wall:.2f} s, CPU {base.cpu:.2f} s",
        mine.wall / base.wall,
        "<= 2.0x, <= 0.6 s",
        mine.cpu / base.cpu,
    )


def big_report() -> None:
    data = varied_report(2_000_000)  # not repeating itself: no per-value cache flatters the figure
    settings = Settings()
    convert_bytes(SAMPLES.joinpath("deepseek-czechia.txt").read_bytes(), identity="w", name="w", settings=settings)
    # The reports' indicator density gives a 2 MB report more indicators than one conversion accepts
    # (budget.MAX_INDICATORS, a guard against hostile input): the cap is lifted here to measure throughput.
    uncapped = mock.patch.object(budget, "MAX_INDICATORS", 10**7), mock.patch.object(budget, "MAX_NAMES", 10**7)
    with uncapped[0], uncapped[1], timing() as took:
        event_json(convert_bytes(data, identity="big", name="big.md", settings=settings))
    ours = took[0]
    text = data.decode()

    def token_pass() -> Timing:
        with timing() as took:
            TOKEN.findall(text)
        return took[0]

    floor = best(token_pass, 3)
    row(
        "one 2 MB report, warm (cold start subtracted)",
        f"{ours.wall:.2f} s ({len(data) / ours.wall / 1e6:.2f} MB/s), CPU {ours.cpu:.2f} s",
        f"one token-regex pass {floor.wall * 1000:.0f} ms",
        ours.wall / floor.wall,
        "<= 10x, >= 3 MB/s",
        ours.cpu / floor.cpu if floor.cpu > 0 else None,
    )


def import_module() -> None:
    data = twenty_kb_report()
    query = import_query(data)
    with modules_server() as (base, _):
        timed(base + "/query", query)
        timings = sorted(timed(base + "/query", query) for _ in range(100))
    p95 = timings[94]
    settings = Settings()
    inline = []
    for _ in range(20):
        start = time.perf_counter()
        event_json(convert_bytes(data, identity="report-20kb.txt", name="report-20kb.txt", settings=settings))
        inline.append(time.perf_counter() - start)
    floor = statistics.median(inline)
    row(
        "import module, warm, 20 KB report, p95",
        f"{p95 * 1000:.0f} ms",
        f"the same conversion in-process {floor * 1000:.0f} ms",
        p95 / floor,
        "p95 <= 50 ms",
    )


# -- the sync against the MISP double with a per-request delay -----------------------------------------
def serve(connection: Connection, delay: float) -> None:
    """The double in its own process (its threads do not share this one's GIL), every request late."""
    with MispDouble() as double:
        for method in ("GET", "POST", "HEAD"):
            double.inject(Fault(path="", method=method, delay=delay, times=0))
        connection.send((double.url, double.key))
        connection.recv()


def with_double(measure: Callable[[str, str], float]) -> float:
    """`measure(url, key)` against a fresh double in a child process."""
    here, there = multiprocessing.Pipe()
    server = multiprocessing.get_context("fork").Process(target=serve, args=(there, DELAY), daemon=True)
    server.start()
    url, key = here.recv()
    try:
        return measure(url, key)
    finally:
        here.send("stop")
        server.join(timeout=10)


def serial_adds(events: list[dict[str, Any]], verify: bool = True) -> Callable[[str, str], float]:
    def measure(url: str, key: str) -> float:
        start = time.perf_counter()
        misp = PyMISP(url, key, ssl=verify)
        for event in events:
            misp.add_event(event)
        return time.perf_counter() - start

    return measure


def threaded_adds(events: list[dict[str, Any]], threads: int, verify: bool = True) -> Callable[[str, str], float]:
    def measure(url: str, key: str) -> float:
        def add(part: list[dict[str, Any]]) -> None:
            misp = PyMISP(url, key, ssl=verify)
            for event in part:
                misp.add_event(event)

        workers = [threading.Thread(target=add, args=(events[n::threads],)) for n in range(threads)]
        start = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        return time.perf_counter() - start

    return measure


def first_sync(
    folder: Path, state: Path, workers: int, namespace: uuid.UUID | None = None, verify: bool = True
) -> Callable[[str, str], float]:
    def measure(url: str, key: str) -> float:
        settings, pace = Settings(), Pace(workers)
        sink = MispSink(MispConnection(url, key, verify=verify), RetryPolicy(pace=pace))
        store = StateStore(state / f"{workers}", sink.name)
        runner = Runner(
            FolderSource(folder, settings.max_report_bytes),
            sink,
            store,
            settings,
            ConsoleProgress(io.StringIO(), interactive=False),
            namespace=namespace,
            jobs=default_jobs(),
            workers=workers,
            pace=pace,
        )
        start = time.perf_counter()
        summary = runner.run()
        elapsed = time.perf_counter() - start
        store.close()
        assert summary.counts["created"] == SYNC_REPORTS, summary
        return elapsed

    return measure


def sync() -> None:
    with tempfile.TemporaryDirectory() as temporary:
        folder, state = Path(temporary) / "reports", Path(temporary) / "state"
        paths = generate_reports(folder, SYNC_REPORTS)
        events = [expected_event(path, folder) for path in paths]
        serial = with_double(serial_adds(events))
        threaded = with_double(threaded_adds(events, 4))
        ours = with_double(first_sync(folder, state, 4))
        one = with_double(first_sync(folder, state, 1))
    floor = f"serial PyMISP.add_event {serial:.2f} s"
    row(f"first sync of {SYNC_REPORTS} reports, 4 writers", f"{ours:.2f} s", floor, ours / serial, "<= 1.0x")
    row(f"first sync of {SYNC_REPORTS} reports, 1 writer", f"{one:.2f} s", floor, one / serial, "(reference)")
    row("add_event from 4 threads", f"{threaded:.2f} s", floor, threaded / serial, "(real MISP: 1/2.3 = 0.43x)")


def converted(paths: list[Path], folder: Path, namespace: uuid.UUID) -> list[dict[str, Any]]:
    """The events a sync in `namespace` creates for the reports (as JSON)."""
    events = []
    for path in paths:
        event = convert_bytes(
            path.read_bytes(),
            identity=report_identity(path, folder),
            name=str(path),
            settings=Settings(),
            fallback_date=file_date(path, None),
            namespace=namespace,
        )
        events.append(json.loads(event.to_json()))
    return events


def live_sync() -> None:
    """With MISP_URL and MISP_KEY: the sync figures against that MISP; every event made is deleted after."""
    url, key = os.environ.get("MISP_URL"), os.environ.get("MISP_KEY")
    if not (url and key):
        print("floors: set MISP_URL and MISP_KEY to measure the sync against a real MISP as well")
        return
    verify = os.environ.get("MISP_INSECURE") != "1"
    made: list[str] = []
    with tempfile.TemporaryDirectory() as temporary:
        folder, state = Path(temporary) / "reports", Path(temporary) / "state"
        paths = generate_reports(folder, SYNC_REPORTS)
        try:
            batches = [converted(paths, folder, uuid.uuid4()) for _ in range(2)]
            synced = uuid.uuid4()
            made += [e["uuid"] for batch in [*batches, converted(paths, folder, synced)] for e in batch]
            serial = serial_adds(batches[0], verify)(url, key)
            threaded = threaded_adds(batches[1], 4, verify)(url, key)
            ours = first_sync(folder, state, 4, synced, verify)(url, key)
        finally:
            misp = PyMISP(url, key, ssl=verify)
            for event_uuid in made:
                misp.delete_event(event_uuid)
                misp.delete_event_blocklist(event_uuid)
    floor = f"serial PyMISP.add_event {serial:.2f} s"
    row(f"real MISP: first sync of {SYNC_REPORTS} reports, 4 writers", f"{ours:.2f} s", floor, ours / serial, "<= 1.0x")
    row("real MISP: add_event from 4 threads", f"{threaded:.2f} s", floor, threaded / serial, "(1/2.3 = 0.43x)")


def main() -> None:
    """Print each figure with its floor and ratio, then the table; asserts nothing about time. Arguments pick
    figures by name (warm, cold, big, module, sync, live); none runs them all."""
    print(f"floors: {os.cpu_count()} CPUs, {default_jobs()} usable; MISP double answering after {DELAY * 1000:.0f} ms")
    ROWS.clear()
    figures = {
        "warm": warm_convert,
        "cold": cold_convert,
        "big": big_report,
        "module": import_module,
        "sync": sync,
        "live": live_sync,
    }
    chosen = sys.argv[1:] or list(figures)
    for name in chosen:
        figures[name]()
    print("\n| figure | ours | floor | ratio | CPU ratio | goal |\n|---|---|---|---|---|---|")
    for line in ROWS:
        print("| " + " | ".join(line) + " |")
    print()


if __name__ == "__main__":
    main()
