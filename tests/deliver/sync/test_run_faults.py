"""MISP failing, timing out or hiding an event on one report, a process killed between MISP's write and the
state's, and two runs at once: the other reports go on, nothing is written twice or lost, and the run says what
failed and that the next run retries it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from misp_double import Fault, LoggedRequest
from sync_helpers import (
    NEW_IP,
    URL,
    analyst,
    attribute,
    attribute_uuid_of,
    edit_report,
    expected_event,
    first_sync,
    live,
    ok,
    only_the_key_check,
    stored_event,
)

CLI = Path(sys.executable).with_name("misp-report")

REFUSED = {
    "name": "You do not have permission to edit this event.",
    "message": "You do not have permission to edit this event.",
    "url": "/events/edit",
}
FAULTS = {
    "500": (Fault(path="", status=500, times=0), "gave up after retries: MISP answered HTTP 500"),
    "403": (Fault(path="", status=403, body=REFUSED, times=1), "MISP refused the update: You do not have permission"),
    "404": (Fault(path="", status=404, body={"name": "Invalid event", "message": "Invalid event"}), "Invalid event"),
    "timeout": (Fault(path="", delay=1.0, status=503, times=0), "gave up after retries"),
}


@pytest.mark.parametrize("name", list(FAULTS))
def test_misp_failing_on_one_report_fails_only_it_and_the_next_run_delivers_it(
    sync, double, reports: Path, tmp_path: Path, name: str
) -> None:
    event = first_sync(sync, double, reports)
    (tmp_path / "sync.yaml").write_text(
        "sync:\n  retries: {attempts: 2, base_delay: 0.01, max_delay: 0.02}\n  misp: {timeout: 0.3}\n"
    )
    after = edit_report(reports)
    with (reports / "bravo.md").open("a") as handle:
        handle.write("\nThe operators also used 198.51.100.23 for staging.\n")
    fault, message = FAULTS[name]
    double.inject(Fault(**{**fault.__dict__, "path": f"/events/edit/{event['uuid']}"}))

    result = sync(str(reports), double=double)

    assert result.code == 1
    assert "alpha.txt" in result.shown and message in result.shown, result.shown
    assert "updated         1" in result.out  # bravo went on
    bravo = stored_event(double, expected_event(reports / "bravo.md", reports)["uuid"])
    assert ("ip-dst", "198.51.100.23") in live(bravo)
    double.faults.clear()
    again = sync(str(reports), double=double)  # only the failed report is tried again
    assert again.code == 0, again.out
    stored = stored_event(double, event["uuid"])
    assert live(stored) == live(after) and stored["info"] == after["info"]
    assert len(double.model.events) == 3


def test_an_edit_misp_makes_after_the_sync_gave_up_waiting_is_not_doubled(sync, double, reports, tmp_path) -> None:
    event = first_sync(sync, double, reports)
    (tmp_path / "sync.yaml").write_text(
        "sync:\n  retries: {attempts: 3, base_delay: 0.01, max_delay: 0.02}\n  misp: {timeout: 0.3}\n"
    )
    after = edit_report(reports)
    double.inject(Fault(path=f"/events/edit/{event['uuid']}", delay=1.0))  # MISP writes it, but too late

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out
    deadline = time.monotonic() + 60  # the late edit lands too (a fixed wait raced it on a busy machine)
    while double.in_progress:
        assert time.monotonic() < deadline, "MISP never ended the late edit"
        time.sleep(0.05)
    assert len([r for r in double.log if r.path.startswith("/events/edit/")]) >= 2
    stored = stored_event(double, event["uuid"])
    assert live(stored) == live(after) and stored["info"] == after["info"]
    values = [(a["type"], a["value"]) for a in stored["Attribute"]]
    assert len(values) == len(set(values))
    double.clear_log()
    assert sync(str(reports), double=double).code == 0 and only_the_key_check(double)


def test_an_event_misp_no_longer_shows_to_the_sync_is_one_clear_failure(sync, double, reports) -> None:
    event = first_sync(sync, double, reports)
    # an analyst narrowed who sees it (another organisation's event now): MISP answers 404 to the sync's read
    invisible = {"name": "Invalid event", "message": "Invalid event", "url": f"/events/view/{event['uuid']}"}
    double.inject(Fault(path=f"/events/view/{event['uuid']}", status=404, body=invisible, times=0))
    edit_report(reports)

    result = sync(str(reports), double=double)

    assert result.code == 1
    assert "alpha.txt" in result.shown and "does not show it" in result.shown, result.shown
    assert "Traceback" not in result.out + result.err and len(double.model.events) == 3


def test_a_kill_after_misps_edit_and_before_the_state_write_loses_nothing(double, reports: Path, tmp_path) -> None:
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    command = [str(CLI), "sync", str(reports), "--state-dir", str(tmp_path / "state")]
    assert subprocess.run(command, env=env, capture_output=True, timeout=60).returncode == 0
    event = stored_event(double, expected_event(reports / "alpha.txt", reports)["uuid"])
    misp = analyst(double)
    ok(misp.update_attribute({"to_ids": True, "comment": "blocked at the proxy"}, attribute_uuid_of(event, *URL)))
    after = edit_report(reports)
    process: list[subprocess.Popen[bytes]] = []

    def kill_on_edit(entry: LoggedRequest) -> None:
        if entry.path.startswith("/events/edit/") and entry.user == "sync":  # MISP wrote it; no answer comes
            os.kill(process[0].pid, signal.SIGKILL)

    double.on_request = kill_on_edit
    process.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    assert process[0].wait(timeout=60) == -signal.SIGKILL
    double.on_request = None
    assert NEW_IP in live(stored_event(double, event["uuid"])), "MISP holds the update already"
    double.clear_log()

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert [r.path for r in double.writes()] == [], "MISP holds it all: nothing to write again"
    stored = stored_event(double, event["uuid"])
    assert live(stored) == live(after) and len(double.model.events) == 3
    assert attribute(stored, *URL)["comment"] == "blocked at the proxy" and attribute(stored, *URL)["to_ids"]
    double.clear_log()
    assert subprocess.run(command, env=env, capture_output=True, timeout=60).returncode == 0
    assert only_the_key_check(double)


def test_a_second_sync_started_during_a_run_stops_at_once_and_the_first_delivers_once(
    double, reports: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    command = [str(CLI), "sync", str(reports), "--state-dir", str(tmp_path / "state")]
    started, release = threading.Event(), threading.Event()

    def hold_the_first_add(entry: LoggedRequest) -> None:
        if entry.path == "/events/add" and not started.is_set():  # MISP is slow to answer the first run
            started.set()
            release.wait(timeout=30)

    double.on_request = hold_the_first_add
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert started.wait(timeout=60)

    second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    release.set()
    assert second.returncode == 2
    assert "another sync is running on this state folder" in second.stdout + second.stderr
    assert first.wait(timeout=60) == 0, first.communicate()
    assert len(double.model.events) == 3
    assert [r.path for r in double.writes()].count("/events/add") == 3
