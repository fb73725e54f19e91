"""`misp-report sync` on a hostile or unlucky folder, two syncs sharing a feed folder, and a stop request
while a report hangs: the good reports are delivered, each bad one is one line, nothing hangs or stays locked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from misp_double import Fault, MispDouble
from sync_helpers import DATA

from misp_module.deliver.sync.lock import acquire, release
from misp_module.deliver.sync.sinks.feed import LOCK
from misp_module.deliver.sync.state import StateLocked, exclusive

CLI = Path(sys.executable).with_name("misp-report")
GOOD = "The loader campaign reached three banks in Chile and Peru through malvertising this week.\n"


def hostile_folder(folder: Path) -> Path:
    """The three sample reports among a FIFO, a symlink loop and a report with an impossible date."""
    folder.mkdir()
    for path in (DATA / "reports").iterdir():
        (folder / path.name).write_bytes(path.read_bytes())
    os.mkfifo(folder / "pipe.txt")
    (folder / "loop.md").symlink_to("loop.md")
    (folder / "bad-date.md").write_text("---\ntitle: Loader campaign\ndate: 2025-02-30\n---\n" + GOOD)
    return folder


def test_a_hostile_folder_delivers_the_good_reports_and_reports_each_bad_one(double: MispDouble, tmp_path) -> None:
    folder = hostile_folder(tmp_path / "reports")
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    command = [str(CLI), "sync", str(folder), "--state-dir", str(tmp_path / "state")]
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert len(double.model.events) == 3
    failed = [line for line in (result.stdout + result.stderr).splitlines() if line.startswith("failed ")]
    for name, reason in (("pipe.txt", "named pipe (FIFO)"), ("loop.md", "symlink loop"), ("bad-date.md", "")):
        lines = [line for line in failed if name in line]
        assert len(lines) == 1 and reason in lines[0], result.stdout
    assert len(failed) == 3
    # the next run retries only the bad ones, and still does not hang
    double.clear_log()
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 1 and double.writes() == []


def feed_state(feed: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in feed.iterdir() if p.is_file()}


def test_a_run_refused_by_the_feed_lock_writes_nothing(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    assert sync(str(reports), "--feed-dir", str(feed), state=tmp_path / "state-a").code == 0
    manifest = json.loads((feed / "manifest.json").read_text())
    manifest.pop(sorted(manifest)[0])  # what two unlocked syncs used to leave: an event missing from it
    (feed / "manifest.json").write_text(json.dumps(manifest))
    (reports / "delta.md").write_text(GOOD)
    before = feed_state(feed)
    holder = acquire(feed / LOCK, RuntimeError)
    try:
        refused = sync(str(reports), "--feed-dir", str(feed), state=tmp_path / "state-b")
    finally:
        release(holder)
    assert refused.code == 2
    assert "another sync is writing this feed folder" in refused.err and str(os.getpid()) in refused.err
    assert feed_state(feed) == before


def test_a_manifest_missing_events_is_rebuilt_from_the_event_files(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    assert sync(str(reports), "--feed-dir", str(feed), state=tmp_path / "state-a").code == 0
    complete = json.loads((feed / "manifest.json").read_text())
    damaged = dict(complete)
    damaged.pop(sorted(damaged)[0])
    (feed / "manifest.json").write_text(json.dumps(damaged))
    result = sync(str(reports), "--feed-dir", str(feed), state=tmp_path / "state-b")
    assert result.code == 0, result.err
    assert "manifest.json does not list exactly the event files present; rebuilding it" in result.err
    assert json.loads((feed / "manifest.json").read_text()) == complete


def test_a_run_refused_by_the_state_lock_does_not_touch_the_feed(sync, reports: Path, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    assert sync(str(reports), "--feed-dir", str(feed)).code == 0
    (feed / ".manifest-dirty").touch()  # would make any run that opens the feed rewrite the manifest
    before = feed_state(feed)
    with exclusive(tmp_path / "state"):
        assert sync(str(reports), "--feed-dir", str(feed)).code == 2
    assert feed_state(feed) == before


def test_a_second_sigterm_ends_a_run_stuck_in_a_request_and_releases_the_lock(double: MispDouble, tmp_path) -> None:
    reports = hostile_folder(tmp_path / "reports")
    held = double.inject(Fault(path="/events/add", delay=30, times=0))  # MISP holds every add; the client would wait
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    command = [str(CLI), "sync", str(reports), "--state-dir", str(tmp_path / "state"), "--timeout", "120"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # An add is being held: the work in flight cannot end (a fixed wait raced the conversions on a busy machine, and
    # a first signal before any add made the run stop cleanly, with nothing to say)
    deadline = time.monotonic() + 60
    while not held.taken:
        assert time.monotonic() < deadline and process.poll() is None, "no add reached MISP"
        time.sleep(0.05)
    process.send_signal(signal.SIGTERM)  # finish what is in flight: it cannot
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)  # now
    _, err = process.communicate(timeout=30)
    assert process.returncode == 128 + signal.SIGTERM
    assert "stopped before the work in flight ended; it is redone on the next run" in err
    assert "Traceback" not in err
    assert double.model.events == {}  # the run ended while MISP still held its requests
    deadline = time.monotonic() + 10
    while True:  # the lock goes with the process (and its conversion workers, which die with it)
        try:
            with exclusive(tmp_path / "state"):
                break
        except StateLocked:
            assert time.monotonic() < deadline, "the state lock outlived the run"
            time.sleep(0.1)
    double.faults.clear()
    double.on_request = None
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1, rerun.stdout  # the bad reports still fail; the good ones are delivered
    assert len(double.model.events) == 3


def test_a_damaged_state_file_is_one_line_saying_what_to_do(sync, reports: Path, tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "state.sqlite3").write_bytes(b"not a database, whatever happened to it" * 100)
    result = sync(str(reports), "--feed-dir", str(tmp_path / "feed"))
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "state.sqlite3: the sync state cannot be used" in lines[0] and "move it away" in lines[0]


def test_a_feed_folder_that_cannot_be_created_is_one_line(sync, reports: Path, tmp_path: Path) -> None:
    (tmp_path / "taken").write_text("a file")
    result = sync(str(reports), "--feed-dir", str(tmp_path / "taken" / "feed"))
    assert result.code == 1
    assert result.err.strip().splitlines() == [f"misp-report: error: {tmp_path / 'taken' / 'feed'}: Not a directory"]


def test_a_file_name_cannot_forge_a_line_of_the_sync_output(sync, reports: Path, tmp_path: Path) -> None:
    (reports / "x\nfailed   *: everything.md").write_bytes(b"")
    result = sync(str(reports), "--feed-dir", str(tmp_path / "feed"))
    assert result.code == 1
    failed = [line for line in result.shown.splitlines() if line.startswith("failed ")]
    assert len(failed) == 1 and "x\\nfailed   *: everything.md" in failed[0] and "file is empty" in failed[0]
    assert not [line for line in result.err.splitlines() if line.startswith("failed   *")]


def test_a_file_name_that_is_not_utf8_is_synced_under_a_readable_identity(sync, reports: Path, tmp_path) -> None:
    Path(os.fsdecode(os.fsencode(reports) + b"/rapport-\xe9t\xe9.md")).write_text(GOOD)
    result = sync(str(reports), "--feed-dir", str(tmp_path / "feed"))
    assert result.code == 0, result.out + result.err
    assert "created rapport-\\xe9t\\xe9.md" in result.err
    assert sync(str(reports), "--feed-dir", str(tmp_path / "feed")).code == 0  # and it is unchanged next time
