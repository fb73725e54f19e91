"""Each failure of a sync is printed once, whether stderr is a terminal or not (a cron job's mail, a CI log),
and none is lost: off a terminal a report's failure is a progress line on stderr as it happens and the summary
counts it; on a terminal (the bar lists no report) it is under the summary; a dry run lists it as it happens
on both; a failure of the whole run is always under the summary. `--quiet` prints only the failures and one
summary line."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from misp_double import MispDouble
from sync_helpers import analyst, edit_report, first_sync, ok

from misp_module.deliver.sync import cli as sync_cli
from misp_module.deliver.sync.output import ConsoleProgress

EMPTY = "empty.md: file is empty"


def feed(tmp_path: Path) -> tuple[str, ...]:
    return ("--sink", "feed", "--feed-dir", str(tmp_path / "feed"))


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
@pytest.mark.parametrize("dry_run", [False, True], ids=["run", "dry-run"])
def test_a_failed_report_is_printed_once(
    sync, reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool, dry_run: bool
) -> None:
    (reports / "empty.md").write_bytes(b"")
    monkeypatch.setattr(sync_cli, "ConsoleProgress", functools.partial(ConsoleProgress, interactive=terminal))

    result = sync(str(reports), *feed(tmp_path), *(["--dry-run"] if dry_run else []))

    assert result.code == 1
    assert result.shown.count("file is empty") == 1, result.shown
    assert "  failed          1" in result.out
    if dry_run:
        assert "cannot sync empty.md\n    file is empty\n" in result.err
    elif terminal:
        assert f"failed   {EMPTY}" in result.out
    else:
        assert f"failed {EMPTY}\n" in result.err
        assert "1 failure: each printed as it happened, with its report, on standard error" in result.out


def test_a_failure_of_the_whole_run_is_in_the_summary_off_a_terminal_too(
    sync, double: MispDouble, reports: Path
) -> None:
    result = sync(str(reports), double=double, key="revoked-" + "0" * 32)
    assert result.code == 1
    [failure] = [line for line in result.shown.splitlines() if "refused the API key" in line]
    assert failure.startswith("failed   *: ") and failure in result.out.splitlines()
    assert "failure: each printed as it happened" not in result.out


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "pipe"])
def test_quiet_prints_only_the_failures_and_one_summary_line(
    sync, reports: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    (reports / "empty.md").write_bytes(b"")
    monkeypatch.setattr(sync_cli, "ConsoleProgress", functools.partial(ConsoleProgress, interactive=terminal))

    result = sync(str(reports), *feed(tmp_path), "-q")

    assert result.code == 1
    assert result.err == f"failed {EMPTY}\n"  # no bar, no line per report delivered
    [line] = result.out.splitlines()
    assert line.endswith(": 3 created, 0 updated, 0 unchanged, 0 retired, 1 failed, 0 warnings"), line
    assert line.startswith(f"sync {reports} -> feed:")

    again = sync(str(reports), *feed(tmp_path), "--quiet")
    assert again.code == 1 and again.err == f"failed {EMPTY}\n"  # retried, and said again
    assert again.out.endswith(": 0 created, 0 updated, 3 unchanged, 0 retired, 1 failed, 0 warnings\n")


def test_quiet_counts_the_warnings_without_printing_them(sync, double: MispDouble, reports: Path) -> None:
    event = first_sync(sync, double, reports)
    ok(analyst(double).publish(event["uuid"]))  # the next edit warns that MISP unpublished the event
    edit_report(reports)

    result = sync(str(reports), "-q", double=double)

    assert result.code == 0 and result.err == "", result.err
    assert result.out.endswith(": 0 created, 1 updated, 2 unchanged, 0 retired, 0 failed, 1 warnings\n"), result.out
    assert len(result.out.splitlines()) == 1
