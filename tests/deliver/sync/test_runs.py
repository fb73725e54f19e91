"""Whole runs: a process killed mid-run, two runs on one state, scheduling and interruption."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from misp_double import LoggedRequest, MispDouble
from sync_helpers import expected_event, generate_reports, live, only_the_key_check, stored_event

from misp_module.deliver.sync import cli as sync_cli
from misp_module.deliver.sync import config
from misp_module.deliver.sync.cli import next_slot, run_once
from misp_module.deliver.sync.runner import Summary
from misp_module.deliver.sync.state import StateLocked, exclusive

CLI = Path(sys.executable).with_name("misp-report")


def test_a_run_killed_mid_way_then_rerun_ends_with_every_event_once(double: MispDouble, tmp_path: Path) -> None:
    paths = generate_reports(tmp_path / "reports", 12)
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    command = [str(CLI), "sync", str(tmp_path / "reports"), "--state-dir", str(tmp_path / "state")]
    process: list[subprocess.Popen[bytes]] = []
    adds: list[LoggedRequest] = []

    def kill_on_fifth_add(entry: LoggedRequest) -> None:
        if entry.path == "/events/add":
            adds.append(entry)
            if len(adds) == 5:  # MISP stored it, the answer never reaches the client
                os.kill(process[0].pid, signal.SIGKILL)

    double.on_request = kill_on_fifth_add
    process.append(subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    assert process[0].wait(timeout=60) == -signal.SIGKILL
    double.on_request = None
    assert 5 <= len(double.model.events) < 12

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)

    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    wanted = {e["uuid"]: e for e in (expected_event(p, tmp_path / "reports") for p in paths)}
    assert set(double.model.events) == set(wanted)
    for event_uuid, event in wanted.items():
        stored = stored_event(double, event_uuid)
        values = [(a["type"], a["value"]) for a in stored["Attribute"]]
        assert len(values) == len(set(values)) and live(stored) == live(event)
    double.clear_log()
    assert subprocess.run(command, env=env, capture_output=True, timeout=60).returncode == 0
    assert only_the_key_check(double)


def test_two_runs_on_one_state_never_overlap(sync, reports: Path, tmp_path: Path) -> None:
    with exclusive(tmp_path / "state"):
        result = sync(str(reports))
    assert result.code == 2
    assert "another sync is running on this state folder" in result.err and str(os.getpid()) in result.err
    assert sync(str(reports)).code == 0  # the lock went with its holder


def test_the_lock_is_refused_to_a_second_holder(tmp_path: Path) -> None:
    with exclusive(tmp_path):
        try:
            with exclusive(tmp_path):
                raise AssertionError("a second holder got the lock")
        except StateLocked:
            pass


def test_runs_are_aligned_on_the_interval() -> None:
    assert next_slot(1000.0, 900.0) == 1800.0
    assert next_slot(1800.0, 900.0) == 2700.0  # a run ending on a slot waits for the next one


def test_sigterm_finishes_the_current_report_and_saves_the_state(double: MispDouble, tmp_path: Path) -> None:
    generate_reports(tmp_path / "reports", 12)
    env = {**os.environ, "MISP_URL": double.url, "MISP_KEY": double.key}
    command = [str(CLI), "sync", str(tmp_path / "reports"), "--state-dir", str(tmp_path / "state")]
    process: list[subprocess.Popen[str]] = []
    signalled = threading.Event()

    def terminate_on_third_add(entry: LoggedRequest) -> None:
        if entry.path == "/events/add" and not signalled.is_set() and len(double.writes()) >= 3:
            signalled.set()
            process[0].send_signal(signal.SIGTERM)

    double.on_request = terminate_on_third_add
    process.append(subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    out, _ = process[0].communicate(timeout=60)
    assert process[0].returncode == 128 + signal.SIGTERM
    assert "interrupted" in out
    created = len(double.model.events)
    assert created < 12
    double.on_request = None
    double.clear_log()
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0
    assert len(double.writes()) == 12 - created  # what was done before SIGTERM was saved


def test_every_runs_again_on_the_next_slot_and_sigterm_while_waiting_exits_cleanly(
    sync, reports, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(config, "MIN_EVERY", 0.5)  # a real schedule is at least a minute: too slow for a test
    runs = []

    def run_and_count(*args: object) -> Summary:
        runs.append(run_once(*args))
        if len(runs) == 2:
            os.kill(os.getpid(), signal.SIGTERM)  # arrives while the loop waits for the third slot
        return runs[-1]

    monkeypatch.setattr(sync_cli, "run_once", run_and_count)
    result = sync(str(reports), "--every", "1s", "--sink", "feed", "--feed-dir", str(tmp_path / "feed"))
    assert result.code == 0
    assert len(runs) == 2 and result.out.count("sync ") == 2
