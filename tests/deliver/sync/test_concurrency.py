"""Concurrent writes to MISP (workers) and conversion on several processes (jobs), against the MISP double
with a per-request delay: the same events as one writer, never more writers than asked, the state saved
for every event MISP holds when a run is stopped, and a 429 slowing every writer."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from misp_double import Fault, LoggedRequest, MispDouble
from sync_helpers import expected_event, generate_reports, live, only_the_key_check, stored_event

from misp_module.deliver.sync import runner
from misp_module.deliver.sync.config import SyncConfig, from_mapping
from misp_module.deliver.sync.output import ConsoleProgress
from misp_module.deliver.sync.pace import Pace
from misp_module.deliver.sync.retry import RetryPolicy, TransientError
from misp_module.deliver.sync.runner import Runner, Summary, convert_task
from misp_module.deliver.sync.sinks.misp import MispConnection, MispSink
from misp_module.deliver.sync.sources.folder import FolderSource
from misp_module.deliver.sync.state import StateStore
from misp_module.errors import ConfigError
from misp_module.settings import Settings

REPORTS = 12


def run(
    double: MispDouble,
    folder: Path,
    state: Path,
    *,
    jobs: int = 1,
    workers: int = 1,
    stop: threading.Event | None = None,
    pace: Pace | None = None,
) -> tuple[Summary, dict[str, str]]:
    """One run as `misp-report sync` makes it; the summary, and the state's event UUID per report."""
    settings = Settings()
    pace = pace or Pace(workers)
    retry = RetryPolicy(attempts=3, base=0.01, cap=0.05, pace=pace)
    sink = MispSink(MispConnection(double.url, double.key), retry)
    store = StateStore(state, sink.name)
    runner = Runner(
        FolderSource(folder, settings.max_report_bytes),
        sink,
        store,
        settings,
        ConsoleProgress(interactive=False),
        stop=stop or threading.Event(),
        jobs=jobs,
        workers=workers,
        pace=pace,
    )
    summary = runner.run()
    saved = {identity: d.event_uuid for identity, d in store.all().items() if d.status == "ok"}
    store.close()
    return summary, saved


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    generate_reports(tmp_path / "reports", REPORTS)
    return tmp_path / "reports"


def adds_at_once(double: MispDouble, count: int) -> None:
    """MISP answers none of the first `count` adds before all of them have arrived: that many writers are in
    progress at once however slowly a loaded machine converts the reports (a wait on time alone made them
    overlap only when the conversions kept up). The wait ends after 60 s: a run with fewer writers fails the
    count."""
    arrived: list[str] = []
    everyone = threading.Event()
    lock = threading.Lock()

    def hold(user: str, method: str, path: str, body: object) -> None:
        if path != "/events/add":
            return
        with lock:
            if len(arrived) >= count:
                return
            arrived.append(path)
            if len(arrived) == count:
                everyone.set()
        everyone.wait(timeout=60)

    double.on_arrival = hold


def test_four_writers_and_two_conversion_processes_deliver_what_one_writer_does(
    double: MispDouble, folder: Path, tmp_path: Path
) -> None:
    adds_at_once(double, 4)
    double.inject(Fault(path="/events/add", delay=0.2, times=0))  # a fifth writer would overlap them
    summary, saved = run(double, folder, tmp_path / "state", jobs=2, workers=4)

    assert summary.counts["created"] == REPORTS and not summary.failures, summary
    assert double.peak_in_progress == 4, "four writes at once, never more"
    wanted = {e["uuid"]: e for e in (expected_event(p, folder) for p in sorted(folder.rglob("*.txt")))}
    assert set(double.model.events) == set(wanted) == set(saved.values())
    for event_uuid, event in wanted.items():
        stored = stored_event(double, event_uuid)
        assert live(stored) == live(event) and stored["info"] == event["info"]
    double.clear_log()
    again, _ = run(double, folder, tmp_path / "state", jobs=2, workers=4)
    assert again.counts["unchanged"] == REPORTS and only_the_key_check(double)


