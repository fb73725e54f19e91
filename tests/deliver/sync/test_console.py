"""What an analyst sees on the console, end to end against the MISP double: each warning once (as it happens,
with its report; the summary counts it), a line saying when `--every` runs next, and a wrong API key named
even when every report is unchanged."""

from __future__ import annotations

import functools
import os
import re
import signal
from pathlib import Path

import pytest
from misp_double import Fault, MispDouble
from sync_helpers import analyst, edit_report, first_sync, ok, only_the_key_check

from misp_module.deliver.sync import cli as sync_cli
from misp_module.deliver.sync import config
from misp_module.deliver.sync.output import ConsoleProgress
from misp_module.deliver.sync.runner import Summary

UNPUBLISHED = "was published"  # the warning of an edit to a published event: MISP unpublished it


def published_then_edited(sync, double: MispDouble, reports: Path) -> None:
    """The analyst publishes alpha.txt's event, then its author edits the report: the next run warns once."""
    event = first_sync(sync, double, reports)
    ok(analyst(double).publish(event["uuid"]))
    edit_report(reports)


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_a_warning_is_said_once_as_it_happens_and_counted_in_the_summary(
    sync, double: MispDouble, reports: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    published_then_edited(sync, double, reports)
    monkeypatch.setattr(sync_cli, "ConsoleProgress", functools.partial(ConsoleProgress, interactive=terminal))

    result = sync(str(reports), double=double)

    assert result.code == 0, result.out + result.err
    said = (result.out + result.err).count(UNPUBLISHED)
    assert said == 1, result.out + result.err
    warning = next(line for line in result.err.split("\n") if UNPUBLISHED in line)
    # on its own line, never run into the progress bar: the bar was wiped ("\r   \r") before it
    assert warning.split("\r")[-1].startswith("misp-report: WARNING: alpha.txt: "), repr(warning)
    if terminal:
        assert re.search(r"\r {80}\rmisp-report: WARNING: alpha\.txt: ", result.err)
    else:
        assert "updated alpha.txt\nmisp-report: WARNING: alpha.txt: " in result.err  # the report, then its warning
    assert "  warnings        1" in result.out
    assert "1 warning: each printed as it happened, with its report" in result.out


def test_every_says_when_the_next_run_is_due_and_ctrl_c_while_waiting_ends_cleanly(
    sync, reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "MIN_EVERY", 0.5)  # a real schedule is at least a minute: too slow for a test
    runs, run_once = [], sync_cli.run_once

    def run_then_ctrl_c(*args: object) -> Summary:
        runs.append(run_once(*args))
        os.kill(os.getpid(), signal.SIGINT)  # arrives while the loop waits for the next slot
        return runs[-1]

    monkeypatch.setattr(sync_cli, "run_once", run_then_ctrl_c)
    result = sync(str(reports), "--every", "1h", "--sink", "feed", "--feed-dir", str(tmp_path / "feed"))

    assert result.code == 0 and len(runs) == 1
    lines = result.err.splitlines()
    due = [line for line in lines if line.startswith("next run at ")]
    assert len(due) == 1 and re.fullmatch(
        r"next run at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(in (\d+m)?(\d+s)?\); Ctrl-C to stop", due[0]
    ), due
    assert lines[-1] == "stopped while waiting for the next run: no run was in progress"
    assert "Traceback" not in result.err and "interrupted" not in result.out


def test_next_run_line_says_the_wait_in_hours_minutes_and_seconds() -> None:
    assert sync_cli.next_run_line(3600 * 5 + 90, 0).endswith("(in 5h1m30s); Ctrl-C to stop\n")
    assert sync_cli.next_run_line(900, 0.4).endswith("(in 15m); Ctrl-C to stop\n")
    assert sync_cli.next_run_line(10, 10).endswith("(in 0s); Ctrl-C to stop\n")


def test_a_wrong_key_is_named_though_every_report_is_unchanged(sync, double: MispDouble, reports: Path) -> None:
    assert sync(str(reports), double=double).code == 0
    double.clear_log()

    result = sync(str(reports), double=double, key="revoked-" + "0" * 32)

    assert result.code == 1
    assert "  unchanged       3" in result.out
    failure = next(line for line in result.out.splitlines() if line.startswith("failed   *"))
    assert "cannot use MISP: MISP refused the API key (HTTP 403, Authentication failed): check MISP_KEY" in failure
    assert "not delivered" not in failure  # every report is delivered: only the key is wrong
    assert [(r.path, r.status) for r in double.requests()] == [("/servers/getVersion", 403)]  # one request
    double.clear_log()
    assert sync(str(reports), double=double).code == 0 and only_the_key_check(double)


def test_a_misp_down_at_the_key_check_is_retried_then_named(sync, double: MispDouble, reports: Path) -> None:
    assert sync(str(reports), double=double).code == 0
    double.inject(Fault(path="/servers/getVersion", method="GET", status=503, times=0))
    double.clear_log()

    result = sync(str(reports), double=double)

    assert result.code == 1
    failure = next(line for line in result.out.splitlines() if line.startswith("failed   *"))
    assert "cannot use MISP" in failure and "503" in failure, failure
    assert [r.status for r in double.requests()] == [503, 503, 503]  # the retry policy's 3 attempts (conftest)


def test_the_feed_sink_needs_no_key_check(sync, reports: Path, tmp_path: Path) -> None:
    feed = ("--sink", "feed", "--feed-dir", str(tmp_path / "feed"))
    assert sync(str(reports), *feed).code == 0
    again = sync(str(reports), *feed)
    assert again.code == 0 and "  unchanged       3" in again.out and "failed   *" not in again.out
