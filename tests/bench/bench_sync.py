"""Sync benchmark: 1,000 generated reports against the MISP double, first sync and no-change resync.

The double runs in its own process, so the peak memory printed is the sync's own (peak RSS of this
process); requests are counted on the client side, by the sink's response observer.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Connection
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(TESTS), str(TESTS / "deliver" / "sync")]

from misp_double import MispDouble  # noqa: E402
from sync_helpers import generate_reports  # noqa: E402

from misp_module.deliver.sync.output import ConsoleProgress  # noqa: E402
from misp_module.deliver.sync.retry import RetryPolicy  # noqa: E402
from misp_module.deliver.sync.runner import Runner, Summary  # noqa: E402
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink  # noqa: E402
from misp_module.deliver.sync.sources.folder import FolderSource  # noqa: E402
from misp_module.deliver.sync.state import StateStore  # noqa: E402
from misp_module.settings import Settings  # noqa: E402

REPORTS = 1000


class Quiet(ConsoleProgress):
    def report(self, identity: str, outcome: object, dry_run: bool) -> None:
        """No per-report line in a benchmark."""


def serve(connection: Connection) -> None:
    """The double, in a child process until told to stop."""
    with MispDouble() as double:
        connection.send((double.url, double.key))
        connection.recv()


def one_run(url: str, key: str, folder: Path, state_dir: Path) -> tuple[Summary, float, int, int]:
    """A whole run as `misp-report sync` makes it: summary, seconds, requests and write requests."""
    settings = Settings()
    sink = MispSink(MispConnection(url, key), RetryPolicy())
    state = StateStore(state_dir, sink.name)
    runner = Runner(
        FolderSource(folder, settings.max_report_bytes), sink, state, settings, Quiet(), stop=threading.Event()
    )
    start = time.perf_counter()
    summary = runner.run()
    elapsed = time.perf_counter() - start
    state.close()
    return summary, elapsed, sink.observer.requests, sink.observer.writes


def peak_rss_mib() -> float:
    """VmHWM: unlike ru_maxrss it starts afresh at exec (ru_maxrss keeps the forking parent's peak)."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(url: str, key: str) -> None:
    """Both runs; called in a fresh interpreter (`--measure`) so that its peak RSS is the sync's alone."""
    lines = []
    with tempfile.TemporaryDirectory() as temporary:
        folder, state = Path(temporary) / "reports", Path(temporary) / "state"
        generate_reports(folder, REPORTS)
        before = peak_rss_mib()
        summary, first, requests, writes = one_run(url, key, folder, state)
        assert summary.counts["created"] == REPORTS, summary
        lines.append(
            f"sync: first sync of {REPORTS} reports to the MISP double: {first:.2f} s "
            f"({first / REPORTS * 1000:.1f} ms per report), {requests / REPORTS:.3f} requests per event "
            f"({requests} requests, {writes} writes)"
        )
        summary, again, requests, writes = one_run(url, key, folder, state)
        assert summary.counts["unchanged"] == REPORTS, summary
        lines.append(
            f"sync: no-change resync of {REPORTS} reports: {again:.3f} s, {requests} requests ({writes} writes)"
        )
        lines.append(
            f"sync: peak RSS of the sync process {peak_rss_mib():.0f} MiB ({before:.0f} MiB after the imports, "
            "before the first sync)"
        )
    print("\n".join(lines))


def main() -> None:
    """Print the first sync's time and requests per event, the resync's time and requests, peak memory."""
    to_double, double_end = multiprocessing.Pipe()
    server = multiprocessing.get_context("fork").Process(target=serve, args=(double_end,), daemon=True)
    server.start()
    url, key = to_double.recv()
    try:
        worker = subprocess.run(
            [sys.executable, __file__, "--measure"],
            env={**os.environ, "MISP_URL": url, "MISP_KEY": key},
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        print(worker.stdout, end="")
    finally:
        to_double.send("stop")
        server.join(timeout=10)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        measure(os.environ["MISP_URL"], os.environ["MISP_KEY"])
    else:
        main()