def test_a_first_sync_connects_to_misp_while_its_first_report_converts(
    double: MispDouble, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PyMISP's constructor asks MISP three times before the first write: a run with new reports asks them
    while the first report converts (a cold start loads the knowledge then), not after. The first conversion
    here waits until MISP has been asked, so a run that connected only once it was done would wait in vain."""
    asked = threading.Event()
    double.on_request = lambda request: asked.set()
    converted: list[bool] = []

    def convert_after_the_connection(task: runner.ConversionTask) -> runner.Converted:
        if not converted:
            converted.append(asked.wait(timeout=20))
        return convert_task(task)

    monkeypatch.setattr(runner, "convert_task", convert_after_the_connection)
    summary, _ = run(double, folder, tmp_path / "state", workers=2)
    assert summary.counts["created"] == REPORTS
    assert converted == [True], "MISP was asked nothing while the first report converted"


def test_one_writer_never_overlaps_its_requests(double: MispDouble, folder: Path, tmp_path: Path) -> None:
    double.inject(Fault(path="/events/add", delay=0.02, times=0))
    summary, _ = run(double, folder, tmp_path / "state", workers=1)
    assert summary.counts["created"] == REPORTS
    assert double.peak_in_progress == 1


def test_a_stop_finishes_the_writes_in_flight_and_saves_them(double: MispDouble, folder: Path, tmp_path: Path):
    stop = threading.Event()
    adds: list[LoggedRequest] = []

    def stop_on_third_add(entry: LoggedRequest) -> None:
        if entry.path == "/events/add":
            adds.append(entry)
            if len(adds) == 3:
                stop.set()

    double.inject(Fault(path="/events/add", delay=0.05, times=0))
    double.on_request = stop_on_third_add
    summary, saved = run(double, folder, tmp_path / "state", workers=4, stop=stop)
    double.on_request = None

    assert summary.interrupted and summary.exit_code == 130
    assert 3 <= len(double.model.events) < REPORTS
    assert set(double.model.events) == set(saved.values()), "every event MISP holds is in the state"
    rerun, saved = run(double, folder, tmp_path / "state", workers=4)
    assert rerun.counts["created"] == REPORTS - len(adds) and rerun.counts["unchanged"] == len(adds)
    assert set(double.model.events) == set(saved.values()) and len(saved) == REPORTS


def test_a_429_slows_every_writer_and_the_run_still_delivers_everything(
    double: MispDouble, folder: Path, tmp_path: Path
) -> None:
    double.inject(Fault(path="/events/add", status=429, retry_after=0, times=2))  # the first faults listed win
    double.inject(Fault(path="/events/add", delay=0.02, times=0))
    pace = Pace(4)
    summary, saved = run(double, folder, tmp_path / "state", workers=4, pace=pace)
    assert summary.counts["created"] == REPORTS and not summary.failures
    assert pace.slowdowns == 2 and len(saved) == REPORTS
    assert [r.status for r in double.requests() if r.path == "/events/add"].count(429) == 2


class Clock:
    """A fake monotonic clock whose `sleep` records the wait and lets the time pass."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_pause_of_a_429_holds_back_the_other_writers_and_halves_the_writes_at_a_time() -> None:
    clock = Clock()
    pace = Pace(4, clock=clock)
    throttled = RetryPolicy(attempts=2, sleep=clock.sleep, random=lambda: 0.0, pace=pace)
    answers = iter([TransientError(429, 30.0), "created"])

    def add() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert throttled.call("add", add) == "created"
    assert clock.slept == [30.0] and pace.limit == 2
    other = RetryPolicy(attempts=1, sleep=clock.sleep, pace=pace)
    clock.now = 110.0
    assert other.call("another writer's add", lambda: "ok") == "ok"
    assert clock.slept == [30.0, 20.0], "the other writer waited for the rest of the pause"
    for _ in range(4):
        pace.succeeded()
    assert pace.limit == 3 and pace.pause_left() == 0


def test_a_503_retries_without_slowing_the_others() -> None:
    pace = Pace(4)
    answers = iter([TransientError(503, None), "ok"])

    def call() -> str:
        answer = next(answers)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert RetryPolicy(attempts=2, sleep=lambda s: None, pace=pace).call("add", call) == "ok"
    assert pace.limit == 4 and pace.slowdowns == 0


def test_workers_and_jobs_come_from_the_config_file_and_must_be_positive(tmp_path: Path) -> None:
    config = from_mapping("sync.yaml", {"jobs": 3, "misp": {"workers": 8}}, tmp_path)
    assert (config.jobs, config.workers) == (3, 8)
    assert (from_mapping("sync.yaml", {}, tmp_path).jobs, SyncConfig().workers) == (None, 4)
    for bad in ({"misp": {"workers": 0}}, {"jobs": "two"}, {"misp": {"workers": True}}):
        with pytest.raises(ConfigError, match="expected a whole number of at least 1"):
            from_mapping("sync.yaml", bad, tmp_path)


def test_the_workers_flag_reaches_the_run(sync, reports: Path, double: MispDouble) -> None:
    adds_at_once(double, 2)
    double.inject(Fault(path="/events/add", delay=0.1, times=0))  # a third writer would overlap them
    result = sync(str(reports), "--workers", "2", "--jobs", "1", double=double)
    assert result.code == 0, result.out + result.err
    assert double.peak_in_progress == 2
    assert sync(str(reports), "--workers", "0", double=double).code == 2
