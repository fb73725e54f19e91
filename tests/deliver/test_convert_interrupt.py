"""`misp-report convert` stopped by a real signal in a real process: the report in flight is finished and
written (or, at a second signal, named), the last line says what was done and what was not, the exit code is
128 + the signal, every file written is whole, and running the command again converts the rest."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "misp_module.deliver.cli"]
PACED = [sys.executable, str(Path(__file__).with_name("paced_convert.py"))]  # b.txt waits, as the test says
WAIT = 120.0  # seconds at most for a state the test waits for (a loaded machine is slow, a hung run is not)


@pytest.fixture
def folder(tmp_path: Path, reports_dir: Path) -> Path:
    """a.txt, b.txt (the one held in flight by paced_convert.py), c.txt and d.txt, converted in that order."""
    text = (reports_dir / "deepseek-czechia.txt").read_text(encoding="utf-8")
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("a", "b", "c", "d"):
        (reports / f"{name}.txt").write_text(text, encoding="utf-8")
    return reports


def convert_and_signal(
    folder: Path, output: Path, jobs: int, signum: signal.Signals, release: str, until_it_ends: bool = False
) -> tuple[int, str]:
    """Start a convert whose b.txt waits (paced_convert.py: `release` is "stop" or "file"); once b.txt is in flight,
    send `signum` (again every 0.1 s `until_it_ends`), then let b.txt go on (release "file"); (exit code, stderr)."""
    marks = output.parent
    environment = {
        **os.environ,
        "PACED_REPORT": "b.txt",
        "PACED_RELEASE": release,
        "PACED_STARTED": str(marks / "b-started"),
        "PACED_GO": str(marks / "b-go"),
    }
    command = [*PACED, "convert", str(folder), "-o", str(output), "--jobs", str(jobs)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as stderr:
        process = subprocess.Popen(command, stderr=stderr, text=True, env=environment)
        try:
            wait_for(lambda: (marks / "b-started").exists() or process.poll() is not None)
            assert process.poll() is None, "the run ended before b.txt started"
            process.send_signal(signum)
            while until_it_ends and process.poll() is None:
                time.sleep(0.1)
                process.send_signal(signum)
            (marks / "b-go").touch()
            code = process.wait(timeout=WAIT)
        finally:
            process.kill()
        stderr.seek(0)
        return code, stderr.read()


def wait_for(state: Callable[[], bool]) -> None:
    """Polls `state` until it holds (WAIT seconds at most)."""
    deadline = time.monotonic() + WAIT
    while not state():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.01)


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
    code, err = convert_and_signal(folder, output, 1, signal.SIGTERM, "stop")
    assert code == 128 + signal.SIGTERM
    lines = err.splitlines()
    assert lines[:2] == [f"{folder}/a.txt -> {output}/a.json", f"{folder}/b.txt -> {output}/b.json"]
    assert lines[-1].startswith("misp-report: interrupted: 2 converted, 0 failed, 2 not converted")
    assert "Traceback" not in err
    assert written(output) == {"a.json", "b.json"}
    again = subprocess.run([*CLI, "convert", str(folder), "-o", str(output)], check=False)
    assert again.returncode == 0
    assert written(output) == {"a.json", "b.json", "c.json", "d.json"}


def test_a_second_signal_stops_at_once_and_names_the_report_in_flight(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "events"
    code, err = convert_and_signal(folder, output, 1, signal.SIGTERM, "file", until_it_ends=True)
    assert code == 128 + signal.SIGTERM
    last = err.splitlines()[-1]
    assert last.startswith(f"misp-report: interrupted: stopped at once while converting {folder}/b.txt;")
    assert "3 not converted" in last
    assert written(output) == {"a.json"}


def test_ctrl_c_with_several_jobs_writes_whole_files_and_counts_them(folder: Path, tmp_path: Path) -> None:
    output = tmp_path / "events"
    code, err = convert_and_signal(folder, output, 2, signal.SIGINT, "file")
    assert code == 128 + signal.SIGINT
    lines = err.splitlines()
    reported = {Path(line.split(" -> ")[1]).name for line in lines if " -> " in line}
    assert written(output) == reported
    assert lines[-1].startswith(f"misp-report: interrupted: {len(reported)} converted, 0 failed")
    assert "Traceback" not in err
