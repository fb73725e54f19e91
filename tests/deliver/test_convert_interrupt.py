"""`misp-report convert` stopped by a real signal in a real process: the report in flight is finished and
written (or, at a second signal, named), the last line says what was done and what was not, the exit code is
128 + the signal, every file written is whole, and running the command again converts the rest."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "misp_module.deliver.cli"]
SLOW_COPIES = 60  # the sample report 60 times over: one to two seconds of work (CPU), long enough to be caught at it,
# short enough to finish within the grace period (interrupt.ABORT_AFTER) on a loaded machine


@pytest.fixture
def folder(tmp_path: Path, reports_dir: Path) -> Path:
    """a.txt (quick), b.txt (slow), c.txt and d.txt (quick), converted in that order."""
    text = (reports_dir / "deepseek-czechia.txt").read_text(encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a", "c", "d"):
        (reports / f"{name}.txt").write_text(text, encoding="utf-8")
    (reports / "b.txt").write_text(text * SLOW_COPIES, encoding="utf-8")
    return reports


def convert_and_signal(folder: Path, output: Path, jobs: int, signals: list[signal.Signals]) -> tuple[int, str]:
    """Start a convert, wait for its first written report, then send `signals` 0.2 s apart (the slow b.txt is
    being converted then); (exit code, the whole stderr)."""
    command = [*CLI, "convert", str(folder), "-o", str(output), "--jobs", str(jobs), "--max-size", "10000000"]
    process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    first = process.stderr.readline()
    for signum in signals:
        time.sleep(0.2)
        process.send_signal(signum)
    rest = process.stderr.read()
    return process.wait(timeout=60), first + rest


def written(output: Path) -> set[str]:
    """The names of the event files in `output`, each checked to be a whole MISP event."""
    names = set()
    for path in output.glob("*.json"):
        assert json.loads(path.read_text(encoding="utf-8"))["Event"]["uuid"]
        names.add(path.name)
    assert not [path for path in output.iterdir() if path.suffix != ".json"]  # no half-written temporary file
    return names


def test_sigterm_finishes_the_report_in_flight_and_says_what_is_left(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "events"
    code, err = convert_and_signal(folder, output, 1, [signal.SIGTERM])
    assert code == 128 + signal.SIGTERM
    lines = err.splitlines()
    assert lines[:2] == [f"{folder}/a.txt -> {output}/a.json", f"{folder}/b.txt -> {output}/b.json"]
    assert lines[-1].startswith("misp-report: interrupted: 2 converted, 0 failed, 2 not converted")
    assert "Traceback" not in err
    assert written(output) == {"a.json", "b.json"}
    again = subprocess.run([*CLI, "convert", str(folder), "-o", str(output), "--max-size", "10000000"], check=False)
    assert again.returncode == 0
    assert written(output) == {"a.json", "b.json", "c.json", "d.json"}


def test_a_second_signal_stops_at_once_and_names_the_report_in_flight(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "events"
    code, err = convert_and_signal(folder, output, 1, [signal.SIGTERM, signal.SIGTERM])
    assert code == 128 + signal.SIGTERM
    last = err.splitlines()[-1]
    assert last.startswith(f"misp-report: interrupted: stopped at once while converting {folder}/b.txt;")
    assert "3 not converted" in last
    assert written(output) == {"a.json"}


def test_ctrl_c_with_several_jobs_writes_whole_files_and_counts_them(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "events"
    code, err = convert_and_signal(folder, output, 2, [signal.SIGINT])
    assert code == 128 + signal.SIGINT
    lines = err.splitlines()
    reported = {Path(line.split(" -> ")[1]).name for line in lines if " -> " in line}
    assert written(output) == reported
    assert lines[-1].startswith(f"misp-report: interrupted: {len(reported)} converted, 0 failed")
    assert "Traceback" not in err
