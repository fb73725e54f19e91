"""The process pool behind `--jobs`: results in input order, items read a bounded window ahead, errors as
one job raises them, no pool for a single item; and a cold `convert` that imports no sync module."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from misp_module.deliver.parallel import default_jobs, ordered_map


def square_after_a_pause(number: int) -> tuple[int, int]:
    """Later items finish first (shorter pauses), so any reordering would show."""
    time.sleep(0.002 * (10 - number % 10))
    return number, os.getpid()


def fail_on_three(number: int) -> int:
    if number == 3:
        raise KeyError("a bug, not a report error")
    return number


def test_results_come_back_in_input_order_from_several_processes() -> None:
    results = list(ordered_map(square_after_a_pause, range(30), jobs=3))
    assert [number for number, _ in results] == list(range(30))
    workers = {pid for _, pid in results} - {os.getpid()}
    assert 1 <= len(workers) <= 3


def test_one_job_or_one_item_stays_in_this_process() -> None:
    assert {pid for _, pid in ordered_map(square_after_a_pause, range(5), jobs=1)} == {os.getpid()}
    assert [pid for _, pid in ordered_map(square_after_a_pause, [7], jobs=4)] == [os.getpid()]
    assert list(ordered_map(square_after_a_pause, [], jobs=4)) == []


def test_items_are_read_a_bounded_window_ahead() -> None:
    read: list[int] = []

    def items() -> Iterator[int]:
        for number in range(100):
            read.append(number)
            yield number

    results = ordered_map(fail_on_three, (n + 10 for n in items()), jobs=2, window=4)
    assert next(results) == 10
    assert len(read) <= 1 + 4 + 1
    results.close()


def test_a_bug_in_a_worker_is_raised_here_as_one_job_raises_it() -> None:
    with pytest.raises(KeyError, match="a bug"):
        list(ordered_map(fail_on_three, range(6), jobs=1))
    with pytest.raises(KeyError, match="a bug"):
        list(ordered_map(fail_on_three, range(6), jobs=2))


def test_default_jobs_is_the_cores_this_process_may_use() -> None:
    assert default_jobs() == len(os.sched_getaffinity(0))


def test_a_cold_convert_imports_no_sync_module(reports_dir: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from misp_module.deliver.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['convert', {str(reports_dir / 'deepseek-czechia.txt')!r}]) == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('misp_module.deliver.sync') or m == 'multiprocessing'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("jobs", [1, 3])
def test_once_stopped_no_item_starts_and_the_results_are_a_prefix(jobs: int) -> None:
    stop = threading.Event()
    results = []
    for number, _ in ordered_map(square_after_a_pause, range(200), jobs=jobs, window=6, stop=stop):
        results.append(number)
        if number == 4:
            stop.set()
    assert results == list(range(len(results)))
    assert 5 <= len(results) <= 5 + 6 + 1  # what was already handed to a worker, never the rest
